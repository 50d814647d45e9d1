/// Nesterov's accelerated gradient (Nesterov 1983) in the momentum form of Sutskever, Martens,
/// Dahl & Hinton 2013 ("On the importance of initialization and momentum in deep learning",
/// eq. 3–4): v ← μv − η∇L(w + μv), w ← w + v, with v = 0 at the start.
///
/// It is heavy-ball momentum with the gradient taken at the look-ahead point w + μv, which
/// is why this rule overrides `gradientPoint(from:)`. The default μ = 0.9 as for momentum.
public struct NesterovRule: MethodRule {
    /// The fraction μ of the previous velocity that is kept, in [0, 1).
    public var momentum: Double
    private var velocity = Weights(0, 0)

    public init(momentum: Double = MomentumRule.defaultMomentum) { self.momentum = momentum }

    public func gradientPoint(from w: Weights) -> Weights { w + momentum * velocity }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        velocity = momentum * velocity - η * g
        return w + velocity
    }

    public static let entry = MethodEntry(
        name: "nesterov", summary: "Nesterov momentum (Sutskever et al. 2013 form): v ← μv − η∇L(w + μv), w ← w + v",
        parameters: [
            Hyperparameter(key: "momentum", defaultValue: MomentumRule.defaultMomentum, allowed: .fraction,
                           doc: "μ, the fraction of the previous step kept in the next one"),
        ]
    ) { values in .nesterov(beta: values["momentum"]) }

    public var hyperparameterValues: [String: Double] { ["momentum": momentum] }
}
