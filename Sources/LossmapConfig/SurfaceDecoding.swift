import LossmapContour
import LossmapCore
import LossmapRender

extension ConfigDecoder {
    /// `levels`: the most contour levels, as a count or as a list.
    static let levelCountRange: ClosedRange<Int64> = 1...200
    static let defaultLevelCount = 20
    /// `resolution`: grid samples per axis.
    static let resolutionRange: ClosedRange<Int64> = 8...4096
    static let defaultResolution = 400
    /// `condition` of the quadratic surface when not given.
    static let defaultCondition = 10.0

    /// The [surface] table: which loss surface, over which ranges, contoured how. Nil when
    /// the surface cannot be built (the reasons are recorded).
    mutating func decodeSurface(_ reader: TableReader) -> (spec: SurfaceSpec, defaults: SurfaceDefaults)? {
        report(reader.unknownKeys())
        var builtin: BuiltinSurface?
        let names = BuiltinSurface.allCases.map(\.rawValue)
        if let (name, nameValue) = attempt({ () throws(Diagnostic) in try reader.string("function") }) {
            builtin = BuiltinSurface(rawValue: name)
            if builtin == nil {
                report(reader.error(nameValue.span.lowerBound,
                                    "unknown surface `\(ConfigLimits.shown(name))`\(Suggestion.phrase(for: name, among: names))",
                                    note: "built-in surfaces: " + names.joined(separator: ", ")))
            }
        } else if reader.table["function"] == nil {
            report(reader.error(reader.headerOffset, "[surface] needs `function`, the loss surface to draw",
                                note: "built-in surfaces: " + names.joined(separator: ", ")))
        }

        let condition = attempt { () throws(Diagnostic) in try reader.positive("condition") }
        if condition != nil, let builtin, builtin != .quadratic, let entry = reader.table.entry("condition") {
            report(reader.error(entry.keySpan.lowerBound, "`condition` applies to the quadratic surface only, not to `\(builtin.rawValue)`"))
        }
        let levels = decodeLevels(reader)
        let scale = attempt { () throws(Diagnostic) -> LevelScale? in
            guard let (text, value) = try reader.string("level_scale") else { return nil }
            guard let scale = LevelScale(rawValue: text) else {
                let names = LevelScale.allCases.map(\.rawValue)
                throw reader.error(value.span.lowerBound, "unknown level_scale `\(ConfigLimits.shown(text))`\(Suggestion.phrase(for: text, among: names))",
                                   note: "allowed: " + names.joined(separator: ", "))
            }
            return scale
        }
        if case .values? = levels, let entry = reader.table.entry("level_scale") {
            report(reader.error(entry.keySpan.lowerBound, "`level_scale` applies only when `levels` is a count; a list of levels is drawn as given",
                                note: "remove `level_scale`, or give `levels` as a count"))
        }
        let colormap = attempt { () throws(Diagnostic) -> Colormap? in
            guard let (text, value) = try reader.string("colormap") else { return nil }
            guard let colormap = Colormap(named: text) else {
                throw reader.error(value.span.lowerBound,
                                   "unknown colormap `\(ConfigLimits.shown(text))`\(Suggestion.phrase(for: text, among: Colormap.allNames))",
                                   note: "colormaps: " + Colormap.allNames.joined(separator: ", "))
            }
            return colormap
        }
        let w1 = attempt { () throws(Diagnostic) in try reader.range("w1") }
        let w2 = attempt { () throws(Diagnostic) in try reader.range("w2") }
        let resolution = attempt { () throws(Diagnostic) in try reader.integer("resolution", in: Self.resolutionRange) }

        guard let builtin else { return nil }
        let defaults = builtin.defaults
        let spec = SurfaceSpec(surface: builtin.surface(condition: condition ?? Self.defaultCondition), name: builtin.rawValue,
                               w1: w1 ?? defaults.w1, w2: w2 ?? defaults.w2,
                               resolution: resolution ?? Self.defaultResolution,
                               levels: levels ?? .count(Self.defaultLevelCount),
                               levelScale: scale ?? (defaults.logarithmicLevels ? .log : .linear),
                               colormap: colormap ?? Colormap(.viridis))
        return (spec, defaults)
    }

    /// `levels`: a count, or a list of finite values (each bad value is reported).
    private mutating func decodeLevels(_ reader: TableReader) -> LevelChoice? {
        guard let value = reader.table["levels"] else { return nil }
        let range = Self.levelCountRange
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
}
