/// Beale's function, L = (1.5 − w1 + w1w2)² + (2.25 − w1 + w1w2²)² + (2.625 − w1 + w1w2³)².
/// Minimum 0 at (3, 0.5), inside flat plateaus walled by steep ridges.
public struct Beale: LossSurface {
    public init() {}

    public func value(at w: Weights) -> Double {
        let (a, b, c) = terms(w)
        return a * a + b * b + c * c
    }

    public func gradient(at w: Weights) -> Weights {
        let (a, b, c) = terms(w)
        let x = w.x, y = w.y
        let dx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1)
        let dy = 2 * a * x + 2 * b * (2 * x * y) + 2 * c * (3 * x * y * y)
        return Weights(dx, dy)
    }

    /// L = Σ tᵢ² with tᵢ = cᵢ − w1 + w1·w2ⁱ (i = 1, 2, 3), so H = 2Σ(∇tᵢ∇tᵢᵀ + tᵢ∇²tᵢ) with
    /// ∇tᵢ = (w2ⁱ − 1, i·w1·w2ⁱ⁻¹) and ∇²tᵢ = [[0, i·w2ⁱ⁻¹], [i·w2ⁱ⁻¹, i(i − 1)·w1·w2ⁱ⁻²]].
    public func hessian(at w: Weights) -> Hessian? {
        let (a, b, c) = terms(w)
        let x = w.x, y = w.y, y2 = y * y
        // ∇tᵢ components
        let p1 = y - 1, q1 = x
        let p2 = y2 - 1, q2 = 2 * x * y
        let p3 = y2 * y - 1, q3 = 3 * x * y2
        let h11 = 2 * (p1 * p1 + p2 * p2 + p3 * p3)
        let h12 = 2 * (p1 * q1 + a + p2 * q2 + b * 2 * y + p3 * q3 + c * 3 * y2)
        let h22 = 2 * (q1 * q1 + q2 * q2 + b * 2 * x + q3 * q3 + c * 6 * x * y)
        return Hessian(h11: h11, h12: h12, h22: h22)
    }

    public var minima: [Weights] { [Weights(3, 0.5)] }

    private func terms(_ w: Weights) -> (Double, Double, Double) {
        let x = w.x, y = w.y
        return (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y)
    }
}
