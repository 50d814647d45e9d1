/// The path one run took: every point visited, starting with the start, and its loss.
public struct Trajectory: Sendable {
    /// points[0] is the start; points[k] the weights after k steps. Only finite points are
    /// kept: a step that produced NaN or ±inf ends the run before it is recorded.
    public var points: [Weights]
    /// losses[k] is the loss at points[k].
    public var losses: [Double]
    /// gradients[k] is ∇L at points[k] (may be non-finite at the last point of a run that
    /// diverged there); empty for a trajectory built by hand.
    public var gradients: [Weights]
    /// How the run ended.
    public var outcome: RunOutcome
    /// Where the run was heading when it stopped as diverged or left the map: the first point
    /// that was not kept (it may be huge or non-finite), for arrows that show where it went.
    public var escapedTo: Weights?
    /// The step length each step took, η_t for step t at stepLengths[t − 1], when it varies
    /// (a schedule or a line search); nil for a constant η.
    public var stepLengths: [Double]?
    /// The steps at which Newton's method fell back to the gradient step (the Hessian was not
    /// positive definite there); empty for other methods.
    public var newtonFallbackSteps: [Int] = []

    /// Steps actually taken (the diverging step, or the one that left the map, included).
    public var stepsTaken: Int {
        switch outcome {
        case .diverged(let step, _), .leftMap(let step): return step
        default: return points.count - 1
        }
    }

    public init(points: [Weights], losses: [Double], gradients: [Weights] = [], outcome: RunOutcome, escapedTo: Weights? = nil) {
        self.points = points
        self.losses = losses
        self.gradients = gradients
        self.outcome = outcome
        self.escapedTo = escapedTo
    }

    public var initialLoss: Double { losses.first ?? .nan }
    public var finalLoss: Double { losses.last ?? .nan }
    public var finalPoint: Weights { points.last ?? Weights(.nan, .nan) }
}
