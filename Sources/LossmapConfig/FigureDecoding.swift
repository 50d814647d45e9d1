import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The top-level keys that say how the figure looks, with their defaults.
    struct Look {
        var subtitle = ""
        var footnote = ""
        var theme = Theme.named(TopLevelKeys.defaultTheme)
        var layout = TopLevelKeys.defaultLayout
        var lossCurve = TopLevelKeys.defaultLossCurve
        var rateCurve = false
        var showsCriticalRate = TopLevelKeys.defaultCriticalRate
        var equalAspect = TopLevelKeys.defaultAspect == "equal"
        var scale = TopLevelKeys.defaultScale
        var fontScale = TopLevelKeys.defaultFontScale
        var background = TopLevelKeys.defaultBackground
        var dpi: Double?

        /// The figure's look set to this one.
        func apply(to spec: inout FigureSpec) {
            spec.subtitle = subtitle
            spec.footnote = footnote
            spec.theme = theme
            spec.layout = layout
            spec.lossCurve = lossCurve
            spec.rateCurve = rateCurve
            spec.showsCriticalRate = showsCriticalRate
            spec.equalAspect = equalAspect
            spec.scale = scale
            spec.fontScale = fontScale
            spec.background = background
            spec.dpi = dpi
        }
    }

    /// `size`: `[width, height]` in pixels, or a name (`TopLevelKeys.namedSizes`); a paper
    /// size at the config's `dpi` (whose own problems are reported by `decodeLook`).
    static func decodeSize(_ top: TableReader) throws(Diagnostic) -> (width: Int, height: Int)? {
        let what = "two integers [width, height] in pixels, e.g. [1600, 1000], or a name such as \"slide\""
        if case .string? = top.table["size"]?.kind, let (name, value) = try top.string("size") {
            return try namedSize(name, at: value, top)
        }
        guard let (items, value) = try top.array("size", what: what) else { return nil }
        guard items.count == 2, case .integer(let w) = items[0].kind, case .integer(let h) = items[1].kind else {
            throw top.error(value.span.lowerBound, "`size` must be two integers [width, height] in pixels, e.g. [1600, 1000]")
        }
        for (n, item) in [(w, items[0]), (h, items[1])] where !TopLevelKeys.sizeRange.contains(n) {
            throw top.error(item.span.lowerBound,
                            "`size` must be between \(TopLevelKeys.sizeRange.lowerBound) and \(TopLevelKeys.sizeRange.upperBound) pixels a side, found \(n)")
        }
        return (Int(w), Int(h))
    }

    /// The pixels of `size = "name"`.
    private static func namedSize(_ name: String, at value: TOMLValue, _ top: TableReader) throws(Diagnostic) -> (width: Int, height: Int) {
        let names = TopLevelKeys.namedSizes.map(\.name)
        guard let size = TopLevelKeys.namedSize(name) else {
            // "1600x1000": pixels written as a name.
            let parts = name.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            let pixels = parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
            let hint = pixels ? "; pixels are written as an array, size = [\(parts[0]), \(parts[1])]" : Suggestion.phrase(for: name, among: names)
            throw top.error(value.span.lowerBound, "unknown size `\(ConfigLimits.shown(name))`\(hint)",
                            note: "named sizes: \(TopLevelKeys.namedSizeList); or pixels: size = [width, height]")
        }
        let dpi = (try? dpiValue(top)) ?? TopLevelKeys.paperDPI
        let (w, h) = size.pixels(dpi: dpi)
        let limit = Int(TopLevelKeys.sizeRange.upperBound)
        guard w <= limit, h <= limit else {
            // The largest whole dpi whose page stays within the limit.
            let most = (Int(TopLevelKeys.dpiRange.lowerBound)...Int(TopLevelKeys.dpiRange.upperBound)).last { d in
                let (w, h) = size.pixels(dpi: Double(d))
                return w <= limit && h <= limit
            }
            throw top.error(value.span.lowerBound,
                            "`size = \"\(name)\"` at \(NumberFormatting.compact(dpi)) dpi is \(w) × \(h) pixels; at most \(limit) a side is allowed",
                            note: most.map { "with size = \"\(name)\", `dpi` may be at most \($0)" })
        }
        return (w, h)
    }

    /// `dpi`, checked: pixels per inch within `TopLevelKeys.dpiRange`.
    static func dpiValue(_ top: TableReader) throws(Diagnostic) -> Double? {
        try top.number("dpi", in: TopLevelKeys.dpiRange, unit: "pixels per inch")
    }

    /// Whether `size` names a paper size, which implies a `dpi`.
    static func hasPaperSize(_ top: TableReader) -> Bool {
        guard case .string(let name)? = top.table["size"]?.kind else { return false }
        return TopLevelKeys.namedSize(name)?.isPaper ?? false
    }

    /// subtitle, footnote, theme, layout, loss_curve, rate_curve, critical_rate, aspect, scale,
    /// font_scale, background and dpi.
    mutating func decodeLook(_ top: TableReader, size: (width: Int, height: Int)) -> Look {
        var look = Look()
        look.subtitle = attempt { () throws(Diagnostic) in try top.string("subtitle")?.0 } ?? look.subtitle
        look.footnote = attempt { () throws(Diagnostic) in try top.string("footnote")?.0 } ?? look.footnote
        if let (name, _) = attempt({ () throws(Diagnostic) in try top.choice("theme", among: Theme.Name.allCases.map(\.rawValue)) }),
           let theme = Theme.Name(rawValue: name) {
            look.theme = Theme.named(theme)
        }
        if let (name, _) = attempt({ () throws(Diagnostic) in try top.choice("layout", among: MapLayout.allCases.map(\.rawValue)) }),
           let layout = MapLayout(rawValue: name) {
            look.layout = layout
        }
        look.lossCurve = attempt { () throws(Diagnostic) in try top.boolean("loss_curve")?.0 } ?? look.lossCurve
        look.rateCurve = attempt { () throws(Diagnostic) in try top.boolean("rate_curve")?.0 } ?? look.rateCurve
        look.showsCriticalRate = attempt { () throws(Diagnostic) in try top.boolean("critical_rate")?.0 } ?? look.showsCriticalRate
        if let (name, _) = attempt({ () throws(Diagnostic) in try top.choice("aspect", among: TopLevelKeys.aspectNames) }) {
            look.equalAspect = name == "equal"
        }
        look.scale = attempt { () throws(Diagnostic) -> Double? in
            guard let (x, value) = try top.number("scale") else { return nil }
            let range = TopLevelKeys.scaleRange
            guard x.isFinite, range.contains(x) else {
                throw top.error(value.span.lowerBound, "`scale` must be between \(NumberFormatting.compact(range.lowerBound)) and \(NumberFormatting.compact(range.upperBound)), found \(top.written(value))")
            }
            let limit = Double(TopLevelKeys.sizeRange.upperBound)
            let width = Double(size.width) * x, height = Double(size.height) * x
            guard width <= limit, height <= limit else {
                let largest = limit / Double(max(size.width, size.height))
                throw top.error(value.span.lowerBound,
                                "`scale` \(top.written(value)) makes the figure \(Int(width.rounded())) × \(Int(height.rounded())) pixels; at most \(TopLevelKeys.sizeRange.upperBound) a side is allowed",
                                note: "with size = [\(size.width), \(size.height)], `scale` may be at most \(NumberFormatting.significant((largest * 1000).rounded(.down) / 1000, digits: 4))")
            }
            return x
        } ?? look.scale
        look.fontScale = attempt { () throws(Diagnostic) -> Double? in
            guard let (x, value) = try top.number("font_scale") else { return nil }
            let range = TopLevelKeys.fontScaleRange
            guard x.isFinite, range.contains(x) else {
                throw top.error(value.span.lowerBound, "`font_scale` must be between \(NumberFormatting.compact(range.lowerBound)) and \(NumberFormatting.compact(range.upperBound)), found \(top.written(value))",
                                note: "1 is the usual size of text; 1.5 makes it half as large again")
            }
            return x
        } ?? look.fontScale
        decodeOutputOptions(top, into: &look)
        return look
    }

    /// `background` and `dpi`, with the outputs that cannot carry them refused where they are
    /// written rather than ignored.
    private mutating func decodeOutputOptions(_ top: TableReader, into look: inout Look) {
        // The output's format (its problems are reported where `output` is read; a config
        // without one writes a PNG).
        let output = (try? top.string("output"))?.0
        let format = output.flatMap(FigureFormat.init(fileName:)) ?? .png
        /// "a .gif", "a frames folder".
        let written = format == .frames ? "a frames folder" : "a .\(format.rawValue)"
        if let (name, value) = attempt({ () throws(Diagnostic) in try top.choice("background", among: TopLevelKeys.backgroundNames) }),
           let background = FigureBackground(rawValue: name) {
            if background == .transparent, format.isAnimated {
                report(top.error(value.span.lowerBound,
                                 "background = \"transparent\" is for PNG, SVG and PDF; \(written) is drawn on the theme's background",
                                 note: "write a .png, .svg or .pdf output, or remove `background`"))
            }
            look.background = background
        }
        let dpi = attempt { () throws(Diagnostic) in try Self.dpiValue(top) }
        if dpi != nil, format == .gif || format == .apng, let value = top.table["dpi"] {
            report(top.error(value.span.lowerBound, "`dpi` is recorded in PNG, SVG and PDF files; \(written) has no place for it",
                             note: "remove `dpi`, or write a .png, .svg, .pdf or frames folder output"))
        }
        look.dpi = dpi ?? (Self.hasPaperSize(top) ? TopLevelKeys.paperDPI : nil)
    }

    /// The bounds of a learning-rate sweep, as the [sweep] table gives them.
    struct SweepBounds {
        var from: Double
        var to: Double
        var count: Int

        /// The sweep figure, its bounds made learning rates by `rate` (absolute, or multiples of η_crit).
        func kind(rate: (Double) -> LearningRate) -> FigureKind { .sweep(from: rate(from), to: rate(to), count: count) }
    }

    /// `kind` and the [sweep] table: nil for a map (the default), the bounds for a sweep.
    /// A [sweep] table needs kind = "sweep", and kind = "sweep" needs a [sweep] table.
    mutating func decodeKind(_ top: TableReader, _ document: TOMLTable) -> SweepBounds? {
        let kind = attempt { () throws(Diagnostic) in try top.choice("kind", among: TopLevelKeys.kindNames) }
        let isSweep = kind?.0 == "sweep"
        if kind?.0 == "phase" { kindNoun = "phase diagram" }
        guard let value = document["sweep"] else {
            if isSweep, let (_, kindValue) = kind {
                report(top.error(kindValue.span.lowerBound, "kind = \"sweep\" needs a [sweep] table: the learning rates to try",
                                 note: "add for example:\n    [sweep]\n    from = 0.001\n    to = 1\n    count = 100"))
            }
            return nil
        }
        guard let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "sweep", of: SweepKeys.table, in: top) }) else {
            return nil
        }
        report(reader.unknownKeys())
        if kind != nil, !isSweep { // kind = "map" written out; an unknown kind is reported already
            report(reader.error(value.span.lowerBound, "[sweep] applies only to kind = \"sweep\", not to kind = \"\(kind?.0 ?? "map")\"",
                                note: "set kind = \"sweep\" at the top level, or remove [sweep]"))
        } else if kind == nil, document["kind"] == nil {
            report(reader.error(value.span.lowerBound, "[sweep] applies only to kind = \"sweep\"; this figure is a map",
                                note: "add kind = \"sweep\" at the top level, or remove [sweep]"))
        }
        let from = attempt { () throws(Diagnostic) in try reader.positive("from") }
        let to = attempt { () throws(Diagnostic) in try reader.positive("to") }
        let count = attempt { () throws(Diagnostic) in try reader.integer("count", in: SweepKeys.countRange) }
        for key in ["from", "to"] where reader.table[key] == nil {
            report(reader.error(value.span.lowerBound, "[sweep] needs `\(key)`, the \(key == "from" ? "smallest" : "largest") learning rate to try"))
        }
        if let from, let to, from >= to, let toValue = reader.table["to"] {
            report(reader.error(toValue.span.lowerBound, "`to` must be greater than `from` (\(reader.written(reader.table["from"]!))), found \(reader.written(toValue))"))
        }
        guard isSweep, let from, let to, from < to else { return nil }
        return SweepBounds(from: from, to: to, count: count ?? SweepKeys.defaultCount)
    }
}
