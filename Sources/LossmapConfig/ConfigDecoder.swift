import LossmapCore
import LossmapSpec

/// Turns a parsed document into a figure specification, checking every key's type and
/// range and naming the key, the line and a fix when something is off.
///
/// Every check that fails is recorded and decoding goes on, so one pass reports every
/// problem in the file: a figure is returned only when there were none. The keys of each
/// table, with their types, defaults and ranges, are in the key tables (`ConfigKeys`),
/// which also generate the key reference of docs/config.md.
struct ConfigDecoder {
    let file: SourceFile
    /// The folder data files are read from (see `FigureConfig.load`).
    let dataFolder: String
    /// Everything found wrong so far.
    private(set) var problems: [Diagnostic] = []
    /// The data files read so far, as read (see `FigureConfig.dataFiles`).
    var dataFiles: [String] = []
    /// What messages call a figure that is not a map: "sweep" or "phase diagram" (set by `decodeKind`).
    var kindNoun = "sweep"

    init(file: SourceFile, dataFolder: String? = nil) {
        self.file = file
        self.dataFolder = dataFolder ?? Self.folder(of: file.name)
    }

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
    /// Problems are found in this order: the top level's keys, [sweep], [phase], [surface],
    /// [optimizer], the [[run]], [[marker]], [[explain]] and [[inset]] sections, [animation],
    /// `view` and [camera], then
    /// the cost of the whole figure.
    mutating func decode(_ document: TOMLTable, defaultOutputName: String) -> FigureConfig? {
        let keys = TopLevelKeys.table
        var top = TableReader(table: document, name: keys.name, file: file, headerOffset: 0, known: keys.keys)
        top.elsewhere = { ConfigKeys.home(of: $0, besides: keys.name) }
        report(top.unknownKeys())

        let title = attempt { () throws(Diagnostic) in try top.string("title")?.0 } ?? ""
        let outputName = decodeOutputName(top) ?? defaultOutputName
        let size = attempt { () throws(Diagnostic) in try Self.decodeSize(top) } ?? TopLevelKeys.defaultSize
        let look = decodeLook(top, size: size)
        let sweep = decodeKind(top, document)
        let phase = decodePhase(top, document)
        let isMap = sweep == nil && phase == nil
        let surface = decodeSurfaceTable(document, top)
        // The surface's usual start point is the default; a placeholder if it is unknown.
        var defaults = OptimizerDefaults(start: surface?.start ?? Weights(0, 0))
        if case .perceptron? = surface?.spec.source { defaults.onData = true }
        let optimizer = decodeOptimizerTable(document, top, defaults: defaults)
        var runs = decodeRunSections(document, top, optimizer: optimizer)
        let markers = decodeMarkers(document, top)
        if !isMap { refuseStepSizeKeys(document) }
        if !isMap, surface?.spec.eigen == true, case .table(let t)? = document["surface"]?.kind, let eigen = t["eigen"] {
            report(top.error(eigen.span.lowerBound, "`eigen` draws the Hessian's directions on the map; a \(kindNoun) has no map",
                             note: "remove `eigen`, or draw a map (kind = \"map\")"))
        }
        if !isMap, case .array(let items)? = document["run"]?.kind {
            for case .table(let t) in items.map(\.kind) {
                guard let path = t.entry("path") else { continue }
                report(top.error(path.keySpan.lowerBound, "a recorded path is drawn on a map; a \(kindNoun) has no map",
                                 note: "remove the [[run]] with `path`, or draw a map (kind = \"map\")"))
            }
        }
        let explanations = decodeExplanations(document, top, runs: runs, isMap: isMap)
        let insets = decodeInsets(document, top, isMap: isMap, layout: look.layout, window: surface.map { ($0.spec.w1, $0.spec.w2) })
        let animation = decodeAnimation(document, top, output: outputName, isMap: isMap)
        let (view, camera) = decodeView(document, top, isMap: isMap, layout: look.layout)
        if view == .surface, !explanations.isEmpty, let value = document["explain"] {
            report(top.error(value.span.lowerBound, "[[explain]] explains a step on the map; view = \"surface\" draws the mountain alone",
                             note: "use view = \"map\" or \"both\" (the callout goes on the map), or remove the [[explain]] sections"))
        }
        if view == .surface, !insets.isEmpty, let value = document["inset"] {
            report(top.error(value.span.lowerBound, "[[inset]] magnifies the map; view = \"surface\" draws the mountain alone",
                             note: "use view = \"map\" or \"both\" (the inset goes on the map), or remove the [[inset]] sections"))
        }
        if camera.orbit != 0, animation == nil, case .table(let t)? = document["camera"]?.kind, let orbit = t["orbit"] {
            report(Diagnostic(file: file, offset: orbit.span.lowerBound,
                              message: "`orbit` turns the camera over an animation's frames; this figure is a still",
                              note: "animate it (an [animation] table, or a .gif, .apng or folder output), or remove `orbit`"))
        }
        // A sweep runs [optimizer]'s method from its start: the first run carries them.
        if let sweep, optimizer.learningRates.isEmpty {
            runs.insert(PendingRun(label: nil, method: optimizer.runMethod, learningRate: optimizer.learningRate ?? sweep.from,
                                   start: optimizer.start, steps: optimizer.steps, color: nil, name: "the sweep"), at: 0)
        }

        guard problems.isEmpty, let surface else { return nil }
        let latticeRuns = phase.map { $0.realRuns ? $0.lattice.columns * $0.lattice.rows : 0 } ?? 0
        // A line search's or Newton's step counts as what it costs (`RunSpec.costPerStep`).
        let totalSteps = runs.reduce(0) { total, run in
            total + run.steps * max(run.stepSize.repeats ?? 1, 1) * RunSpec.costPerStep(method: run.method, lineSearch: run.stepSize.search)
        } + (sweep.map { $0.count * optimizer.steps } ?? 0)
            + latticeRuns * optimizer.steps
        let stepsSite = SpecSite(file: file, offset: Self.stepsOffset(document))
        guard checkTotalSteps(totalSteps, at: stepsSite) else { return nil }
        var spec = figureSpec(title: title, size: size, surface: surface, runs: runs, optimizer: optimizer, sweep: sweep, look: look)
        if let phase {
            var diagram = phase.spec(rate: optimizer.rate)
            diagram.start = optimizer.start
            diagram.steps = optimizer.steps
            diagram.site = SpecSite(file: file, offset: phase.offset)
            spec.kind = .phase(diagram)
        }
        spec.markers = markers
        spec.explanations = explanations
        spec.insets = insets
        spec.animation = animation
        spec.view = view
        spec.camera = camera
        spec.stepsSite = stepsSite
        return FigureConfig(spec: spec, outputName: outputName, dataFiles: dataFiles)
    }

    /// The step-size keys (schedules, line search, noise, minibatches) shape the walks drawn
    /// on a map; a sweep's and a phase diagram's runs take plain steps, so there they are
    /// refused where they are written rather than silently ignored.
    private mutating func refuseStepSizeKeys(_ document: TOMLTable) {
        var tables: [TOMLTable] = []
        if case .table(let t)? = document["optimizer"]?.kind { tables.append(t) }
        if case .array(let items)? = document["run"]?.kind {
            for item in items { if case .table(let t) = item.kind { tables.append(t) } }
        }
        for table in tables {
            for key in StepSizeKeys.keys {
                guard let entry = table.entry(key) else { continue }
                report(Diagnostic(file: file, offset: entry.keySpan.lowerBound,
                                  message: "`\(key)` shapes the walks drawn on a map; a \(kindNoun) takes plain gradient steps",
                                  note: "remove `\(key)`, or draw a map (kind = \"map\")"))
            }
        }
    }

    /// `output`, checked (see `checkOutputName`).
    private mutating func decodeOutputName(_ top: TableReader) -> String? {
        attempt { () throws(Diagnostic) -> String? in
            guard let (name, value) = try top.string("output") else { return nil }
            try Self.checkOutputName(name, at: value.span.lowerBound, in: top)
            return name
        }
    }

    /// The required [surface] table.
    private mutating func decodeSurfaceTable(_ document: TOMLTable, _ top: TableReader) -> SurfacePlan? {
        guard let value = document["surface"] else {
            report(top.error(0, "missing [surface] table: a figure needs a loss surface",
                             note: "add for example:\n    [surface]\n    function = \"rosenbrock\""))
            return nil
        }
        guard let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "surface", of: SurfaceKeys.table, in: top) }) else {
            return nil
        }
        return decodeSurface(reader)
    }

    /// The [optimizer] table, if any, over `defaults`.
    private mutating func decodeOptimizerTable(_ document: TOMLTable, _ top: TableReader, defaults: OptimizerDefaults) -> OptimizerDefaults {
        guard let value = document["optimizer"],
              let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "optimizer", of: OptimizerKeys.table, in: top) }) else {
            return defaults
        }
        return decodeOptimizer(reader, defaults: defaults)
    }

    /// The runs of `learning_rates`, then one per [[run]] section.
    private mutating func decodeRunSections(_ document: TOMLTable, _ top: TableReader, optimizer: OptimizerDefaults) -> [PendingRun] {
        var runs: [PendingRun] = optimizer.learningRates.map { rate in
            PendingRun(label: nil, method: optimizer.runMethod, learningRate: rate, start: optimizer.start, steps: optimizer.steps,
                       color: nil, name: "the runs of `learning_rates`", stepNumbers: optimizer.stepNumbers,
                       arrowsEvery: optimizer.arrowsEvery, stepSize: optimizer.stepSize)
        }
        guard let value = document["run"] else { return runs }
        guard case .array(let items) = value.kind, items.allSatisfy({ if case .table = $0.kind { true } else { false } }) else {
            report(top.error(value.span.lowerBound, "`run` must be an array of tables, written as [[run]] sections, found \(value.typeDescription)"))
            return runs
        }
        for (index, item) in items.enumerated() {
            guard case .table(let t) = item.kind else { continue }
            if optimizer.learningRates.count + index + 1 == ConfigLimits.maxRuns + 1 {
                report(tooManyRuns(at: item.span.lowerBound, fromRates: optimizer.learningRates.count))
            }
            if let run = decodeRun(t, index: index + 1, headerOffset: item.span.lowerBound, defaults: optimizer) {
                runs.append(run)
            }
        }
        return runs
    }

    /// Where the figure's cost is reported: [optimizer]'s `steps`, else [optimizer], else the top.
    static func stepsOffset(_ document: TOMLTable) -> Int {
        document["optimizer"].map { value -> Int in
            if case .table(let t) = value.kind { return t.entry("steps")?.keySpan.lowerBound ?? value.span.lowerBound }
            return value.span.lowerBound
        } ?? 0
    }

    /// Refuses a figure whose runs take too many steps together; true when within the limit.
    /// (The cost of a perceptron's descents depends on its data, so the scene checks that
    /// when it loads the data, at the same site.)
    private mutating func checkTotalSteps(_ steps: Int, at site: SpecSite) -> Bool {
        guard steps > ConfigLimits.maxTotalSteps else { return true }
        report(site.error("the runs of this figure take \(ConfigLimits.grouped(steps)) steps together, more than the \(ConfigLimits.grouped(ConfigLimits.maxTotalSteps)) allowed",
                          note: "every step's point is kept for drawing, and a step of an exact line search counts as 100, of Armijo's as 4, of Newton's as 5: use fewer `steps` or fewer runs"))
        return false
    }

    /// The specification of a figure decoded without problems.
    private func figureSpec(title: String, size: (width: Int, height: Int), surface: SurfacePlan, runs: [PendingRun],
                            optimizer: OptimizerDefaults, sweep: SweepBounds?, look: Look) -> FigureSpec {
        var spec = FigureSpec(title: title, width: size.width, height: size.height, surface: surface.spec,
                              runs: runs.map { optimizer.spec(of: $0, in: file) },
                              w1Label: surface.axisLabels.w1, w2Label: surface.axisLabels.w2)
        look.apply(to: &spec)
        if let sweep { spec.kind = sweep.kind(rate: optimizer.rate) }
        return spec
    }

    /// The `[[key]]` sections of the document, each a table with where it starts; empty when
    /// there are none, and when `key` is not an array of tables (reported).
    mutating func sections(_ key: String, of document: TOMLTable, _ top: TableReader) -> [(table: TOMLTable, value: TOMLValue)] {
        guard let value = document[key] else { return [] }
        guard case .array(let items) = value.kind, items.allSatisfy({ if case .table = $0.kind { true } else { false } }) else {
            report(top.error(value.span.lowerBound, "`\(key)` must be an array of tables, written as [[\(key)]] sections, found \(value.typeDescription)"))
            return []
        }
        return items.compactMap { item in if case .table(let t) = item.kind { (t, item) } else { nil } }
    }

    /// A reader for the table `key` of `parent`, with the keys of `keys`, or why the value is not a table.
    static func table(_ value: TOMLValue, key: String, of keys: ConfigTable, in parent: TableReader) throws(Diagnostic) -> TableReader {
        guard case .table(let t) = value.kind else {
            throw parent.error(value.span.lowerBound, "`\(key)` must be a table, written as a \(keys.name) section, found \(value.typeDescription)")
        }
        var reader = TableReader(table: t, name: keys.name, file: parent.file, headerOffset: value.span.lowerBound, known: keys.keys)
        reader.elsewhere = { ConfigKeys.home(of: $0, besides: keys.name) }
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
        // A name ending in `/` is a folder of frames; its last part is checked like a file's.
        let isFolder = name.hasSuffix("/")
        let trimmed = isFolder ? String(name.dropLast()) : name
        let base = trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? trimmed
        if base.isEmpty || base.hasPrefix(".") {
            throw Diagnostic(file: file, offset: offset, message: "`output` must name a file, like \"figures/loss.png\", or a frames folder, like \"steps/\", found `\(ConfigLimits.shown(name))`")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Diagnostic(file: file, offset: offset, message: "`output` must not contain control characters")
        }
        // File systems take names of at most 255 bytes (NAME_MAX), and the figure is first
        // written beside its final name as `.NAME.PID.RANDOM.tmp` (AtomicFile.temporaryURL),
        // 27 bytes longer at most: a name that fits only without them fails late, in render.
        let nameMax = 255, temporaryOverhead = 27
        if let long = trimmed.split(separator: "/").dropLast().first(where: { $0.utf8.count > nameMax }) {
            throw Diagnostic(file: file, offset: offset,
                             message: "`output` has a folder name of \(long.utf8.count) bytes, `\(ConfigLimits.shown(String(long)))`; file systems allow at most \(nameMax)")
        }
        if base.utf8.count > nameMax - temporaryOverhead {
            throw Diagnostic(file: file, offset: offset,
                             message: "`output`'s \(isFolder ? "folder" : "file") name is \(base.utf8.count) bytes long; it may be at most \(nameMax - temporaryOverhead)",
                             note: "file systems allow \(nameMax) bytes a name, and the figure is first written under a temporary name \(temporaryOverhead) bytes longer")
        }
        if isFolder { return }
        let parts = base.split(separator: ".", omittingEmptySubsequences: false)
        let ext = parts.count > 1 ? String(parts[parts.count - 1]).lowercased() : ""
        guard TopLevelKeys.outputExtensions.contains(ext) else {
            throw Diagnostic(file: file, offset: offset,
                             message: "`output` must end in " + Self.listed(TopLevelKeys.outputExtensions.map { ".\($0)" })
                                + " (or `/`, for a folder of frames), found `\(ConfigLimits.shown(name))`")
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
