// tanh, the logistic sigmoid and ReLU on SIMD vectors, for the neural network's grid loop.
//
// A 2–16–16–1 network on 1,000 points sliced on a 101 × 101 grid takes 3 × 10⁸ tanh; Foundation's
// is a scalar call. The vector tanh here is fdlibm's formula (Sun Microsystems 1993, s_tanh.c):
// tanh|x| = −t / (t + 2) with t = expm1(−2|x|), which has no cancellation anywhere, where the
// textbook (1 − e^−2|x|) / (1 + e^−2|x|) would lose all digits of 1 − e^−2|x| for small |x|
// (at |x| = 10⁻⁸ only 8 would be left). expm1 uses `VectorMath.expNonPositive`'s reduction
// (fdlibm e_exp.c: x = k·ln 2 + r, ln 2 split in two) and the same Taylor polynomial, without its
// constant term: e^r − 1 = r·(1 + r/2 + … + r¹²/13!), accurate relative to itself however small
// r is; then expm1(x) = 2^k·(e^r − 1) + (2^k − 1). The result is within 6e-16 relative of
// glibc's tanh (the worst of 1.6 million arguments from 10⁻²⁰ to 100, at |x| ≈ 0.19; the tests
// check 1e-15 over the whole line).
//
// Everything is @inlinable for the reason `VectorMath` gives: each module that calls it compiles
// it for its own CPU (baseline, AVX2 with FMA, AVX-512).

extension VectorMath {
    /// e^x − 1 for every lane with −708 ≤ x ≤ 0 (other lanes: unspecified; NaN stays NaN).
    /// `fused`: the polynomial by fused multiply-adds, for builds whose CPU has them.
    @inlinable @inline(__always)
    public static func expm1NonPositive(_ x: DoubleVector, fused: Bool = false) -> DoubleVector {
        // `expNonPositive`'s reduction, constant for constant (fdlibm e_exp.c).
        let ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10
        let invLn2 = 1.44269504088896338700e+00
        let roundingMagic = 6755399441055744.0
        let shifted = x * invLn2 + roundingMagic
        let k = shifted - roundingMagic
        let hi = x - k * ln2Hi
        let lo = k * ln2Lo
        let r = hi - lo
        @inline(__always) func step(_ p: DoubleVector, _ c: Double) -> DoubleVector {
            fused ? DoubleVector(repeating: c).addingProduct(p, r) : p * r + c
        }
        // (e^r − 1)/r = 1 + r/2! + … + r¹²/13!: the Taylor series `expNonPositive` uses, divided
        // by r; the first term left out, r¹³/14!, is below 1.3e-17 relative on |r| ≤ 0.347.
        var q = DoubleVector(repeating: 1.0 / 6_227_020_800)   // 1/13!
        q = step(q, 1.0 / 479_001_600)
        q = step(q, 1.0 / 39_916_800)
        q = step(q, 1.0 / 3_628_800)
        q = step(q, 1.0 / 362_880)
        q = step(q, 1.0 / 40_320)
        q = step(q, 1.0 / 5_040)
        q = step(q, 1.0 / 720)
        q = step(q, 1.0 / 120)
        q = step(q, 1.0 / 24)
        q = step(q, 1.0 / 6)
        q = step(q, 0.5)
        q = step(q, 1)
        let p = q * r
        // 2^k from its bits, as in `expNonPositive`.
        let bits = (unsafeBitCast(shifted, to: BitsVector.self) &+ 1023) &<< 52
        let scale = unsafeBitCast(bits, to: DoubleVector.self)
        // k = 0 (|x| < 0.35, where precision matters most) gives p itself; otherwise |result|
        // ≥ 0.29 and both terms are at most 1, so neither sum cancels.
        return scale * p + (scale - 1)
    }

    /// tanh x for every lane (±1 beyond |x| = 20, where it rounds to ±1; NaN stays NaN, the sign
    /// of zero is kept).
    @inlinable @inline(__always)
    public static func tanh(_ x: DoubleVector, fused: Bool = false) -> DoubleVector {
        let signMask: UInt64 = 0x8000_0000_0000_0000
        let bits = unsafeBitCast(x, to: BitsVector.self)
        var a = unsafeBitCast(bits & ~signMask, to: DoubleVector.self)
        // tanh|x| rounds to 1 for |x| > 19.06; capping at 20 keeps −2|x| ≥ −40 inside expm1's
        // range (and sends +inf to 1). A NaN fails the comparison and stays NaN.
        a = a.replacing(with: 20, where: a .> 20)
        let t = expm1NonPositive(-2 * a, fused: fused)
        let magnitude = -t / (t + 2)
        return unsafeBitCast(unsafeBitCast(magnitude, to: BitsVector.self) | (bits & signMask), to: DoubleVector.self)
    }

    /// The logistic sigmoid 1 / (1 + e^−x) for every lane, as the scalar `PointLoss.logistic`
    /// computes it: 1 / (1 + e^−|x|) for x ≥ 0 and e^−|x| / (1 + e^−|x|) below, never
    /// overflowing. For x < −708 it gives 0 where the scalar gives e^x < 3.4e-308.
    @inlinable @inline(__always)
    public static func logistic(_ x: DoubleVector, fused: Bool = false) -> DoubleVector {
        let a = unsafeBitCast(unsafeBitCast(x, to: BitsVector.self) & 0x7FFF_FFFF_FFFF_FFFF, to: DoubleVector.self)
        let limit = -expLowerLimit
        var e = expNonPositive(-a.replacing(with: limit, where: a .> limit), fused: fused)
        e = e.replacing(with: 0, where: a .> limit)
        let numerator = e.replacing(with: 1, where: x .>= 0)
        return numerator / (1 + e)
    }

    /// max(x, 0) for every lane; NaN stays NaN (as the scalar `x < 0 ? 0 : x`).
    @inlinable @inline(__always)
    public static func relu(_ x: DoubleVector) -> DoubleVector {
        x.replacing(with: 0, where: x .< 0)
    }
}
