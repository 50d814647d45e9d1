import LossmapSpec

/// Decodes the unquoted value words of TOML: booleans, integers and floats, following the
/// TOML 1.0 ABNF (`toml.abnf`: `integer`, `float`, `boolean`) checked by hand, and refuses
/// dates and times, which this config language leaves out.
///
/// Floats get their exact value from Swift's `Double(String)` once the grammar has been
/// checked here, since the standard library's correctly rounded conversion is better than
/// anything we would write.
struct TOMLScalar {
    let file: SourceFile
    /// The word as written, e.g. `-1_000`, `0xFF`, `6.626e-34`.
    let text: [UInt8]
    /// Byte offset of the word's first byte in the file.
    let start: Int

    init(file: SourceFile, text: String, start: Int) {
        self.file = file
        self.text = Array(text.utf8)
        self.start = start
    }

    private var word: String { String(decoding: text, as: UTF8.self) }
    /// The word as messages quote it (cut if very long).
    private var shownWord: String { ConfigLimits.shown(word) }

    private func error(at index: Int, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(file: file, offset: start + index, message: message, note: note)
    }

    private func byte(_ i: Int) -> UInt8? { i < text.count ? text[i] : nil }

    func decode() throws(Diagnostic) -> TOMLValue.Kind {
        if text.count > ConfigLimits.maxValueLength {
            throw error(at: 0, "a number may be at most \(ConfigLimits.maxValueLength) characters long; this one has \(ConfigLimits.grouped(text.count))")
        }
        switch word {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan": return .float(.nan)
        case "-nan": return .float(-.nan)
        default: break
        }
        let lower = word.lowercased()
        if lower == "true" || lower == "false" {
            throw error(at: 0, "booleans are written in lowercase: use `\(lower)`")
        }
        if ["inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(lower) {
            throw error(at: 0, "`inf` and `nan` are written in lowercase: use `\(lower)`")
        }
        if looksLikeDateOrTime {
            throw error(at: 0, "dates and times are not supported by this config language",
                        note: "write it as a string instead, e.g. \"\(shownWord)\"")
        }
        return try decodeNumber()
    }

    /// `1979-05-27…` or `07:32…`: the starts TOML's date-time grammar allows.
    private var looksLikeDateOrTime: Bool {
        func digits(_ range: Range<Int>) -> Bool {
            range.allSatisfy { i in byte(i).map(isDecimalDigit) ?? false }
        }
        return (digits(0..<4) && byte(4) == UInt8(ascii: "-")) || (digits(0..<2) && byte(2) == UInt8(ascii: ":"))
    }

    // MARK: Numbers

    private func decodeNumber() throws(Diagnostic) -> TOMLValue.Kind {
        var i = 0
        let sign = byte(0)
        let hasSign = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
        if hasSign { i = 1 }

        // Prefixed integers: 0x, 0o, 0b (never signed, never floats).
        if byte(i) == UInt8(ascii: "0"), let p = byte(i + 1), let radix = Self.radix(ofPrefix: p) {
            if p >= UInt8(ascii: "A") && p <= UInt8(ascii: "Z") {
                throw error(at: i + 1, "the prefix of \(Self.article(Self.radixName(radix))) integer is written in lowercase: use `0\(Character(Unicode.Scalar(p + 32)))`")
            }
            if hasSign {
                throw error(at: 0, "\(Self.article(Self.radixName(radix))) integer cannot have a sign; only decimal integers can")
            }
            return .integer(try decodePrefixed(radix: radix, digitsAt: i + 2))
        }

        guard let first = byte(i), isDecimalDigit(first) else {
            throw notANumber(at: i)
        }
        if first == UInt8(ascii: "0"), let next = byte(i + 1), isDecimalDigit(next) || next == UInt8(ascii: "_") {
            throw error(at: i, "leading zeros are not allowed in a decimal number")
        }
        i = try scanDigits(from: i, isDigit: isDecimalDigit)
        var isFloat = false
        if byte(i) == UInt8(ascii: ".") {
            isFloat = true
            guard let d = byte(i + 1), isDecimalDigit(d) else {
                throw error(at: i + 1, "expected a digit after the decimal point, found \(describe(i + 1))")
            }
            i = try scanDigits(from: i + 1, isDigit: isDecimalDigit)
        }
        if byte(i) == UInt8(ascii: "e") || byte(i) == UInt8(ascii: "E") {
            isFloat = true
            let e = Character(Unicode.Scalar(text[i]))
            i += 1
            if byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-") { i += 1 }
            guard let d = byte(i), isDecimalDigit(d) else {
                throw error(at: i, "expected digits after the exponent `\(e)`, found \(describe(i))")
            }
            i = try scanDigits(from: i, isDigit: isDecimalDigit)
        }
        if i < text.count {
            throw error(at: i, "unexpected \(describe(i)) in a number")
        }

        let digits = String(decoding: text.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat {
            guard let value = Double(digits), value.isFinite else {
                throw error(at: 0, "the float \(shownWord) is too large for a 64-bit float")
            }
            return .float(value)
        }
        guard let value = Int64(digits) else {
            throw error(at: 0, "the integer \(shownWord) does not fit in 64 bits",
                        note: "integers range from \(Int64.min) to \(Int64.max); write a float (e.g. 1e19) for larger numbers")
        }
        return .integer(value)
    }

    /// Reads digits with single underscores between them (`1_000`), from `index`, which must
    /// hold a digit; returns the index after the run.
    private func scanDigits(from index: Int, isDigit: (UInt8) -> Bool) throws(Diagnostic) -> Int {
        var i = index
        while let b = byte(i) {
            if isDigit(b) {
                i += 1
            } else if b == UInt8(ascii: "_") {
                guard i > index, let next = byte(i + 1), isDigit(next) else {
                    throw error(at: i, "an underscore in a number must sit between two digits")
                }
                i += 1
            } else {
                break
            }
        }
        return i
    }

    private func decodePrefixed(radix: Int, digitsAt index: Int) throws(Diagnostic) -> Int64 {
        let isDigit: (UInt8) -> Bool = { b in Self.digitValue(b).map { $0 < radix } ?? false }
        let name = Self.radixName(radix)
        guard let first = byte(index), isDigit(first) else {
            if byte(index) == UInt8(ascii: "_") {
                throw error(at: index, "an underscore in a number must sit between two digits")
            }
            throw error(at: index, "expected \(name) digits after `\(String(decoding: text[0..<index], as: UTF8.self))`, found \(describe(index))")
        }
        let end = try scanDigits(from: index, isDigit: isDigit)
        if end < text.count {
            throw error(at: end, "\(describe(end)) is not \(Self.article(name)) digit")
        }
        var value: Int64 = 0
        for b in text[index..<end] where b != UInt8(ascii: "_") {
            let (shifted, o1) = value.multipliedReportingOverflow(by: Int64(radix))
            let (sum, o2) = shifted.addingReportingOverflow(Int64(Self.digitValue(b) ?? 0))
            if o1 || o2 {
                throw error(at: 0, "the integer \(shownWord) does not fit in 64 bits",
                            note: "the largest integer is \(Int64.max) (0x7fffffffffffffff)")
            }
            value = sum
        }
        return value
    }

    private func notANumber(at index: Int) -> Diagnostic {
        if byte(index) == UInt8(ascii: ".") {
            return error(at: index, "a float needs a digit before the decimal point, e.g. 0.5")
        }
        if byte(index) == UInt8(ascii: "_") {
            return error(at: index, "an underscore in a number must sit between two digits")
        }
        return error(at: 0, "invalid value `\(shownWord)`",
                     note: "a value is a \"string\", a number, true, false, an [array] or an { inline = table }")
    }

    /// "`x`" or "the end of the number", for messages.
    private func describe(_ index: Int) -> String {
        guard let b = byte(index) else { return "the end of the number" }
        return "`\(Character(Unicode.Scalar(b)))`"
    }

    private func isDecimalDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func digitValue(_ b: UInt8) -> Int? {
        TOMLLexer.hexValue(b).map(Int.init)
    }

    private static func radix(ofPrefix p: UInt8) -> Int? {
        switch p {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return 16
        case UInt8(ascii: "o"), UInt8(ascii: "O"): return 8
        case UInt8(ascii: "b"), UInt8(ascii: "B"): return 2
        default: return nil
        }
    }

    private static func radixName(_ radix: Int) -> String {
        switch radix {
        case 16: return "hexadecimal"
        case 8: return "octal"
        default: return "binary"
        }
    }

    private static func article(_ word: String) -> String {
        (word.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + word
    }
}
