/// Finds a minimum, or failing that another stationary point, of a surface whose minima are
/// not known, for the stability analysis.
///
/// `minimum(of:from:)` is a damped Newton method: the Newton step −H⁻¹∇L where the Hessian
/// is positive definite, the steepest-descent step −∇L elsewhere, each shortened by
/// backtracking until the loss falls enough (the Armijo condition, Nocedal & Wright,
/// *Numerical Optimization*, 2nd ed., Algorithms 3.1 and 3.2 with the simplest Hessian
/// modification of §3.4). Every accepted step lowers the loss, so it can only end at a
/// minimum (or run off where the surface has none); near a minimum it converges
/// quadratically. `stationaryPoint(of:from:)` is plain Newton, which goes to the nearest
/// stationary point of any kind, so that a surface without a minimum can still be
/// described by its saddle.
public enum MinimumSearch {
    /// The gradient length below which a point counts as stationary: relative to the
    /// gradient at the start (at least 1), at about the rounding level of Newton's method.
    static func tolerance(_ g0: Weights) -> Double { 1e-10 * max(1, g0.length) }

    /// A local minimum reached downhill from `start`, or nil when the search ran into
    /// non-finite values, ran out of iterations or stalled away from a stationary point.
    public static func minimum(of surface: some LossSurface, from start: Weights, maxIterations: Int = 500) -> Weights? {
        var w = start
        var f = surface.value(at: w)
        guard w.isFinite, f.isFinite else { return nil }
        let g0 = surface.gradient(at: w)
        let tolerance = tolerance(g0)
        for _ in 0..<maxIterations {
            let g = surface.gradient(at: w)
            guard g.isFinite else { return nil }
            let h = hessian(surface, at: w)
            if g.length <= tolerance {
                // Stationary; a minimum only if nothing curves down (a start placed exactly
                // on a saddle must not be reported as a minimum).
                return h.map { $0.eigenvalues.smaller >= -1e-8 * max(1, abs($0.eigenvalues.larger)) } == true ? w : nil
            }
            var direction = -g
            if let h, h.eigenvalues.smaller > 0, let newton = solve(h, -g), (newton * g).sum() < 0 {
                direction = newton
            }
            let slope = (direction * g).sum()
            var t = 1.0
            var accepted: (Weights, Double)?
            while t > 1e-20 {
                let candidate = w + t * direction
                let fc = surface.value(at: candidate)
                if candidate.isFinite, fc.isFinite, fc <= f + 1e-4 * t * slope {
                    accepted = (candidate, fc)
                    break
                }
                t /= 2
            }
            guard let (next, fNext) = accepted, next != w else {
                // No step lowers the loss any more: at a minimum to rounding, or stuck.
                return g.length <= 1e4 * tolerance ? w : nil
            }
            w = next
            f = fNext
        }
        return nil
    }

    /// A stationary point (∇L = 0) reached by plain Newton steps from `start`, whatever its
    /// kind; nil when the Hessian is singular on the way or the steps do not settle.
    public static func stationaryPoint(of surface: some LossSurface, from start: Weights, maxIterations: Int = 100) -> Weights? {
        var w = start
        let tolerance = tolerance(surface.gradient(at: start))
        for _ in 0..<maxIterations {
            let g = surface.gradient(at: w)
            guard g.isFinite, w.isFinite else { return nil }
            if g.length <= tolerance { return w }
            guard let h = hessian(surface, at: w), let step = solve(h, -g) else { return nil }
            w += step
        }
        let g = surface.gradient(at: w)
        return g.isFinite && g.length <= 1e4 * tolerance ? w : nil
    }

    /// The exact Hessian when the surface has one, central differences otherwise.
    static func hessian(_ surface: some LossSurface, at w: Weights) -> Hessian? {
        let h = surface.hessian(at: w) ?? CentralDifferenceHessian.estimate(surface, at: w)
        return h.flatMap { $0.isFinite ? $0 : nil }
    }

    /// x with H·x = b, by Cramer's rule (exact enough for 2×2); nil when H is singular.
    static func solve(_ h: Hessian, _ b: Weights) -> Weights? {
        let det = h.determinant
        guard det != 0, det.isFinite else { return nil }
        let x = Weights(h.h22 * b.x - h.h12 * b.y, h.h11 * b.y - h.h12 * b.x) / det
        return x.isFinite ? x : nil
    }
}
