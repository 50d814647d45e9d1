/// Heavy-ball momentum (Polyak 1964, "Some methods of speeding up the convergence of
/// iteration methods"): v ← βv − η∇L(w), w ← w + v, with v = 0 at the start.
///
/// The default β = 0.9 is the customary value (Sutskever et al. 2013, Goodfellow et al.,
/// *Deep Learning* §8.3.2). On a quadratic, the iteration is stable while η < 2(1 + β)/λmax.
public struct MomentumRule: MethodRule {
    /// The fraction β of the previous velocity that is kept, in [0, 1).
    public var momentum: Double
    private var velocity = Weights(0, 0)

    public static let defaultMomentum = 0.9

    public init(momentum: Double = MomentumRule.defaultMomentum) { self.momentum = momentum }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        velocity = momentum * velocity - η * g
        return w + velocity
    }

    public static let entry = MethodEntry(
        name: "momentum", summary: "heavy-ball momentum (Polyak 1964): v ← βv − η∇L, w ← w + v",
        parameters: [
            Hyperparameter(key: "momentum", defaultValue: defaultMomentum, allowed: .fraction,
                           doc: "β, the fraction of the previous step kept in the next one"),
        ]
    ) { values in .momentum(beta: values["momentum"]) }

    public var hyperparameterValues: [String: Double] { ["momentum": momentum] }
}
