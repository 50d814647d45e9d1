import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The `[[marker]]` sections: points to mark on the map with their loss, such as the
    /// lesson's W1 = 40, W2 = 10. Each needs `at = [w1, w2]`; `label` is optional.
    mutating func decodeMarkers(_ document: TOMLTable, _ top: TableReader) -> [MarkerSpec] {
        var markers: [MarkerSpec] = []
        for (index, (t, item)) in sections("marker", of: document, top).enumerated() {
            if index == ConfigLimits.maxMarkers {
                report(Diagnostic(file: file, offset: item.span.lowerBound,
                                  message: "a figure may mark at most \(ConfigLimits.maxMarkers) points; this is marker \(index + 1)"))
            }
            var reader = TableReader(table: t, name: "[[marker]] #\(index + 1)", file: file, headerOffset: item.span.lowerBound,
                                     known: MarkerKeys.table.keys)
            reader.elsewhere = { ConfigKeys.home(of: $0, besides: MarkerKeys.table.name) }
            report(reader.unknownKeys())
            let at = attempt { () throws(Diagnostic) in try reader.pair("at", what: "a point [w1, w2]") }
            if at == nil, t["at"] == nil {
                report(reader.error(item.span.lowerBound, "[[marker]] #\(index + 1) needs `at = [w1, w2]`: the point to mark",
                                    note: "for example:\n    [[marker]]\n    at = [40.0, 10.0]\n    label = \"W1 = 40, W2 = 10\""))
            }
            let label = attempt { () throws(Diagnostic) in try reader.string("label")?.0 } ?? ""
            if let (a, b) = at { markers.append(MarkerSpec(at: Weights(a, b), label: label)) }
        }
        return markers
    }
}
