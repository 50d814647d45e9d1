import LossmapSpec

/// Reads a TOML 1.0 document (without dates and times) into a `TOMLTable`.
///
/// The work is split the way toml-rs splits it: `TOMLLexer` turns bytes into tokens with byte
/// spans, the parser here follows the grammar, and `TOMLDefinitions` applies the rules on
/// redefining keys and tables. Every error is a `Diagnostic` at a byte offset.
///
/// After an error the parser skips to the next line that starts a key/value pair or a table
/// header and reads on, so one pass reports every mistake it can tell apart (up to
/// `ConfigLimits.maxDiagnostics`). Invalid UTF-8 and an over-long file stop it at once.
public enum TOMLParser {
    /// The deepest nesting of tables and arrays a document may have (see `ConfigLimits`).
    public static let maxNestingDepth = ConfigLimits.maxNestingDepth

    /// Parses `file`, or throws every problem found, in file order.
    public static func parse(_ file: SourceFile) throws(DiagnosticList) -> TOMLTable {
        var parser = TOMLDocumentParser(file: file)
        let table = parser.parseDocument()
        if !parser.problems.isEmpty { throw DiagnosticList(parser.problems) }
        return table
    }
}

/// The state of one parse: the token stream and the table the next key/value pair goes into.
struct TOMLDocumentParser {
    private var lexer: TOMLLexer
    private let definitions: TOMLDefinitions
    private let root: TOMLTableBuilder
    /// The table the last `[header]` opened (the root before any header).
    private var current: TOMLTableBuilder
    /// What went wrong so far, in the order found.
    private(set) var problems: [Diagnostic] = []

    init(file: SourceFile) {
        lexer = TOMLLexer(file: file)
        definitions = TOMLDefinitions(file: file, maxDepth: TOMLParser.maxNestingDepth)
        root = TOMLTableBuilder(origin: .root, span: 0..<0, depth: 0, name: [])
        current = root
    }

    private var file: SourceFile { lexer.file }

    private func error(at offset: Int, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(file: file, offset: offset, message: message, note: note)
    }

    // MARK: Document

    /// Reads the whole document; what goes wrong is collected in `problems`, and the table
    /// returned then holds only what could be read.
    mutating func parseDocument() -> TOMLTable {
        if file.bytes.count > ConfigLimits.maxFileBytes {
            problems.append(error(at: ConfigLimits.maxFileBytes,
                                  "the document is longer than \(ConfigLimits.grouped(ConfigLimits.maxFileBytes)) bytes, the limit for a config"))
            return TOMLTable()
        }
        do {
            try lexer.validateEncoding()
        } catch {
            problems.append(error)
            return TOMLTable()
        }
        while true {
            var inHeader = false
            do {
                let token = try lexer.next(.key)
                switch token.kind {
                case .end:
                    return root.freeze()
                case .newline:
                    continue
                case .openBracket:
                    inHeader = true
                    try parseHeader(open: token)
                    inHeader = false
                    try expectLineEnd(after: "the table header")
                default:
                    let path = try parseKeyPath(first: token, context: "expected a key or a [table] header")
                    try parseKeyValue(path, into: current)
                    try expectLineEnd(after: "the value")
                }
            } catch {
                problems.append(error)
                if problems.count >= ConfigLimits.maxDiagnostics {
                    problems[problems.count - 1] = error.adding(
                        note: "stopped reading after \(ConfigLimits.maxDiagnostics) errors; fix these and run again")
                    return root.freeze()
                }
                if inHeader {
                    // The keys under a broken header belong to no table we know: read them
                    // into one that is thrown away, so they cannot clash with the last table.
                    current = TOMLTableBuilder(origin: .header, span: error.offset..<error.offset, depth: 1, name: ["?"])
                }
                resynchronize(after: error)
            }
        }
    }

    // MARK: Recovery

    /// Moves the lexer past the statement that failed, to the start of the next line that
    /// looks like a key/value pair or a table header (or to the end of the file). Lines in
    /// between are the rest of a broken array or string, which would only repeat the error.
    private mutating func resynchronize(after error: Diagnostic) {
        let bytes = file.bytes
        var i = max(error.offset, lexer.position - 1, lexer.resumeOffset ?? 0)
        lexer.resumeOffset = nil
        while i < bytes.count {
            // To the start of the next line.
            while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            i += 1
            if i >= bytes.count || Self.startsStatement(bytes, at: i) { break }
        }
        lexer.position = min(i, bytes.count)
    }

    /// Whether the line at `start` looks like a key/value pair or a table header, broken or
    /// not: `key =` or `[key]` with dotted and quoted keys; a line starting with a letter
    /// (or any non-ASCII character) that holds a `=`; a `[` in the first column with a `]`
    /// at the end. The rest of a broken array (`  1, 2],`) does not. Looks at one line only.
    static func startsStatement(_ bytes: [UInt8], at start: Int) -> Bool {
        strictlyStartsStatement(bytes, at: start) || looselyStartsStatement(bytes, at: start)
    }

    private static func looselyStartsStatement(_ bytes: [UInt8], at start: Int) -> Bool {
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != UInt8(ascii: "#") { end += 1 }
        var first = start
        while first < end, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
        guard first < end else { return false }
        let b = bytes[first]
        if first == start, b == UInt8(ascii: "[") {
            var last = end - 1
            while last > first, bytes[last] == 0x20 || bytes[last] == 0x09 || bytes[last] == 0x0D { last -= 1 }
            return bytes[last] == UInt8(ascii: "]")
        }
        let isLetter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_") || b >= 0x80
        guard isLetter, !["true", "false", "inf", "nan"].contains(where: { Self.line(bytes, from: first, startsWith: $0) }) else { return false }
        return bytes[first..<end].contains(UInt8(ascii: "="))
    }

    private static func line(_ bytes: [UInt8], from start: Int, startsWith word: String) -> Bool {
        let w = Array(word.utf8)
        guard start + w.count <= bytes.count, Array(bytes[start..<start + w.count]) == w else { return false }
        return start + w.count == bytes.count || !TOMLLexer.isBareKeyByte(bytes[start + w.count])
    }

    private static func strictlyStartsStatement(_ bytes: [UInt8], at start: Int) -> Bool {
        var i = start
        func at(_ j: Int) -> UInt8? { j < bytes.count ? bytes[j] : nil }
        func skipBlanks() { while let b = at(i), b == 0x20 || b == 0x09 { i += 1 } }
        /// One key segment; false if there is none.
        func key() -> Bool {
            guard let b = at(i) else { return false }
            if TOMLLexer.isBareKeyByte(b) {
                while let c = at(i), TOMLLexer.isBareKeyByte(c) { i += 1 }
                return true
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1
                while let c = at(i), c != b, c != 0x0A {
                    // Step over an escaped quote, never over the line end.
                    let escaped = b == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") && at(i + 1) != 0x0A
                    i += escaped ? 2 : 1
                }
                guard at(i) == b else { return false }
                i += 1
                return true
            }
            return false
        }
        func keyPath() -> Bool {
            guard key() else { return false }
            while true {
                skipBlanks()
                guard at(i) == UInt8(ascii: ".") else { return true }
                i += 1
                skipBlanks()
                guard key() else { return false }
            }
        }
        skipBlanks()
        if at(i) == UInt8(ascii: "[") {
            i += 1
            let isArray = at(i) == UInt8(ascii: "[")
            if isArray { i += 1 }
            skipBlanks()
            guard keyPath(), at(i) == UInt8(ascii: "]") else { return false }
            i += 1
            if isArray {
                guard at(i) == UInt8(ascii: "]") else { return false }
                i += 1
            }
            skipBlanks()
            guard let b = at(i) else { return true }
            return b == 0x0A || b == 0x0D || b == UInt8(ascii: "#")
        }
        guard keyPath() else { return false }
        return at(i) == UInt8(ascii: "=")
    }

    /// After a key/value pair or a header only a comment may follow on the same line.
    private mutating func expectLineEnd(after what: String) throws(Diagnostic) {
        let token = try lexer.next(.key)
        switch token.kind {
        case .newline, .end: return
        default:
            throw error(at: token.span.lowerBound, "expected a new line after \(what), found \(describe(token))",
                        note: "each key/value pair and each [table] header needs a line of its own")
        }
    }

    // MARK: Table headers

    /// `[a.b]` or `[[a.b]]`, from just after the first `[`; makes its table current.
    private mutating func parseHeader(open: TOMLToken) throws(Diagnostic) {
        // `[[` opens an array-of-tables header only when the brackets touch.
        let isArray = lexer.byte(at: open.span.upperBound) == UInt8(ascii: "[")
        if isArray { _ = try lexer.next(.key) }
        let kind = isArray ? "array-of-tables header" : "table header"
        let first = try lexer.next(.key)
        let path = try parseKeyPath(first: first, context: "expected a table name in the \(kind)")
        let close = try lexer.next(.key)
        guard close.kind == .closeBracket else {
            switch close.kind {
            case .newline, .end:
                throw error(at: close.span.lowerBound, "unterminated \(kind): expected \(isArray ? "`]]`" : "`]`"), found \(describe(close))")
            default:
                throw error(at: close.span.lowerBound, "expected `.` or \(isArray ? "`]]`" : "`]`") in the \(kind), found \(describe(close))",
                            note: "put a key with spaces or other characters in quotes: [\"my key\"]")
            }
        }
        var end = close.span.upperBound
        if isArray {
            guard lexer.byte(at: end) == UInt8(ascii: "]") else {
                throw error(at: end, "unterminated array-of-tables header: expected `]]`, found `]` alone")
            }
            _ = try lexer.next(.key)
            end += 1
        }
        let header = open.span.lowerBound..<end
        current = isArray
            ? try definitions.appendArrayElement(path, header: header, root: root)
            : try definitions.openTable(path, header: header, root: root)
    }

    // MARK: Keys

    /// A key such as `a`, `"a b"` or `a.'b'.c`, starting with `first`. `context` begins the
    /// message when `first` is not a key at all.
    private mutating func parseKeyPath(first: TOMLToken, context: String) throws(Diagnostic) -> [TOMLKey] {
        var path = [try key(from: first, context: context)]
        while try lexer.peek(.key).kind == .dot {
            _ = try lexer.next(.key)
            let next = try lexer.next(.key)
            path.append(try key(from: next, context: "expected a key after `.`"))
        }
        return path
    }

    private func key(from token: TOMLToken, context: String) throws(Diagnostic) -> TOMLKey {
        switch token.kind {
        case .bareKey(let name):
            return TOMLKey(name: name, span: token.span)
        case .string(let name, let style):
            if style.isMultiline {
                throw error(at: token.span.lowerBound, "a key cannot be a multi-line string; use \"…\" or '…'")
            }
            return TOMLKey(name: name, span: token.span)
        case .equals, .dot:
            throw error(at: token.span.lowerBound, "a key is missing before \(describe(token)); an empty key must be written as \"\"")
        case .unknown:
            throw error(at: token.span.lowerBound, "\(context), found \(describe(token))",
                        note: Self.bareKeyNote)
        default:
            throw error(at: token.span.lowerBound, "\(context), found \(describe(token))")
        }
    }

    // MARK: Key/value pairs

    /// `= value` after `path`, added to `table`.
    private mutating func parseKeyValue(_ path: [TOMLKey], into table: TOMLTableBuilder) throws(Diagnostic) {
        let equals = try lexer.next(.key)
        guard equals.kind == .equals else {
            throw error(at: equals.span.lowerBound, "expected `=` after the key `\(path.names.displayName)`, found \(describe(equals))",
                        note: note(forTokenAfterKey: equals))
        }
        let value = try parseValue(try lexer.next(.value), depth: table.depth + path.count, name: table.name + path.names)
        try definitions.insert(value, at: path, into: table)
    }

    /// A hint for the usual reasons a key is not followed by `=`.
    private func note(forTokenAfterKey token: TOMLToken) -> String? {
        switch token.kind {
        case .newline, .end: return "a key needs a value: key = value"
        case .unknown: return Self.bareKeyNote
        default: return nil
        }
    }

    private static let bareKeyNote = "a bare key may contain only A-Z, a-z, 0-9, _ and -; put other keys in quotes"

    // MARK: Values

    /// The value starting with `token`. `depth` is the nesting it would have as an array or
    /// inline table, checked against the limit before going deeper; `name` is the key it is
    /// assigned to, for messages.
    private mutating func parseValue(_ token: TOMLToken, depth: Int, name: [String]) throws(Diagnostic) -> TOMLValue {
        switch token.kind {
        case .string(let text, _):
            return TOMLValue(.string(text), span: token.span)
        case .scalar(let text):
            let kind = try TOMLScalar(file: file, text: text, start: token.span.lowerBound).decode()
            return TOMLValue(kind, span: token.span)
        case .openBracket:
            return try parseArray(open: token, depth: depth, name: name)
        case .openBrace:
            return try parseInlineTable(open: token, depth: depth, name: name)
        default:
            throw error(at: token.span.lowerBound, "expected a value, found \(describe(token))",
                        note: "a value is a \"string\", a number, true, false, an [array] or an { inline = table }")
        }
    }

    private func checkDepth(_ depth: Int, at open: TOMLToken) throws(Diagnostic) {
        if depth > TOMLParser.maxNestingDepth {
            throw error(at: open.span.lowerBound, "tables and arrays are nested more than \(TOMLParser.maxNestingDepth) levels deep")
        }
    }

    /// `[ value, value, … ]`, which may span lines and end with a comma.
    private mutating func parseArray(open: TOMLToken, depth: Int, name: [String]) throws(Diagnostic) -> TOMLValue {
        try checkDepth(depth, at: open)
        var elements: [TOMLValue] = []
        while true {
            var token = try nextSkippingNewlines()
            if token.kind == .closeBracket {
                return TOMLValue(.array(elements), span: open.span.lowerBound..<token.span.upperBound)
            }
            if token.kind == .end { throw unterminatedArray(open) }
            if elements.count == ConfigLimits.maxArrayLength {
                throw error(at: token.span.lowerBound,
                            "an array may hold at most \(ConfigLimits.grouped(ConfigLimits.maxArrayLength)) elements; this one holds more",
                            note: "the array starts at line \(file.lineAndColumn(of: open.span.lowerBound).line)")
            }
            elements.append(try parseValue(token, depth: depth + 1, name: name))
            token = try nextSkippingNewlines()
            switch token.kind {
            case .comma:
                continue
            case .closeBracket:
                return TOMLValue(.array(elements), span: open.span.lowerBound..<token.span.upperBound)
            case .end:
                throw unterminatedArray(open)
            default:
                throw error(at: token.span.lowerBound, "expected `,` or `]` after an array element, found \(describe(token))",
                            note: "the array starts at line \(file.lineAndColumn(of: open.span.lowerBound).line)")
            }
        }
    }

    private func unterminatedArray(_ open: TOMLToken) -> Diagnostic {
        error(at: open.span.lowerBound, "unterminated array: this `[` has no matching `]` before the end of the file")
    }

    /// Arrays may spread over lines (comments are skipped by the lexer already).
    private mutating func nextSkippingNewlines() throws(Diagnostic) -> TOMLToken {
        var token = try lexer.next(.value)
        while token.kind == .newline { token = try lexer.next(.value) }
        return token
    }

    /// `{ key = value, … }` on one line, no trailing comma (TOML 1.0).
    private mutating func parseInlineTable(open: TOMLToken, depth: Int, name: [String]) throws(Diagnostic) -> TOMLValue {
        try checkDepth(depth, at: open)
        let table = TOMLTableBuilder(origin: .inline, span: open.span, depth: depth, name: name)
        var token = try lexer.next(.key)
        if token.kind == .closeBrace {
            return TOMLValue(.table(table.freeze()), span: open.span.lowerBound..<token.span.upperBound)
        }
        while true {
            try checkInlineTableContinues(token, open: open)
            let path = try parseKeyPath(first: token, context: "expected a key in the inline table")
            try parseKeyValue(path, into: table)
            token = try lexer.next(.key)
            switch token.kind {
            case .comma:
                let comma = token
                token = try lexer.next(.key)
                if token.kind == .closeBrace {
                    throw error(at: comma.span.lowerBound, "a trailing comma is not allowed in an inline table")
                }
            case .closeBrace:
                return TOMLValue(.table(table.freeze()), span: open.span.lowerBound..<token.span.upperBound)
            default:
                try checkInlineTableContinues(token, open: open)
                throw error(at: token.span.lowerBound, "expected `,` or `}` in the inline table, found \(describe(token))")
            }
        }
    }

    /// An inline table may not run past its line, nor past the end of the file.
    private func checkInlineTableContinues(_ token: TOMLToken, open: TOMLToken) throws(Diagnostic) {
        switch token.kind {
        case .newline:
            throw error(at: token.span.lowerBound, "unterminated inline table: expected `}` before the end of the line",
                        note: "an inline table must be written on one line; use a [table] header for a longer table")
        case .end:
            throw error(at: open.span.lowerBound, "unterminated inline table: this `{` has no matching `}` before the end of the file")
        default:
            return
        }
    }

    // MARK: Messages

    /// A token as a message names it: "`=`", "a string", "the end of the line".
    private func describe(_ token: TOMLToken) -> String {
        switch token.kind {
        case .newline: return "the end of the line"
        case .end: return "the end of the file"
        case .equals: return "`=`"
        case .dot: return "`.`"
        case .comma: return "`,`"
        case .openBracket: return "`[`"
        case .closeBracket: return "`]`"
        case .openBrace: return "`{`"
        case .closeBrace: return "`}`"
        case .string: return "a string"
        case .bareKey(let text), .scalar(let text): return "`\(ConfigLimits.shown(text))`"
        case .unknown(let text):
            guard let scalar = text.unicodeScalars.first, scalar.value >= 0x80 else { return "`\(ConfigLimits.shown(text))`" }
            return "`\(ConfigLimits.shown(text))` (\(TOMLLexer.codePoint(scalar.value)))"
        }
    }
}
