/// Himmelblau's function, L = (w1² + w2 − 11)² + (w1 + w2² − 7)²: four equal minima (value 0).
public struct Himmelblau: LossSurface {
    public init() {}

    public func value(at w: Weights) -> Double {
        let a = w.x * w.x + w.y - 11, b = w.x + w.y * w.y - 7
        return a * a + b * b
    }

    public func gradient(at w: Weights) -> Weights {
        let a = w.x * w.x + w.y - 11, b = w.x + w.y * w.y - 7
        return Weights(4 * w.x * a + 2 * b, 2 * a + 4 * w.y * b)
    }

    /// With a = w1² + w2 − 11, b = w1 + w2² − 7: [[4a + 8w1² + 2, 4(w1 + w2)], [4(w1 + w2), 4b + 8w2² + 2]].
    public func hessian(at w: Weights) -> Hessian? {
        let a = w.x * w.x + w.y - 11, b = w.x + w.y * w.y - 7
        return Hessian(h11: 4 * a + 8 * w.x * w.x + 2, h12: 4 * (w.x + w.y), h22: 4 * b + 8 * w.y * w.y + 2)
    }

    /// (3, 2) exactly; the other three (Himmelblau 1972 gives six decimals) are the nearest
    /// doubles to the roots of ∇L = 0, found by Newton's method from those six decimals in
    /// 50-digit arithmetic (mpmath, 30 iterations; the gradient there is below 1e-48). At
    /// these doubles ‖∇L‖ ≈ 1e-14, rounding level, where six decimals leave about 4e-5.
    public var minima: [Weights] {
        [Weights(3, 2), Weights(-2.805118086952745, 3.131312518250573),
         Weights(-3.779310253377747, -3.2831859912861696), Weights(3.5844283403304917, -1.8481265269644036)]
    }
}
