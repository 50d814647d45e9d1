import Dispatch
import LossmapContour
import LossmapCore
import LossmapSpec

/// Time spent in each phase of computing a scene, for `lossmap bench`.
public struct ComputeTimings: Sendable {
    public var surface: Double = 0
    public var contouring: Double = 0
    public var optimisation: Double = 0
    public init() {}
}

extension Scene {
    /// Computes everything a figure shows, once: the surface resolved (a perceptron's data
    /// loaded, its window found), the stability analysis and the absolute learning rates, the
    /// sampled grid, levels and contours, every descent, the markers' losses and the sweep.
    /// Throws, at the config's file:line:col, when a data file is missing or bad, a limit is
    /// passed, or a rate relative to η_crit has no η_crit to be relative to.
    public init(_ spec: FigureSpec) throws(DiagnosticList) {
        var timings = ComputeTimings()
        try self.init(spec, timings: &timings)
    }

    public init(_ given: FigureSpec, timings: inout ComputeTimings) throws(DiagnosticList) {
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }

        let resolved = try SurfaceResolution.resolve(given)
        // A run's `epochs` are steps once the data's size is known.
        let spec = try resolved.completing(given).resolvingEpochs(pointCount: (resolved.surface as? any PointwiseLoss)?.pointCount)
        let surface = resolved.surface, w1 = resolved.w1, w2 = resolved.w2
        let stability = StabilityAnalysis(spec, resolved)
        let rates = try stability.absoluteRates(spec)

        // A sweep draws no map: a token grid keeps the figure's shape without the work.
        let resolution = spec.kind.isMap ? spec.surface.resolution : 2
        let grid = Self.sample(surface, w1: w1, w2: w2, resolution: resolution)
        timings.surface += lap()

        // Levels are chosen on the map's grid in every view, so the map, the mountain and both
        // have the same; a lone mountain needs no contours.
        let levels = LevelChoosing.levels(for: spec.surface, grid: grid)
        // Traced when first asked for (vector outputs, contour labels): a PNG map paints its
        // isolines from the grid. A lone mountain has none.
        let isolines = IsolineCache(grid: grid, levels: levels,
                                    traced: spec.view == .surface ? levels.map { Isoline(level: $0, lines: []) } : nil)
        timings.contouring += lap()

        let escapeBox = Stopping.escapeBox(around: w1, w2)
        var runs: [SceneRun] = []
        var paletteIndex = 0
        for (run, η) in zip(spec.runs, rates.runs) {
            if let source = run.recorded {
                let color = run.color ?? spec.theme.runColor(paletteIndex)
                if run.color == nil { paletteIndex += 1 }
                var computed = SceneRun(spec: run, learningRate: 0, criticalLearningRate: nil,
                                        trajectory: try RecordedTrajectory.trajectory(source, on: surface), color: color, label: "")
                computed.label = RunLabelText.text(for: computed)
                runs.append(computed)
                continue
            }
            var stopping = run.stopping
            if stopping.escapeBox == nil { stopping.escapeBox = escapeBox }
            // A schedule's own rates are written in the learning rate's terms: relative ones
            // become absolute with the run's η_crit, η / (the multiple written).
            let schedule = run.schedule.scaled(by: η / run.learningRate.written)
            func walk(_ spec: RunSpec) -> Trajectory {
                Descent(method: spec.method, learningRate: η, start: spec.start, stopping: stopping, schedule: schedule,
                        lineSearch: spec.lineSearch, gradientNoise: spec.gradientNoise, minibatch: spec.minibatch).run(on: surface)
            }
            let trajectory = walk(run)
            // The other seeds of a stochastic run with repeats: seed + 1, seed + 2, …
            let repeats = run.isStochastic ? (1..<max(run.repeats, 1)).map { walk(run.reseeded(by: UInt64($0))) } : []
            let color = run.color ?? spec.theme.runColor(paletteIndex)
            if run.color == nil { paletteIndex += 1 }
            var computed = SceneRun(spec: run, learningRate: η,
                                    criticalLearningRate: spec.showsCriticalRate ? stability.criticalRate(for: run) : nil,
                                    trajectory: trajectory, color: color, label: "")
            computed.label = RunLabelText.text(for: computed, pointCount: (surface as? any PointwiseLoss)?.pointCount)
            if !repeats.isEmpty {
                computed.repeats = repeats
                computed.spread = RepeatSpread(([trajectory] + repeats).map(\.points))
            }
            runs.append(computed)
        }
        var sweep: SweepResult?
        if let bounds = rates.sweep, let first = spec.runs.first {
            var stopping = first.stopping
            if stopping.escapeBox == nil { stopping.escapeBox = escapeBox }
            sweep = LearningRateSweep(method: first.method, from: bounds.from, to: bounds.to, count: bounds.count,
                                      start: first.start, stopping: stopping).run(on: surface)
        }
        var phase: PhaseDiagram?
        if let phaseSpec = spec.kind.phase {
            let report = try PhaseDiagram.minimum(phaseSpec, stability)
            phase = try PhaseDiagram(spec: phaseSpec, report: report, surface: surface, runs: runs, window: (w1, w2))
        }
        let explanations = spec.explanations.compactMap { explanation -> StepExplanation? in
            let run = runs[explanation.run]
            guard var explained = StepExplanation(explanation, run: run, surface: surface) else { return nil }
            if explanation.slice {
                let reach = StepExplanation.sliceReach(rates: runs.map(\.learningRate), surface: surface, at: explained.point)
                explained.slice = LineSlice(surface: surface, at: explained.point, through: reach)
            }
            return explained
        }
        timings.optimisation += lap()

        self.spec = spec
        self.training = resolved.training
        self.surface = surface
        self.w1 = w1
        self.w2 = w2
        self.grid = grid
        self.hasMaskedCells = grid.hasNonFiniteValues
        self.lossRange = grid.finiteRange
        self.levels = levels
        self.isolineCache = isolines
        self.runs = runs
        self.markers = spec.markers.map { SceneMarker(spec: $0, loss: surface.value(at: $0.at)) }
        self.stability = spec.showsCriticalRate ? stability.first : nil
        self.stabilityProblem = spec.showsCriticalRate ? stability.firstProblem : nil
        self.sweep = sweep
        self.phase = phase
        self.explanations = explanations
        var insets: [InsetWindow] = []
        if spec.kind.isMap && spec.view != .surface {
            for inset in spec.insets {
                insets.append(try InsetWindow(inset, surface: surface, mapW1: w1, mapW2: w2, resolution: resolution))
            }
        }
        self.insets = insets
        self.eigen = spec.surface.eigen && spec.kind.isMap
            ? stability.first.flatMap { EigenDirections(report: $0, surface: surface, levels: levels, runs: runs, window: (w1, w2)) }
            : nil
        self.frames = spec.animation.map { FrameSchedule(runSteps: runs.map(\.lastStep), animation: $0) }
        self.mesh = spec.view.showsSurface && spec.kind.isMap
            ? Self.sample(surface, w1: w1, w2: w2, resolution: spec.camera.resolution)
            : nil
        if let mesh = self.mesh { try Self.checkCut(spec, mesh: mesh) }
    }

    /// The surface on a `resolution × resolution` grid, a row at a time, so that a surface
    /// with a faster row (the perceptron's) is sampled with it.
    static func sample(_ surface: any LossSurface, w1: ClosedRange<Double>, w2: ClosedRange<Double>, resolution: Int) -> Grid {
        Grid.sampleRows(x: w1, y: w2, nx: resolution, ny: resolution) { xs, y, out in
            surface.values(alongW1: xs, w2: y, into: out)
        }
    }
}

extension Scene {
    /// What `init` checks before it computes anything: the surface resolved (data files
    /// loaded, limits kept, the window found) and the learning rates made absolute (the
    /// stability analysis only: no grid, no descent). `lossmap check` runs this, so it reports
    /// everything `render` would, at the same file:line:col.
    public static func validate(_ given: FigureSpec) throws(DiagnosticList)
        -> (surface: ResolvedSurface, rates: [Double], sweep: (from: Double, to: Double, count: Int)?) {
        let resolved = try SurfaceResolution.resolve(given)
        let spec = try resolved.completing(given).resolvingEpochs(pointCount: (resolved.surface as? any PointwiseLoss)?.pointCount)
        let stability = StabilityAnalysis(spec, resolved)
        let rates = try stability.absoluteRates(spec)
        // A recorded path's file is read and parsed, as `render` reads it.
        for run in spec.runs {
            if let source = run.recorded { _ = try RecordedTrajectory.trajectory(source, on: resolved.surface) }
        }
        // A phase diagram needs a strict minimum: `check` says so as `render` would.
        if let phase = spec.kind.phase {
            let report = try PhaseDiagram.minimum(phase, stability)
            _ = try PhaseDiagram.rateRange(phase, report: report)
        }
        if spec.kind.isMap, spec.view != .surface {
            for inset in spec.insets {
                _ = try InsetWindow.window(inset, mapW1: resolved.w1, mapW2: resolved.w2, resolution: spec.surface.resolution)
            }
        }
        if spec.camera.cut != nil, spec.view.showsSurface, spec.kind.isMap {
            let surface = resolved.surface
            try checkCut(spec, mesh: sample(surface, w1: resolved.w1, w2: resolved.w2, resolution: spec.camera.resolution))
        }
        return (resolved, rates.runs, rates.sweep)
    }
}

extension Scene {
    /// A cut at or below the lowest loss on the mountain would leave nothing to draw: refused
    /// at `z_max`.
    static func checkCut(_ spec: FigureSpec, mesh: Grid) throws(DiagnosticList) {
        guard let cut = spec.camera.cut, let lowest = mesh.finiteRange?.lowerBound, !(cut > lowest) else { return }
        throw DiagnosticList((spec.camera.cutSite ?? spec.camera.site ?? .unknown).error(
            "`z_max` = \(NumberFormatting.compact(cut)) is not above the lowest loss on the mountain, \(NumberFormatting.significant(lowest)): the whole surface would be cut away",
            note: "give a loss above \(NumberFormatting.significant(lowest)), or leave `z_max` out"))
    }
}
