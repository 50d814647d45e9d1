import LossmapCore
import LossmapSpec

/// The config language as a JSON Schema, generated from the key tables, for editors: with it
/// Taplo (the TOML language server of VS Code's "Even Better TOML") completes keys and names,
/// shows each key's text on hover, and flags unknown keys, wrong types and values out of range
/// while a config is typed. `lossmap schema` prints it; lossmap.schema.json is its output.
///
/// Draft-07: Taplo validates with the Rust `jsonschema` crate built without its 2019-09 and
/// 2020-12 support (taplo-common's Cargo.toml: `jsonschema = { version = "0.16", default-features
/// = false }`; draft 7 is that crate's default), and its hover and completion walk draft-07's
/// `items`, not 2020-12's `prefixItems`. Single-name `enum`s stand in for `const`, which draft 4
/// tools lack.
///
/// Everything comes from the tables, nothing is listed twice: a key's type from its type text
/// ("array of two integers", "boolean or integer"), its bounds from its allowed text ("1 …
/// 1,000,000", "finite, > 0", "0 < γ ≤ 1"), its names from `choices` (or an allowed text that
/// is a list of names), its default from its default text where that is a TOML value, whether
/// it is required from a default of "required", and its description from `doc` and `details`
/// (Markdown, which Taplo renders on hover). Rules between keys (`from` < `to`, the perceptron's
/// keys only with `model`) are `lossmap check`'s alone.
public enum ConfigSchema {
    /// The file the schema is kept in, relative to the package root.
    public static let file = "lossmap.schema.json"
    /// The draft the schema is written in.
    public static let draft = "http://json-schema.org/draft-07/schema#"

    /// The schema as JSON text, two spaces an indent, ending in a newline.
    public static func text() -> String { generated().schema.text() + "\n" }

    /// The schema, with what the generator could not read in the tables: a type text of no
    /// shape it knows, a table named under `.tables` that does not exist. Empty when all is read.
    static func generated() -> (schema: SchemaJSON, problems: [String]) {
        var generator = SchemaGenerator()
        let schema = generator.document()
        return (schema, generator.problems)
    }

    /// The key names that the tables list outside `choices`, in tables of their own (docs/config.md's
    /// table of built-in surfaces under `function`, of methods under `method`), with the code's own
    /// lists of them.
    static let namesListedElsewhere: [String: [String]] = [
        "function": BuiltinSurface.allCases.map(\.rawValue),
        "method": Method.names,
    ]
}

/// A JSON value whose objects keep their keys in the order written, so the schema lists keys
/// as the tables do and its text is the same on every run.
indirect enum SchemaJSON: Sendable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case array([SchemaJSON])
    case object([(String, SchemaJSON)])

    /// The value of `key` in an object.
    subscript(key: String) -> SchemaJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The JSON text: objects one member a line, arrays of scalars on one line.
    func text(indent: String = "") -> String {
        switch self {
        case .string(let s): return TOMLTaggedJSON.quoted(s)
        case .integer(let n): return String(n)
        case .number(let x):
            // Whole numbers as integers (8, not 8.0); others in Swift's shortest round-tripping form.
            return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : x.description
        case .boolean(let b): return b ? "true" : "false"
        case .array(let items):
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.text() }.joined(separator: ", ") + "]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + members.map { inner + TOMLTaggedJSON.quoted($0.0) + ": " + $0.1.text(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}

/// Walks the key tables and writes the schema, noting what it could not read.
private struct SchemaGenerator {
    var problems: [String] = []

    /// The whole config: the top level's keys, with a table's schema under each table's name.
    mutating func document() -> SchemaJSON {
        let top = ConfigKeys.tables[0]
        var body = table(top)
        if case .object(let members) = body {
            body = .object([
                ("$schema", .string(ConfigSchema.draft)),
                ("$comment", .string("Generated by `lossmap schema` from the key tables (Sources/LossmapConfig/Keys): do not edit.")),
                ("title", .string("lossmap config")),
                ("description", .string("A lossmap figure config (docs/config.md).")),
            ] + members.filter { $0.0 != "description" })
        }
        return body
    }

    /// An object schema of `table`'s keys; unknown keys are errors, as in the decoder.
    mutating func table(_ table: ConfigTable) -> SchemaJSON {
        var properties: [(String, SchemaJSON)] = []
        var required: [String] = []
        for entry in table.entries {
            for name in entry.names {
                let (schema, isRequired) = key(name, of: entry, in: table)
                properties.append((name, schema))
                if isRequired { required.append(name) }
            }
        }
        var members: [(String, SchemaJSON)] = [
            ("description", .string("The keys of \(table.name) (docs/config.md).")),
            ("type", .string("object")),
            ("properties", .object(properties)),
        ]
        if !required.isEmpty { members.append(("required", .array(required.map(SchemaJSON.string)))) }
        members.append(("additionalProperties", .boolean(false)))
        return .object(members)
    }

    /// The schema of key `name` documented by `entry`, and whether the key is required.
    mutating func key(_ name: String, of entry: ConfigKey, in table: ConfigTable) -> (SchemaJSON, Bool) {
        switch entry.form {
        case .value(let type, let defaultValue, let allowed, _):
            return value(name, of: entry, type: type, defaultText: defaultValue, allowed: allowed)
        case .sameAs(let other):
            guard let home = ConfigKeys.tables.first(where: { $0.name == other }), let original = home.entry(name) else {
                problems.append("`\(name)` of \(table.name) is documented as in \(other), which has no such key")
                return (.object([]), false)
            }
            let (schema, _) = key(name, of: original, in: home)
            let note = "As in `\(other)`, for this run only." + (entry.doc.isEmpty ? "" : " " + entry.doc)
            return (replacingDescription(of: schema) { note + "\n\n" + $0 }, false)
        case .tables:
            return subtable(name, doc: entry.doc)
        case .hyperparameters:
            return (hyperparameter(name, doc: SchemaGenerator.text(entry)), false)
        }
    }

    /// `[name]` as an object, `[[name]]` as an array of objects; required when the doc says
    /// "`[name]` (required)".
    mutating func subtable(_ name: String, doc: String) -> (SchemaJSON, Bool) {
        if let single = ConfigKeys.tables.first(where: { $0.name == "[\(name)]" }) {
            return (table(single), doc.contains("`[\(name)]` (required)"))
        }
        if let repeated = ConfigKeys.tables.first(where: { $0.name == "[[\(name)]]" }) {
            let schema = SchemaJSON.object([
                ("description", .string("\(repeated.name) sections, each with the keys of one (docs/config.md).")),
                ("type", .string("array")),
                ("items", table(repeated)),
            ])
            return (schema, doc.contains("`[[\(name)]]` (required)"))
        }
        problems.append("`\(name)` is documented as a table, but no table is called [\(name)] or [[\(name)]]")
        return (.object([]), false)
    }

    /// A key with its own type, default and allowed values.
    mutating func value(_ name: String, of entry: ConfigKey, type: String, defaultText: String,
                        allowed: String) -> (SchemaJSON, Bool) {
        guard let shapes = ValueShape.alternatives(type) else {
            problems.append("the type of `\(name)`, \"\(type)\", is none the schema knows")
            return (.object([("description", .string(SchemaGenerator.text(entry)))]), false)
        }
        let rules = AllowedText(SchemaGenerator.part(of: allowed, for: name, among: entry.names))
        let names = !entry.choices.isEmpty ? entry.choices : ConfigSchema.namesListedElsewhere[name] ?? rules.names
        let defaultPart = SchemaGenerator.part(ofList: defaultText, for: name, among: entry.names)
        let description = SchemaGenerator.text(entry)
            + "\n\nType: \(type). Default: \(defaultText). Allowed: \(allowed)."

        var ranges = rules.ranges
        let alternatives = shapes.map { shape in shape.schema(names: names, rules: rules, ranges: &ranges) }
        var members: [(String, SchemaJSON)] = [("description", .string(description))]
        if alternatives.count == 1, case .object(let only) = alternatives[0] {
            members += only
        } else {
            members.append(("anyOf", .array(alternatives)))
        }
        if let value = DefaultText.value(defaultPart, names: names) { members.append(("default", value)) }
        return (.object(members), defaultPart == "required")
    }

    /// A method's hyperparameter: a number in the interval of the methods that have it.
    func hyperparameter(_ name: String, doc: String) -> SchemaJSON {
        let owners = MethodCatalog.entries.compactMap { entry in entry.parameter(name).map { (entry.name, $0) } }
        var lines = owners.map { method, parameter in
            "`\(method)`: \(parameter.symbol), \(parameter.meaning); default \(NumberFormatting.compact(parameter.defaultValue)), "
                + "allowed \(parameter.allowed)." + (parameter.details.isEmpty ? "" : " " + parameter.details)
        }
        lines.append(doc)
        var members: [(String, SchemaJSON)] = [("description", .string(lines.joined(separator: "\n\n"))),
                                               ("type", .string("number"))]
        // One interval and one default when every method that has the key agrees on them.
        if let first = owners.first?.1, owners.allSatisfy({ $0.1.allowed == first.allowed }) {
            let interval = first.allowed
            if interval.lower.isFinite {
                members.append((interval.includesLower ? "minimum" : "exclusiveMinimum", .number(interval.lower)))
            }
            if interval.upper.isFinite {
                members.append((interval.includesUpper ? "maximum" : "exclusiveMaximum", .number(interval.upper)))
            }
        }
        if let first = owners.first?.1, owners.allSatisfy({ $0.1.defaultValue == first.defaultValue }) {
            members.append(("default", .number(first.defaultValue)))
        }
        return .object(members)
    }

    private func replacingDescription(of schema: SchemaJSON, _ change: (String) -> String) -> SchemaJSON {
        guard case .object(let members) = schema else { return schema }
        return .object(members.map { member in
            guard member.0 == "description", case .string(let text) = member.1 else { return member }
            return (member.0, .string(change(text)))
        })
    }

    /// `doc` and `details` as one Markdown text; details that do not open with a blank line go
    /// on in the doc's paragraph, as in docs/config.md.
    static func text(_ entry: ConfigKey) -> String {
        if entry.details.isEmpty { return entry.doc }
        return entry.doc + (entry.details.hasPrefix("\n") ? "" : " ") + entry.details
    }

    /// The part of an allowed text that concerns `name` when one entry documents several keys:
    /// "azimuth -360 … 360; elevation 5 … 90" gives `elevation` "5 … 90". Parts that name no
    /// key concern them all.
    static func part(of text: String, for name: String, among names: [String]) -> String {
        guard names.count > 1 else { return text }
        let parts = MarkdownWords.split(text, separators: ["; "]).compactMap { part -> String? in
            guard let owner = names.first(where: { part.hasPrefix($0 + " ") }) else { return part }
            return owner == name ? String(part.dropFirst(name.count + 1)) : nil
        }
        return parts.joined(separator: "; ")
    }

    /// The item of a list ("`0.5`, `2`") that belongs to `name` when one entry documents several
    /// keys and the list has one item per key; otherwise the whole text.
    static func part(ofList text: String, for name: String, among names: [String]) -> String {
        guard names.count > 1 else { return text }
        let items = MarkdownWords.split(text, separators: [", "])
        guard items.count == names.count, let index = names.firstIndex(of: name) else { return text }
        return items[index]
    }
}

/// One kind of value a key takes, read from its type text: `levels` ("integer, or array of
/// numbers") takes two.
indirect enum ValueShape {
    case string, integer, number, boolean
    /// One value written in the type itself: `"auto"`, `false`.
    case literal(SchemaJSON)
    /// An array of exactly `count` elements: "array of two numbers".
    case tuple(Int, ValueShape)
    /// An array of any length: "array of numbers", "array of points `[x1, x2, y]`".
    case list(ValueShape)

    /// The alternatives of a type text ("boolean or integer"), or nil when one is of no known shape.
    static func alternatives(_ type: String) -> [ValueShape]? {
        var shapes: [ValueShape] = []
        for part in MarkdownWords.split(type, separators: [", or ", " or "]) {
            guard let shape = ValueShape(part) else { return nil }
            shapes.append(shape)
        }
        return shapes.isEmpty ? nil : shapes
    }

    private static let counts = ["two": 2, "three": 3, "four": 4]

    init?(_ written: String) {
        var text = written.trimmedOfSpaces
        // "number (seconds)": a unit in parentheses says nothing of the type.
        if text.hasSuffix(")"), !text.hasSuffix("`"), let open = text.lastIndex(of: "("), open > text.startIndex {
            text = String(text[..<open]).trimmedOfSpaces
        }
        for article in ["a ", "an "] where text.hasPrefix(article) { text = String(text.dropFirst(article.count)) }
        if let scalar = ValueShape.scalar(text) {
            self = scalar
            return
        }
        let spans = MarkdownWords.codeSpans(text)
        if spans.count == 1, text == "`\(spans[0])`" {
            guard let value = DefaultText.toml(spans[0]) else { return nil }
            self = .literal(value)
            return
        }
        guard text.hasPrefix("array of ") else { return nil }
        let words = text.dropFirst("array of ".count).split(separator: " ").map(String.init)
        if words.count >= 2, let count = ValueShape.counts[words[0]], let element = ValueShape.scalar(words[1]) {
            self = .tuple(count, element)
        } else if let first = words.first, let element = ValueShape.scalar(first) {
            self = .list(element)
        } else if let names = spans.first, names.hasPrefix("["), names.hasSuffix("]") {
            // "array of points `[x1, x2, y]`": arrays of as many numbers as the brackets name.
            self = .list(.tuple(names.split(separator: ",").count, .number))
        } else {
            return nil
        }
    }

    private static func scalar(_ word: String) -> ValueShape? {
        switch word {
        case "string", "strings": return .string
        case "integer", "integers": return .integer
        case "number", "numbers": return .number
        case "boolean", "booleans": return .boolean
        default: return nil
        }
    }

    private var isNumeric: Bool {
        switch self {
        case .integer, .number: return true
        default: return false
        }
    }

    /// The schema of values of this shape. The allowed text's ranges are taken in order: the
    /// first by a number (`levels`' count), the next by an array's length (unless the range
    /// says "each"), the rest by its elements; its comparisons ("> 0", "0 < γ ≤ 1") bound the
    /// number, or an array's elements.
    func schema(names: [String], rules: AllowedText, ranges: inout [AllowedText.Range]) -> SchemaJSON {
        switch self {
        case .string:
            var members: [(String, SchemaJSON)] = [("type", .string("string"))]
            if !names.isEmpty { members.append(("enum", .array(names.map(SchemaJSON.string)))) }
            return .object(members)
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .literal(let value):
            return .object([("enum", .array([value]))])
        case .integer, .number:
            let range = ranges.firstIndex { !$0.each }.map { ranges.remove(at: $0) }
            return .object(numberMembers(range: range, bounds: rules.bounds))
        case .tuple(let count, let element):
            // A pair's range bounds each element ("16 … 16384 pixels a side", "2 … 40 each").
            let range = ranges.isEmpty ? nil : ranges.removeFirst()
            return .object([("type", .string("array")),
                             ("items", .object(element.isNumeric ? element.numberMembers(range: range, bounds: rules.bounds)
                                                                 : element.plainMembers)),
                             ("minItems", .integer(Int64(count))), ("maxItems", .integer(Int64(count)))])
        case .list(let element):
            var members: [(String, SchemaJSON)] = [("type", .string("array"))]
            var length = ranges.firstIndex { !$0.each }.map { ranges.remove(at: $0) }
            let each = ranges.isEmpty ? nil : ranges.removeFirst()
            if case .tuple(let count, let inner) = element {
                members.append(("items", .object([("type", .string("array")), ("items", .object(inner.plainMembers)),
                                                  ("minItems", .integer(Int64(count))), ("maxItems", .integer(Int64(count)))])))
            } else if element.isNumeric {
                members.append(("items", .object(element.numberMembers(range: each, bounds: rules.bounds))))
            } else {
                members.append(("items", .object(element.plainMembers)))
            }
            if length == nil, rules.atLeast != nil || rules.atMost != nil {
                length = AllowedText.Range(lower: Double(rules.atLeast ?? 0), upper: rules.atMost.map { Double($0) }, each: false)
            }
            if let length {
                if length.lower > 0 { members.append(("minItems", .integer(Int64(length.lower)))) }
                if let upper = length.upper { members.append(("maxItems", .integer(Int64(upper)))) }
            }
            return .object(members)
        }
    }

    private var plainMembers: [(String, SchemaJSON)] {
        switch self {
        case .string: return [("type", .string("string"))]
        case .integer: return [("type", .string("integer"))]
        case .number: return [("type", .string("number"))]
        case .boolean: return [("type", .string("boolean"))]
        default: return []
        }
    }

    /// `type` with the range's bounds, else the comparisons' bounds.
    private func numberMembers(range: AllowedText.Range?, bounds: [(String, Double)]) -> [(String, SchemaJSON)] {
        let integer = if case .integer = self { true } else { false }
        func number(_ x: Double) -> SchemaJSON { integer ? .integer(Int64(x)) : .number(x) }
        var members = plainMembers
        if let range {
            members.append(("minimum", number(range.lower)))
            if let upper = range.upper { members.append(("maximum", number(upper))) }
        } else {
            members += bounds.map { ($0.0, number($0.1)) }
        }
        return members
    }
}

/// What an allowed text says a value may be: "1 … 1,000,000", "finite, > 0", "0 < γ ≤ 1",
/// "`linear`, `log`", "at most 100".
struct AllowedText {
    /// "A … B", or "A … (something not a number)" as a lower bound only ("0 … 2⁶³ − 1");
    /// `each` when the text says it bounds each element ("each 1 … 256", "2 … 40 each").
    struct Range {
        var lower: Double
        var upper: Double?
        var each: Bool
    }

    var ranges: [Range] = []
    /// JSON Schema keywords of the comparisons: ("exclusiveMinimum", 0) for "> 0".
    var bounds: [(String, Double)] = []
    var atLeast: Int?
    var atMost: Int?
    /// The names of the first part of the text that is a list of them ("`perceptron`, `mlp`",
    /// "or a name: `slide`, `a4`"), with a suffix each name also takes ("…, each also reversed
    /// with `_r`").
    var names: [String] = []

    init(_ text: String) {
        // Code spans are one word each, so "`steps` − 1" or "0 < `from`" read as not numbers.
        let words = MarkdownWords.words(text)
        for (i, word) in words.enumerated() {
            let previous = i > 0 ? words[i - 1] : "", next = i + 1 < words.count ? words[i + 1] : ""
            // "1, 2, …" continues a list; "1 … 100" is a range.
            if word == "…", !previous.hasSuffix(","), let lower = AllowedText.number(previous) {
                let each = (i >= 2 && words[i - 2] == "each") || (i + 2 < words.count && words[i + 2] == "each")
                ranges.append(Range(lower: lower, upper: AllowedText.number(next), each: each))
            } else if let keyword = AllowedText.comparisons[word] {
                // "x > 0": the value is on the left; "0 < x": on the right.
                if AllowedText.number(previous) == nil, let bound = AllowedText.number(next) {
                    bounds.append((keyword.valueLeft, bound))
                } else if let bound = AllowedText.number(previous), AllowedText.number(next) == nil, let right = keyword.valueRight {
                    bounds.append((right, bound))
                }
            } else if word == "most", previous == "at", let n = AllowedText.count(next) {
                atMost = n
            } else if word == "least", previous == "at", let n = AllowedText.count(next) {
                atLeast = n
            }
        }
        // The first part that is a list of names, after any words that introduce it ("or a name: ").
        names = MarkdownWords.split(text, separators: ["; "]).lazy.map { part -> [String] in
            guard let colon = part.range(of: ": "), !part[..<colon.lowerBound].contains("`") else {
                return AllowedText.nameList(part)
            }
            return AllowedText.nameList(String(part[colon.upperBound...]))
        }.first { !$0.isEmpty } ?? []
    }

    private static let comparisons: [String: (valueLeft: String, valueRight: String?)] = [
        ">": ("exclusiveMinimum", nil), "≥": ("minimum", nil),
        "<": ("exclusiveMaximum", "exclusiveMinimum"), "≤": ("maximum", "minimum"),
    ]

    /// A number as the tables write it: `-360`, `0.25`, `1e-12`, `1,000,000`; nil for a word.
    static func number(_ word: String) -> Double? {
        var text = word
        while let last = text.last, [",", ";", ":"].contains(last) { text.removeLast() }
        text = text.replacing("−", with: "-")
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        if digits.contains(",") {
            // Grouped thousands only: 1,000,000, never a list "1,2".
            let groups = digits.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
                  groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
            text = text.replacing(",", with: "")
        }
        guard let first = digits.first, first.isASCIIDigitCharacter,
              text.allSatisfy({ $0.isASCIIDigitCharacter || "-+.e".contains($0) }) else { return nil }
        return Double(text)
    }

    private static func count(_ word: String) -> Int? {
        if word == "one" { return 1 }
        return number(word).flatMap { $0 == $0.rounded() && $0 >= 0 && $0 < 1e9 ? Int($0) : nil }
    }

    /// "`a`, `b` or `c`", with an optional ", each also reversed with `_r`": the names; else none.
    private static func nameList(_ text: String) -> [String] {
        var list = text
        var suffix: String?
        let marker = ", each also reversed with `"
        if let range = list.range(of: marker), list.hasSuffix("`") {
            suffix = String(list[range.upperBound...].dropLast())
            list = String(list[..<range.lowerBound])
        }
        let items = MarkdownWords.split(list, separators: [", or ", ", ", " or "])
        let names = items.compactMap { item -> String? in
            let spans = MarkdownWords.codeSpans(item)
            return spans.count == 1 && item == "`\(spans[0])`" && !spans[0].contains("\"") ? spans[0] : nil
        }
        guard !names.isEmpty, names.count == items.count, !names.allSatisfy({ $0 == "true" || $0 == "false" }) else { return [] }
        return names + (suffix.map { suffix in names.map { $0 + suffix } } ?? [])
    }
}

/// A default text as a JSON value, when it is one: "`[1600, 1000]`", "400", "2,000", "0 (none)",
/// "`light`" (a name of the key), "`\"auto\"`"; nil for words ("none", "the surface's").
enum DefaultText {
    static func value(_ text: String, names: [String]) -> SchemaJSON? {
        var literal = text
        // "0 (none)", "`[]` (no runs)": the value before a remark.
        if let open = literal.range(of: " ("), literal.hasSuffix(")") { literal = String(literal[..<open.lowerBound]) }
        let spans = MarkdownWords.codeSpans(literal)
        if spans.count == 1, literal == "`\(spans[0])`" { literal = spans[0] }
        if names.contains(literal) { return .string(literal) }
        if let number = AllowedText.number(literal), literal.contains(",") {
            return number == number.rounded() ? .integer(Int64(number)) : .number(number)
        }
        return toml(literal)
    }

    /// `text` read as a TOML value by lossmap's own parser; nil when it is not one.
    static func toml(_ text: String) -> SchemaJSON? {
        guard !text.isEmpty, !text.contains("\n"),
              let table = try? TOMLParser.parse(SourceFile(name: "default", text: "v = \(text)\n")),
              let value = table["v"] else { return nil }
        return json(value)
    }

    private static func json(_ value: TOMLValue) -> SchemaJSON? {
        switch value.kind {
        case .string(let s): return .string(s)
        case .integer(let n): return .integer(n)
        case .float(let x): return x.isFinite ? .number(x) : nil
        case .boolean(let b): return .boolean(b)
        case .array(let items):
            let converted = items.compactMap(json)
            return converted.count == items.count ? .array(converted) : nil
        case .table: return nil
        }
    }
}

/// Markdown text split without breaking its code spans.
enum MarkdownWords {
    /// `text` split at each separator outside code spans (the first that matches at a place wins).
    static func split(_ text: String, separators: [String]) -> [String] {
        var parts: [String] = []
        var current = ""
        var inCode = false
        var rest = Substring(text)
        outer: while let character = rest.first {
            if character == "`" { inCode.toggle() }
            if !inCode {
                for separator in separators where rest.hasPrefix(separator) {
                    parts.append(current)
                    current = ""
                    rest = rest.dropFirst(separator.count)
                    continue outer
                }
            }
            current.append(character)
            rest = rest.dropFirst()
        }
        parts.append(current)
        return parts.map { $0.trimmedOfSpaces }.filter { !$0.isEmpty }
    }

    /// The words of `text` split at spaces, a code span (with its spaces) one word.
    static func words(_ text: String) -> [String] {
        split(text, separators: [" "])
    }

    /// The contents of the code spans of `text`, in order.
    static func codeSpans(_ text: String) -> [String] {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: pieces.count - 1, by: 2).map { String(pieces[$0]) }
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

private extension StringProtocol {
    /// Without spaces at either end.
    var trimmedOfSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
