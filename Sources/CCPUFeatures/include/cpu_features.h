#ifndef LOSSMAP_CPU_FEATURES_H
#define LOSSMAP_CPU_FEATURES_H

/// 1 when the CPU (and the OS, for the wide registers' state) supports the AVX-512 subsets
/// LossmapKernelAVX512 is compiled for (skylake-avx512: F, CD, BW, DQ, VL), else 0; always 0
/// off x86-64.
int lossmap_cpu_has_avx512(void);

/// 1 when the CPU and OS support AVX2 and FMA, what LossmapKernelAVX2 is compiled for
/// (haswell), else 0; always 0 off x86-64.
int lossmap_cpu_has_avx2_fma(void);

#endif
