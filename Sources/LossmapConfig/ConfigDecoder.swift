import LossmapCore
import LossmapSpec

/// Turns a parsed document into a figure specification, checking every key's type and
/// range and naming the key, the line and a fix when something is off.
///
/// Every check that fails is recorded and decoding goes on, so one pass reports every
/// problem in the file: a figure is returned only when there were none. The keys of each
/// table, with their types, defaults and ranges, are documented in docs/config.md; a test
/// keeps that page and the lists below in step.
struct ConfigDecoder {
    let file: SourceFile
    /// The folder data files are read from (see `FigureConfig.load`).
    let dataFolder: String
    /// Everything found wrong so far.
    private(set) var problems: [Diagnostic] = []
    /// The data files read so far, as read (see `FigureConfig.dataFiles`).
    var dataFiles: [String] = []

    init(file: SourceFile, dataFolder: String? = nil) {
        self.file = file
        self.dataFolder = dataFolder ?? Self.folder(of: file.name)
    }

    static let topKeys = ["title", "subtitle", "footnote", "output", "size", "scale", "theme", "layout", "loss_curve",
                          "kind", "aspect", "critical_rate", "surface", "optimizer", "run", "sweep", "marker"]
    static let surfaceKeys = ["function", "expression", "model", "condition", "data", "points", "activation", "loss", "bias",
                              "minimum", "w1", "w2", "resolution", "levels", "level_scale", "colormap", "contour_labels"]
    static let optimizerKeys = ["method", "start", "steps", "learning_rates", "learning_rate", "relative_to",
                                "gradient_tolerance", "loss_change_tolerance"] + hyperparameterKeys
    static let runKeys = ["label", "method", "learning_rate", "start", "steps", "color"] + hyperparameterKeys
    static let sweepKeys = ["from", "to", "count"]
    static let markerKeys = ["at", "label"]
    /// The hyperparameters of every method (`momentum`, `beta1`, `epsilon` …), from the
    /// method table; each applies only with a method that has it.
    static let hyperparameterKeys = MethodCatalog.parameterKeys
    /// The tables, other than `table`, that accept `key`: "[optimizer] or [[run]]".
    static func home(of key: String, besides table: String) -> String? {
        let tables = [("the top level", topKeys), ("[surface]", surfaceKeys), ("[optimizer]", optimizerKeys),
                      ("[[run]]", runKeys), ("[sweep]", sweepKeys), ("[[marker]]", markerKeys)]
        let homes = tables.filter { $0.0 != table && $0.1.contains(key) }.map(\.0)
        return homes.isEmpty ? nil : homes.joined(separator: " or ")
    }

    /// Output formats this version can write, by the output name's extension.
    static let outputExtensions = FigureFormat.allCases.map(\.rawValue)
    /// The canvas size when `size` is not given.
    static let defaultSize = (width: 1600, height: 1000)
    /// `size`: pixels a side (also the limit of size × scale).
    static let sizeRange: ClosedRange<Int64> = 16...16384
    /// `steps`: the most steps one run may take.
    static let stepsRange: ClosedRange<Int64> = 1...1_000_000
    static let defaultSteps = 500

    // MARK: Recording problems

    /// Runs one check; if it fails, records why and returns nil, so decoding goes on.
    mutating func attempt<T>(_ check: () throws(Diagnostic) -> T?) -> T? {
        do {
            return try check()
        } catch {
            problems.append(error)
            return nil
        }
    }

    mutating func report(_ diagnostic: Diagnostic) {
        problems.append(diagnostic)
    }

    mutating func report(_ more: [Diagnostic]) {
        problems += more
    }

    // MARK: The document

    /// The figure the document describes, or nil when anything is wrong (see `problems`).
    mutating func decode(_ document: TOMLTable, defaultOutputName: String) -> FigureConfig? {
        var top = TableReader(table: document, name: "the top level", file: file, headerOffset: 0, known: Self.topKeys)
        top.elsewhere = { Self.home(of: $0, besides: "the top level") }
        report(top.unknownKeys())

        let title = attempt { () throws(Diagnostic) in try top.string("title")?.0 } ?? ""
        let outputName = attempt { () throws(Diagnostic) -> String? in
            guard let (name, value) = try top.string("output") else { return nil }
            try Self.checkOutputName(name, at: value.span.lowerBound, in: top)
            return name
        } ?? defaultOutputName
        let size = attempt { () throws(Diagnostic) in try Self.decodeSize(top) } ?? Self.defaultSize
        let look = decodeLook(top, size: size)
        let sweepBounds = decodeKind(top, document)

        var surface: SurfacePlan?
        if let value = document["surface"] {
            if let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "surface", name: "[surface]", known: Self.surfaceKeys, in: top) }) {
                surface = decodeSurface(reader, forSweep: sweepBounds != nil)
            }
        } else {
            report(top.error(0, "missing [surface] table: a figure needs a loss surface",
                             note: "add for example:\n    [surface]\n    function = \"rosenbrock\""))
        }

        // The surface's usual start point is the default; a placeholder if it is unknown.
        var optimizer = OptimizerDefaults(start: surface?.start ?? Weights(0, 0))
        if let value = document["optimizer"],
           let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "optimizer", name: "[optimizer]", known: Self.optimizerKeys, in: top) }) {
            optimizer = decodeOptimizer(reader, defaults: optimizer)
        }
        let method = optimizer.method?.method ?? .gradientDescent
        var runs: [PendingRun] = optimizer.learningRates.map { rate in
            PendingRun(label: nil, method: method, learningRate: rate, start: optimizer.start, steps: optimizer.steps,
                       color: nil, name: "the runs of `learning_rates`")
        }
        if let value = document["run"] {
            if case .array(let items) = value.kind, items.allSatisfy({ if case .table = $0.kind { true } else { false } }) {
                for (index, item) in items.enumerated() {
                    guard case .table(let t) = item.kind else { continue }
                    let number = optimizer.learningRates.count + index + 1
                    if number == ConfigLimits.maxRuns + 1 {
                        report(tooManyRuns(at: item.span.lowerBound, fromRates: optimizer.learningRates.count))
                    }
                    if let run = decodeRun(t, index: index + 1, headerOffset: item.span.lowerBound, defaults: optimizer) {
                        runs.append(run)
                    }
                }
            } else {
                report(top.error(value.span.lowerBound, "`run` must be an array of tables, written as [[run]] sections, found \(value.typeDescription)"))
            }
        }
        // A sweep runs [optimizer]'s method from its start: the first run carries them.
        let sweep = sweepBounds
        let markers = decodeMarkers(document, top)
        if sweep != nil, optimizer.learningRates.isEmpty {
            runs.insert(PendingRun(label: nil, method: method, learningRate: optimizer.learningRate ?? sweep?.from ?? 1,
                                   start: optimizer.start, steps: optimizer.steps, color: nil, name: "the sweep"), at: 0)
        }

        guard problems.isEmpty, let surface else { return nil }
        let totalSteps = runs.reduce(0) { $0 + $1.steps } + (sweep.map { $0.count * optimizer.steps } ?? 0)
        if totalSteps > ConfigLimits.maxTotalSteps {
            let site = document["optimizer"].flatMap { value -> Int? in
                if case .table(let t) = value.kind { return t.entry("steps")?.keySpan.lowerBound ?? value.span.lowerBound }
                return value.span.lowerBound
            } ?? 0
            report(top.error(site, "the runs of this figure take \(ConfigLimits.grouped(totalSteps)) steps together, more than the \(ConfigLimits.grouped(ConfigLimits.maxTotalSteps)) allowed",
                             note: "every step's point is kept for drawing: use fewer `steps` or fewer runs"))
            return nil
        }
        if let rows = Self.rowsPerStep(of: surface.spec.surface) {
            let steps = runs.reduce(0) { $0 + $1.steps } + (sweep.map { $0.count * optimizer.steps } ?? 0)
            let work = Double(rows) * Double(steps)
            if work > Double(ConfigLimits.maxPerceptronDescentWork) {
                let site = document["optimizer"].flatMap { value -> Int? in
                    if case .table(let t) = value.kind { return t.entry("steps")?.keySpan.lowerBound ?? value.span.lowerBound }
                    return value.span.lowerBound
                } ?? 0
                report(top.error(site, "the descents on this perceptron cost \(ConfigLimits.grouped(rows)) data rows × \(ConfigLimits.grouped(steps)) steps = \(ConfigLimits.grouped(Int(work))) row visits, more than the \(ConfigLimits.grouped(ConfigLimits.maxPerceptronDescentWork)) allowed",
                                 note: "each step is a pass over the data: use fewer `steps`, fewer runs, or fewer rows"))
                return nil
            }
        }
        let stopping = { (steps: Int) in
            Stopping(maxSteps: steps, gradientTolerance: optimizer.gradientTolerance ?? Stopping.defaultGradientTolerance,
                     lossChangeTolerance: optimizer.lossChangeTolerance ?? Stopping.defaultLossChangeTolerance)
        }
        // Rates stay as written: the scene makes a multiple of η_crit absolute once it knows
        // η_crit, and reports a missing one at the `relative_to` value.
        let relativeSite = optimizer.relativeToCritical.map { SpecSite(file: file, offset: $0) }
        func rate(_ x: Double) -> LearningRate { relativeSite == nil ? .absolute(x) : .critical(multiple: x) }
        var spec = FigureSpec(title: title, width: size.width, height: size.height, surface: surface.spec,
                              runs: runs.map { run in
                                  RunSpec(label: run.label.map(RunLabel.text) ?? .generated, method: run.method,
                                          learningRate: rate(run.learningRate), start: run.start, stopping: stopping(run.steps),
                                          color: run.color, name: run.name, site: relativeSite)
                              },
                              w1Label: surface.axisLabels.w1, w2Label: surface.axisLabels.w2, equalAspect: look.equalAspect)
        spec.markers = markers
        spec.subtitle = look.subtitle
        spec.footnote = look.footnote
        spec.theme = look.theme
        spec.layout = look.layout
        spec.lossCurve = look.lossCurve
        spec.showsCriticalRate = look.showsCriticalRate
        spec.scale = look.scale
        if let sweep { spec.kind = .sweep(from: rate(sweep.from), to: rate(sweep.to), count: sweep.count) }
        return FigureConfig(spec: spec, outputName: outputName, dataFiles: dataFiles)
    }

    /// Data rows one descent step visits: the perceptron's rows, unless its loss has a closed
    /// form (linear, mse), whose steps cost the same however many rows; nil for other surfaces.
    static func rowsPerStep(of surface: any LossSurface) -> Int? {
        func rows(_ p: PerceptronSurface) -> Int? { p.activation == .linear && p.loss == .mse ? nil : p.data.count }
        if let p = surface as? PerceptronSurface { return rows(p) }
        if let wrapped = surface as? GivenMinimumSurface<PerceptronSurface> { return rows(wrapped.base) }
        return nil
    }

    /// `size = [width, height]` in pixels.
    private static func decodeSize(_ top: TableReader) throws(Diagnostic) -> (width: Int, height: Int)? {
        guard let (items, value) = try top.array("size", what: "two integers [width, height] in pixels, e.g. [1600, 1000]") else { return nil }
        guard items.count == 2, case .integer(let w) = items[0].kind, case .integer(let h) = items[1].kind else {
            throw top.error(value.span.lowerBound, "`size` must be two integers [width, height] in pixels, e.g. [1600, 1000]")
        }
        for (n, item) in [(w, items[0]), (h, items[1])] where !Self.sizeRange.contains(n) {
            throw top.error(item.span.lowerBound,
                            "`size` must be between \(Self.sizeRange.lowerBound) and \(Self.sizeRange.upperBound) pixels a side, found \(n)")
        }
        return (Int(w), Int(h))
    }

    /// A reader for the table `key` of `parent`, or why the value is not a table.
    static func table(_ value: TOMLValue, key: String, name: String, known: [String], in parent: TableReader) throws(Diagnostic) -> TableReader {
        guard case .table(let t) = value.kind else {
            throw parent.error(value.span.lowerBound, "`\(key)` must be a table, written as a \(name) section, found \(value.typeDescription)")
        }
        var reader = TableReader(table: t, name: name, file: parent.file, headerOffset: value.span.lowerBound, known: known)
        reader.elsewhere = { home(of: $0, besides: name) }
        return reader
    }

    func tooManyRuns(at offset: Int, fromRates: Int) -> Diagnostic {
        Diagnostic(file: file, offset: offset,
                   message: "a figure may draw at most \(ConfigLimits.maxRuns) runs; this is run \(ConfigLimits.maxRuns + 1)",
                   note: "runs are counted over `learning_rates` (\(fromRates) here) and the [[run]] sections together")
    }

    /// An output name stays inside the output folder and names a format we can write.
    private static func checkOutputName(_ name: String, at offset: Int, in top: TableReader) throws(Diagnostic) {
        let file = top.file
        if name.isEmpty { throw Diagnostic(file: file, offset: offset, message: "`output` must not be empty") }
        if name.hasPrefix("/") || name.hasPrefix("~") {
            throw Diagnostic(file: file, offset: offset, message: "`output` must be a file name inside the output folder, not an absolute path",
                             note: "choose the folder with --output DIR")
        }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") || name.contains("\\") {
            throw Diagnostic(file: file, offset: offset, message: "`output` must stay inside the output folder: `..` and `\\` are not allowed")
        }
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        if base.isEmpty || base.hasPrefix(".") {
            throw Diagnostic(file: file, offset: offset, message: "`output` must name a file, like \"figures/loss.png\", found `\(ConfigLimits.shown(name))`")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Diagnostic(file: file, offset: offset, message: "`output` must not contain control characters")
        }
        let parts = base.split(separator: ".", omittingEmptySubsequences: false)
        let ext = parts.count > 1 ? String(parts[parts.count - 1]).lowercased() : ""
        guard Self.outputExtensions.contains(ext) else {
            throw Diagnostic(file: file, offset: offset,
                             message: "`output` must end in " + Self.listed(Self.outputExtensions.map { ".\($0)" })
                                + ", found `\(ConfigLimits.shown(name))`")
        }
    }
}

extension ConfigDecoder {
    /// The folder part of a path as the user gave it: `config/a.toml` → `config`, `a.toml` → `.`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` relative to `folder` (kept as it is when absolute, or when `folder` is `.`).
    static func joined(_ folder: String, _ path: String) -> String {
        if path.hasPrefix("/") || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }
}

extension ConfigDecoder {
    /// "a", "a or b", "a, b or c".
    static func listed(_ items: [String], conjunction: String = "or") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }
}
