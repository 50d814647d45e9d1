import LossmapContour
import LossmapCore
import LossmapRender

/// Turns a parsed document into a figure specification, checking every key's type and
/// range and naming the key, the line and a fix when something is off.
struct ConfigDecoder {
    let file: SourceFile

    static let topKeys = ["title", "output", "size", "surface", "optimizer", "run"]
    static let surfaceKeys = ["function", "condition", "w1", "w2", "resolution", "levels", "level_scale", "colormap"]
    static let optimizerKeys = ["method", "start", "steps", "learning_rates", "learning_rate", "momentum"]
    static let runKeys = ["label", "method", "learning_rate", "start", "steps", "color", "momentum"]
    /// Output formats this version can write.
    static let outputExtensions = ["png"]

    func decode(_ document: TOMLTable, defaultOutputName: String) throws(Diagnostic) -> FigureConfig {
        let top = TableReader(table: document, name: "the top level", file: file, headerOffset: 0, known: Self.topKeys)
        try top.rejectUnknownKeys()

        let title = try top.string("title")?.0 ?? ""
        var outputName = defaultOutputName
        if let (name, value) = try top.string("output") {
            try checkOutputName(name, at: value.span.lowerBound)
            outputName = name
        }
        var width = 1600, height = 1000
        if let (items, value) = try top.array("size") {
            guard items.count == 2, case .integer(let w) = items[0].kind, case .integer(let h) = items[1].kind else {
                throw top.error(value.span.lowerBound, "`size` must be two integers [width, height] in pixels, e.g. [1600, 1000]")
            }
            for (n, item) in [(w, items[0]), (h, items[1])] where !(16...16384).contains(n) {
                throw top.error(item.span.lowerBound, "`size` must be between 16 and 16384 pixels a side, found \(n)")
            }
            width = Int(w)
            height = Int(h)
        }

        guard let surfaceValue = document["surface"] else {
            throw top.error(0, "missing [surface] table: a figure needs a loss surface",
                            note: "add for example:\n    [surface]\n    function = \"rosenbrock\"")
        }
        let surfaceTable = try table(surfaceValue, key: "surface", name: "[surface]")
        let (surface, defaults) = try decodeSurface(surfaceTable, headerOffset: surfaceValue.span.lowerBound)

        var optimizer = OptimizerDefaults(start: defaults.start)
        if let value = document["optimizer"] {
            optimizer = try decodeOptimizer(table(value, key: "optimizer", name: "[optimizer]"), headerOffset: value.span.lowerBound,
                                            defaultStart: defaults.start)
        }
        var runs: [RunSpec] = optimizer.learningRates.map { rate in
            RunSpec(label: RunSpec.defaultLabel(learningRate: rate, method: optimizer.method),
                    descent: Descent(method: optimizer.method, learningRate: rate, start: optimizer.start,
                                     stopping: Stopping(maxSteps: optimizer.steps)))
        }
        if let value = document["run"] {
            guard case .array(let items) = value.kind, items.allSatisfy({ if case .table = $0.kind { true } else { false } }) else {
                throw top.error(value.span.lowerBound, "`run` must be an array of tables, written as [[run]] sections")
            }
            for (index, item) in items.enumerated() {
                guard case .table(let t) = item.kind else { continue }
                runs.append(try decodeRun(t, index: index + 1, headerOffset: item.span.lowerBound, defaults: optimizer))
            }
        }
        let spec = FigureSpec(title: title, width: width, height: height, surface: surface, runs: runs)
        return FigureConfig(spec: spec, outputName: outputName)
    }

    private func table(_ value: TOMLValue, key: String, name: String) throws(Diagnostic) -> TableReader {
        guard case .table(let t) = value.kind else {
            throw Diagnostic(file: file, offset: value.span.lowerBound,
                             message: "`\(key)` must be a table, written as a \(name) section, found \(value.typeDescription)")
        }
        let known: [String]
        switch key {
        case "surface": known = Self.surfaceKeys
        case "optimizer": known = Self.optimizerKeys
        default: known = Self.runKeys
        }
        return TableReader(table: t, name: name, file: file, headerOffset: value.span.lowerBound, known: known)
    }

    private func decodeSurface(_ reader: TableReader, headerOffset: Int) throws(Diagnostic) -> (SurfaceSpec, SurfaceDefaults) {
        try reader.rejectUnknownKeys()
        guard let (name, nameValue) = try reader.string("function") else {
            throw reader.error(headerOffset, "[surface] needs `function`, the loss surface to draw",
                               note: "built-in surfaces: " + BuiltinSurface.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let builtin = BuiltinSurface(rawValue: name) else {
            let names = BuiltinSurface.allCases.map(\.rawValue)
            throw reader.error(nameValue.span.lowerBound,
                               "unknown surface `\(name)`\(Suggestion.phrase(for: name, among: names))",
                               note: "built-in surfaces: " + names.joined(separator: ", "))
        }
        var condition = 10.0
        if let c = try reader.positive("condition") {
            guard builtin == .quadratic else {
                throw reader.error(reader.table.entry("condition")!.keySpan.lowerBound,
                                   "`condition` applies to the quadratic surface only, not to `\(name)`")
            }
            condition = c
        }
        let defaults = builtin.defaults
        var levels = LevelChoice.count(20)
        if let value = reader.table["levels"] {
            switch value.kind {
            case .integer(let n):
                guard (1...200).contains(n) else {
                    throw reader.error(value.span.lowerBound, "`levels` must be a count between 1 and 200, or a list of values; found \(n)")
                }
                levels = .count(Int(n))
            case .array(let items):
                var values: [Double] = []
                for item in items {
                    let x = try TableReader.number(item, key: "levels", reader: reader)
                    guard x.isFinite else { throw reader.error(item.span.lowerBound, "`levels` must hold finite numbers") }
                    values.append(x)
                }
                guard !values.isEmpty, values.count <= 200 else {
                    throw reader.error(value.span.lowerBound, "`levels` must list between 1 and 200 values, found \(values.count)")
                }
                levels = .values(values)
            default:
                throw reader.typeError("levels", "an integer count or an array of numbers", value)
            }
        }
        var scale: LevelScale = defaults.logarithmicLevels ? .log : .linear
        if let (text, value) = try reader.string("level_scale") {
            guard let s = LevelScale(rawValue: text) else {
                let names = LevelScale.allCases.map(\.rawValue)
                throw reader.error(value.span.lowerBound, "unknown level_scale `\(text)`\(Suggestion.phrase(for: text, among: names))",
                                   note: "allowed: " + names.joined(separator: ", "))
            }
            scale = s
        }
        var colormap = Colormap(.viridis)
        if let (text, value) = try reader.string("colormap") {
            guard let c = Colormap(named: text) else {
                throw reader.error(value.span.lowerBound, "unknown colormap `\(text)`\(Suggestion.phrase(for: text, among: Colormap.allNames))",
                                   note: "colormaps: " + Colormap.allNames.joined(separator: ", "))
            }
            colormap = c
        }
        let spec = SurfaceSpec(surface: builtin.surface(condition: condition), name: name,
                               w1: try reader.range("w1") ?? defaults.w1, w2: try reader.range("w2") ?? defaults.w2,
                               resolution: try reader.integer("resolution", in: 8...4096) ?? 400,
                               levels: levels, levelScale: scale, colormap: colormap)
        return (spec, defaults)
    }

    /// What [optimizer] sets for every run.
    struct OptimizerDefaults {
        var method: Method = .gradientDescent
        var start: Weights
        var steps = 500
        var learningRate: Double?
        var learningRates: [Double] = []
    }

    private func decodeOptimizer(_ reader: TableReader, headerOffset: Int, defaultStart: Weights) throws(Diagnostic) -> OptimizerDefaults {
        try reader.rejectUnknownKeys()
        var result = OptimizerDefaults(start: defaultStart)
        result.method = try decodeMethod(reader, default: .gradientDescent)
        if let (a, b) = try reader.pair("start", what: "a start point [w1, w2]") { result.start = Weights(a, b) }
        result.steps = try reader.integer("steps", in: 1...1_000_000) ?? 500
        result.learningRate = try reader.positive("learning_rate")
        if let (items, _) = try reader.array("learning_rates") {
            for item in items {
                let x = try TableReader.number(item, key: "learning_rates", reader: reader)
                guard x.isFinite, x > 0 else {
                    throw reader.error(item.span.lowerBound, "a learning rate must be a finite number greater than 0, found \(TableReader.describe(x))")
                }
                result.learningRates.append(x)
            }
        }
        return result
    }

    private func decodeMethod(_ reader: TableReader, default fallback: Method) throws(Diagnostic) -> Method {
        var method = fallback
        if let (name, value) = try reader.string("method") {
            switch name {
            case "gd": method = .gradientDescent
            case "momentum": method = .momentum(beta: 0.9)
            default:
                throw reader.error(value.span.lowerBound, "unknown method `\(name)`\(Suggestion.phrase(for: name, among: Method.names))",
                                   note: "methods: " + Method.names.joined(separator: ", "))
            }
        }
        if let (beta, value) = try reader.number("momentum") {
            guard beta.isFinite, beta >= 0, beta < 1 else {
                throw reader.error(value.span.lowerBound, "`momentum` must be in [0, 1), found \(TableReader.describe(beta))")
            }
            guard case .momentum = method else {
                throw reader.error(reader.table.entry("momentum")!.keySpan.lowerBound,
                                   "`momentum` applies to method = \"momentum\" only")
            }
            method = .momentum(beta: beta)
        }
        return method
    }

    private func decodeRun(_ t: TOMLTable, index: Int, headerOffset: Int, defaults: OptimizerDefaults) throws(Diagnostic) -> RunSpec {
        let reader = TableReader(table: t, name: "[[run]] #\(index)", file: file, headerOffset: headerOffset, known: Self.runKeys)
        try reader.rejectUnknownKeys()
        let method = try decodeMethod(reader, default: defaults.method)
        guard let rate = try reader.positive("learning_rate") ?? defaults.learningRate else {
            throw reader.error(headerOffset, "[[run]] #\(index) needs `learning_rate` (or set one in [optimizer])")
        }
        var start = defaults.start
        if let (a, b) = try reader.pair("start", what: "a start point [w1, w2]") { start = Weights(a, b) }
        let steps = try reader.integer("steps", in: 1...1_000_000) ?? defaults.steps
        var color: RGBA?
        if let (text, value) = try reader.string("color") {
            guard let c = RGBA(hexString: text) else {
                throw reader.error(value.span.lowerBound, "`color` must be a hex colour like \"#D55E00\", found \"\(text)\"")
            }
            color = c
        }
        let label = try reader.string("label")?.0 ?? RunSpec.defaultLabel(learningRate: rate, method: method)
        return RunSpec(label: label, descent: Descent(method: method, learningRate: rate, start: start,
                                                      stopping: Stopping(maxSteps: steps)), color: color)
    }

    /// An output name stays inside the output folder and names a format we can write.
    private func checkOutputName(_ name: String, at offset: Int) throws(Diagnostic) {
        if name.isEmpty { throw Diagnostic(file: file, offset: offset, message: "`output` must not be empty") }
        if name.hasPrefix("/") || name.hasPrefix("~") {
            throw Diagnostic(file: file, offset: offset, message: "`output` must be a file name inside the output folder, not an absolute path",
                             note: "choose the folder with --output DIR")
        }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") || name.contains("\\") {
            throw Diagnostic(file: file, offset: offset, message: "`output` must stay inside the output folder: `..` and `\\` are not allowed")
        }
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        guard Self.outputExtensions.contains(ext) else {
            throw Diagnostic(file: file, offset: offset,
                             message: "`output` must end in " + Self.outputExtensions.map { ".\($0)" }.joined(separator: ", ") + ", found `\(name)`")
        }
    }
}
