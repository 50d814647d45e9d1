/// When a run stops, and when it counts as diverged.
///
/// A run stops at the first of: the gradient is negligible (converged), the loss stopped
/// changing (converged, when enabled), a divergence test fires, or the steps run out (then
/// `Descent` decides between descending and oscillating).
public struct Stopping: Sendable, Equatable {
    /// The most steps a run may take.
    public var maxSteps: Int
    /// The run has converged once the gradient's length ‖∇L‖ falls below this (absolute).
    public var gradientTolerance: Double
    /// The run has converged once one step changes the loss by at most this fraction of
    /// max(|L|, 1): |Lₖ − Lₖ₊₁| ≤ tol·max(|Lₖ|, |Lₖ₊₁|, 1), the `ftol` test of L-BFGS-B
    /// (Byrd, Lu, Nocedal & Zhu 1995). 0 turns it off, the default: a run bouncing
    /// symmetrically across a valley (η = 2/λ) and one crawling with a tiny η also barely
    /// change the loss, and only the gradient tells them apart from a minimum.
    public var lossChangeTolerance: Double
    /// The run has diverged once |L| exceeds max(|L₀|, 1) times this, L₀ the start loss:
    /// the loss grew by a huge factor (or fell without bound, as on a saddle).
    public var lossGrowthLimit: Double
    /// The run stops once the point leaves this box (nil: no box): as `leftMap` when the loss
    /// is still falling (`Descent.leftDownhill`), as diverged otherwise. The figure passes the
    /// plotted range widened on every side, so a point far off the map stops the run.
    public var escapeBox: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)?

    /// 500 steps: enough for a slide's worth of dots, quick for sweeps of many rates.
    public static let defaultMaxSteps = 500
    /// 1e-8: small against every built-in surface's gradient scale, large against rounding
    /// (‖H‖·ε·‖w*‖ ≈ 1e-13 at Rosenbrock's minimum).
    public static let defaultGradientTolerance = 1e-8
    /// 0: off (see `lossChangeTolerance`).
    public static let defaultLossChangeTolerance = 0.0
    /// 1e12: no run that is going to converge grows its loss a trillion-fold on the way.
    public static let defaultLossGrowthLimit = 1e12

    public init(maxSteps: Int = Stopping.defaultMaxSteps, gradientTolerance: Double = Stopping.defaultGradientTolerance,
                lossChangeTolerance: Double = Stopping.defaultLossChangeTolerance,
                lossGrowthLimit: Double = Stopping.defaultLossGrowthLimit,
                escapeBox: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)? = nil) {
        self.maxSteps = maxSteps
        self.gradientTolerance = gradientTolerance
        self.lossChangeTolerance = lossChangeTolerance
        self.lossGrowthLimit = lossGrowthLimit
        self.escapeBox = escapeBox
    }

    /// The escape box for a plotted window: the window widened by `factor` of its own span on
    /// every side. Three map-widths away a run has left the picture for good: a slowly growing
    /// zig-zag (η a little above η_crit on a quadratic) gets there in tens of steps and is
    /// reported as diverged, not as merely oscillating.
    public static func escapeBox(around w1: ClosedRange<Double>, _ w2: ClosedRange<Double>, factor: Double = 3)
        -> (w1: ClosedRange<Double>, w2: ClosedRange<Double>) {
        let s1 = (w1.upperBound - w1.lowerBound) * factor, s2 = (w2.upperBound - w2.lowerBound) * factor
        return ((w1.lowerBound - s1)...(w1.upperBound + s1), (w2.lowerBound - s2)...(w2.upperBound + s2))
    }

    /// True when a step from loss `a` to `b` is small enough to count as converged.
    func lossStopped(from a: Double, to b: Double) -> Bool {
        lossChangeTolerance > 0 && abs(a - b) <= lossChangeTolerance * max(abs(a), abs(b), 1)
    }

    public static func == (a: Stopping, b: Stopping) -> Bool {
        a.maxSteps == b.maxSteps && a.gradientTolerance == b.gradientTolerance
            && a.lossChangeTolerance == b.lossChangeTolerance && a.lossGrowthLimit == b.lossGrowthLimit
            && a.escapeBox?.w1 == b.escapeBox?.w1 && a.escapeBox?.w2 == b.escapeBox?.w2
    }
}
