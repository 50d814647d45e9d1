import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The `[[explain]]` sections: steps of runs explained in callouts. Each names its run
    /// (label or number) and its step; one may ask for the slice panel.
    mutating func decodeExplanations(_ document: TOMLTable, _ top: TableReader, runs: [PendingRun], isMap: Bool) -> [ExplanationSpec] {
        let items = sections("explain", of: document, top)
        guard let value = document["explain"], !items.isEmpty else { return [] }
        if !isMap {
            report(top.error(value.span.lowerBound, "[[explain]] explains a step on the map; a \(kindNoun) has no map",
                             note: "remove the [[explain]] sections, or draw a map (kind = \"map\")"))
            return []
        }
        var explanations: [ExplanationSpec] = []
        var sliceOffset: Int?
        for (index, (t, item)) in items.enumerated() {
            let name = "[[explain]] #\(index + 1)"
            if index == ExplainKeys.maxExplanations {
                report(Diagnostic(file: file, offset: item.span.lowerBound,
                                  message: "a figure may explain at most \(ExplainKeys.maxExplanations) steps; this is \(name)"))
            }
            var reader = TableReader(table: t, name: name, file: file, headerOffset: item.span.lowerBound, known: ExplainKeys.table.keys)
            reader.elsewhere = { ConfigKeys.home(of: $0, besides: ExplainKeys.table.name) }
            report(reader.unknownKeys())
            let run = attempt { () throws(Diagnostic) in try Self.explainedRun(reader, runs: runs, header: item.span.lowerBound) }
            let step = attempt { () throws(Diagnostic) -> Int? in
                guard let step = try reader.integer("step", in: 0...Int64(ConfigLimits.maxTotalSteps)) else {
                    throw reader.error(item.span.lowerBound, "\(name) needs `step = k`: the step to explain (0 is the first, from the start)",
                                       note: "for example:\n    [[explain]]\n    run = 1\n    step = 0")
                }
                return step
            }
            if let run, runs[run].recorded != nil, let value = t["run"] {
                report(reader.error(value.span.lowerBound, "[[explain]] explains a step lossmap took; run \(run + 1) is a recorded path (`path`), drawn as given",
                                    note: "explain a walked run instead"))
                continue
            }
            if let run, let step, step >= runs[run].steps, let value = t["step"] {
                report(reader.error(value.span.lowerBound,
                                    "`step` must be below the run's \(runs[run].steps) steps (the last step explained is \(runs[run].steps - 1)), found \(step)"))
            }
            let slice = attempt { () throws(Diagnostic) in try reader.boolean("slice") }
            if let (wanted, value) = slice, wanted {
                if let first = sliceOffset {
                    report(reader.error(value.span.lowerBound, "only one [[explain]] section may have `slice = true`: the figure has one slice panel",
                                        note: "the first is on line \(file.lineAndColumn(of: first).line)"))
                }
                sliceOffset = sliceOffset ?? value.span.lowerBound
            }
            if let run, let step, step < runs[run].steps {
                explanations.append(ExplanationSpec(run: run, step: step, slice: slice?.0 ?? false))
            }
        }
        return explanations
    }

    /// The index of the run `run` names: a label written in a [[run]], or a number from 1.
    private static func explainedRun(_ reader: TableReader, runs: [PendingRun], header: Int) throws(Diagnostic) -> Int {
        guard let value = reader.table["run"] else {
            throw reader.error(header, "\(reader.name) needs `run`: the run whose step is explained, by its label or its number from 1",
                               note: "for example:\n    [[explain]]\n    run = 1\n    step = 0")
        }
        switch value.kind {
        case .integer(let n):
            guard n >= 1, n <= runs.count else {
                throw reader.error(value.span.lowerBound, runs.isEmpty
                    ? "`run` = \(n) names no run: this figure has none"
                    : "`run` must be a run's number from 1 to \(runs.count), found \(n)")
            }
            return Int(n - 1)
        case .string(let label):
            let labels = runs.compactMap(\.label)
            guard let index = runs.firstIndex(where: { $0.label == label }) else {
                throw reader.error(value.span.lowerBound,
                                   "no run is labelled \"\(ConfigLimits.shown(label))\"\(Suggestion.phrase(for: label, among: labels))",
                                   note: labels.isEmpty ? "no run has a `label`; name the run by its number instead, e.g. run = 1"
                                       : "labels: " + labels.map { "\"\($0)\"" }.joined(separator: ", ") + "; or a number from 1 to \(runs.count)")
            }
            return index
        default:
            throw reader.typeError("run", "a run's label (a string) or its number (an integer)", value)
        }
    }
}
