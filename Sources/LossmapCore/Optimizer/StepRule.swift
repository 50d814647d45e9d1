import Foundation

/// How one optimisation method turns a gradient into a step.
///
/// Every method is one type conforming to `MethodRule` (this protocol plus its hyperparameters);
/// `Method` lists them, so adding a method touches its own file and the table in Method.swift.
/// A rule is a value: it carries its own state (a velocity, running averages) and is copied
/// fresh for every run. No rule clips its step: a step that is too big must be allowed to go
/// wrong, since showing that is the point of the figure.
public protocol StepRule: Sendable {
    /// Where the rule wants the gradient for its next step, given the current weights `w`:
    /// `w` itself for most methods, the look-ahead point for Nesterov's.
    func gradientPoint(from w: Weights) -> Weights

    /// The new weights after one step from `w`, with learning rate η. `g` is the gradient at
    /// `gradientPoint(from: w)`. `step` counts from 1.
    mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights

    /// True for a rule that steps along H⁻¹∇L (Newton's): `Descent` then hands `step` the
    /// Newton direction instead of the gradient (see `NewtonRule`).
    var usesCurvature: Bool { get }
}

extension StepRule {
    public func gradientPoint(from w: Weights) -> Weights { w }
    public var usesCurvature: Bool { false }
}

/// A step rule that a config can name: its row in the method table (name, summary, the
/// hyperparameters as key paths into the rule) and the `Method` it stands for.
///
/// The rule's stored hyperparameters are its typed parameter set: `init()` gives each its
/// default, `parameters` names each as a config key, `method` turns the set into the value
/// specs carry.
public protocol MethodRule: StepRule {
    /// The config name: `method = "adam"`.
    static var name: String { get }
    /// A one-line description, with the source of the update rule.
    static var summary: String { get }
    /// Notes for docs/config.md (how the rule compares with PyTorch's, where state starts);
    /// empty when there are none.
    static var details: String { get }
    /// The hyperparameters a config may set, in the order they are documented.
    static var parameters: [RuleParameter<Self>] { get }
    /// The rule with the default hyperparameters and fresh state.
    init()
    /// The method with this rule's hyperparameter values.
    var method: Method { get }
}

extension MethodRule {
    public static var details: String { "" }
    public static var parameters: [RuleParameter<Self>] { [] }
    /// The rule's row in the method table.
    public static var entry: MethodEntry { MethodEntry(Self.self) }
}

/// The square root of a running sum of squares, updated as √(a·r² + b·g²) per component
/// without forming g²: adaptive methods divide by such a root, and a gradient of 1e200 must
/// not square to infinity and freeze the run (g/∞ = 0) instead of letting it diverge.
func rootOfWeightedSquares(_ r: Weights, _ a: Double, _ g: Weights, _ b: Double) -> Weights {
    let sa = a.squareRoot(), sb = b.squareRoot()
    return Weights(hypot(sa * r.x, sb * g.x), hypot(sa * r.y, sb * g.y))
}
