/// AdaGrad (Duchi, Hazan & Singer 2011, "Adaptive subgradient methods", the diagonal
/// update): G ← G + g², w ← w − η g / (√G + ε) per component, with G = 0 at the start.
///
/// ε = 1e-8 keeps the first division defined where a gradient component is 0; the paper's
/// δ has no fixed value, and 1e-8 is the ε of Kingma & Ba 2015 used across the adaptive
/// methods here. √G is kept instead of G (see `rootOfWeightedSquares`).
public struct AdaGradRule: MethodRule {
    /// ε, added to the root of the accumulated squares before dividing, > 0.
    public var epsilon = AdaGradRule.defaultEpsilon
    private var rootSum = Weights(0, 0)

    public static let defaultEpsilon = 1e-8

    public init() {}
    public init(epsilon: Double) { self.epsilon = epsilon }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        rootSum = rootOfWeightedSquares(rootSum, 1, g, 1)
        return w - η * g / (rootSum + epsilon)
    }

    public static let name = "adagrad"
    public static let summary = "AdaGrad (Duchi et al. 2011): each weight's step divided by the root of its summed squared gradients"
    public static let details = """
        The sum of squared gradients G starts at 0, as with PyTorch's `Adagrad` (its \
        `initial_accumulator_value = 0`), so the first step moves each weight by η·|g|/(|g| + ε), \
        about η whatever the gradient's size.
        """
    public static var parameters: [RuleParameter<Self>] {
        [RuleParameter("epsilon", \.epsilon, allowed: .positive,
                       symbol: "ε", meaning: "added to the denominator so a zero gradient does not divide by zero",
                       details: """
                           added outside the square root: w ← w − η g/(√G + ε), as PyTorch's `Adagrad` does; \
                           PyTorch's default `eps` is 1e-10, so write `epsilon = 1e-10` to match it.
                           """)]
    }
    public var method: Method { .adagrad(epsilon: epsilon) }
}
