/// Adam (Kingma & Ba 2015, "Adam: A method for stochastic optimization", Algorithm 1):
/// m ← β1 m + (1 − β1)g, v ← β2 v + (1 − β2)g², m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ),
/// w ← w − η m̂ / (√v̂ + ε), with m = v = 0 at the start and t the step number.
///
/// Defaults are the paper's: β1 = 0.9, β2 = 0.999, ε = 1e-8. √v is kept instead of v
/// (see `rootOfWeightedSquares`).
public struct AdamRule: MethodRule {
    /// β1, the decay of the running mean of gradients, in [0, 1).
    public var beta1 = AdamRule.defaultBeta1
    /// β2, the decay of the running mean of squared gradients, in [0, 1).
    public var beta2 = AdamRule.defaultBeta2
    /// ε, added to the root of the corrected second moment before dividing, > 0.
    public var epsilon = AdaGradRule.defaultEpsilon
    private var mean = Weights(0, 0)
    private var rootSecondMoment = Weights(0, 0)
    // β1ᵗ and β2ᵗ, kept as running products rather than recomputed with pow.
    private var beta1Power = 1.0
    private var beta2Power = 1.0

    public static let defaultBeta1 = 0.9
    public static let defaultBeta2 = 0.999

    public init() {}
    public init(beta1: Double, beta2: Double, epsilon: Double) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        mean = beta1 * mean + (1 - beta1) * g
        rootSecondMoment = rootOfWeightedSquares(rootSecondMoment, beta2, g, 1 - beta2)
        beta1Power *= beta1
        beta2Power *= beta2
        let correctedMean = mean / (1 - beta1Power)
        let correctedRoot = rootSecondMoment / (1 - beta2Power).squareRoot()
        return w - η * correctedMean / (correctedRoot + epsilon)
    }

    public static let name = "adam"
    public static let summary = "Adam (Kingma & Ba 2015): bias-corrected running means of the gradient and its square"
    public static let details = "The running means m and v start at 0; the defaults are the paper's and PyTorch's `Adam`'s."
    public static var parameters: [RuleParameter<Self>] {
        [RuleParameter("beta1", \.beta1, allowed: .fraction,
                       symbol: "β1", meaning: "how much of the running mean of gradients is kept each step"),
         RuleParameter("beta2", \.beta2, allowed: .fraction,
                       symbol: "β2", meaning: "how much of the running mean of squared gradients is kept each step"),
         RuleParameter("epsilon", \.epsilon, allowed: .positive,
                       symbol: "ε", meaning: "added to the denominator so a zero gradient does not divide by zero",
                       details: """
                           added outside the square root of the bias-corrected second moment: \
                           w ← w − η m̂/(√v̂ + ε), as in the paper's Algorithm 1 and PyTorch's `Adam`.
                           """)]
    }
    public var method: Method { .adam(beta1: beta1, beta2: beta2, epsilon: epsilon) }
}
