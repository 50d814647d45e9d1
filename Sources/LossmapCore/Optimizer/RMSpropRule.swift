/// RMSprop (Tieleman & Hinton 2012, Coursera "Neural Networks for Machine Learning",
/// lecture 6.5): E ← ρE + (1 − ρ)g², w ← w − η g / (√E + ε) per component, E = 0 at the start.
///
/// The lecture's ρ = 0.9 is the default decay; ε = 1e-8 as in Kingma & Ba 2015. √E is kept
/// instead of E (see `rootOfWeightedSquares`).
public struct RMSpropRule: MethodRule {
    /// ρ, the fraction of the running mean of squared gradients kept each step, in [0, 1).
    public var decay: Double
    /// ε, added to the root mean square before dividing, > 0.
    public var epsilon: Double
    private var rootMeanSquare = Weights(0, 0)

    public static let defaultDecay = 0.9

    public init(decay: Double = RMSpropRule.defaultDecay, epsilon: Double = AdaGradRule.defaultEpsilon) {
        self.decay = decay
        self.epsilon = epsilon
    }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        rootMeanSquare = rootOfWeightedSquares(rootMeanSquare, decay, g, 1 - decay)
        return w - η * g / (rootMeanSquare + epsilon)
    }

    public static let entry = MethodEntry(
        name: "rmsprop", summary: "RMSprop (Tieleman & Hinton 2012): each weight's step divided by a running root mean square of its gradients",
        parameters: [
            Hyperparameter(key: "decay", defaultValue: defaultDecay, allowed: .fraction,
                           doc: "ρ, how much of the running mean of squared gradients is kept each step"),
            Hyperparameter(key: "epsilon", defaultValue: AdaGradRule.defaultEpsilon, allowed: .positive,
                           doc: "ε, added to the denominator so a zero gradient does not divide by zero"),
        ]
    ) { values in .rmsprop(decay: values["decay"], epsilon: values["epsilon"]) }

    public var hyperparameterValues: [String: Double] { ["decay": decay, "epsilon": epsilon] }
}
