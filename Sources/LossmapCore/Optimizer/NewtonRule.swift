/// Damped Newton's method: w ← w − η·H⁻¹∇L, with the Hessian H at w (exact when the surface
/// has one, central differences otherwise), η the damping (1: the full Newton step, which
/// lands on a quadratic's minimum in one step).
///
/// Where H is not positive definite (a saddle, a ridge, a flat direction) the Newton step
/// may point uphill or be undefined, so that step falls back to the gradient step −η∇L, the
/// simplest of the Hessian modifications of Nocedal & Wright, *Numerical Optimization*, 2nd
/// ed., §3.4; the trajectory records at which steps it did.
///
/// `Descent` does the linear algebra (it has the surface): the rule is handed H⁻¹∇L, or ∇L at
/// a fallback step, as its gradient.
public struct NewtonRule: MethodRule {
    public init() {}

    public var usesCurvature: Bool { true }

    public mutating func step(from w: Weights, gradient d: Weights, learningRate η: Double, step: Int) -> Weights {
        w - η * d
    }

    public static let name = "newton"
    public static let summary = "damped Newton's method, w ← w − ηH⁻¹∇L; −η∇L where H is not positive definite"
    public static let details = """
        `learning_rate` is the damping: 1 takes the full Newton step, which lands on a quadratic's \
        minimum in one step; on a quadratic any 0 < η < 2 converges (η_crit = 2, whatever the \
        curvature). The Hessian is the surface's own where it has one, central differences of the \
        gradient otherwise. Where it is not positive definite the step falls back to −η∇L; the report \
        lists those steps (`newton_fallback_steps`).
        """
    public var method: Method { .newton }
}
