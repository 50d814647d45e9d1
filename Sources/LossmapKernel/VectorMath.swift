// exp and log1p on SIMD vectors, for the perceptron's grid loop.
//
// Foundation's exp and log1p are scalar calls; on a 400 × 400 grid over 1,000 points they are
// made 1.6 × 10⁸ times each and were most of the time. These follow fdlibm (Sun Microsystems
// 1993, as in FreeBSD's msun e_exp.c and s_log1p.c): its range reductions and ln 2 split, its
// log1p polynomial and coefficients, and for e^r on |r| ≤ ln 2 / 2 the Taylor polynomial to
// r^13/13! (no division, unlike fdlibm's rational form). Both stay within 2 ulp of glibc's
// (the tests check 4e-16 relative), so a loss summed from them differs from the scalar one by
// a few ulps, far below the 1e-12 relative the grid is held to. No approximation beyond that:
// only the arguments the loop needs are handled, and the loop falls back to the scalar
// functions for any lane outside them (see `LogitCrossEntropyKernel`).
//
// Everything here is @inlinable: the kernel is compiled into each module that calls it, once
// for the baseline CPU (LossmapCore) and once for AVX-512 (LossmapKernelAVX512), and the
// constants are literals so the loop reads no global.

/// The vector the grid loop works on: 8 doubles (one AVX-512 register, four SSE2 ones).
public typealias DoubleVector = SIMD8<Double>
/// `DoubleVector`'s lanes as bits.
public typealias BitsVector = SIMD8<UInt64>

public enum VectorMath {
    /// The least argument `expNonPositive` takes: above −708.39 (= ln 2^−1022) e^x is a normal
    /// number, so the scaling by 2^k stays exact; below it the result is subnormal, which the
    /// scalar exp rounds its own way, so the caller goes scalar there.
    @inlinable public static var expLowerLimit: Double { -708 }

    /// e^x for every lane with `expLowerLimit` ≤ x ≤ 0 (other lanes: unspecified). `fused`:
    /// evaluate the polynomial with fused multiply-adds, for a build whose CPU has them (the
    /// AVX-512 one); elsewhere each would be a call to libm's fma.
    @inlinable @inline(__always)
    public static func expNonPositive(_ x: DoubleVector, fused: Bool = false) -> DoubleVector {
        // fdlibm e_exp.c's reduction. ln2Hi = 0x3FE62E42FEE00000 has its low 32 bits zero, so
        // k·ln2Hi is exact for |k| < 2^11; ln2Lo = ln 2 − ln2Hi.
        let ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10
        let invLn2 = 1.44269504088896338700e+00
        // 1.5 · 2^52: adding it rounds a double of magnitude below 2^51 to an integer and leaves
        // that integer (plus 2^51) in the low mantissa bits.
        let roundingMagic = 6755399441055744.0
        // x = k·ln 2 + r with k the nearest integer to x/ln 2, |r| ≲ ln 2 / 2.
        let shifted = x * invLn2 + roundingMagic
        let k = shifted - roundingMagic
        let hi = x - k * ln2Hi
        let lo = k * ln2Lo
        let r = hi - lo
        // e^r by its Taylor series to r^13/13!: on |r| ≤ 0.347 the first term left out,
        // r^14/14!, is below 4.2e-18 = 0.04 ulp of e^r ≥ 0.7. A polynomial rather than
        // fdlibm's rational form R(r²) saves its division, the slowest vector instruction.
        // `fused`: one rounding a step instead of two, fewer instructions, a little more accurate.
        @inline(__always) func step(_ p: DoubleVector, _ c: Double) -> DoubleVector {
            fused ? DoubleVector(repeating: c).addingProduct(p, r) : p * r + c
        }
        var er = DoubleVector(repeating: 1.0 / 6_227_020_800)   // 1/13!
        er = step(er, 1.0 / 479_001_600)
        er = step(er, 1.0 / 39_916_800)
        er = step(er, 1.0 / 3_628_800)
        er = step(er, 1.0 / 362_880)
        er = step(er, 1.0 / 40_320)
        er = step(er, 1.0 / 5_040)
        er = step(er, 1.0 / 720)
        er = step(er, 1.0 / 120)
        er = step(er, 1.0 / 24)
        er = step(er, 1.0 / 6)
        er = step(er, 0.5)
        er = step(er, 1)
        er = step(er, 1)
        // 2^k from its bits: the low bits of `shifted` are 2^51 + k; adding the exponent bias
        // and shifting into the exponent field drops everything above. k ∈ [−1021, 0] here.
        let bits = (unsafeBitCast(shifted, to: BitsVector.self) &+ 1023) &<< 52
        return er * unsafeBitCast(bits, to: DoubleVector.self)
    }

    /// ln(1 + x) for every lane with 0 ≤ x ≤ 1 (other lanes: unspecified).
    @inlinable @inline(__always)
    public static func log1pUnit(_ x: DoubleVector) -> DoubleVector {
        // fdlibm s_log1p.c / e_log.c: their coefficients and ln 2 split.
        let lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01, lg3 = 2.857142874366239149e-01
        let lg4 = 2.222219843214978396e-01, lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01
        let lg7 = 1.479819860511658591e-01
        let ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10
        // √2 − 1: below it log1p(x) is the polynomial in x itself (k = 0).
        let sqrt2MinusOne = 0.41421356237309503
        // 1 + x = 2^k·(1 + f) with 1 + f ∈ [√2/2, √2): k = 0, f = x when x < √2 − 1; otherwise
        // k = 1, f = u/2 − 1 for u = fl(1 + x) (exact: u/2 ∈ [0.7, 1]), and c = (1 + x − u)/u
        // corrects for the rounding of u (x − (u − 1) is exact, u − 1 being exact).
        let u = 1 + x
        let big = x .>= sqrt2MinusOne
        let k = DoubleVector(repeating: 0).replacing(with: 1, where: big)
        let f = x.replacing(with: u * 0.5 - 1, where: big)
        let c = DoubleVector(repeating: 0).replacing(with: (x - (u - 1)) / u, where: big)
        // ln(1 + f) = f − (f²/2 − s·(f²/2 + R(s²))), s = f/(2 + f), |s| ≤ 0.1716.
        let s = f / (2 + f)
        let z = s * s
        let w = z * z
        let t1 = w * (lg2 + w * (lg4 + w * lg6))
        let t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)))
        let hfsq = 0.5 * f * f
        return k * ln2Hi - ((hfsq - (s * (hfsq + (t2 + t1)) + (k * ln2Lo + c))) - f)
    }
}
