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

    public var minima: [Weights] { [Weights(3, 0.5)] }

    private func terms(_ w: Weights) -> (Double, Double, Double) {
        let x = w.x, y = w.y
        return (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y)
    }
}
