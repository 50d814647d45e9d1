import Foundation

// The perceptron's loss along a grid row, the data's loop run 8 points at a time.

extension PerceptronSurface {
    /// `out[i] = value(at: Weights(w1s[i], w2))`, computed faster where it can be and equal
    /// to it within a few ulps (the sum's order and the vector exp/log1p differ; see
    /// `VectorMath`):
    ///
    /// - linear/MSE is O(1) a point already (`LinearLeastSquares`);
    /// - sigmoid and tanh with cross-entropy, the costly cases (an exp and a log1p a data point),
    ///   sum softplus(z) − y·z over the data 8 points a vector with `VectorMath`;
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

    /// The smallest mean loss the product form (`logitCrossEntropyRow`) is trusted for. Its
    /// error is at most about 3.3e-16 absolute per point (see there), so relative to a mean
    /// loss L it is 3.3e-16 / L: below 3.3e-13 for L ≥ 1e-3, inside the 1e-12 the grid is held
    /// to. Lower losses (a well-separated fit, far out) are summed term by term instead.
    static let productFormMinimumLoss = 1e-3

    /// Vector iterations after which the running products are folded into logarithms: each
    /// factor is in [1, 2], so 512 of them stay below 2^512, far from overflow.
    static let productFlushInterval = 512

    /// mean softplus(s·z) − y·s·z, z = w1·x1 + w2·x2 + bias, at every w1 of the row: s = 1 for
    /// the sigmoid, s = 2 for tanh (p = (1 + tanh z)/2 = σ(2z)), as `PointLoss.logitCrossEntropy`.
    ///
    /// softplus(z) = max(z, 0) + ln(1 + e^−|z|), and a sum of logarithms is the logarithm of a
    /// product: Σ ln(1 + e_i) = ln Π (1 + e_i). So each point costs one vector exp and a
    /// multiply, and the logarithm is taken once per lane per 512 points instead of once a
    /// point. Rounding 1 + e_i and each product costs at most 2^−53 relative, i.e. about
    /// 1.1e-16 absolute in the logarithm each, plus 1 ulp of e_i (≤ 1.1e-16 again): about
    /// 3.3e-16 per point, absolute. Where that is not small against the loss (mean below
    /// `productFormMinimumLoss`) the point is summed term by term with the vector log1p.
    @inline(__always)
    private func logitCrossEntropyRow(_ w1s: UnsafeBufferPointer<Double>, _ w2: Double, _ out: UnsafeMutableBufferPointer<Double>,
                                      logitScale: Double) {
        let b = bias
        data.x1.withUnsafeBufferPointer { x1 in
            data.x2.withUnsafeBufferPointer { x2 in
                data.y.withUnsafeBufferPointer { y in
                    for i in 0..<w1s.count {
                        let product = Self.logitCrossEntropyMean(w1s[i], w2, b, logitScale, x1, x2, y, productForm: true)
                        out[i] = product >= Self.productFormMinimumLoss
                            ? product
                            : Self.logitCrossEntropyMean(w1s[i], w2, b, logitScale, x1, x2, y, productForm: false)
                    }
                }
            }
        }
    }

    /// The mean loss at one grid point, 8 data points a vector: with the product of 1 + e^−|z|
    /// (`productForm`) or a log1p per point.
    @inline(__always)
    private static func logitCrossEntropyMean(_ w1: Double, _ w2: Double, _ b: Double, _ logitScale: Double,
                                              _ x1: UnsafeBufferPointer<Double>, _ x2: UnsafeBufferPointer<Double>,
                                              _ y: UnsafeBufferPointer<Double>, productForm: Bool) -> Double {
        let width = DoubleVector.scalarCount
        let n = y.count
        let vectorEnd = n - n % width
        let p1 = UnsafeRawPointer(x1.baseAddress!), p2 = UnsafeRawPointer(x2.baseAddress!)
        let py = UnsafeRawPointer(y.baseAddress!)
        let stride = MemoryLayout<Double>.stride
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
            if all(a .<= -VectorMath.expLowerLimit) {
                let e = VectorMath.expNonPositive(-a)
                sum += z.replacing(with: 0, where: z .< 0) - t * z
                if productForm {
                    product *= 1 + e
                } else {
                    sum += VectorMath.log1pUnit(e)
                }
            } else {
                // A saturated (|z| > 708: e^−|z| subnormal), infinite or NaN lane: these 8
                // points as `value(at:)` does them.
                for l in 0..<width { scalarSum += PointLoss.logitCrossEntropy(z[l], t[l]) }
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
            scalarSum += PointLoss.logitCrossEntropy((w1 * x1[j] + w2 * x2[j] + b) * logitScale, y[j])
            j += 1
        }
        return (sum.sum() + logSum + scalarSum) / Double(n)
    }
}
