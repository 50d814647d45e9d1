/// The perceptron's output function ŷ = act(z) of its weighted input z = w1·x1 + w2·x2 + bias.
public enum PerceptronActivation: String, Sendable, CaseIterable {
    /// ŷ = z.
    case linear
    /// ŷ = 1 / (1 + e^−z), a probability.
    case sigmoid
    /// ŷ = tanh z, in (−1, 1). Under cross-entropy it is read as the probability (1 + tanh z) / 2.
    case tanh
}

/// How the perceptron's predictions are scored against the targets.
public enum PerceptronLoss: String, Sendable, CaseIterable {
    /// The mean of the squared errors (ŷ − y)², without a factor ½.
    case mse
    /// The mean binary cross-entropy −[y ln p + (1 − y) ln(1 − p)], targets in [0, 1].
    case crossEntropy = "cross-entropy"
}

extension PerceptronLoss {
    /// Under cross-entropy, a linear output z is read as the probability p = z clipped to
    /// [ε, 1 − ε]; this is ε (see `PointLoss.probabilityClip`).
    public static var probabilityClip: Double { PointLoss.probabilityClip }
}
