import Foundation

/// The perceptron's cross-entropy from the logit along a grid row, the data's loop run 8
/// points a vector: `PerceptronSurface.values(alongW1:w2:into:)` for sigmoid and tanh.
///
/// @inlinable so that each caller compiles it for its own CPU: LossmapCore for the baseline,
/// LossmapKernelAVX512 with AVX-512 (chosen at run time).
public enum LogitCrossEntropyKernel {
    /// ℓ(z, y) = softplus(z) − y·z = −[y ln σ(z) + (1 − y) ln(1 − σ(z))], with
    /// softplus(z) = max(z, 0) + log1p(e^−|z|): never overflows, and keeps full precision for
    /// confident predictions (where ln σ would round to ln 1 = 0). The one scalar definition:
    /// `PointLoss.logitCrossEntropy` is this.
    @inlinable @inline(__always)
    public static func pointLoss(_ z: Double, _ y: Double) -> Double {
        Swift.max(z, 0) - y * z + Foundation.log1p(Foundation.exp(-Swift.abs(z)))
    }

    /// The smallest mean loss the product form is trusted for. Its error is at most about
    /// 3.3e-16 absolute per point (see `row`), so relative to a mean loss L it is 3.3e-16 / L:
    /// below 3.3e-13 for L ≥ 1e-3, inside the 1e-12 the grid is held to. Lower losses (a
    /// well-separated fit, far out) are summed term by term instead.
    @inlinable public static var productFormMinimumLoss: Double { 1e-3 }

    /// Vector iterations after which the running products are folded into logarithms: each
    /// factor is in [1, 2], so 512 of them stay below 2^512, far from overflow.
    @inlinable public static var productFlushInterval: Int { 512 }

    /// out[i] = mean over the data of ℓ(s·z, y), z = w1s[i]·x1 + w2·x2 + bias: s = 1 for the
    /// sigmoid, s = 2 for tanh (p = (1 + tanh z)/2 = σ(2z)). `fused`: the exp's polynomial by
    /// fused multiply-adds, for a build whose CPU has them (z itself is never fused).
    ///
    /// softplus(z) = max(z, 0) + ln(1 + e^−|z|), and a sum of logarithms is the logarithm of a
    /// product: Σ ln(1 + e_i) = ln Π (1 + e_i). So each point costs one vector exp and a
    /// multiply, and the logarithm is taken once per lane per 512 points instead of once a
    /// point. Rounding 1 + e_i and each product costs at most 2^−53 relative, i.e. about
    /// 1.1e-16 absolute in the logarithm each, plus 1 ulp of e_i (≤ 1.1e-16 again): about
    /// 3.3e-16 per point, absolute. Where that is not small against the loss (mean below
    /// `productFormMinimumLoss`) the point is summed term by term with the vector log1p.
    @inlinable @inline(__always)
    public static func row(w1s: UnsafeBufferPointer<Double>, w2: Double, bias: Double, logitScale: Double,
                           x1: UnsafeBufferPointer<Double>, x2: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                           into out: UnsafeMutableBufferPointer<Double>, fused: Bool = false) {
        for i in 0..<w1s.count {
            let product = mean(w1s[i], w2, bias, logitScale, x1, x2, y, productForm: true, fused: fused)
            out[i] = product >= productFormMinimumLoss
                ? product
                : mean(w1s[i], w2, bias, logitScale, x1, x2, y, productForm: false, fused: fused)
        }
    }

    /// The mean loss at one grid point, 8 data points a vector: with the product of 1 + e^−|z|
    /// (`productForm`) or a log1p per point.
    @inlinable @inline(__always)
    public static func mean(_ w1: Double, _ w2: Double, _ b: Double, _ logitScale: Double,
                            _ x1: UnsafeBufferPointer<Double>, _ x2: UnsafeBufferPointer<Double>,
                            _ y: UnsafeBufferPointer<Double>, productForm: Bool, fused: Bool) -> Double {
        let width = DoubleVector.scalarCount
        let n = y.count
        let vectorEnd = n - n % width
        let p1 = UnsafeRawPointer(x1.baseAddress!), p2 = UnsafeRawPointer(x2.baseAddress!)
        let py = UnsafeRawPointer(y.baseAddress!)
        let stride = MemoryLayout<Double>.stride
        let saturation = -VectorMath.expLowerLimit
        var sum = DoubleVector(repeating: 0)
        var product = DoubleVector(repeating: 1)
        var logSum = 0.0
        var scalarSum = 0.0
        var sinceFlush = 0
        var j = 0
        while j < vectorEnd {
            let u = p1.loadUnaligned(fromByteOffset: j * stride, as: DoubleVector.self)
            let v = p2.loadUnaligned(fromByteOffset: j * stride, as: DoubleVector.self)
            let t = py.loadUnaligned(fromByteOffset: j * stride, as: DoubleVector.self)
            // The same operations in the same order as the scalar loop, so z is bit for bit
            // the z `value(at:)` sees (Swift never fuses them).
            let z = (w1 * u + w2 * v + b) * logitScale
            // |z| by clearing the sign bit.
            let a = unsafeBitCast(unsafeBitCast(z, to: BitsVector.self) & 0x7FFF_FFFF_FFFF_FFFF, to: DoubleVector.self)
            if all(a .<= saturation) {
                let e = VectorMath.expNonPositive(-a, fused: fused)
                sum += z.replacing(with: 0, where: z .< 0) - t * z
                if productForm {
                    product *= 1 + e
                } else {
                    sum += VectorMath.log1pUnit(e)
                }
            } else {
                // A saturated (|z| > 708: e^−|z| subnormal), infinite or NaN lane: these 8
                // points as `value(at:)` does them.
                for l in 0..<width { scalarSum += pointLoss(z[l], t[l]) }
            }
            j += width
            if productForm {
                sinceFlush += 1
                if sinceFlush == productFlushInterval {
                    for l in 0..<width { logSum += Foundation.log(product[l]) }
                    product = DoubleVector(repeating: 1)
                    sinceFlush = 0
                }
            }
        }
        if productForm {
            for l in 0..<width { logSum += Foundation.log(product[l]) }
        }
        while j < n {
            scalarSum += pointLoss((w1 * x1[j] + w2 * x2[j] + b) * logitScale, y[j])
            j += 1
        }
        return (sum.sum() + logSum + scalarSum) / Double(n)
    }
}
