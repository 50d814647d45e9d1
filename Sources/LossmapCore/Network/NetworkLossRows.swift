import LossmapKernel
#if arch(x86_64)
import CCPUFeatures
import LossmapKernelAVX512
import LossmapKernelAVX2
#endif

/// A network's data laid out for `NetworkLossKernel` (columns padded to whole tiles, with a
/// mask) and the call of the widest build of the kernel this CPU runs: the grid's rows and the
/// training's full-data losses.
struct NetworkLossRows: Sendable {
    let layers: [Int]
    let activation: NetworkLossKernel.Activation
    /// x1, x2, y and the mask, `paddedCount` each, one after the other.
    let columns: [Double]
    let paddedCount: Int
    let count: Int
    let parameterCount: Int
    /// Which build of the kernel to run (`.automatic`: the widest this CPU has).
    var kernel: VectorKernelChoice

    init(network: MultilayerPerceptron, data: PerceptronData, kernel: VectorKernelChoice = .automatic) {
        layers = network.layers
        activation = network.activation.kernelActivation
        parameterCount = network.parameterCount
        count = data.count
        let tile = NetworkLossKernel.tilePoints
        paddedCount = (count + tile - 1) / tile * tile
        // Padding points sit at the origin with target 0: finite, and masked out of the mean.
        var columns = [Double](repeating: 0, count: 4 * paddedCount)
        for i in 0..<count {
            columns[i] = data.x1[i]
            columns[paddedCount + i] = data.x2[i]
            columns[2 * paddedCount + i] = data.y[i]
            columns[3 * paddedCount + i] = 1
        }
        self.columns = columns
        self.kernel = kernel
    }

    /// The build to run: a choice the CPU cannot run falls back to the widest it can.
    private var choice: VectorKernelChoice {
        kernel == .automatic || !PerceptronSurface.supportedKernels.contains(kernel) ? PerceptronSurface.widestChoice : kernel
    }

    private func withInput<R>(_ body: (NetworkLossKernel.Input) -> R) -> R {
        layers.withUnsafeBufferPointer { layers in
            columns.withUnsafeBufferPointer { columns in
                // An empty array may have no address; with no points the kernel reads no column.
                withUnsafePointer(to: 0.0) { nothing in
                    body(NetworkLossKernel.Input(layers: layers, activation: activation, columns: columns.baseAddress ?? nothing,
                                                 paddedCount: paddedCount, count: count))
                }
            }
        }
    }

    /// The mean loss over all points at θ.
    func meanLoss(_ θ: [Double]) -> Double {
        precondition(θ.count == parameterCount, "NetworkLossRows: \(θ.count) parameters for a network of \(parameterCount)")
        let choice = self.choice
        return withInput { input in
            let scratch = UnsafeMutablePointer<DoubleVector>.allocate(capacity: input.scratchVectors)
            defer { scratch.deallocate() }
            return θ.withUnsafeBufferPointer { parameters in
                switch choice {
                #if arch(x86_64)
                case .avx512: return networkMeanLossAVX512(input, parameters: parameters.baseAddress!, scratch: scratch)
                case .avx2: return networkMeanLossAVX2(input, parameters: parameters.baseAddress!, scratch: scratch)
                #endif
                default:
                    return NetworkLossKernel.meanLoss(input, parameters: parameters.baseAddress!, scratch: scratch,
                                                      build: NetworkLossKernel.Baseline.self)
                }
            }
        }
    }

    /// out[i] = mean loss at (center + alphas[i]·d1) + beta·d2.
    func row(center: [Double], d1: [Double], d2: [Double], alphas: UnsafeBufferPointer<Double>, beta: Double,
             into out: UnsafeMutableBufferPointer<Double>) {
        let choice = self.choice, p = parameterCount
        withInput { input in
            center.withUnsafeBufferPointer { c in
                d1.withUnsafeBufferPointer { u in
                    d2.withUnsafeBufferPointer { v in
                        let c = c.baseAddress!, u = u.baseAddress!, v = v.baseAddress!
                        switch choice {
                        #if arch(x86_64)
                        case .avx512:
                            networkLossRowAVX512(input, center: c, d1: u, d2: v, parameterCount: p, alphas: alphas, beta: beta, into: out)
                        case .avx2:
                            networkLossRowAVX2(input, center: c, d1: u, d2: v, parameterCount: p, alphas: alphas, beta: beta, into: out)
                        #endif
                        default:
                            NetworkLossKernel.row(input, center: c, d1: u, d2: v, parameterCount: p, alphas: alphas, beta: beta, into: out,
                                                  build: NetworkLossKernel.Baseline.self)
                        }
                    }
                }
            }
        }
    }
}
