import LossmapCore

/// The key reference of docs/config.md, generated from the key tables: for each table, a
/// `#### ` section per key (or keys documented together) with its type, default, allowed
/// values, example and text, between marker comments. The prose around the markers (the
/// language, errors, limits, each table's introduction) is written by hand.
public enum KeyReference {
    /// The file the reference lives in, relative to the package root.
    public static let page = "docs/config.md"

    /// `page` with the text between each table's markers replaced by what the tables
    /// generate now. Throws when a table's markers are missing or out of order.
    public static func updated(_ page: String) throws(KeyReferenceError) -> String {
        var result = page
        for table in ConfigKeys.tables {
            let begin = beginMarker(table), end = endMarker(table)
            guard let start = result.firstRange(of: begin), let stop = result[start.upperBound...].firstRange(of: end) else {
                throw KeyReferenceError(message: "\(Self.page) has no `\(begin)` … `\(end)` pair")
            }
            result.replaceSubrange(start.upperBound..<stop.lowerBound, with: "\n" + markdown(for: table) + "\n")
        }
        return result
    }

    /// The line that opens the generated keys of `table`.
    static func beginMarker(_ table: ConfigTable) -> String {
        "<!-- BEGIN GENERATED KEYS \(table.id): edit Sources/LossmapConfig/Keys, then run `swift run lossmap docs config-keys --write` -->"
    }

    /// The line that closes them.
    static func endMarker(_ table: ConfigTable) -> String { "<!-- END GENERATED KEYS \(table.id) -->" }

    /// The `#### ` sections of one table's keys.
    static func markdown(for table: ConfigTable) -> String {
        table.entries.map(section).joined(separator: "\n\n")
    }

    private static func section(_ key: ConfigKey) -> String {
        let heading = "#### " + ConfigKeys.code(key.names)
        switch key.form {
        case .value(let type, let defaultValue, let allowed, let example):
            let row = "| \(type) | \(defaultValue) | \(allowed) | \(example) |"
            return heading + "\n| type | default | allowed | example |\n| --- | --- | --- | --- |\n" + row + "\n\n" + text(key)
        case .sameAs(let table):
            let doc = "As in `\(table)`, for this run only." + (key.doc.isEmpty ? "" : " " + key.doc)
            return heading + "\n" + MarkdownText.laidOut(joined(doc, key.details))
        case .tables:
            return heading + "\n" + text(key)
        case .hyperparameters:
            return heading + "\n" + hyperparameterTable(key.names) + "\n\n" + text(key) + hyperparameterNotes(key.names)
        }
    }

    /// `doc` and `details` as laid-out Markdown.
    private static func text(_ key: ConfigKey) -> String { MarkdownText.laidOut(joined(key.doc, key.details)) }

    /// Details that do not open with a blank line go on in the doc's paragraph.
    private static func joined(_ doc: String, _ details: String) -> String {
        if details.isEmpty { return doc }
        return doc + (details.hasPrefix("\n") ? "" : " ") + details
    }

    /// One row per hyperparameter key: the methods that have it, default, interval, meaning.
    private static func hyperparameterTable(_ keys: [String]) -> String {
        let rows = keys.map { key -> String in
            let owners = MethodCatalog.entries.compactMap { entry in entry.parameter(key).map { (entry.name, $0) } }
            func distinct(_ texts: [String]) -> [String] { texts.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
            let defaults = distinct(owners.map { NumberFormatting.compact($0.1.defaultValue) }).joined(separator: " or ")
            let allowed = distinct(owners.map(\.1.allowed.description)).joined(separator: " or ")
            let symbols = distinct(owners.map(\.1.symbol))
            let symbol = symbols[0] + (symbols.count > 1 ? " (" + symbols.dropFirst().joined(separator: ", ") + ")" : "")
            let meaning = owners.first.map(\.1.meaning) ?? ""
            return "| `\(key)` | \(ConfigKeys.code(owners.map(\.0))) | \(defaults) | \(allowed) | \(symbol), \(meaning) |"
        }
        return (["| key | methods | default | allowed | meaning |", "| --- | --- | --- | --- | --- |"] + rows)
            .joined(separator: "\n")
    }

    /// A list of each method's notes on its hyperparameters, or nothing.
    private static func hyperparameterNotes(_ keys: [String]) -> String {
        let notes = keys.flatMap { key in
            MethodCatalog.entries.compactMap { entry -> String? in
                guard let parameter = entry.parameter(key), !parameter.details.isEmpty else { return nil }
                return "- `\(key)` with `\(entry.name)`: \(parameter.details)"
            }
        }
        return notes.isEmpty ? "" : "\n\n" + MarkdownText.laidOut(notes.joined(separator: "\n"))
    }
}

/// Why docs/config.md could not be updated.
public struct KeyReferenceError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
