/// A quadratic bowl L = ½(w1² + κ·w2²): curvatures 1 and κ, so `condition` κ is their ratio.
///
/// Its Hessian is diag(1, κ), which makes gradient descent solvable in closed form: each
/// eigen-direction shrinks by (1 − ηλ) per step, and the run diverges once η > 2/κ (κ ≥ 1).
public struct Quadratic: LossSurface {
    /// The ratio of the two curvatures (λ2 / λ1), > 0.
    public var condition: Double

    public init(condition: Double = 10) { self.condition = condition }

    public func value(at w: Weights) -> Double {
        0.5 * (w.x * w.x + condition * w.y * w.y)
    }

    public func gradient(at w: Weights) -> Weights {
        Weights(w.x, condition * w.y)
    }

    public var minima: [Weights] { [Weights(0, 0)] }

    /// The curvatures along w1 and w2 (the Hessian's eigenvalues).
    public var curvatures: (Double, Double) { (1, condition) }
}
