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
        }
    }

    /// subtitle, footnote, theme, layout, loss_curve, rate_curve, critical_rate, aspect and scale.
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
        return look
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
