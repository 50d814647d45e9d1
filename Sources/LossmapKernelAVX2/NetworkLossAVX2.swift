import LossmapKernel

// Compiled for AVX2 with FMA (Package.swift: -target-cpu haswell), like
// `logitCrossEntropyRowAVX2`; LossmapCore calls these only after `lossmap_cpu_has_avx2_fma()`.

/// `NetworkLossKernel.row`, compiled for AVX2 with fused multiply-add.
public func networkLossRowAVX2(_ input: NetworkLossKernel.Input, center: UnsafePointer<Double>, d1: UnsafePointer<Double>,
                               d2: UnsafePointer<Double>, parameterCount: Int, alphas: UnsafeBufferPointer<Double>,
                               beta: Double, into out: UnsafeMutableBufferPointer<Double>) {
    NetworkLossKernel.row(input, center: center, d1: d1, d2: d2, parameterCount: parameterCount, alphas: alphas, beta: beta,
                          into: out, build: BuildAVX2.self)
}

/// `NetworkLossKernel.meanLoss`, compiled for AVX2 with fused multiply-add.
public func networkMeanLossAVX2(_ input: NetworkLossKernel.Input, parameters: UnsafePointer<Double>,
                                scratch: UnsafeMutablePointer<DoubleVector>) -> Double {
    NetworkLossKernel.meanLoss(input, parameters: parameters, scratch: scratch, build: BuildAVX2.self)
}

/// The kernel's activations and losses, compiled here (out of line where the kernel calls
/// them, so that the vector math inlines into them).
enum BuildAVX2: NetworkLossBuild {
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
