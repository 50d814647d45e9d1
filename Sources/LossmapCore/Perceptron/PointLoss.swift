import Foundation
import LossmapKernel

/// The loss of one point as a function of its weighted input z and target y, for each
/// activation × loss, with the derivatives dℓ/dz and d²ℓ/dz².
enum PointLoss: Sendable, Equatable {
    case linearSquared, sigmoidSquared, tanhSquared
    case linearCrossEntropy, sigmoidCrossEntropy, tanhCrossEntropy

    init(_ activation: PerceptronActivation, _ loss: PerceptronLoss) {
        switch (activation, loss) {
        case (.linear, .mse): self = .linearSquared
        case (.sigmoid, .mse): self = .sigmoidSquared
        case (.tanh, .mse): self = .tanhSquared
        case (.linear, .crossEntropy): self = .linearCrossEntropy
        case (.sigmoid, .crossEntropy): self = .sigmoidCrossEntropy
        case (.tanh, .crossEntropy): self = .tanhCrossEntropy
        }
    }

    /// Where a linear output is clipped before its logarithm under cross-entropy: p ∈ [ε, 1 − ε].
    /// The value is Keras's default `epsilon()`, 1e-7; outside it the loss is flat.
    static let probabilityClip = 1e-7

    /// dℓ/dz and d²ℓ/dz².
    @inline(__always)
    func derivatives(_ z: Double, _ y: Double) -> (first: Double, second: Double) {
        switch self {
        case .linearSquared:
            return (2 * (z - y), 2)
        case .sigmoidSquared:
            // ŷ = σ, ŷ′ = σ(1 − σ), ŷ″ = ŷ′(1 − 2σ); ℓ = (ŷ − y)², ℓ′ = 2(ŷ − y)ŷ′, ℓ″ = 2(ŷ′² + (ŷ − y)ŷ″).
            let s = Self.logistic(z), d1 = s * (1 - s), d2 = d1 * (1 - 2 * s)
            return (2 * (s - y) * d1, 2 * (d1 * d1 + (s - y) * d2))
        case .tanhSquared:
            let t = Foundation.tanh(z), d1 = 1 - t * t, d2 = -2 * t * d1
            return (2 * (t - y) * d1, 2 * (d1 * d1 + (t - y) * d2))
        case .sigmoidCrossEntropy:
            // ℓ = softplus(z) − y·z, so ℓ′ = σ(z) − y and ℓ″ = σ(1 − σ).
            let s = Self.logistic(z)
            return (s - y, s * (1 - s))
        case .tanhCrossEntropy:
            // p = (1 + tanh z)/2 = σ(2z): the sigmoid case at 2z, times 2 per derivative.
            let s = Self.logistic(2 * z)
            return (2 * (s - y), 4 * s * (1 - s))
        case .linearCrossEntropy:
            let eps = Self.probabilityClip
            guard z > eps, z < 1 - eps else { return (0, 0) }
            return (-y / z + (1 - y) / (1 - z), y / (z * z) + (1 - y) / ((1 - z) * (1 - z)))
        }
    }

    /// 1 / (1 + e^−z) without overflow.
    @inline(__always)
    static func logistic(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + Foundation.exp(-z)) }
        let e = Foundation.exp(z)
        return e / (1 + e)
    }

    /// −[y ln σ(z) + (1 − y) ln(1 − σ(z))] computed from the logit as softplus(z) − y·z
    /// (`LogitCrossEntropyKernel.pointLoss`, the one definition, which the grid's vector kernel
    /// falls back to).
    @inline(__always)
    static func logitCrossEntropy(_ z: Double, _ y: Double) -> Double {
        LogitCrossEntropyKernel.pointLoss(z, y)
    }

    /// Cross-entropy of a linear output read as a probability, clipped to [ε, 1 − ε].
    @inline(__always)
    static func clampedCrossEntropy(_ z: Double, _ y: Double) -> Double {
        let p = Swift.min(Swift.max(z, probabilityClip), 1 - probabilityClip)
        return -(y * Foundation.log(p) + (1 - y) * Foundation.log1p(-p))
    }
}
