import LossmapCore
import LossmapScene

/// One explained step (`[[explain]]`), as the report gives it: the callout's numbers.
public struct ExplanationReport: Codable, Sendable, Equatable {
    /// The run's index in `runs` (from 0) and its label.
    public var run: Int
    public var label: String
    /// The step explained, from `point` (w_k) to `next` (w_k+1); `stoppedAt` when the run
    /// stopped before the step asked for and its last step is explained instead.
    public var step: Int
    public var stoppedAt: Int?
    /// Pairs [w1, w2]; a coordinate that is not finite (a diverged jump) is null.
    public var point: [Double?]
    public var gradient: [Double?]
    /// The step taken, w_k+1 − w_k (−η∇L for gradient descent).
    public var stepTaken: [Double?]
    public var next: [Double?]
    /// Null when not finite.
    public var lossBefore: Double?
    public var lossAfter: Double?
    /// For the step with `slice = true`: the line's reach, the best step along it and where
    /// it climbs back to the start's loss (null when not within the reach).
    public var slice: SliceReport?

    enum CodingKeys: String, CodingKey {
        case run, label, step, point, gradient, next, slice
        case stoppedAt = "stopped_at"
        case stepTaken = "step_taken"
        case lossBefore = "loss_before"
        case lossAfter = "loss_after"
    }
}

/// The slice along an explained step, as the report gives it.
public struct SliceReport: Codable, Sendable, Equatable {
    public var reach: Double
    public var bestStep: Double?
    public var uphillFrom: Double?

    enum CodingKeys: String, CodingKey {
        case reach
        case bestStep = "best_step"
        case uphillFrom = "uphill_from"
    }
}
