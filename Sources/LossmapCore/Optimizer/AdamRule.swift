/// Adam (Kingma & Ba 2015, "Adam: A method for stochastic optimization", Algorithm 1):
/// m ← β1 m + (1 − β1)g, v ← β2 v + (1 − β2)g², m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ),
/// w ← w − η m̂ / (√v̂ + ε), with m = v = 0 at the start and t the step number.
///
/// Defaults are the paper's: β1 = 0.9, β2 = 0.999, ε = 1e-8. √v is kept instead of v
/// (see `rootOfWeightedSquares`).
public struct AdamRule: MethodRule {
    /// β1, the decay of the running mean of gradients, in [0, 1).
    public var beta1: Double
    /// β2, the decay of the running mean of squared gradients, in [0, 1).
    public var beta2: Double
    /// ε, added to the root of the corrected second moment before dividing, > 0.
    public var epsilon: Double
    private var mean = Weights(0, 0)
    private var rootSecondMoment = Weights(0, 0)
    // β1ᵗ and β2ᵗ, kept as running products rather than recomputed with pow.
    private var beta1Power = 1.0
    private var beta2Power = 1.0

    public static let defaultBeta1 = 0.9
    public static let defaultBeta2 = 0.999

    public init(beta1: Double = AdamRule.defaultBeta1, beta2: Double = AdamRule.defaultBeta2,
                epsilon: Double = AdaGradRule.defaultEpsilon) {
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

    public static let entry = MethodEntry(
        name: "adam", summary: "Adam (Kingma & Ba 2015): bias-corrected running means of the gradient and its square",
        parameters: [
            Hyperparameter(key: "beta1", defaultValue: defaultBeta1, allowed: .fraction,
                           doc: "β1, how much of the running mean of gradients is kept each step"),
            Hyperparameter(key: "beta2", defaultValue: defaultBeta2, allowed: .fraction,
                           doc: "β2, how much of the running mean of squared gradients is kept each step"),
            Hyperparameter(key: "epsilon", defaultValue: AdaGradRule.defaultEpsilon, allowed: .positive,
                           doc: "ε, added to the denominator so a zero gradient does not divide by zero"),
        ]
    ) { values in .adam(beta1: values["beta1"], beta2: values["beta2"], epsilon: values["epsilon"]) }

    public var hyperparameterValues: [String: Double] { ["beta1": beta1, "beta2": beta2, "epsilon": epsilon] }
}
