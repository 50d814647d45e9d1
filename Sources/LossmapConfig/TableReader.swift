/// Reads the keys of one config table with their types and ranges checked, and afterwards
/// reports any key it was never asked for as unknown (with the nearest known key).
struct TableReader {
    let table: TOMLTable
    /// How the table is named in messages: "[surface]", "the top level", "[[run]] #2".
    let name: String
    let file: SourceFile
    /// Byte offset of the table's header, for errors about missing keys.
    let headerOffset: Int
    /// Every key this table may hold.
    let known: [String]

    func error(_ offset: Int, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(file: file, offset: offset, message: message, note: note)
    }

    /// Fails on the first key not in `known`.
    func rejectUnknownKeys() throws(Diagnostic) {
        for entry in table.entries where !known.contains(entry.key) {
            throw error(entry.keySpan.lowerBound,
                        "unknown key `\(entry.key)` in \(name)\(Suggestion.phrase(for: entry.key, among: known))",
                        note: "keys allowed here: " + known.joined(separator: ", "))
        }
    }

    func string(_ key: String) throws(Diagnostic) -> (String, TOMLValue)? {
        guard let value = table[key] else { return nil }
        guard case .string(let s) = value.kind else { throw typeError(key, "a string", value) }
        return (s, value)
    }

    func integer(_ key: String, in range: ClosedRange<Int64>) throws(Diagnostic) -> Int? {
        guard let value = table[key] else { return nil }
        guard case .integer(let n) = value.kind else { throw typeError(key, "an integer", value) }
        guard range.contains(n) else {
            throw error(value.span.lowerBound, "`\(key)` must be between \(range.lowerBound) and \(range.upperBound), found \(n)")
        }
        return Int(n)
    }

    /// A number: TOML integers are accepted where a float is expected.
    func number(_ key: String) throws(Diagnostic) -> (Double, TOMLValue)? {
        guard let value = table[key] else { return nil }
        return (try Self.number(value, key: key, reader: self), value)
    }

    /// A finite number > 0 (a learning rate, a condition number).
    func positive(_ key: String) throws(Diagnostic) -> Double? {
        guard let (x, value) = try number(key) else { return nil }
        guard x.isFinite, x > 0 else {
            throw error(value.span.lowerBound, "`\(key)` must be a finite number greater than 0, found \(Self.describe(x))")
        }
        return x
    }

    func array(_ key: String) throws(Diagnostic) -> ([TOMLValue], TOMLValue)? {
        guard let value = table[key] else { return nil }
        guard case .array(let items) = value.kind else { throw typeError(key, "an array", value) }
        return (items, value)
    }

    /// Exactly two finite numbers, e.g. a start point `[-1.5, 2.0]`.
    func pair(_ key: String, what: String) throws(Diagnostic) -> (Double, Double)? {
        guard let (items, value) = try array(key) else { return nil }
        guard items.count == 2 else {
            throw error(value.span.lowerBound, "`\(key)` must be \(what): exactly two numbers, found \(items.count)")
        }
        let a = try Self.number(items[0], key: key, reader: self), b = try Self.number(items[1], key: key, reader: self)
        for (x, item) in [(a, items[0]), (b, items[1])] where !x.isFinite {
            throw error(item.span.lowerBound, "`\(key)` must hold finite numbers, found \(Self.describe(x))")
        }
        return (a, b)
    }

    /// A plotted range `[min, max]` with min < max.
    func range(_ key: String) throws(Diagnostic) -> ClosedRange<Double>? {
        guard let (a, b) = try pair(key, what: "a range [min, max]") else { return nil }
        guard a < b else {
            throw error(table[key]!.span.lowerBound, "`\(key)` must be a range [min, max] with min < max, found [\(Self.describe(a)), \(Self.describe(b))]")
        }
        return a...b
    }

    func typeError(_ key: String, _ expected: String, _ value: TOMLValue) -> Diagnostic {
        error(value.span.lowerBound, "`\(key)` must be \(expected), found \(value.typeDescription)")
    }

    static func number(_ value: TOMLValue, key: String, reader: TableReader) throws(Diagnostic) -> Double {
        switch value.kind {
        case .integer(let n): return Double(n)
        case .float(let x): return x
        default: throw reader.error(value.span.lowerBound, "`\(key)` must hold numbers, found \(value.typeDescription)")
        }
    }

    static func describe(_ x: Double) -> String {
        x.isNaN ? "nan" : (x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)")
    }
}
