import LossmapCore
import LossmapSpec

/// One step of one run, computed for its callout (`[[explain]]`): where the walker stood,
/// the gradient there, the step it took, where it landed and the loss before and after.
/// Read straight from the run's trajectory, so the callout's numbers are the path's.
public struct StepExplanation: Sendable {
    /// The `[[explain]]` section: which run, which step, whether it has a slice.
    public var spec: ExplanationSpec
    /// The step explained: the one from `point` (w_k) to `next` (w_k+1).
    public var step: Int
    /// When the run stopped before step k (converged, diverged, left the map): the step it
    /// stopped at. The callout then explains the last step it took, and says so.
    public var stoppedAt: Int?
    /// η of the explained step (absolute; η_t under a schedule or a line search) and the run's
    /// method (the step is −η∇L only for plain descent).
    public var learningRate: Double
    public var method: Method
    /// w_k, ∇L(w_k) and L(w_k).
    public var point: Weights
    public var gradient: Weights
    public var lossBefore: Double
    /// w_k+1 and L(w_k+1); for a run that diverged in this step, the point it jumped to.
    public var next: Weights
    public var lossAfter: Double
    /// The loss along this step's line, when the explanation asks for the slice panel.
    public var slice: LineSlice?

    /// The step actually taken, w_k+1 − w_k.
    public var taken: Weights { next - point }
    /// −η∇L(w_k): the step plain gradient descent takes from w_k.
    public var gradientStep: Weights { -learningRate * gradient }
    /// Whether the gradient the step was taken from was not the full one (noise, a minibatch).
    public var noisy = false

    /// True when the step taken is the gradient step −η∇L (gradient descent, or the first
    /// step of a momentum method, whose velocity starts at zero), without noise.
    public var isGradientStep: Bool {
        guard !noisy else { return false }
        switch method {
        case .gradientDescent: return true
        case .momentum, .nesterov: return step == 0
        default: return false
        }
    }

    /// The explanation of `spec`'s step of `run`; nil when the run has no step at all (it
    /// stopped at its start).
    init?(_ spec: ExplanationSpec, run: SceneRun, surface: any LossSurface) {
        let trajectory = run.trajectory
        // The points the run has a step from: every point but the last, plus the last when the
        // run jumped off from it (diverged or left the map, the landing point in `escapedTo`).
        let lastFrom = trajectory.points.count - (trajectory.escapedTo == nil ? 2 : 1)
        // A trajectory built without gradients (they are optional) has no step to explain.
        guard lastFrom >= 0, trajectory.gradients.count > lastFrom, trajectory.losses.count > lastFrom else { return nil }
        let k = min(spec.step, lastFrom)
        self.spec = spec
        step = k
        stoppedAt = k < spec.step ? run.lastStep : nil
        // η of this very step: a schedule's or a line search's, where the run records them.
        learningRate = trajectory.stepLengths.flatMap { k < $0.count ? $0[k] : nil } ?? run.learningRate
        noisy = run.spec.isStochastic
        method = run.spec.method
        point = trajectory.points[k]
        gradient = trajectory.gradients[k]
        lossBefore = trajectory.losses[k]
        if k + 1 < trajectory.points.count {
            next = trajectory.points[k + 1]
            lossAfter = trajectory.losses[k + 1]
        } else {
            next = trajectory.escapedTo ?? point
            lossAfter = surface.value(at: next)
        }
    }
}

extension StepExplanation {
    /// The slice's extent: a little past the largest learning rate drawn on it (every run's
    /// η is a step length along this line), and past twice the best step, where the step
    /// starts to end higher than it began.
    ///
    /// The line is lengthened (at most `maxStretches` times) while its loss still falls at
    /// its end, or climbs back to the start's loss beyond it: a best step found at the end of
    /// a line too short is only where the line was cut.
    static func sliceReach(rates: [Double], surface: any LossSurface, at w: Weights) -> Double {
        // Every reach tried stays a finite double: η near 1e308 leaves no room to stretch.
        let limit = Double.greatestFiniteMagnitude / 4
        let largest = rates.filter { $0.isFinite && $0 > 0 }.max() ?? 1
        var reach = min(1.15 * largest, limit)
        for _ in 0..<maxStretches {
            let slice = LineSlice(surface: surface, at: w, through: reach)
            guard let best = slice.bestStep, best.isFinite, best > 0 else { break }
            if best >= reach * (1 - 1e-9) {
                reach = min(reach * 4, limit)  // still falling at the end
            } else if slice.uphillFrom == nil, 2.4 * best > reach {
                reach = min(2.4 * best, limit)  // the bottom is in, the way back up is not
            } else {
                break
            }
            if reach == limit { break }
        }
        return reach
    }

    /// How many times the slice's line may be lengthened: 4⁸ ≈ 65,000 times the largest η.
    static let maxStretches = 8
}
