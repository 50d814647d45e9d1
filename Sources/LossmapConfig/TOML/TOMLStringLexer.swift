import LossmapSpec

extension TOMLLexer {
    /// Reads one of TOML's four string kinds starting at the current `"` or `'`, resolving
    /// escapes, and returns it as a `.string` token spanning the quotes.
    mutating func lexString() throws(Diagnostic) -> TOMLToken {
        let start = position
        let quote = bytes[start]
        let isTriple = byte(at: start + 1) == quote && byte(at: start + 2) == quote
        let isBasic = quote == UInt8(ascii: "\"")
        let value: [UInt8]
        let style: TOMLStringStyle
        if isTriple {
            position += 3
            do {
                value = try lexMultilineBody(quote: quote, start: start)
            } catch {
                resumeOffset = Self.end(ofMultilineStringWith: quote, searchingFrom: max(position, start + 3), in: bytes)
                throw error
            }
            style = isBasic ? .multilineBasic : .multilineLiteral
        } else {
            position += 1
            value = try lexSingleLineBody(quote: quote, start: start)
            style = isBasic ? .basic : .literal
        }
        return TOMLToken(kind: .string(String(decoding: value, as: UTF8.self), style), span: start..<position)
    }

    /// The offset just past the first `"""` (or `'''`) at or after `offset`, or the end of
    /// the file: where a broken multi-line string most likely ends.
    static func end(ofMultilineStringWith quote: UInt8, searchingFrom offset: Int, in bytes: [UInt8]) -> Int {
        var i = offset, run = 0
        while i < bytes.count {
            run = bytes[i] == quote ? run + 1 : 0
            i += 1
            if run == 3 { return i }
        }
        return bytes.count
    }

    /// Refuses a string once it holds more than `ConfigLimits.maxStringBytes`.
    private func checkLength(_ value: [UInt8], start: Int) throws(Diagnostic) {
        if value.count > ConfigLimits.maxStringBytes {
            throw error(at: start, "a string may be at most \(ConfigLimits.grouped(ConfigLimits.maxStringBytes)) bytes long (in UTF-8); this one is longer")
        }
    }

    /// The body of `"…"` or `'…'`, up to and including the closing quote.
    private mutating func lexSingleLineBody(quote: UInt8, start: Int) throws(Diagnostic) -> [UInt8] {
        let isBasic = quote == UInt8(ascii: "\"")
        let q = isBasic ? "\"" : "'"
        var out: [UInt8] = []
        while true {
            try checkLength(out, start: start)
            guard let b = byte(at: position), b != 0x0A, !(b == 0x0D && byte(at: position + 1) == 0x0A) else {
                throw error(at: start, "unterminated string: expected a closing \(q) before the end of the line",
                            note: "a \(q)…\(q) string must end on the line it starts; use \(q)\(q)\(q) for a multi-line string")
            }
            if b == quote {
                position += 1
                try checkLength(out, start: start)
                return out
            }
            if isBasic && b == UInt8(ascii: "\\") {
                try lexEscape(into: &out)
                continue
            }
            try checkStringByte(b, isBasic: isBasic)
            out.append(b)
            position += 1
        }
    }

    /// The body of `"""…"""` or `'''…'''`, up to and including the closing quotes.
    private mutating func lexMultilineBody(quote: UInt8, start: Int) throws(Diagnostic) -> [UInt8] {
        let isBasic = quote == UInt8(ascii: "\"")
        let q = isBasic ? "\"\"\"" : "'''"
        // "A newline immediately following the opening delimiter will be trimmed."
        if byte(at: position) == 0x0A {
            position += 1
        } else if byte(at: position) == 0x0D && byte(at: position + 1) == 0x0A {
            position += 2
        }
        var out: [UInt8] = []
        while true {
            try checkLength(out, start: start)
            guard let b = byte(at: position) else {
                throw error(at: start, "unterminated multi-line string: expected a closing \(q) before the end of the file")
            }
            if b == quote {
                // Up to two quotes may sit right before the closing three, so a run of
                // three to five quotes ends the string; six or more cannot be read.
                var run = 0
                while byte(at: position + run) == quote { run += 1 }
                if run < 3 {
                    out.append(contentsOf: repeatElement(quote, count: run))
                    position += run
                    continue
                }
                if run > 5 {
                    throw error(at: position + 5, "too many quotes: a multi-line string can hold at most two \(isBasic ? "\"" : "'") in a row right before its closing \(q)",
                                note: isBasic ? "escape a quote as \\\" to write more" : "use a \"\"\" string and escape the quotes to write more")
                }
                out.append(contentsOf: repeatElement(quote, count: run - 3))
                try checkLength(out, start: start)
                position += run
                return out
            }
            if b == 0x0A {
                out.append(0x0A)
                position += 1
                continue
            }
            if b == 0x0D {
                guard byte(at: position + 1) == 0x0A else { throw bareCarriageReturn(at: position) }
                // Line ends inside the string are normalized to LF, as TOML permits.
                out.append(0x0A)
                position += 2
                continue
            }
            if isBasic && b == UInt8(ascii: "\\") {
                if try skipLineEndingBackslash() { continue }
                try lexEscape(into: &out)
                continue
            }
            try checkStringByte(b, isBasic: isBasic)
            out.append(b)
            position += 1
        }
    }

    /// A `\` followed only by spaces or tabs up to the line end trims itself, the line end and
    /// all whitespace and line ends after it (TOML 1.0, "line ending backslash").
    /// Returns false, consuming nothing, when the backslash starts an ordinary escape.
    private mutating func skipLineEndingBackslash() throws(Diagnostic) -> Bool {
        var i = position + 1
        while let c = byte(at: i), c == 0x20 || c == 0x09 { i += 1 }
        let atLineEnd = byte(at: i) == 0x0A || (byte(at: i) == 0x0D && byte(at: i + 1) == 0x0A)
        if !atLineEnd {
            if i > position + 1 {
                throw error(at: position, "a backslash followed by whitespace must end the line (a line-ending backslash); to write a backslash, use \\\\")
            }
            return false
        }
        while let c = byte(at: i) {
            if c == 0x20 || c == 0x09 || c == 0x0A {
                i += 1
            } else if c == 0x0D && byte(at: i + 1) == 0x0A {
                i += 2
            } else {
                break
            }
        }
        position = i
        return true
    }

    /// Resolves the escape at the current `\` (TOML 1.0: `\b \t \n \f \r \" \\ \uXXXX
    /// \UXXXXXXXX`) and appends its UTF-8 bytes.
    private mutating func lexEscape(into out: inout [UInt8]) throws(Diagnostic) {
        let start = position
        let allowed = "TOML allows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX"
        guard let c = byte(at: start + 1), c != 0x0A, c != 0x0D else {
            throw error(at: start, "a backslash must start an escape sequence; to write a backslash, use \\\\", note: allowed)
        }
        position += 2
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(c)
        case UInt8(ascii: "\\"): out.append(c)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = c == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for k in 0..<digits {
                guard let d = byte(at: position + k), let v = Self.hexValue(d) else {
                    throw error(at: start, "\\\(c == UInt8(ascii: "u") ? "u" : "U") must be followed by exactly \(digits) hexadecimal digits")
                }
                value = value << 4 | UInt32(v)
            }
            position += digits
            guard let scalar = Unicode.Scalar(value) else {
                throw error(at: start, "\(Self.codePoint(value)) is not a Unicode scalar value; surrogates (U+D800–U+DFFF) and values above U+10FFFF cannot be escaped")
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            let shown = c < 0x80 && !Self.isControl(c) ? "`\\\(Character(Unicode.Scalar(c)))`" : "a backslash followed by \(c < 0x80 ? Self.describe(byte: c) : "a non-ASCII character")"
            throw error(at: start, "invalid escape sequence \(shown); to write a backslash, use \\\\", note: allowed)
        }
    }

    /// Refuses control characters inside a string, where TOML wants them escaped.
    private func checkStringByte(_ b: UInt8, isBasic: Bool) throws(Diagnostic) {
        guard Self.isControl(b) else { return }
        if b == 0x0D { throw bareCarriageReturn(at: position) }
        let escape = "\\u" + Self.codePoint(UInt32(b)).dropFirst(2)
        throw error(at: position, "\(Self.describe(byte: b)) is not allowed in a string; "
            + (isBasic ? "write it as the escape \(escape)" : "use a \"…\" string and write it as the escape \(escape)"))
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
