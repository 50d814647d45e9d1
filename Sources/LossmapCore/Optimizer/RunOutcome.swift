/// What happened to one run: exactly one of these, decided when the run stops.
public enum RunOutcome: Sendable, Equatable {
    /// The gradient became negligible (or the loss stopped changing) at `step`.
    case converged(step: Int)
    /// The steps ran out while the loss was still going down (a new low in the last window).
    case descending
    /// The steps ran out with the point bouncing back and forth without getting lower:
    /// its last window of steps reached no new low (see `Descent.classifyUnfinished`).
    case oscillating
    /// Step `step` took the point out of the escape box while the loss was still falling
    /// (see `Descent.leftDownhill`): the run went off the map downhill, as on a saddle or a
    /// surface without a minimum, which is not divergence.
    case leftMap(step: Int)
    /// The run blew up at `step`: see `DivergenceReason`.
    case diverged(step: Int, reason: DivergenceReason)
    /// Not walked here: a path read from a file (or lossmap's own projection of a network's
    /// training), drawn as it was recorded.
    case recorded

    /// The outcome's name as printed and reported: converged, descending, oscillating,
    /// left_map, diverged.
    public var name: String {
        switch self {
        case .converged: return "converged"
        case .descending: return "descending"
        case .oscillating: return "oscillating"
        case .leftMap: return "left_map"
        case .diverged: return "diverged"
        case .recorded: return "recorded"
        }
    }

    /// A short phrase for legends: "converged at step 12", "left the map at step 25, still
    /// descending", "diverged at step 7" …
    public var phrase: String {
        switch self {
        case .converged(let step): return "converged at step \(step)"
        case .descending: return "still descending"
        case .oscillating: return "oscillating"
        case .leftMap(let step): return "left the map at step \(step), still descending"
        case .diverged(let step, _): return "diverged at step \(step)"
        case .recorded: return "recorded"
        }
    }

    /// True for `diverged` only: a run that left the map downhill (`leftMap`) did not diverge.
    public var isDiverged: Bool {
        if case .diverged = self { return true }
        return false
    }
}

/// Why a run was declared diverged.
public enum DivergenceReason: String, Sendable, Equatable {
    /// The loss (or its gradient) is NaN at the point: the surface is not defined there, as
    /// log(w1) at w1 < 0 or √w2 at w2 < 0 (see `nonFinite(at:loss:gradient:from:on:)`).
    case undefined = "the loss is undefined at the point"
    /// The weights, the loss or its gradient overflowed to infinity (or to the NaN that
    /// overflowed terms make, ∞ − ∞).
    case overflowed = "the loss or the weights overflowed to infinity"
    /// The loss grew (in magnitude) past `Stopping.lossGrowthLimit` times its starting value.
    case lossExploded = "the loss grew by a huge factor"
    /// The point left the escape box around the plotted range without going downhill (a run
    /// that leaves it while the loss still falls is `RunOutcome.leftMap` instead).
    case escaped = "the point ran far outside the plotted range"
}
