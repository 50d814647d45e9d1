import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The `[[marker]]` sections: points to mark on the map with their loss, such as the
    /// lesson's W1 = 40, W2 = 10. Each needs `at = [w1, w2]`; `label` is optional.
    mutating func decodeMarkers(_ document: TOMLTable, _ top: TableReader) -> [MarkerSpec] {
        guard let value = document["marker"] else { return [] }
        guard case .array(let items) = value.kind, items.allSatisfy({ if case .table = $0.kind { true } else { false } }) else {
            report(top.error(value.span.lowerBound, "`marker` must be an array of tables, written as [[marker]] sections, found \(value.typeDescription)"))
            return []
        }
        var markers: [MarkerSpec] = []
        for (index, item) in items.enumerated() {
            guard case .table(let t) = item.kind else { continue }
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
