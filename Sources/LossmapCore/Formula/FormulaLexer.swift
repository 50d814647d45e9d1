// The first stage of reading a formula: bytes to tokens, each with its byte span.

/// One token of a formula and the bytes it came from.
struct FormulaToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case name(String)
        case plus, minus, star, slash, caret
        case leftParen, rightParen, comma
        case end
    }

    var kind: Kind
    /// UTF-8 byte offset of the first byte.
    var offset: Int
    /// Length in bytes (0 for `end`).
    var length: Int

    /// The token as the user wrote it, for messages.
    var spelling: String {
        switch kind {
        case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        case .name(let s): return s
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .caret: return "^"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .comma: return ","
        case .end: return "end of formula"
        }
    }
}

/// Splits a formula into tokens. Works on UTF-8 bytes so that every offset is a byte offset,
/// as `FormulaError.offset` promises.
enum FormulaLexer {
    static func tokens(of source: String) throws(FormulaError) -> [FormulaToken] {
        let bytes = Array(source.utf8)
        var tokens: [FormulaToken] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                i += 1
                continue
            }
            let start = i
            if isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < bytes.count && isDigit(bytes[i + 1])) {
                tokens.append(try number(in: bytes, at: &i))
                continue
            }
            if isLetter(b) {
                while i < bytes.count, isLetter(bytes[i]) || isDigit(bytes[i]) { i += 1 }
                let name = String(decoding: bytes[start..<i], as: UTF8.self)
                tokens.append(FormulaToken(kind: .name(name), offset: start, length: i - start))
                continue
            }
            let kind: FormulaToken.Kind
            switch b {
            case UInt8(ascii: "+"): kind = .plus
            case UInt8(ascii: "-"): kind = .minus
            case UInt8(ascii: "*"):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                    throw FormulaError(offset: start, length: 2, message: "`**` is not an operator",
                                       hint: "write powers with `^`, as in w1^2")
                }
                kind = .star
            case UInt8(ascii: "/"): kind = .slash
            case UInt8(ascii: "^"): kind = .caret
            case UInt8(ascii: "("): kind = .leftParen
            case UInt8(ascii: ")"): kind = .rightParen
            case UInt8(ascii: ","): kind = .comma
            default:
                // Report the whole character, not just its first byte.
                var end = i + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                let character = String(decoding: bytes[start..<end], as: UTF8.self)
                throw FormulaError(offset: start, length: end - start, message: "unexpected character `\(character)`",
                                   hint: "a formula uses numbers, w1, w2, pi, e, + - * / ^, parentheses and functions")
            }
            tokens.append(FormulaToken(kind: kind, offset: start, length: 1))
            i += 1
        }
        tokens.append(FormulaToken(kind: .end, offset: bytes.count, length: 0))
        return tokens
    }

    /// Digits, an optional fraction and an optional exponent (`12`, `0.5`, `.5`, `1e-3`, `2.5E+4`).
    private static func number(in bytes: [UInt8], at i: inout Int) throws(FormulaError) -> FormulaToken {
        let start = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            // `2e` or `2exp(…)` is not an exponent: leave the `e` for the next token, and the
            // parser then reports a missing operator between the number and the name.
            if j < bytes.count, isDigit(bytes[j]) {
                i = j
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw FormulaError(offset: start, length: i - start, message: "the number `\(text)` is too large")
        }
        return FormulaToken(kind: .number(value), offset: start, length: i - start)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }
}
