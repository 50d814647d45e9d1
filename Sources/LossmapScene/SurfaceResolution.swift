import LossmapContour
import LossmapCore
import LossmapSpec

/// The scene's first step: the spec's surface made ready to evaluate, and its window. A
/// perceptron's data file is loaded here (not by the config), its surface built, what its
/// map and descents would cost checked against the limits, and, without `w1`/`w2`, the plot
/// centred on its minimum. Every problem is reported at the config's file:line:col.
public struct ResolvedSurface: Sendable {
    public var surface: any LossSurface
    public var w1: ClosedRange<Double>
    public var w2: ClosedRange<Double>
    /// Runs the surface brings (a network's training path), drawn after the config's.
    public var addedRuns: [RunSpec] = []
    /// Points the surface marks (a network's trained weights).
    public var addedMarkers: [MarkerSpec] = []
    /// Where runs without a start of their own begin on a network's PCA slice: where its
    /// training started (`Weights.trainingStart` in the spec).
    public var trainingStart: Weights?
    /// What a network's training came to (`model = "mlp"`).
    public var training: NetworkTrainingSummary?

    public init(surface: any LossSurface, w1: ClosedRange<Double>, w2: ClosedRange<Double>) {
        self.surface = surface
        self.w1 = w1
        self.w2 = w2
    }

    /// The spec with what the surface brings: its runs and markers, and the training's start
    /// for runs that start there.
    func completing(_ spec: FigureSpec) -> FigureSpec {
        var spec = spec
        for index in spec.runs.indices where spec.runs[index].start.isTrainingStart {
            spec.runs[index].start = trainingStart ?? Weights(0, 0)
        }
        if case .phase(var phase) = spec.kind, phase.start.isTrainingStart {
            phase.start = trainingStart ?? Weights(0, 0)
            spec.kind = .phase(phase)
        }
        spec.runs += addedRuns
        spec.markers += addedMarkers
        // A slice of a network says what was sliced, under the title, unless the config
        // writes a subtitle of its own.
        if let training, spec.subtitle.isEmpty { spec.subtitle = training.subtitle }
        return spec
    }
}

enum SurfaceResolution {
    static func resolve(_ spec: FigureSpec) throws(DiagnosticList) -> ResolvedSurface {
        switch spec.surface.source {
        case .ready(let surface):
            guard let w1 = spec.surface.w1, let w2 = spec.surface.w2 else {
                // Only a perceptron may leave its window to be found; a spec built in code
                // that leaves it open for another surface is a programming error, said plainly.
                throw DiagnosticList(SpecSite.unknown.error("the surface `\(spec.surface.name)` needs its plotted ranges w1 and w2"))
            }
            // A config's window was checked when it was decoded; one built in code is checked
            // here, so no spec reaches the grid's precondition.
            for (name, range) in [("w1", w1), ("w2", w2)] where !Grid.canSample(range, count: spec.surface.resolution) {
                throw DiagnosticList(SpecSite.unknown.error("`\(name)` = [\(range.lowerBound), \(range.upperBound)] cannot be sampled at \(spec.surface.resolution) points"))
            }
            return ResolvedSurface(surface: surface, w1: w1, w2: w2)
        case .imported(let imported):
            let grid = try ImportedGridLoading.grid(imported, w1: spec.surface.w1, w2: spec.surface.w2)
            let interpolated = BicubicSurface(grid: grid)
            let surface: any LossSurface = imported.minimum.map { GivenMinimumSurface(base: interpolated, minima: [$0]) } ?? interpolated
            let w1 = spec.surface.w1 ?? grid.w1Range, w2 = spec.surface.w2 ?? grid.w2Range
            for (name, range) in [("w1", w1), ("w2", w2)] where !Grid.canSample(range, count: spec.surface.resolution) {
                throw DiagnosticList(imported.file.site.error("the grid's `\(name)` coordinates span [\(range.lowerBound), \(range.upperBound)], too narrow to plot at \(spec.surface.resolution) points",
                                                              note: "give `w1` and `w2`, or a lower `resolution`"))
            }
            return ResolvedSurface(surface: surface, w1: w1, w2: w2)
        case .network(let network):
            return try NetworkResolution.resolve(network, spec)
        case .perceptron(let perceptron):
            let data = try load(perceptron.data)
            let surface: PerceptronSurface
            do {
                surface = try PerceptronSurface(data: data, activation: perceptron.activation, loss: perceptron.loss, bias: perceptron.bias)
            } catch {
                throw DiagnosticList(problem(error, in: perceptron.data))
            }
            // Epochs become steps now that the data's size is known; the cost is of those steps.
            try checkCost(of: surface, perceptron, try spec.resolvingEpochs(pointCount: data.count))
            let marked: any LossSurface = perceptron.minimum.map { GivenMinimumSurface(base: surface, minima: [$0]) } ?? surface
            let window = try window(of: surface, perceptron, spec)
            return ResolvedSurface(surface: marked, w1: window.w1, w2: window.w2)
        }
    }

    /// The perceptron's data: the inline points as decoded, or the CSV file read and parsed.
    static func load(_ data: PerceptronSpec.Data) throws(DiagnosticList) -> PerceptronData {
        switch data {
        case .points(let points, _):
            return points
        case .file(let file):
            let shown = ConfigLimits.shown(file.written)
            let bytes = try DataFileLoading.bytes(of: file, key: "data")
            let parsed: PerceptronData
            do {
                // Parsed in place from the bytes, which it checks as UTF-8: no copy as a String.
                parsed = try PerceptronData.parseCSV(utf8: bytes)
            } catch {
                throw DiagnosticList(problem(error, in: data, bytes: bytes))
            }
            guard parsed.count <= ConfigLimits.maxDataRows else {
                throw DiagnosticList(file.site.error("the data file `\(shown)` has \(ConfigLimits.grouped(parsed.count)) rows; a perceptron takes at most \(ConfigLimits.grouped(ConfigLimits.maxDataRows))"))
            }
            return parsed
        }
    }

    /// A problem in the data, reported in the config. For a file: at the `data` value, naming
    /// the data file, with a note `FILE:LINE:COL:` and the data line with a caret. For inline
    /// points: at the point or number to blame.
    static func problem(_ error: DataError, in data: PerceptronSpec.Data, bytes: [UInt8]? = nil) -> Diagnostic {
        switch data {
        case .points(_, let sites):
            return sites.site(line: error.line, column: error.column).error("in `points`: \(error.message)")
        case .file(let file):
            return DataFileLoading.problem(error, in: file, bytes: bytes)
        }
    }

    /// Only linear/mse has a closed form; every other cell of the map, and every descent
    /// step, is a pass over the data. Both costs are bounded (`ConfigLimits`).
    static func checkCost(of surface: PerceptronSurface, _ perceptron: PerceptronSpec, _ spec: FigureSpec) throws(DiagnosticList) {
        guard !(surface.activation == .linear && surface.loss == .mse) else { return }
        let rows = surface.data.count
        let resolution = spec.surface.resolution
        let mapWork = Double(rows) * Double(resolution) * Double(resolution)
        if spec.kind.isMap, mapWork > Double(ConfigLimits.maxPerceptronWork) {
            let largest = Int((Double(ConfigLimits.maxPerceptronWork) / Double(rows)).squareRoot())
            let lowest = Int(ConfigLimits.resolutionRange.lowerBound)
            let fix = largest >= lowest
                ? "use `resolution = \(largest)` or lower"
                : "use fewer data rows: even the lowest resolution, \(lowest), is too much for \(ConfigLimits.grouped(rows))"
            throw DiagnosticList(perceptron.costSite.error(
                "this perceptron's map costs \(ConfigLimits.grouped(rows)) data rows × \(resolution)² grid cells = \(ConfigLimits.grouped(Int(mapWork))) loss terms, more than the \(ConfigLimits.grouped(ConfigLimits.maxPerceptronWork)) allowed",
                note: "each cell of the map is a pass over the data (only activation = \"linear\" with loss = \"mse\" costs one step a cell): \(fix)"))
        }
        let steps = spec.totalSteps
        let descentWork = Double(rows) * Double(steps)
        if descentWork > Double(ConfigLimits.maxPerceptronDescentWork) {
            throw DiagnosticList((spec.stepsSite ?? perceptron.site).error(
                "the descents on this perceptron cost \(ConfigLimits.grouped(rows)) data rows × \(ConfigLimits.grouped(steps)) steps = \(ConfigLimits.grouped(Int(descentWork))) row visits, more than the \(ConfigLimits.grouped(ConfigLimits.maxPerceptronDescentWork)) allowed",
                note: "each step is a pass over the data: use fewer `steps`, fewer runs, or fewer rows"))
        }
    }

    /// The given window, or for a missing range a square around the minimum (the given one,
    /// else the one found from the origin) reaching 1.5 times its largest coordinate on each
    /// side, so that the origin, where runs start by default, is on the map too.
    static func window(of surface: PerceptronSurface, _ perceptron: PerceptronSpec, _ spec: FigureSpec) throws(DiagnosticList)
        -> (w1: ClosedRange<Double>, w2: ClosedRange<Double>) {
        if let w1 = spec.surface.w1, let w2 = spec.surface.w2 { return (w1, w2) }
        let found = perceptron.minimum ?? surface.minima.first ?? MinimumSearch.minimum(of: surface, from: Weights(0, 0))
        guard let center = found, center.isFinite else {
            throw DiagnosticList(perceptron.site.error("found no lowest point of this perceptron's loss to centre the plot on; give `w1` and `w2`",
                                                       note: "the loss may fall forever (classes that a line separates) or have several valleys"))
        }
        let half = max(1, 1.5 * max(abs(center.x), abs(center.y)))
        let w1 = spec.surface.w1 ?? (center.x - half)...(center.x + half)
        let w2 = spec.surface.w2 ?? (center.y - half)...(center.y + half)
        // A minimum near the largest doubles makes a window whose span overflows, and one
        // given as 1e306 a window the grid must sample without overflowing: the grid's own
        // test decides, the one the config applies to a written window, so that `check`
        // refuses here whatever `render` could not sample.
        for (name, range) in [("w1", w1), ("w2", w2)] where !Grid.canSample(range, count: spec.surface.resolution) {
            let shown = { (x: Double) in NumberFormatting.compact(x) }
            throw DiagnosticList(perceptron.site.error("this perceptron's minimum (\(shown(center.x)), \(shown(center.y))) is too far out to plot around: its window for `\(name)`, [\(shown(range.lowerBound)), \(shown(range.upperBound))], cannot be sampled at \(spec.surface.resolution) points",
                                                       note: "give `w1` and `w2`"))
        }
        return (w1, w2)
    }
}

extension SpecSite {
    /// For specs built in code rather than read from a config.
    static let unknown = SpecSite(file: SourceFile(name: "<figure spec>", text: ""), offset: 0)
}

extension FigureSpec {
    /// Every step the figure's runs, sweep and phase diagram's real runs may take together, a
    /// line search's or Newton's step counted as what it costs.
    var totalSteps: Int {
        // A line search's or Newton's step counts as what it costs (`RunSpec.costPerStep`).
        let runs = self.runs.reduce(0) { $0 + $1.stopping.maxSteps * max($1.repeats, 1) * $1.costPerStep }
        if let phase = kind.phase, phase.realRuns { return runs + phase.lattice.columns * phase.lattice.rows * phase.steps }
        guard case .sweep(_, _, let count) = kind, let first = self.runs.first else { return runs }
        return runs + count * first.stopping.maxSteps
    }
}
