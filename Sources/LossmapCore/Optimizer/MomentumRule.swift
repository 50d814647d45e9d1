/// Heavy-ball momentum (Polyak 1964, "Some methods of speeding up the convergence of
/// iteration methods"): v ← βv − η∇L(w), w ← w + v, with v = 0 at the start.
///
/// The default β = 0.9 is the customary value (Sutskever et al. 2013, Goodfellow et al.,
/// *Deep Learning* §8.3.2). On a quadratic, the iteration is stable while η < 2(1 + β)/λmax.
public struct MomentumRule: MethodRule {
    /// The fraction β of the previous velocity that is kept, in [0, 1).
    public var momentum = MomentumRule.defaultMomentum
    private var velocity = Weights(0, 0)

    public static let defaultMomentum = 0.9

    public init() {}
    public init(momentum: Double) { self.momentum = momentum }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        velocity = momentum * velocity - η * g
        return w + velocity
    }

    public static let name = "momentum"
    public static let summary = "heavy-ball momentum (Polyak 1964): v ← βv − η∇L, w ← w + v"
    // PyTorch's buffer is b ← βb + g, w ← w − ηb (with `dampening = 0`): b = −v/η, the same points.
    public static let details = "The same points as PyTorch's `SGD` with `momentum = β` and `dampening = 0`, whose buffer b is −v/η."
    public static var parameters: [RuleParameter<Self>] {
        [RuleParameter("momentum", \.momentum, allowed: .fraction,
                       symbol: "β", meaning: "the fraction of the previous step kept in the next one")]
    }
    public var method: Method { .momentum(beta: momentum) }
}
