import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The phase diagram's settings as the [phase] table gives them.
    struct PhaseBounds {
        var from: Double?
        var to: Double?
        var momentum = PhaseKeys.defaultMomentum
        var realRuns = false
        var lattice = PhaseKeys.defaultLattice
        /// Where problems with the diagram as a whole are reported: [phase], else `kind`.
        var offset = 0

        /// The figure's kind, its rates made learning rates by `rate` (absolute, or multiples of η_crit).
        func spec(rate: (Double) -> LearningRate) -> PhaseSpec {
            PhaseSpec(from: from.map(rate), to: to.map(rate), momentum: momentum, realRuns: realRuns, lattice: lattice)
        }
    }

    /// `kind = "phase"` and the optional [phase] table: nil for any other kind. A [phase]
    /// table needs kind = "phase" (the unknown-kind message comes from `decodeKind`).
    mutating func decodePhase(_ top: TableReader, _ document: TOMLTable) -> PhaseBounds? {
        let kind = (try? top.choice("kind", among: TopLevelKeys.kindNames))?.0
        let isPhase = kind == "phase"
        let kindOffset = top.table["kind"]?.span.lowerBound ?? 0
        guard let value = document["phase"] else { return isPhase ? PhaseBounds(offset: kindOffset) : nil }
        guard let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "phase", of: PhaseKeys.table, in: top) }) else {
            return nil
        }
        report(reader.unknownKeys())
        if !isPhase {
            report(reader.error(value.span.lowerBound, "[phase] applies only to kind = \"phase\"; this figure is a \(kind ?? "map")",
                                note: "add kind = \"phase\" at the top level, or remove [phase]"))
        }
        var bounds = PhaseBounds(offset: value.span.lowerBound)
        bounds.from = attempt { () throws(Diagnostic) in try reader.positive("from") }
        bounds.to = attempt { () throws(Diagnostic) in try reader.positive("to") }
        let given = ["from", "to"].filter { reader.table[$0] != nil }
        if given.count == 1 {
            let missing = given == ["from"] ? "to" : "from"
            report(reader.error(reader.keyOffset(given[0]), "[phase] needs `\(missing)` as well: give both `from` and `to`, or neither for the default axis"))
        }
        if let from = bounds.from, let to = bounds.to, from >= to, let toValue = reader.table["to"] {
            report(reader.error(toValue.span.lowerBound, "`to` must be greater than `from` (\(reader.written(reader.table["from"]!))), found \(reader.written(toValue))"))
        }
        if let momentum = attempt({ () throws(Diagnostic) in try reader.range("momentum") }) {
            if momentum.lowerBound < 0 || momentum.upperBound >= 1, let item = reader.table["momentum"] {
                report(reader.error(item.span.lowerBound, "`momentum` must lie within 0 ≤ β < 1, found \(reader.written(item))",
                                    note: "heavy-ball descent diverges for every step size once β ≥ 1; for example momentum = [0, 0.99]"))
            } else {
                bounds.momentum = momentum
            }
        }
        bounds.realRuns = attempt { () throws(Diagnostic) in try reader.boolean("real_runs")?.0 } ?? false
        if let lattice = attempt({ () throws(Diagnostic) in try Self.decodeLattice(reader) }) { bounds.lattice = lattice }
        guard isPhase else { return nil }
        return bounds
    }

    /// `lattice = [columns, rows]`, each within `PhaseKeys.latticeRange`.
    private static func decodeLattice(_ reader: TableReader) throws(Diagnostic) -> (columns: Int, rows: Int)? {
        let what = "two integers [columns, rows], e.g. [16, 12]"
        guard let (items, value) = try reader.array("lattice", what: what) else { return nil }
        guard items.count == 2, case .integer(let c) = items[0].kind, case .integer(let r) = items[1].kind else {
            throw reader.error(value.span.lowerBound, "`lattice` must be \(what), found \(reader.written(value))")
        }
        let range = PhaseKeys.latticeRange
        for (n, item) in [(c, items[0]), (r, items[1])] where !range.contains(n) {
            throw reader.error(item.span.lowerBound, "`lattice` must be between \(range.lowerBound) and \(range.upperBound) a side, found \(n)")
        }
        return (Int(c), Int(r))
    }
}
