/// RMSprop (Tieleman & Hinton 2012, Coursera "Neural Networks for Machine Learning",
/// lecture 6.5): E ← ρE + (1 − ρ)g², w ← w − η g / (√E + ε) per component, E = 0 at the start.
///
/// The lecture's ρ = 0.9 is the default decay; ε = 1e-8 as in Kingma & Ba 2015. √E is kept
/// instead of E (see `rootOfWeightedSquares`).
public struct RMSpropRule: MethodRule {
    /// ρ, the fraction of the running mean of squared gradients kept each step, in [0, 1).
    public var decay = RMSpropRule.defaultDecay
    /// ε, added to the root mean square before dividing, > 0.
    public var epsilon = AdaGradRule.defaultEpsilon
    private var rootMeanSquare = Weights(0, 0)

    public static let defaultDecay = 0.9

    public init() {}
    public init(decay: Double, epsilon: Double) {
        self.decay = decay
        self.epsilon = epsilon
    }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        rootMeanSquare = rootOfWeightedSquares(rootMeanSquare, decay, g, 1 - decay)
        return w - η * g / (rootMeanSquare + epsilon)
    }

    public static let name = "rmsprop"
    public static let summary = "RMSprop (Tieleman & Hinton 2012): each weight's step divided by a running root mean square of its gradients"
    public static let details = "The running mean of squared gradients E starts at 0, as with PyTorch's `RMSprop`."
    public static var parameters: [RuleParameter<Self>] {
        [RuleParameter("decay", \.decay, allowed: .fraction,
                       symbol: "ρ", meaning: "how much of the running mean of squared gradients is kept each step",
                       details: """
                           the default 0.9 is the lecture's ρ; PyTorch's `RMSprop` calls it `alpha` and \
                           defaults to 0.99, so write `decay = 0.99` to match PyTorch.
                           """),
         RuleParameter("epsilon", \.epsilon, allowed: .positive,
                       symbol: "ε", meaning: "added to the denominator so a zero gradient does not divide by zero",
                       details: "added outside the square root: w ← w − η g/(√E + ε), as PyTorch's `RMSprop` does (default `eps` 1e-8 there too).")]
    }
    public var method: Method { .rmsprop(decay: decay, epsilon: epsilon) }
}
