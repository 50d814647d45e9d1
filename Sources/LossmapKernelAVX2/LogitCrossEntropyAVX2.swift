import LossmapKernel

// This module is compiled for AVX2 with FMA (Package.swift: -target-cpu haswell), so the
// inlined kernel below runs 4 doubles an instruction instead of SSE2's 2. Nothing else may
// live here: LossmapCore calls it only after `lossmap_cpu_has_avx2_fma()` said the CPU can.

/// `LogitCrossEntropyKernel.row`, compiled for AVX2 with fused multiply-add.
public func logitCrossEntropyRowAVX2(w1s: UnsafeBufferPointer<Double>, w2: Double, bias: Double, logitScale: Double,
                                     x1: UnsafeBufferPointer<Double>, x2: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                     into out: UnsafeMutableBufferPointer<Double>) {
    LogitCrossEntropyKernel.row(w1s: w1s, w2: w2, bias: bias, logitScale: logitScale, x1: x1, x2: x2, y: y, into: out,
                                fused: true)
}
