/// How much one step multiplies the distance to the minimum along one eigen-direction of the
/// Hessian, on the quadratic model L ≈ ½(w − w*)ᵀH(w − w*).
///
/// Along the eigenvector of eigenvalue λ every method below is a linear recurrence in the
/// coordinate x of w − w*, and after many steps |x| shrinks (or grows) by the spectral radius ρ
/// of its iteration matrix per step: ρ < 1 means the run closes in on the minimum, ρ = 1 that it
/// keeps its distance (gd bouncing at η = 2/λ), ρ > 1 that the distance grows. The whole run
/// converges at the rate of its slowest direction, the largest ρ over both eigenvalues.
/// (Polyak 1964, "Some methods of speeding up the convergence of iteration methods";
/// Goh 2017, "Why Momentum Really Works", Distill, whose figures are these factors.)
///
/// With a = ηλ:
/// - gradient descent: x ← (1 − a)x, factor |1 − a|;
/// - heavy ball with β: (xₖ₊₁, xₖ) = [[1 + β − a, −β], [1, 0]]·(xₖ, xₖ₋₁), whose characteristic
///   polynomial is z² − (1 + β − a)z + β;
/// - Nesterov with μ (Sutskever et al. 2013 form, as `NesterovRule`): z² − (1 − a)(1 + μ)z + (1 − a)μ.
/// AdaGrad, RMSprop and Adam divide each step by a running size of the gradient, so their
/// iteration is not linear and has no such factor.
public enum ConvergenceFactor {
    /// |1 − ηλ|: gradient descent's factor per step along an eigen-direction with eigenvalue λ.
    /// 1 − ηλ is rounded once (a fused multiply-add), so the factor at η = 2/λ is 1 to an ulp.
    public static func gradientDescent(rate η: Double, eigenvalue λ: Double) -> Double {
        abs(1.0.addingProduct(-η, λ))
    }

    /// Heavy-ball momentum's factor per step along an eigen-direction with eigenvalue λ: the
    /// spectral radius of [[1 + β − ηλ, −β], [1, 0]], the larger root modulus of
    /// z² − (1 + β − ηλ)z + β. Complex roots (underdamped: the run spirals in) have modulus √β
    /// whatever η is; real roots (overdamped, or alternating for large η) are computed by
    /// `largestRootModulus`. It is < 1 exactly when 0 < ηλ < 2(1 + β) for β in [0, 1).
    public static func heavyBall(rate η: Double, momentum β: Double, eigenvalue λ: Double) -> Double {
        largestRootModulus(trace: (1 + β).addingProduct(-η, λ), determinant: β)
    }

    /// Nesterov momentum's factor per step along an eigen-direction with eigenvalue λ: the
    /// larger root modulus of z² − (1 − a)(1 + μ)z + (1 − a)μ with a = ηλ (the polynomial of
    /// `StabilityReport.criticalLearningRate(for:)`). It is < 1 exactly when
    /// 0 < a < 2(1 + μ)/(1 + 2μ) for μ in [0, 1).
    public static func nesterov(rate η: Double, momentum μ: Double, eigenvalue λ: Double) -> Double {
        let damped = 1.0.addingProduct(-η, λ)  // 1 − a, rounded once
        return largestRootModulus(trace: damped * (1 + μ), determinant: damped * μ)
    }

    /// The factor of `method` along one eigen-direction; nil for AdaGrad, RMSprop and Adam,
    /// whose steps are not η·∇L (see the type's comment).
    public static func perDirection(of method: Method, rate η: Double, eigenvalue λ: Double) -> Double? {
        switch method {
        case .gradientDescent: return gradientDescent(rate: η, eigenvalue: λ)
        case .momentum(let β): return heavyBall(rate: η, momentum: β, eigenvalue: λ)
        case .nesterov(let μ): return nesterov(rate: η, momentum: μ, eigenvalue: λ)
        // H⁻¹ undoes the curvature: every direction shrinks by 1 − η (on a strict minimum).
        case .newton: return λ > 0 ? abs(1 - η) : nil
        case .adagrad, .rmsprop, .adam: return nil
        }
    }

    /// The factor of the whole run: the larger of the two directions' factors (the slower
    /// direction sets the pace); NaN when either is NaN, nil for AdaGrad, RMSprop and Adam.
    public static func spectralRadius(of method: Method, rate η: Double,
                                      eigenvalues: (smaller: Double, larger: Double)) -> Double? {
        guard let a = perDirection(of: method, rate: η, eigenvalue: eigenvalues.smaller),
              let b = perDirection(of: method, rate: η, eigenvalue: eigenvalues.larger) else { return nil }
        if a.isNaN || b.isNaN { return .nan }
        return max(a, b)
    }

    /// The spectral radius of a real 2×2 matrix with this trace t and determinant c: the larger
    /// modulus of the roots of z² − tz + c.
    ///
    /// With discriminant Δ = t² − 4c: when Δ < 0 the roots are a complex pair of modulus √c;
    /// when Δ ≥ 0 they are real and the larger in magnitude is (t + sign(t)·√Δ)/2, of modulus
    /// (|t| + √Δ)/2, a sum of two non-negative terms with no cancellation (the stable
    /// quadratic root of *Numerical Recipes*, 3rd ed., §5.6; the other root, c over this one,
    /// is never needed). Δ itself cancels near critical damping (t² ≈ 4c), so it is formed
    /// with the rounding error of t² added back (a fused multiply-add; 4c is exact), which
    /// leaves Δ correct to an ulp of t² for the given t and c. The coefficients are first
    /// scaled by a power of two so that t² cannot overflow.
    public static func largestRootModulus(trace t: Double, determinant c: Double) -> Double {
        if t.isNaN || c.isNaN { return .nan }
        let size = max(abs(t), abs(c).squareRoot())
        guard size.isFinite else { return .infinity }
        guard size > 0 else { return 0 }
        // z → z/s maps the roots of z² − tz + c to those of z² − (t/s)z + c/s²; s a power of two.
        let s = Double(sign: .plus, exponent: size.exponent, significand: 1)
        let ts = t / s, cs = c / s / s
        let square = ts * ts
        let squareError = (-square).addingProduct(ts, ts)  // ts² − square, exactly
        let discriminant = (square - 4 * cs) + squareError
        let modulus = discriminant < 0 ? cs.squareRoot() : (abs(ts) + discriminant.squareRoot()) / 2
        return modulus * s
    }
}
