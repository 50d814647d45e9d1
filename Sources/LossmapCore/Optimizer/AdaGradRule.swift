/// AdaGrad (Duchi, Hazan & Singer 2011, "Adaptive subgradient methods", the diagonal
/// update): G ← G + g², w ← w − η g / (√G + ε) per component, with G = 0 at the start.
///
/// ε = 1e-8 keeps the first division defined where a gradient component is 0; the paper's
/// δ has no fixed value, and 1e-8 is the ε of Kingma & Ba 2015 used across the adaptive
/// methods here. √G is kept instead of G (see `rootOfWeightedSquares`).
public struct AdaGradRule: MethodRule {
    /// ε, added to the root of the accumulated squares before dividing, > 0.
    public var epsilon: Double
    private var rootSum = Weights(0, 0)

    public static let defaultEpsilon = 1e-8

    public init(epsilon: Double = AdaGradRule.defaultEpsilon) { self.epsilon = epsilon }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        rootSum = rootOfWeightedSquares(rootSum, 1, g, 1)
        return w - η * g / (rootSum + epsilon)
    }

    public static let entry = MethodEntry(
        name: "adagrad", summary: "AdaGrad (Duchi et al. 2011): each weight's step divided by the root of its summed squared gradients",
        parameters: [
            Hyperparameter(key: "epsilon", defaultValue: defaultEpsilon, allowed: .positive,
                           doc: "ε, added to the denominator so a zero gradient does not divide by zero"),
        ]
    ) { values in .adagrad(epsilon: values["epsilon"]) }

    public var hyperparameterValues: [String: Double] { ["epsilon": epsilon] }
}
