import Dispatch
import LossmapContour
import LossmapCore

/// A figure's numbers, computed and ready to draw: the sampled grid, its levels and contour
/// geometry in data coordinates, and every run's trajectory. Drawing needs nothing else.
public struct ComputedFigure: Sendable {
    public var spec: FigureSpec
    public var grid: Grid
    /// Increasing contour levels, all finite.
    public var levels: [Double]
    /// Where the surface is defined (finite): the base band is filled here.
    public var definedRegion: [ContourPolygon]
    /// superlevelSets[i]: where the loss is ≥ levels[i]; filled on top of each other in order.
    public var superlevelSets: [[ContourPolygon]]
    /// The isoline at each level.
    public var isolines: [Isoline]
    public var runs: [ComputedRun]
    /// The curvature at the minimum and the critical learning rate, when it could be found
    /// (and the spec asks for it).
    public var stability: StabilityReport?
    /// The same analysis at the minimum nearest each run's own start (they differ on
    /// surfaces with several minima), by start point.
    public var stabilityByStart: [Weights: StabilityReport] = [:]
    /// For a sweep figure: the loss after the run's steps for each learning rate.
    public var sweep: SweepResult?

    /// True when the levels were listed in the config rather than chosen from the data.
    public var levelsAreExplicit: Bool {
        if case .values = spec.surface.levels { return true }
        return false
    }

    /// True when some grid samples were NaN or infinite (drawn hatched, said in the colorbar).
    public var hasMaskedCells: Bool { grid.hasNonFiniteValues }
}

/// One run's result together with how it is drawn.
public struct ComputedRun: Sendable {
    public var spec: RunSpec
    public var trajectory: Trajectory
    public var color: RGBA
}

/// Time spent in each phase of computing a figure, for `lossmap bench`.
public struct ComputeTimings: Sendable {
    public var surface: Double = 0
    public var contouring: Double = 0
    public var optimisation: Double = 0
    public init() {}
}

extension ComputedFigure {
    /// Samples the surface, chooses levels, traces contours and runs every descent.
    public init(_ spec: FigureSpec) {
        var timings = ComputeTimings()
        self.init(spec, timings: &timings)
    }

    public init(_ spec: FigureSpec, timings: inout ComputeTimings) {
        let surfaceSpec = spec.surface
        let surface = surfaceSpec.surface
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }

        // A sweep draws no map: a token grid keeps the figure's shape without the work.
        let resolution = spec.kind == .map ? surfaceSpec.resolution : 2
        let grid = Grid.sample(x: surfaceSpec.w1, y: surfaceSpec.w2, nx: resolution, ny: resolution) {
            surface.value(at: Weights($0, $1))
        }
        timings.surface += lap()

        let levels = Self.levels(for: surfaceSpec, grid: grid)
        // Each level's contouring is independent of the others: trace them concurrently.
        var superlevelSets = [[ContourPolygon]](repeating: [], count: levels.count)
        var isolines = [Isoline?](repeating: nil, count: levels.count)
        superlevelSets.withUnsafeMutableBufferPointer { sets in
            isolines.withUnsafeMutableBufferPointer { lines in
                nonisolated(unsafe) let sets = sets, lines = lines
                DispatchQueue.concurrentPerform(iterations: levels.count) { i in
                    sets[i] = MarchingSquares.superlevelSet(grid, threshold: levels[i])
                    lines[i] = MarchingSquares.isoline(grid, level: levels[i])
                }
            }
        }
        let definedRegion = MarchingSquares.definedRegion(grid)
        timings.contouring += lap()

        let escapeBox = Stopping.escapeBox(around: surfaceSpec.w1, surfaceSpec.w2)
        var runs: [ComputedRun] = []
        var paletteIndex = 0
        for run in spec.runs {
            var descent = run.descent
            if descent.stopping.escapeBox == nil { descent.stopping.escapeBox = escapeBox }
            let color = run.color ?? spec.theme.runColor(paletteIndex)
            if run.color == nil { paletteIndex += 1 }
            runs.append(ComputedRun(spec: run, trajectory: descent.run(on: surface), color: color))
        }
        var stability: StabilityReport?
        var stabilityByStart: [Weights: StabilityReport] = [:]
        if spec.showsCriticalRate {
            stability = try? StabilityReport.analyse(surface, near: spec.runs.first?.descent.start)
            for start in Set(spec.runs.map(\.descent.start)) {
                stabilityByStart[start] = try? StabilityReport.analyse(surface, near: start)
            }
        }
        var sweep: SweepResult?
        if case .sweep(let from, let to, let count) = spec.kind, let first = spec.runs.first {
            var stopping = first.descent.stopping
            if stopping.escapeBox == nil { stopping.escapeBox = escapeBox }
            sweep = LearningRateSweep(method: first.descent.method, from: from, to: to, count: count,
                                      start: first.descent.start, stopping: stopping).run(on: surface)
        }
        timings.optimisation += lap()

        self.spec = spec
        self.grid = grid
        self.levels = levels
        self.definedRegion = definedRegion
        self.superlevelSets = superlevelSets
        self.isolines = isolines.map { $0 ?? Isoline(level: 0, lines: []) }
        self.runs = runs
        self.stability = stability
        self.stabilityByStart = stabilityByStart
        self.sweep = sweep
    }

    /// The levels as written on the colorbar and on isolines (typographic minus signs).
    public var levelLabelTexts: [String] {
        Colorbar.levelTexts(levels).map(FigureRenderer.typographic)
    }

    /// The critical learning rate for `run`'s method, when known.
    public func criticalLearningRate(for run: ComputedRun) -> Double? {
        (stabilityByStart[run.spec.descent.start] ?? stability)?.criticalLearningRate(for: run.spec.descent.method)
    }

    /// The contour levels: the explicit list (sorted, finite, distinct), or `count` levels
    /// across the range of finite values on the grid.
    static func levels(for spec: SurfaceSpec, grid: Grid) -> [Double] {
        switch spec.levels {
        case .values(let values):
            return Array(Set(values.filter(\.isFinite))).sorted()
        case .count(let count):
            guard let range = grid.finiteRange else { return [] }
            switch spec.levelScale {
            case .linear:
                // Round steps (1, 2, 5 × 10ᵏ) as matplotlib's MaxNLocator picks them: the count
                // is a target, and the levels read 2, 4, 6 rather than 1.87, 3.74, 5.61.
                let nice = NiceTicks.linear(range, targetCount: count).filter { $0 > range.lowerBound && $0 < range.upperBound }
                if nice.count >= max(2, count / 2) { return nice }
                return ContourLevels.levels(count: count, in: range, scale: .linear)
            case .log:
                // Round values (0.5, 1, 2, 5, 10 …) when they come near the count asked for.
                let nice = ContourLevels.niceLog(count: count, in: range)
                if nice.count >= max(2, count / 2) { return nice }
                return ContourLevels.rounded(ContourLevels.levels(count: count, in: range, scale: .log), in: range)
            case .quantile:
                return ContourLevels.rounded(ContourLevels.quantiles(count: count, of: grid.values), in: range)
            }
        }
    }
}
