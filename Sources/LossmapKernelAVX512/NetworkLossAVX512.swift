import LossmapKernel

// Compiled for AVX-512 (Package.swift: -target-cpu skylake-avx512), like
// `logitCrossEntropyRowAVX512`; LossmapCore calls these only after `lossmap_cpu_has_avx512()`.

/// `NetworkLossKernel.row`, compiled for AVX-512 (which has fused multiply-add).
public func networkLossRowAVX512(_ input: NetworkLossKernel.Input, center: UnsafePointer<Double>, d1: UnsafePointer<Double>,
                                 d2: UnsafePointer<Double>, parameterCount: Int, alphas: UnsafeBufferPointer<Double>,
                                 beta: Double, into out: UnsafeMutableBufferPointer<Double>) {
    NetworkLossKernel.row(input, center: center, d1: d1, d2: d2, parameterCount: parameterCount, alphas: alphas, beta: beta,
                          into: out, build: BuildAVX512.self)
}

/// `NetworkLossKernel.meanLoss`, compiled for AVX-512 (which has fused multiply-add).
public func networkMeanLossAVX512(_ input: NetworkLossKernel.Input, parameters: UnsafePointer<Double>,
                                  scratch: UnsafeMutablePointer<DoubleVector>) -> Double {
    NetworkLossKernel.meanLoss(input, parameters: parameters, scratch: scratch, build: BuildAVX512.self)
}

/// The kernel's activations and losses, compiled here (out of line where the kernel calls
/// them, so that the vector math inlines into them).
enum BuildAVX512: NetworkLossBuild {
    @inline(never)
    static func activate(_ vectors: UnsafeMutablePointer<DoubleVector>, count: Int, activation: NetworkLossKernel.Activation) {
        NetworkLossKernel.activate(vectors, count: count, activation: activation, fused: true)
    }

    @inline(never)
    static func addLosses(_ z: DoubleVector, _ y: DoubleVector, _ mask: DoubleVector,
                          sum: inout DoubleVector, scalarSum: inout Double) {
        NetworkLossKernel.addLosses(z, y, mask, sum: &sum, scalarSum: &scalarSum, fused: true)
    }
}
