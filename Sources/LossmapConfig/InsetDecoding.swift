import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The `[[inset]]` sections: magnifiers on the (overlay) map, each centred inside the
    /// plotted window.
    mutating func decodeInsets(_ document: TOMLTable, _ top: TableReader, isMap: Bool, layout: MapLayout,
                               window: (w1: ClosedRange<Double>?, w2: ClosedRange<Double>?)?) -> [InsetSpec] {
        let items = sections("inset", of: document, top)
        guard let value = document["inset"], !items.isEmpty else { return [] }
        if !isMap {
            report(top.error(value.span.lowerBound, "[[inset]] magnifies the map; a \(kindNoun) has no map",
                             note: "remove the [[inset]] sections, or draw a map (kind = \"map\")"))
            return []
        }
        if layout == .grid {
            report(top.error(value.span.lowerBound, "[[inset]] magnifies the one map of layout = \"overlay\"; layout = \"grid\" draws a map per run",
                             note: "use layout = \"overlay\" with insets"))
            return []
        }
        var insets: [InsetSpec] = []
        for (index, (t, item)) in items.enumerated() {
            let name = "[[inset]] #\(index + 1)"
            if index == InsetKeys.maxInsets {
                report(Diagnostic(file: file, offset: item.span.lowerBound,
                                  message: "a figure may have at most \(InsetKeys.maxInsets) insets; this is \(name)"))
            }
            var reader = TableReader(table: t, name: name, file: file, headerOffset: item.span.lowerBound, known: InsetKeys.table.keys)
            reader.elsewhere = { ConfigKeys.home(of: $0, besides: InsetKeys.table.name) }
            report(reader.unknownKeys())
            let example = "for example:\n    [[inset]]\n    center = [40.0, 10.0]\n    zoom = 20"
            let center = attempt { () throws(Diagnostic) -> Weights? in
                guard let (a, b) = try reader.pair("center", what: "a point [w1, w2]") else {
                    throw reader.error(item.span.lowerBound, "\(name) needs `center = [w1, w2]`: the point to magnify", note: example)
                }
                if let w1 = window?.w1, let w2 = window?.w2, !(w1.contains(a) && w2.contains(b)), let v = t["center"] {
                    throw reader.error(v.span.lowerBound,
                                       "`center` must lie inside the plotted window w1 \(Self.shownRange(w1)), w2 \(Self.shownRange(w2)), found \(reader.written(v))")
                }
                return Weights(a, b)
            }
            let zoom = attempt { () throws(Diagnostic) -> Double? in
                guard let zoom = try reader.number("zoom", in: InsetKeys.zoomRange, unit: "times") else {
                    throw reader.error(item.span.lowerBound, "\(name) needs `zoom`: how many times larger the inset shows its region", note: example)
                }
                return zoom
            }
            let position = attempt { () throws(Diagnostic) in try reader.choice("position", among: InsetKeys.positionNames) }
                .flatMap { InsetPosition(rawValue: $0.0) } ?? .auto
            let size = attempt { () throws(Diagnostic) in try reader.number("size", in: InsetKeys.sizeRange, unit: "of the map's width") }
                ?? InsetKeys.defaultSize
            if let center, let zoom {
                var inset = InsetSpec(center: center, zoom: zoom, position: position, size: size)
                inset.site = SpecSite(file: file, offset: t["center"]?.span.lowerBound ?? item.span.lowerBound)
                insets.append(inset)
            }
        }
        return insets
    }

    private static func shownRange(_ r: ClosedRange<Double>) -> String {
        "[\(NumberFormatting.compact(r.lowerBound)), \(NumberFormatting.compact(r.upperBound))]"
    }
}
