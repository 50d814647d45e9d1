import LossmapKernel

// This module is compiled for AVX-512 (Package.swift: -target-cpu skylake-avx512), so the
// inlined kernel below runs 8 doubles an instruction instead of SSE2's 2. Nothing else may
// live here: LossmapCore calls it only after `lossmap_cpu_has_avx512()` said the CPU can.

/// `LogitCrossEntropyKernel.row`, compiled for AVX-512 (which has fused multiply-add).
public func logitCrossEntropyRowAVX512(w1s: UnsafeBufferPointer<Double>, w2: Double, bias: Double, logitScale: Double,
                                       x1: UnsafeBufferPointer<Double>, x2: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                       into out: UnsafeMutableBufferPointer<Double>) {
    LogitCrossEntropyKernel.row(w1s: w1s, w2: w2, bias: bias, logitScale: logitScale, x1: x1, x2: x2, y: y, into: out,
                                fused: true)
}
