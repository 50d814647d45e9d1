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

    /// (3, 2) exactly; the other three to six decimals (Himmelblau 1972).
    public var minima: [Weights] {
        [Weights(3, 2), Weights(-2.805118, 3.131312), Weights(-3.779310, -3.283186), Weights(3.584428, -1.848126)]
    }
}
