/// Rosenbrock's banana valley, L = (1 − w1)² + 100(w2 − w1²)² (Rosenbrock 1960).
///
/// The minimum at (1, 1) lies in a long curved valley: easy to reach, slow to follow.
public struct Rosenbrock: LossSurface {
    public init() {}

    public func value(at w: Weights) -> Double {
        let a = 1 - w.x, b = w.y - w.x * w.x
        return a * a + 100 * b * b
    }

    public func gradient(at w: Weights) -> Weights {
        let b = w.y - w.x * w.x
        return Weights(-2 * (1 - w.x) - 400 * w.x * b, 200 * b)
    }

    /// [[1200w1² − 400w2 + 2, −400w1], [−400w1, 200]]; [[802, −400], [−400, 200]] at (1, 1).
    public func hessian(at w: Weights) -> Hessian? {
        Hessian(h11: 1200 * w.x * w.x - 400 * w.y + 2, h12: -400 * w.x, h22: 200)
    }

    public var minima: [Weights] { [Weights(1, 1)] }
}
