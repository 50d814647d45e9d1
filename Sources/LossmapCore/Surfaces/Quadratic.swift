/// A quadratic bowl L = ½(λ1·w1² + λ2·w2²), by default ½(w1² + κ·w2²): curvatures 1 and κ,
/// so `condition` κ is their ratio.
///
/// Its Hessian is diag(λ1, λ2), which makes gradient descent solvable in closed form: each
/// eigen-direction shrinks by (1 − ηλ) per step, and the run diverges once η > 2/max(λ1, λ2).
public struct Quadratic: LossSurface {
    /// The curvature along w1 (the first Hessian eigenvalue).
    public var curvature1: Double
    /// The curvature along w2 (the second Hessian eigenvalue).
    public var curvature2: Double

    /// The bowl ½(w1² + κ·w2²); κ > 0.
    public init(condition: Double = 10) { self.init(curvatures: (1, condition)) }

    /// The bowl ½(λ1·w1² + λ2·w2²): `Quadratic(curvatures: (10, 20))` is 5w1² + 10w2².
    public init(curvatures: (Double, Double)) {
        curvature1 = curvatures.0
        curvature2 = curvatures.1
    }

    /// The ratio of the two curvatures, λ2 / λ1.
    public var condition: Double { curvature2 / curvature1 }

    public func value(at w: Weights) -> Double {
        0.5 * (curvature1 * w.x * w.x + curvature2 * w.y * w.y)
    }

    public func gradient(at w: Weights) -> Weights {
        Weights(curvature1 * w.x, curvature2 * w.y)
    }

    public func hessian(at w: Weights) -> Hessian? { Hessian(h11: curvature1, h12: 0, h22: curvature2) }

    public var minima: [Weights] { [Weights(0, 0)] }

    /// The curvatures along w1 and w2 (the Hessian's eigenvalues).
    public var curvatures: (Double, Double) { (curvature1, curvature2) }
}
