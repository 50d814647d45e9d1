/// The six-hump camel function, L = (4 − 2.1w1² + w1⁴/3)w1² + w1w2 + (−4 + 4w2²)w2²:
/// six local minima, two global ones ≈ −1.0316 at (±0.0898, ∓0.7126) (Dixon & Szegő 1978).
public struct SixHumpCamel: LossSurface {
    public init() {}

    public func value(at w: Weights) -> Double {
        let x = w.x, y = w.y, x2 = x * x, y2 = y * y
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2
    }

    public func gradient(at w: Weights) -> Weights {
        let x = w.x, y = w.y, x2 = x * x
        return Weights(8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y * y * y)
    }

    public func hessian(at w: Weights) -> Hessian? {
        let x2 = w.x * w.x
        return Hessian(h11: 8 - 25.2 * x2 + 10 * x2 * x2, h12: 1, h22: -8 + 48 * w.y * w.y)
    }

    public var minima: [Weights] { [Weights(0.0898420, -0.7126564), Weights(-0.0898420, 0.7126564)] }
}
