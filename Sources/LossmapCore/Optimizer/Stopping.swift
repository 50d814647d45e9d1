/// When a run stops, and when it counts as diverged.
public struct Stopping: Sendable, Equatable {
    /// The most steps a run may take.
    public var maxSteps: Int
    /// The run has converged once the gradient's length falls below this.
    public var gradientTolerance: Double
    /// The run has converged once one step changes the loss by less than this (0: never).
    public var lossChangeTolerance: Double
    /// The run has diverged once the loss exceeds its start value (at least 1) times this.
    public var lossGrowthLimit: Double
    /// The run has diverged once the point leaves this box (nil: no box). The figure passes
    /// the plotted range widened on every side, so a point far off the map stops the run.
    public var escapeBox: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)?

    public init(maxSteps: Int = 500, gradientTolerance: Double = 1e-8, lossChangeTolerance: Double = 0,
                lossGrowthLimit: Double = 1e12, escapeBox: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)? = nil) {
        self.maxSteps = maxSteps
        self.gradientTolerance = gradientTolerance
        self.lossChangeTolerance = lossChangeTolerance
        self.lossGrowthLimit = lossGrowthLimit
        self.escapeBox = escapeBox
    }

    /// The escape box for a plotted window: the window widened by `factor` of its own span on
    /// every side (10 by default: a point ten map-widths away is not coming back by itself).
    public static func escapeBox(around w1: ClosedRange<Double>, _ w2: ClosedRange<Double>, factor: Double = 10)
        -> (w1: ClosedRange<Double>, w2: ClosedRange<Double>) {
        let s1 = (w1.upperBound - w1.lowerBound) * factor, s2 = (w2.upperBound - w2.lowerBound) * factor
        return ((w1.lowerBound - s1)...(w1.upperBound + s1), (w2.lowerBound - s2)...(w2.upperBound + s2))
    }

    public static func == (a: Stopping, b: Stopping) -> Bool {
        a.maxSteps == b.maxSteps && a.gradientTolerance == b.gradientTolerance
            && a.lossChangeTolerance == b.lossChangeTolerance && a.lossGrowthLimit == b.lossGrowthLimit
            && a.escapeBox?.w1 == b.escapeBox?.w1 && a.escapeBox?.w2 == b.escapeBox?.w2
    }
}
