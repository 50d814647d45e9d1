import Foundation
import LossmapKernel

/// The function every hidden neuron of a network applies to its weighted input (the output
/// neuron applies none: its logit goes straight into the cross-entropy).
public enum NetworkActivation: String, CaseIterable, Sendable {
    /// tanh z, in (−1, 1).
    case tanh
    /// max(z, 0), the rectified linear unit.
    case relu
    /// 1 / (1 + e^−z), in (0, 1).
    case sigmoid

    /// The activation of a weighted input z.
    @inline(__always)
    func callAsFunction(_ z: Double) -> Double {
        switch self {
        case .tanh: return Foundation.tanh(z)
        // NaN stays NaN, as in the vector kernel's `VectorMath.relu`.
        case .relu: return z < 0 ? 0 : z
        case .sigmoid: return PointLoss.logistic(z)
        }
    }

    /// The derivative at the weighted input whose activation is `a`, from `a` alone:
    /// tanh′ = 1 − a², σ′ = a(1 − a), ReLU′ = 1 for a > 0 and 0 otherwise (0 at the kink, as
    /// PyTorch takes it).
    @inline(__always)
    func derivative(fromOutput a: Double) -> Double {
        switch self {
        case .tanh: return 1 - a * a
        case .relu: return a > 0 ? 1 : 0
        case .sigmoid: return a * (1 - a)
        }
    }

    /// The same activation for the vector kernel.
    var kernelActivation: NetworkLossKernel.Activation {
        switch self {
        case .tanh: return .tanh
        case .relu: return .relu
        case .sigmoid: return .sigmoid
        }
    }
}
