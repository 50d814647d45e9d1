import LossmapSpec

/// Turns the bytes of a TOML document into tokens with byte spans.
///
/// The lexer works on raw UTF-8 bytes and keeps only byte offsets; line and column are
/// computed by `SourceFile` when a diagnostic is printed (the way toml-rs's `toml_parser`
/// does it). Whitespace and comments are skipped here, and checked for control characters.
/// The UTF-8 validity of the whole document is checked once up front by
/// `validateEncoding()`, so the rest of the lexer can copy non-ASCII bytes blindly.
struct TOMLLexer {
    let file: SourceFile
    /// Offset of the next byte to read.
    var position: Int
    /// Where reading may safely go on after an error inside a multi-line string: just past
    /// its closing quotes. Set by the string lexer, used by the parser's recovery.
    var resumeOffset: Int?

    init(file: SourceFile) {
        self.file = file
        // A UTF-8 byte order mark is allowed only as the very first thing in the file.
        let bytes = file.bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        position = hasBOM ? 3 : 0
    }

    var bytes: [UInt8] { file.bytes }

    /// The byte at `offset`, or nil past the end.
    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < file.bytes.count ? file.bytes[offset] : nil
    }

    func error(at offset: Int, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(file: file, offset: offset, message: message, note: note)
    }

    // MARK: Tokens

    /// Reads the next token, skipping whitespace and comments first.
    mutating func next(_ mode: TOMLLexMode) throws(Diagnostic) -> TOMLToken {
        try skipWhitespaceAndComment()
        let start = position
        guard let b = byte(at: position) else { return TOMLToken(kind: .end, span: start..<start) }

        func single(_ kind: TOMLToken.Kind) -> TOMLToken {
            position += 1
            return TOMLToken(kind: kind, span: start..<position)
        }

        switch b {
        case 0x0A: return single(.newline)
        case 0x0D:
            guard byte(at: position + 1) == 0x0A else { throw bareCarriageReturn(at: position) }
            position += 2
            return TOMLToken(kind: .newline, span: start..<position)
        case UInt8(ascii: "="): return single(.equals)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "["): return single(.openBracket)
        case UInt8(ascii: "]"): return single(.closeBracket)
        case UInt8(ascii: "{"): return single(.openBrace)
        case UInt8(ascii: "}"): return single(.closeBrace)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return try lexString()
        default: break
        }

        switch mode {
        case .key:
            if b == UInt8(ascii: ".") { return single(.dot) }
            if Self.isBareKeyByte(b) {
                while let c = byte(at: position), Self.isBareKeyByte(c) { position += 1 }
                if position - start > ConfigLimits.maxStringBytes {
                    throw error(at: start, "a key may be at most \(ConfigLimits.grouped(ConfigLimits.maxStringBytes)) bytes long; this one has \(ConfigLimits.grouped(position - start))")
                }
                return TOMLToken(kind: .bareKey(text(start..<position)), span: start..<position)
            }
        case .value:
            if Self.isScalarByte(b) {
                while let c = byte(at: position), Self.isScalarByte(c) { position += 1 }
                return TOMLToken(kind: .scalar(text(start..<position)), span: start..<position)
            }
        }
        if Self.isControl(b) {
            throw error(at: start, "\(Self.describe(byte: b)) is not allowed in a TOML document")
        }
        // Leave the judgement to the parser, which knows what it expected here.
        position = min(position + Self.scalarLength(leadingByte: b), bytes.count)
        return TOMLToken(kind: .unknown(text(start..<position)), span: start..<position)
    }

    /// The token `next(mode)` would return, without consuming it.
    func peek(_ mode: TOMLLexMode) throws(Diagnostic) -> TOMLToken {
        var copy = self
        return try copy.next(mode)
    }

    /// Skips spaces, tabs and a comment up to (not including) the line end.
    mutating func skipWhitespaceAndComment() throws(Diagnostic) {
        while let b = byte(at: position), b == 0x20 || b == 0x09 { position += 1 }
        guard byte(at: position) == UInt8(ascii: "#") else { return }
        position += 1
        while let b = byte(at: position), b != 0x0A {
            if b == 0x0D {
                if byte(at: position + 1) == 0x0A { return }
                throw bareCarriageReturn(at: position)
            }
            if Self.isControl(b) {
                throw error(at: position, "\(Self.describe(byte: b)) is not allowed in a comment")
            }
            position += 1
        }
    }

    func bareCarriageReturn(at offset: Int) -> Diagnostic {
        error(at: offset, "a carriage return must be followed by a line feed; lone CR line ends are not allowed")
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: file.bytes[range], as: UTF8.self)
    }

    // MARK: Byte classes

    /// `A-Z a-z 0-9 _ -`: the characters of a bare key (TOML 1.0, "Keys").
    static func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    /// The characters an unquoted value can be made of: numbers (`+1_000.5e-3`, `0xFF`),
    /// `true`/`false`, `inf`/`nan` and dates/times (`1979-05-27T07:32:00Z`), so the whole
    /// word is read at once and judged as one.
    static func isScalarByte(_ b: UInt8) -> Bool {
        isBareKeyByte(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }

    /// Control characters TOML forbids outside of escapes: U+0000–U+001F except tab, and DEL.
    /// (Line feed and CR LF are handled by the callers before they ask.)
    static func isControl(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x09) || b == 0x7F
    }

    /// The byte length of the UTF-8 sequence starting with `b` (input is already validated).
    static func scalarLength(leadingByte b: UInt8) -> Int {
        switch b {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    /// A control byte named for a person: "a form feed (U+000C)".
    static func describe(byte b: UInt8) -> String {
        let code = codePoint(UInt32(b))
        switch b {
        case 0x00: return "a NUL byte (\(code))"
        case 0x08: return "a backspace (\(code))"
        case 0x0A: return "a line feed (\(code))"
        case 0x0B: return "a vertical tab (\(code))"
        case 0x0C: return "a form feed (\(code))"
        case 0x0D: return "a carriage return (\(code))"
        case 0x7F: return "a delete character (\(code))"
        default: return "the control character \(code)"
        }
    }

    /// "U+000C": the usual way to write a code point.
    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
