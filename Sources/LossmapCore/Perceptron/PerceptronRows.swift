import LossmapKernel
#if arch(x86_64)
import CCPUFeatures
import LossmapKernelAVX512
import LossmapKernelAVX2
#endif

// The perceptron's loss along a grid row, the data's loop run 8 points a vector.

extension PerceptronSurface {
    /// `out[i] = value(at: Weights(w1s[i], w2))`, computed faster where it can be and equal
    /// to it within a few ulps (the sum's order and the vector exp differ; see
    /// `LogitCrossEntropyKernel`):
    ///
    /// - linear/MSE is O(1) a point already (`LinearLeastSquares`);
    /// - sigmoid and tanh with cross-entropy, the costly cases (an exp and a log1p a data point),
    ///   run `LogitCrossEntropyKernel` over the data 8 points a vector, built for AVX-512 or
    ///   AVX2 when the CPU has it;
    /// - the other combinations ask `value(at:)`: their scalar formulas subtract the target from
    ///   a saturated output (σ(z) − y with σ(z) ≈ 1), where one ulp of a different exp becomes a
    ///   large relative change, so only the very same exp keeps them equal.
    public func values(alongW1 w1s: UnsafeBufferPointer<Double>, w2: Double, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count == w1s.count, "values(alongW1:): \(out.count) outputs for \(w1s.count) positions")
        switch pointLoss {
        case .sigmoidCrossEntropy: logitCrossEntropyRow(w1s, w2, out, logitScale: 1)
        case .tanhCrossEntropy: logitCrossEntropyRow(w1s, w2, out, logitScale: 2)
        default:
            for i in 0..<w1s.count { out[i] = value(at: Weights(w1s[i], w2)) }
        }
    }

    /// The widest build of the kernel this CPU runs; asked once.
    static let widestChoice: VectorKernelChoice = {
        #if arch(x86_64)
        if lossmap_cpu_has_avx512() != 0 { return .avx512 }
        if lossmap_cpu_has_avx2_fma() != 0 { return .avx2 }
        #endif
        return .baseline
    }()

    /// The builds of the kernel this CPU runs, widest first (for tests and the benchmark).
    public static var supportedKernels: [VectorKernelChoice] {
        switch widestChoice {
        case .avx512: return [.avx512, .avx2, .baseline]
        case .avx2: return [.avx2, .baseline]
        default: return [.baseline]
        }
    }

    /// The kernel `.automatic` runs on this CPU, for reports.
    public static var widestKernel: String { widestChoice.name }

    private func logitCrossEntropyRow(_ w1s: UnsafeBufferPointer<Double>, _ w2: Double, _ out: UnsafeMutableBufferPointer<Double>,
                                      logitScale: Double) {
        let b = bias
        // A choice the CPU cannot run falls back to the widest it can (never an illegal instruction).
        let choice = vectorKernel == .automatic || !Self.supportedKernels.contains(vectorKernel) ? Self.widestChoice : vectorKernel
        data.x1.withUnsafeBufferPointer { x1 in
            data.x2.withUnsafeBufferPointer { x2 in
                data.y.withUnsafeBufferPointer { y in
                    switch choice {
                    #if arch(x86_64)
                    case .avx512:
                        logitCrossEntropyRowAVX512(w1s: w1s, w2: w2, bias: b, logitScale: logitScale, x1: x1, x2: x2, y: y, into: out)
                    case .avx2:
                        logitCrossEntropyRowAVX2(w1s: w1s, w2: w2, bias: b, logitScale: logitScale, x1: x1, x2: x2, y: y, into: out)
                    #endif
                    default:
                        LogitCrossEntropyKernel.row(w1s: w1s, w2: w2, bias: b, logitScale: logitScale, x1: x1, x2: x2, y: y, into: out)
                    }
                }
            }
        }
    }
}

/// Which build of the vector kernel a surface uses: the widest the CPU runs, or a given one,
/// for tests and the benchmark to check each (one the CPU lacks means the widest it has).
public enum VectorKernelChoice: Sendable, Equatable {
    case automatic
    /// Built for the baseline CPU: SSE2 on x86-64, NEON on arm64.
    case baseline
    /// AVX2 with FMA (x86-64).
    case avx2
    /// AVX-512 (x86-64).
    case avx512

    public var name: String {
        switch self {
        case .automatic: return "automatic"
        case .baseline: return "baseline"
        case .avx2: return "AVX2"
        case .avx512: return "AVX-512"
        }
    }
}
