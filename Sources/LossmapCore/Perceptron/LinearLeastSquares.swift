/// The mean squared error of a linear perceptron as the quadratic form it is:
///
///     L(w) = a11·w1² + 2·a12·w1·w2 + a22·w2² + 2·b1·w1 + 2·b2·w2 + c
///
/// with the coefficients built once from the data's sufficient statistics. With r = bias − y,
/// (1/n)Σ(w1·x1 + w2·x2 + r)² expands to a11 = mean(x1²), a12 = mean(x1·x2), a22 = mean(x2²),
/// b1 = mean(x1·r) = bias·mean(x1) − mean(x1·y), b2 likewise, and
/// c = mean(r²) = bias² − 2·bias·mean(y) + mean(y²). A grid cell then costs O(1) however many
/// points there are.
struct LinearLeastSquares: Sendable {
    var a11, a12, a22, b1, b2, c: Double

    init(_ data: PerceptronData, bias: Double) {
        // Σx1, Σx2, Σy, Σx1², Σx1x2, Σx2², Σx1y, Σx2y, Σy² in one pass.
        var s1 = 0.0, s2 = 0.0, sy = 0.0, s11 = 0.0, s12 = 0.0, s22 = 0.0, s1y = 0.0, s2y = 0.0, syy = 0.0
        data.x1.withUnsafeBufferPointer { x1 in
            data.x2.withUnsafeBufferPointer { x2 in
                data.y.withUnsafeBufferPointer { y in
                    for i in 0..<y.count {
                        let u = x1[i], v = x2[i], t = y[i]
                        s1 += u; s2 += v; sy += t
                        s11 += u * u; s12 += u * v; s22 += v * v
                        s1y += u * t; s2y += v * t; syy += t * t
                    }
                }
            }
        }
        let n = Double(data.count)
        a11 = s11 / n
        a12 = s12 / n
        a22 = s22 / n
        b1 = (bias * s1 - s1y) / n
        b2 = (bias * s2 - s2y) / n
        c = bias * bias - 2 * bias * sy / n + syy / n
    }

    /// The loss, never below 0: rounding in the expanded form can dip a hair under zero at an
    /// exact fit, and a negative mean square would break logarithmic contour levels.
    @inline(__always)
    func value(_ w: Weights) -> Double {
        let v = w.x * (a11 * w.x + 2 * (a12 * w.y + b1)) + w.y * (a22 * w.y + 2 * b2) + c
        return v.isNaN ? v : Swift.max(0, v)
    }

    @inline(__always)
    func gradient(_ w: Weights) -> Weights {
        Weights(2 * (a11 * w.x + a12 * w.y + b1), 2 * (a12 * w.x + a22 * w.y + b2))
    }

    var hessian: Hessian { Hessian(h11: 2 * a11, h12: 2 * a12, h22: 2 * a22) }

    /// The unique minimum −A⁻¹b, or nil when the inputs are collinear (a valley floor, not a point).
    var minimum: Weights? {
        let det = a11 * a22 - a12 * a12
        // Relative test: det is a difference of products of scale a11·a22.
        guard det > 1e-12 * a11 * a22, det.isFinite else { return nil }
        return Weights((-a22 * b1 + a12 * b2) / det, (a12 * b1 - a11 * b2) / det)
    }
}
