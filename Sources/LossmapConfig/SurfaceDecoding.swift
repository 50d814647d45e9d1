import LossmapContour
import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// A decoded [surface]: the surface with how it is drawn, and where runs start by default.
    struct SurfacePlan {
        var spec: SurfaceSpec
        var start: Weights
        /// The axis titles: the lesson writes a perceptron's weights W₁ and W₂.
        var axisLabels = (w1: "w₁", w2: "w₂")
    }

    /// The surface itself, with the defaults that depend on it.
    struct SurfaceChoice {
        var source: SurfaceSource
        var name: String
        /// Plotted ranges, used where the config gives none (required for an expression).
        var w1: ClosedRange<Double>?
        var w2: ClosedRange<Double>?
        var start: Weights
        var levelScale: LevelScale
        /// Grid samples per axis where the config gives none.
        var resolution = SurfaceKeys.defaultResolution
    }

    /// The keys every kind of surface shares: ranges and how the contour map is drawn.
    struct MapKeys {
        var w1: ClosedRange<Double>?
        var w2: ClosedRange<Double>?
        var resolution: Int?
        var levels: LevelChoice?
        var levelScale: LevelScale?
        var colormap: Colormap?
        var contourLabels: Bool?
        var eigen: Bool?
    }

    /// The [surface] table: which loss surface, over which ranges, contoured how. Nil when
    /// the surface cannot be built (the reasons are recorded).
    mutating func decodeSurface(_ reader: TableReader) -> SurfacePlan? {
        report(reader.unknownKeys())
        let sources = reader.table.entries.filter { SurfaceKeys.sourceKeys.contains($0.key) }
        if let first = sources.first {
            for extra in sources.dropFirst() {
                report(reader.error(extra.keySpan.lowerBound, "`\(extra.key)` and `\(first.key)` both say which surface to draw; keep one",
                                    note: "`function` names a built-in surface, `expression` gives a formula, `model` a perceptron on data, `grid` a file of samples"))
            }
        } else {
            report(reader.error(reader.headerOffset, "[surface] needs `function`, `expression`, `model` or `grid`: the loss surface to draw",
                                note: "built-in surfaces: " + BuiltinSurface.allCases.map(\.rawValue).joined(separator: ", ")
                                    + "; or a formula, expression = \"w1^2 + 10*w2^2\"; or model = \"perceptron\" with `data`; or grid = \"landscape.npz\""))
        }
        let source = sources.count == 1 ? sources[0].key : nil
        checkKeysBelong(reader, source: source)

        let keys = decodeMapKeys(reader)
        let choice: SurfaceChoice?
        switch source {
        case "function": choice = decodeBuiltin(reader)
        case "expression": choice = decodeExpression(reader, keys: keys)
        case "model" where Self.namesNetwork(reader):
            choice = decodeNetwork(reader, keys: keys)
        case "model": choice = decodePerceptron(reader)
        case "grid": choice = decodeImportedGrid(reader, keys: keys)
        default: choice = nil
        }
        guard let choice else { return nil }
        // A perceptron without `w1` and `w2` is plotted around its minimum, found when its
        // data is loaded; every other surface knows its window now.
        let w1 = keys.w1 ?? choice.w1, w2 = keys.w2 ?? choice.w2
        let resolution = keys.resolution ?? choice.resolution
        // The grid must be able to place `resolution` distinct samples across each range: a
        // span that overflows (-1e308…1e308) or one narrower than a few ulps cannot.
        var windowOK = true
        for (key, range) in [("w1", w1), ("w2", w2)] {
            guard let range, !Self.canSample(range, resolution) else { continue }
            let offset = reader.table[key]?.span.lowerBound ?? reader.headerOffset
            let written = reader.table[key].map(reader.written) ?? "[\(NumberFormatting.compact(range.lowerBound)), \(NumberFormatting.compact(range.upperBound))]"
            let span = range.upperBound - range.lowerBound
            let why = span.isFinite
                ? "its span, \(NumberFormatting.significant(span, digits: 3)), is too narrow for \(resolution) distinct samples"
                : "its span is past the largest double, about 1.8e308"
            report(reader.error(offset, "`\(key)` = \(written) cannot be sampled at \(resolution) points: \(why)",
                                note: "a plotted range needs a span below 1.8e308 and wider than about 1e-12 of its values"))
            windowOK = false
        }
        guard windowOK else { return nil }
        var spec = SurfaceSpec(source: choice.source, name: choice.name, w1: w1, w2: w2,
                               resolution: resolution,
                               levels: keys.levels ?? .count(SurfaceKeys.defaultLevelCount),
                               levelScale: keys.levelScale ?? choice.levelScale,
                               colormap: keys.colormap ?? Colormap(SurfaceKeys.defaultColormap))
        spec.contourLabels = keys.contourLabels ?? SurfaceKeys.defaultContourLabels
        spec.eigen = keys.eigen ?? false
        var plan = SurfacePlan(spec: spec, start: choice.start)
        if case .perceptron = choice.source { plan.axisLabels = ("W₁", "W₂") }
        if case .network(let network) = choice.source {
            plan.axisLabels = network.directions == .pca ? ("PCA direction 1", "PCA direction 2") : ("direction 1", "direction 2")
        }
        return plan
    }

    /// Whether `resolution` evenly spaced samples across `range` are finite and strictly
    /// increasing, as the grid requires: the grid's own test, so the config and the scene
    /// (which checks a perceptron's computed window the same way) never disagree.
    static func canSample(_ range: ClosedRange<Double>, _ resolution: Int) -> Bool {
        Grid.canSample(range, count: resolution)
    }

    /// Whether [surface] says `model = "mlp"`: a network, whose keys differ from a perceptron's.
    static func namesNetwork(_ reader: TableReader) -> Bool {
        if case .string("mlp")? = reader.table["model"]?.kind { return true }
        return false
    }

    /// Keys that apply to one kind of surface only are errors with another: `condition`
    /// (the quadratic), the perceptron's keys, `minimum` (not for built-ins, which know theirs).
    private mutating func checkKeysBelong(_ reader: TableReader, source: String?) {
        guard let source else { return }
        if source != "function", let entry = reader.table.entry("condition") {
            let what = ["expression": "an `expression` surface", "grid": "an imported `grid`"][source] ?? "a perceptron"
            report(reader.error(entry.keySpan.lowerBound, "`condition` applies to the quadratic surface only, not to \(what)"))
        }
        if source != "model" {
            for entry in reader.table.entries where SurfaceKeys.perceptronKeys.contains(entry.key) {
                report(reader.error(entry.keySpan.lowerBound, "`\(entry.key)` applies to model = \"perceptron\" only, not to `\(source)`"))
            }
        }
        if !Self.namesNetwork(reader) {
            for entry in reader.table.entries where NetworkKeys.keys.contains(entry.key) {
                report(reader.error(entry.keySpan.lowerBound, "`\(entry.key)` applies to model = \"mlp\" only, not to \(source == "model" ? "a perceptron" : "`\(source)`")"))
            }
        }
        if source == "function", let entry = reader.table.entry("minimum") {
            report(reader.error(entry.keySpan.lowerBound, "`minimum` applies to `expression`, `model` and `grid` surfaces only: a built-in surface knows its minima"))
        }
        if source != "grid" {
            for entry in reader.table.entries where ImportedGridKeys.arrayKeys.contains(entry.key) {
                report(reader.error(entry.keySpan.lowerBound, "`\(entry.key)` names an array of an imported `grid` (.npz); this surface is `\(source)`"))
            }
        }
    }

    /// `function = "rosenbrock"` and the quadratic's `condition`.
    private mutating func decodeBuiltin(_ reader: TableReader) -> SurfaceChoice? {
        let names = BuiltinSurface.allCases.map(\.rawValue)
        var builtin: BuiltinSurface?
        if let (name, nameValue) = attempt({ () throws(Diagnostic) in try reader.string("function") }) {
            builtin = BuiltinSurface(rawValue: name)
            if builtin == nil {
                report(reader.error(nameValue.span.lowerBound,
                                    "unknown surface `\(ConfigLimits.shown(name))`\(Suggestion.phrase(for: name, among: names))",
                                    note: "built-in surfaces: " + names.joined(separator: ", ")))
            }
        }
        let condition = attempt { () throws(Diagnostic) in try reader.positive("condition") }
        if condition != nil, let builtin, builtin != .quadratic, let entry = reader.table.entry("condition") {
            report(reader.error(entry.keySpan.lowerBound, "`condition` applies to the quadratic surface only, not to `\(builtin.rawValue)`"))
        }
        guard let builtin else { return nil }
        let defaults = builtin.defaults
        return SurfaceChoice(source: .ready(builtin.surface(condition: condition ?? SurfaceKeys.defaultCondition)), name: builtin.rawValue,
                             w1: defaults.w1, w2: defaults.w2, start: defaults.start,
                             levelScale: defaults.logarithmicLevels ? .log : .linear)
    }

    /// w1, w2, resolution, levels, level_scale, colormap, contour_labels.
    private mutating func decodeMapKeys(_ reader: TableReader) -> MapKeys {
        var keys = MapKeys()
        keys.levels = decodeLevels(reader)
        keys.levelScale = attempt { () throws(Diagnostic) -> LevelScale? in
            guard let (text, _) = try reader.choice("level_scale", among: LevelScale.allCases.map(\.rawValue)) else { return nil }
            return LevelScale(rawValue: text)
        }
        if case .values? = keys.levels, let entry = reader.table.entry("level_scale") {
            report(reader.error(entry.keySpan.lowerBound, "`level_scale` applies only when `levels` is a count; a list of levels is drawn as given",
                                note: "remove `level_scale`, or give `levels` as a count"))
        }
        keys.colormap = attempt { () throws(Diagnostic) -> Colormap? in
            guard let (text, value) = try reader.string("colormap") else { return nil }
            guard let colormap = Colormap(named: text) else {
                throw reader.error(value.span.lowerBound,
                                   "unknown colormap `\(ConfigLimits.shown(text))`\(Suggestion.phrase(for: text, among: Colormap.allNames))",
                                   note: "colormaps: " + Colormap.allNames.joined(separator: ", "))
            }
            return colormap
        }
        keys.w1 = attempt { () throws(Diagnostic) in try reader.range("w1") }
        keys.w2 = attempt { () throws(Diagnostic) in try reader.range("w2") }
        keys.resolution = attempt { () throws(Diagnostic) in try reader.integer("resolution", in: SurfaceKeys.resolutionRange) }
        keys.contourLabels = attempt { () throws(Diagnostic) in try reader.boolean("contour_labels")?.0 }
        keys.eigen = attempt { () throws(Diagnostic) in try reader.boolean("eigen")?.0 }
        return keys
    }

    /// `levels`: a count, or a list of finite values (each bad value is reported).
    private mutating func decodeLevels(_ reader: TableReader) -> LevelChoice? {
        guard let value = reader.table["levels"] else { return nil }
        let range = SurfaceKeys.levelCountRange
        switch value.kind {
        case .integer(let n):
            guard range.contains(n) else {
                report(reader.error(value.span.lowerBound,
                                    "`levels` must be a count between \(range.lowerBound) and \(range.upperBound), or a list of values; found \(n)"))
                return nil
            }
            return .count(Int(n))
        case .array(let items):
            guard !items.isEmpty, items.count <= range.upperBound else {
                report(reader.error(value.span.lowerBound,
                                    "`levels` must list between \(range.lowerBound) and \(range.upperBound) values, found \(items.count)"))
                return nil
            }
            var values: [Double] = []
            for item in items {
                guard let x = attempt({ () throws(Diagnostic) in try reader.element(item, of: "levels") }) else { continue }
                guard x.isFinite else {
                    report(reader.error(item.span.lowerBound, "`levels` must hold finite numbers, found \(reader.written(item))"))
                    continue
                }
                values.append(x)
            }
            return values.count == items.count ? .values(values) : nil
        default:
            report(reader.typeError("levels", "an integer count or an array of numbers", value))
            return nil
        }
    }

    /// `minimum = [w1, w2]`: a known minimum, marked with a star and used for η_crit.
    mutating func decodeMinimum(_ reader: TableReader) -> Weights? {
        attempt { () throws(Diagnostic) in try reader.pair("minimum", what: "a point [w1, w2]") }.map { Weights($0.0, $0.1) }
    }
}
