/// Booth's function, L = (w1 + 2w2 − 7)² + (2w1 + w2 − 5)²: a tilted quadratic bowl,
/// minimum 0 at (1, 3); its Hessian [[10, 8], [8, 10]] has eigenvalues 2 and 18.
public struct Booth: LossSurface {
    public init() {}

    public func value(at w: Weights) -> Double {
        let a = w.x + 2 * w.y - 7, b = 2 * w.x + w.y - 5
        return a * a + b * b
    }

    public func gradient(at w: Weights) -> Weights {
        let a = w.x + 2 * w.y - 7, b = 2 * w.x + w.y - 5
        return Weights(2 * a + 4 * b, 4 * a + 2 * b)
    }

    /// Constant: the function is quadratic.
    public func hessian(at w: Weights) -> Hessian? { Hessian(h11: 10, h12: 8, h22: 10) }

    public var minima: [Weights] { [Weights(1, 3)] }
}
