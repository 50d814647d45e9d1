/// A parsed TOML value with the byte range of its source text.
///
/// Spans are byte offsets into the UTF-8 source; line and column are computed only when a
/// diagnostic is printed (see `SourceFile`), the way toml-rs does it.
public struct TOMLValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public var kind: Kind
    /// Byte offsets of the value's text in the source (for a table: its header or `{`).
    public var span: Range<Int>

    public init(_ kind: Kind, span: Range<Int>) {
        self.kind = kind
        self.span = span
    }

    /// The TOML type name used in messages: "a string", "an integer", "a table" …
    public var typeDescription: String {
        switch kind {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

/// A TOML table: its entries in source order, each key with the span where it was written.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        /// Byte offsets of the key as written (the last segment of a dotted key).
        public var keySpan: Range<Int>
        public var value: TOMLValue
        public init(key: String, keySpan: Range<Int>, value: TOMLValue) {
            self.key = key
            self.keySpan = keySpan
            self.value = value
        }
    }

    /// Entries in the order they first appeared in the source.
    public var entries: [Entry] = []

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The value for `key`, or nil.
    public subscript(key: String) -> TOMLValue? {
        entries.first(where: { $0.key == key })?.value
    }

    /// The entry for `key`, or nil.
    public func entry(_ key: String) -> Entry? {
        entries.first(where: { $0.key == key })
    }

    public var keys: [String] { entries.map(\.key) }
}
