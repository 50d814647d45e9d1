import Dispatch
import LossmapCanvas
import LossmapContour
import LossmapCore
import LossmapSpec
import LossmapThreads

/// A figure's numbers, computed once and ready to draw: the sampled grid, its levels and
/// contour geometry in data coordinates, every run's trajectory with its absolute learning
/// rate and legend text, the stability analysis, the markers and the sweep. Plain values:
/// every view (map, grid, loss curve, sweep chart, frames) reads this and computes nothing.
public struct Scene: Sendable {
    public var spec: FigureSpec
    /// The loss surface, resolved (a perceptron built from its loaded data).
    public var surface: any LossSurface
    /// The plotted ranges, resolved (a perceptron's found around its minimum when not given).
    public var w1: ClosedRange<Double>
    public var w2: ClosedRange<Double>
    /// Fixed once computed: `hasMaskedCells` and `lossRange` are found from it at the start.
    public let grid: Grid
    /// Increasing contour levels, all finite. Fixed, as the grid is: the isolines follow from both.
    public let levels: [Double]
    /// The isoline at each level, traced the first time it is asked for (`IsolineCache`).
    public var isolines: [Isoline] { isolineCache.isolines }
    let isolineCache: IsolineCache
    public var runs: [SceneRun]
    /// The marked points with their losses.
    public var markers: [SceneMarker]
    /// The curvature at the minimum nearest the first run's start and its critical learning
    /// rate, when one was found (and the spec asks for it).
    public var stability: StabilityReport?
    /// Why `stability` is nil when the spec asked for it, for the footnote.
    public var stabilityProblem: String?
    /// For a sweep figure: the loss after the run's steps for each learning rate.
    public var sweep: SweepResult?
    /// For a phase diagram: the model's convergence rates and the runs' places on them.
    public var phase: PhaseDiagram?
    /// The steps explained in callouts (`[[explain]]`), in the config's order.
    public var explanations: [StepExplanation] = []
    /// The Hessian's eigen-directions at the minimum, when `eigen = true` and one was found.
    public var eigen: EigenDirections?
    /// The magnifiers' windows and grids (`[[inset]]`), in the config's order.
    public var insets: [InsetWindow] = []
    /// For an animated figure: the step of each frame and how long it is shown.
    public var frames: FrameSchedule?
    /// For a figure with the 3-D surface: the surface sampled on the camera's coarser mesh.
    public var mesh: Grid?
    /// For a network's slice: what its training came to.
    public var training: NetworkTrainingSummary?

    /// True when the levels were listed in the config rather than chosen from the data.
    public var levelsAreExplicit: Bool {
        if case .values = spec.surface.levels { return true }
        return false
    }

    /// True when some grid samples were NaN or infinite (drawn hatched, said in the colorbar).
    /// Found once: the views ask several times, and each scan reads the whole grid.
    public let hasMaskedCells: Bool
    /// The lowest and highest finite sampled loss, found once, as `hasMaskedCells` is.
    public let lossRange: ClosedRange<Double>?

    /// Where the surface is defined (finite): the base band is filled here.
    ///
    /// Polygons are only for vector outputs (a raster looks the bands up per pixel), so they
    /// are traced when asked for, each time: tracing them for every level took two thirds of
    /// the reference figure's contouring.
    public var definedRegion: [ContourPolygon] {
        spec.view == .surface ? [] : MarchingSquares.definedRegion(grid)
    }

    /// superlevelSets[i]: where the loss is ≥ levels[i]; filled on top of each other in order.
    /// Traced when asked for, each time, as `definedRegion` is; concurrently by level.
    public var superlevelSets: [[ContourPolygon]] {
        guard spec.view != .surface else { return Array(repeating: [], count: levels.count) }
        var sets = [[ContourPolygon]](repeating: [], count: levels.count)
        sets.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            let grid = self.grid, levels = self.levels
            Parallelism.perform(iterations: levels.count) { i in
                buffer[i] = MarchingSquares.superlevelSet(grid, threshold: levels[i])
            }
        }
        return sets
    }
}

/// One run, computed: its absolute learning rate, its path with per-step data, its colour
/// and its legend text.
public struct SceneRun: Sendable {
    public var spec: RunSpec
    /// η, absolute (a relative rate multiplied by η_crit).
    public var learningRate: Double
    /// η_crit of this run's method at the minimum nearest its start, when known (and shown).
    public var criticalLearningRate: Double?
    /// The walk: points[k] after k steps, losses[k] and gradients[k] there (so the step plain
    /// descent takes from points[k] is −η·gradients[k]).
    public var trajectory: Trajectory
    public var color: RGBA
    /// The legend text: the user's own, or "η = 0.19 (0.95 η_crit)".
    public var label: String
    /// False in a frame before the run has stopped: its outcome is not known yet, so no
    /// badge, no exit arrow and no outcome in the legend.
    public var outcomeKnown = true
    /// The other seeds' walks of a run with `repeats` (seeds `seed` + 1, …); empty otherwise.
    public var repeats: [Trajectory] = []
    /// With repeats: per step, the median position over all seeds and the 10th and 90th
    /// percentile of each weight (`RepeatSpread`).
    public var spread: RepeatSpread?

    /// η/η_crit, when η_crit is known: for a relative rate, the multiple the user typed, so it
    /// reads back exactly as written.
    public var criticalMultiple: Double? {
        guard let critical = criticalLearningRate, critical > 0 else { return nil }
        if case .critical(let multiple) = spec.learningRate { return multiple }
        return learningRate / critical
    }

    /// The run as a frame at step `k` shows it: its walk up to step k, and its outcome only
    /// once it has stopped (at or before k). A run that stopped earlier stays as it is.
    ///
    /// A run that diverged or left the map at step s keeps its points up to step s − 1 (the
    /// point it jumped to is `escapedTo`), so it stands at its last point from frame s − 1
    /// on, but its outcome, exit arrow and badge appear only in frame s.
    public func atStep(_ k: Int) -> SceneRun {
        guard k < lastStep else { return self }
        let n = min(max(k, 0) + 1, trajectory.points.count)
        var run = self
        run.trajectory.points = Array(trajectory.points.prefix(n))
        run.trajectory.losses = Array(trajectory.losses.prefix(n))
        run.trajectory.gradients = Array(trajectory.gradients.prefix(n))
        run.trajectory.escapedTo = nil
        run.outcomeKnown = false
        run.repeats = repeats.map { t in
            var cut = t
            cut.points = Array(t.points.prefix(n))
            cut.losses = Array(t.losses.prefix(n))
            cut.gradients = Array(t.gradients.prefix(n))
            cut.escapedTo = nil
            return cut
        }
        run.spread = spread?.prefix(n)
        return run
    }

    /// The walk drawn as the run's line, and where its walker stands: with a band of repeats
    /// the seeds' median walk, else its own.
    public var drawnWalk: [Weights] {
        spread.flatMap { spec.repeatsStyle == .band && !$0.median.isEmpty ? $0.median : nil } ?? trajectory.points
    }

    /// The step at which this run stops: from this frame on it stands still with its outcome.
    public var lastStep: Int { max(0, trajectory.points.count - 1, trajectory.stepsTaken) }

    /// The walk up to and including step `k` (all of it when k is past the end): what a frame
    /// at step k shows. Slices share the scene's storage.
    public func prefix(throughStep k: Int) -> (points: ArraySlice<Weights>, losses: ArraySlice<Double>, gradients: ArraySlice<Weights>) {
        let n = min(max(k, 0) + 1, trajectory.points.count)
        return (trajectory.points.prefix(n), trajectory.losses.prefix(n), trajectory.gradients.prefix(n))
    }
}

/// A marked point with its loss.
public struct SceneMarker: Sendable, Equatable {
    public var spec: MarkerSpec
    public var loss: Double

    public init(spec: MarkerSpec, loss: Double) {
        self.spec = spec
        self.loss = loss
    }
}
