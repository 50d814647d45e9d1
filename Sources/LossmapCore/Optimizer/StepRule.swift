import Foundation

/// How one optimisation method turns a gradient into a step.
///
/// Every method is one type conforming to `MethodRule` (this protocol plus its catalog entry);
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
}

extension StepRule {
    public func gradientPoint(from w: Weights) -> Weights { w }
}

/// A step rule that a config can name: its catalog entry (name, keys, defaults) and the
/// values of its hyperparameters.
public protocol MethodRule: StepRule {
    /// The rule's row in the method table: config name, summary, hyperparameter keys.
    static var entry: MethodEntry { get }
    /// The value of each of `entry.parameters`, by key.
    var hyperparameterValues: [String: Double] { get }
}

/// The square root of a running sum of squares, updated as √(a·r² + b·g²) per component
/// without forming g²: adaptive methods divide by such a root, and a gradient of 1e200 must
/// not square to infinity and freeze the run (g/∞ = 0) instead of letting it diverge.
func rootOfWeightedSquares(_ r: Weights, _ a: Double, _ g: Weights, _ b: Double) -> Weights {
    let sa = a.squareRoot(), sb = b.squareRoot()
    return Weights(hypot(sa * r.x, sb * g.x), hypot(sa * r.y, sb * g.y))
}
