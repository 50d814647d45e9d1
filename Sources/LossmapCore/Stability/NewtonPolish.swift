/// Refines a point that is already close to a stationary point by a few plain Newton steps,
/// so that the Hessian for η_crit is taken where the gradient vanishes to rounding.
///
/// A minimum stored to six decimals (Himmelblau's, as printed in the literature) leaves a
/// gradient of about 3e-5 there, and η_crit = 2/λmax from the Hessian at that point is off by
/// 1e-7 to 5e-7 relative. Newton's method converges quadratically from so close (Nocedal &
/// Wright, *Numerical Optimization*, 2nd ed., Theorem 3.5): 1e-6 → 1e-12 → rounding in two or
/// three steps. The polish is a refinement, not a search: it keeps a step only while the
/// gradient gets smaller and the point stays within `radius` of where it began, so it can
/// never wander off to a neighbouring stationary point.
public enum NewtonPolish {
    /// The most Newton steps taken: three suffice from six correct decimals; the rest is margin.
    public static let maxSteps = 8
    /// How far the polished point may move: this × max(1, ‖w‖). A point stored to six decimals
    /// is within about 1e-6 of the true one, so 1e-3 leaves a wide margin while staying far
    /// below the distance between distinct stationary points of any built-in surface.
    public static let radius = 1e-3

    /// `w` moved by plain Newton steps towards the stationary point it is near, or `w` itself
    /// when no step makes the gradient smaller (it is already exact to rounding, the Hessian is
    /// singular there, or the steps leave the radius).
    public static func polish(_ w: Weights, on surface: some LossSurface) -> Weights {
        var best = w
        var bestGradient = surface.gradient(at: w).length
        guard w.isFinite, bestGradient.isFinite else { return w }
        let reach = radius * max(1, w.length)
        var x = w
        for _ in 0..<maxSteps where bestGradient > 0 {
            guard let h = MinimumSearch.hessian(surface, at: x),
                  let step = MinimumSearch.solve(h, -surface.gradient(at: x)) else { break }
            x += step
            guard x.isFinite, (x - w).length <= reach else { break }
            let g = surface.gradient(at: x).length
            // Once at rounding level a Newton step only jitters: stop at the first one that
            // does not improve.
            guard g.isFinite, g < bestGradient else { break }
            best = x
            bestGradient = g
        }
        return best
    }
}
