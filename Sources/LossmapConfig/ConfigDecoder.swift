import LossmapContour
import LossmapCore
import LossmapRender

/// Turns a parsed document into a figure specification, checking every key's type and
/// range and naming the key, the line and a fix when something is off.
///
/// Every check that fails is recorded and decoding goes on, so one pass reports every
/// problem in the file: a figure is returned only when there were none. The keys of each
/// table, with their types, defaults and ranges, are documented in docs/config.md; a test
/// keeps that page and the lists below in step.
struct ConfigDecoder {
    let file: SourceFile
    /// Everything found wrong so far.
    private(set) var problems: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
    }

    static let topKeys = ["title", "output", "size", "surface", "optimizer", "run"]
    static let surfaceKeys = ["function", "condition", "w1", "w2", "resolution", "levels", "level_scale", "colormap"]
    static let optimizerKeys = ["method", "start", "steps", "learning_rates", "learning_rate"] + hyperparameterKeys
    static let runKeys = ["label", "method", "learning_rate", "start", "steps", "color"] + hyperparameterKeys
    /// The hyperparameters of every method (`momentum`, `beta1`, `epsilon` …), from the
    /// method table; each applies only with a method that has it.
    static let hyperparameterKeys: [String] = {
        var keys: [String] = []
        for parameter in MethodCatalog.entries.flatMap(\.parameters) where !keys.contains(parameter.key) {
            keys.append(parameter.key)
        }
        return keys
    }()
    /// The tables, other than `table`, that accept `key`: "[optimizer] or [[run]]".
    static func home(of key: String, besides table: String) -> String? {
        let tables = [("the top level", topKeys), ("[surface]", surfaceKeys), ("[optimizer]", optimizerKeys), ("[[run]]", runKeys)]
        let homes = tables.filter { $0.0 != table && $0.1.contains(key) }.map(\.0)
        return homes.isEmpty ? nil : homes.joined(separator: " or ")
    }

    /// Output formats this version can write.
    static let outputExtensions = ["png"]
    /// The canvas size when `size` is not given.
    static let defaultSize = (width: 1600, height: 1000)
    /// `size`: pixels a side.
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

        var surface: (spec: SurfaceSpec, defaults: SurfaceDefaults)?
        if let value = document["surface"] {
            if let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "surface", name: "[surface]", known: Self.surfaceKeys, in: top) }) {
                surface = decodeSurface(reader)
            }
        } else {
            report(top.error(0, "missing [surface] table: a figure needs a loss surface",
                             note: "add for example:\n    [surface]\n    function = \"rosenbrock\""))
        }

        // The surface's usual start point is the default; a placeholder if it is unknown.
        var optimizer = OptimizerDefaults(start: surface?.defaults.start ?? Weights(0, 0))
        if let value = document["optimizer"],
           let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "optimizer", name: "[optimizer]", known: Self.optimizerKeys, in: top) }) {
            optimizer = decodeOptimizer(reader, defaults: optimizer)
        }
        let method = optimizer.method?.method ?? .gradientDescent
        var runs: [RunSpec] = optimizer.learningRates.map { rate in
            RunSpec(label: RunSpec.defaultLabel(learningRate: rate, method: method),
                    descent: Descent(method: method, learningRate: rate, start: optimizer.start,
                                     stopping: Stopping(maxSteps: optimizer.steps)))
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

        guard problems.isEmpty, let surface else { return nil }
        let spec = FigureSpec(title: title, width: size.width, height: size.height, surface: surface.spec, runs: runs)
        return FigureConfig(spec: spec, outputName: outputName)
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
    private static func table(_ value: TOMLValue, key: String, name: String, known: [String], in parent: TableReader) throws(Diagnostic) -> TableReader {
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
                             message: "`output` must end in " + Self.outputExtensions.map { ".\($0)" }.joined(separator: ", ")
                                + ", found `\(ConfigLimits.shown(name))`")
        }
    }
}
