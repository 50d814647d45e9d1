import LossmapKernel
#if arch(x86_64)
import CCPUFeatures
import LossmapKernelAVX512
#endif

// The perceptron's loss along a grid row, the data's loop run 8 points a vector.

extension PerceptronSurface {
    /// `out[i] = value(at: Weights(w1s[i], w2))`, computed faster where it can be and equal
    /// to it within a few ulps (the sum's order and the vector exp differ; see
    /// `LogitCrossEntropyKernel`):
    ///
    /// - linear/MSE is O(1) a point already (`LinearLeastSquares`);
    /// - sigmoid and tanh with cross-entropy, the costly cases (an exp and a log1p a data point),
    ///   run `LogitCrossEntropyKernel` over the data 8 points a vector, built for AVX-512 when
    ///   the CPU has it;
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

    /// Whether the AVX-512 build of the kernel runs on this CPU; asked once. Tests turn it
    /// off (`PerceptronSurface.vectorKernel`) to check the baseline build as well.
    static let cpuHasAVX512: Bool = {
        #if arch(x86_64)
        return lossmap_cpu_has_avx512() != 0
        #else
        return false
        #endif
    }()

    /// The kernel `.automatic` runs on this CPU, for reports: "AVX-512" or "baseline".
    public static var widestKernel: String { cpuHasAVX512 ? "AVX-512" : "baseline" }

    private func logitCrossEntropyRow(_ w1s: UnsafeBufferPointer<Double>, _ w2: Double, _ out: UnsafeMutableBufferPointer<Double>,
                                      logitScale: Double) {
        let b = bias, wide = Self.cpuHasAVX512 && vectorKernel == .automatic
        data.x1.withUnsafeBufferPointer { x1 in
            data.x2.withUnsafeBufferPointer { x2 in
                data.y.withUnsafeBufferPointer { y in
                    #if arch(x86_64)
                    if wide {
                        logitCrossEntropyRowAVX512(w1s: w1s, w2: w2, bias: b, logitScale: logitScale, x1: x1, x2: x2, y: y, into: out)
                        return
                    }
                    #endif
                    LogitCrossEntropyKernel.row(w1s: w1s, w2: w2, bias: b, logitScale: logitScale, x1: x1, x2: x2, y: y, into: out)
                }
            }
        }
    }
}

/// Which build of the vector kernel a surface uses: the widest the CPU runs, or the baseline
/// one (SSE2 on x86-64), for tests to check both.
public enum VectorKernelChoice: Sendable {
    case automatic, baseline
}
