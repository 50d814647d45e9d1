import LossmapCore
import LossmapSpec

/// Reads the keys of one config table with their types and ranges checked (each read throws
/// the one problem with that key), and reports the keys it does not know.
struct TableReader {
    let table: TOMLTable
    /// How the table is named in messages: "[surface]", "the top level", "[[run]] #2".
    let name: String
    let file: SourceFile
    /// Byte offset of the table's header, for errors about missing keys.
    let headerOffset: Int
    /// Every key this table may hold.
    let known: [String]
    /// For keys that belong in another table, where they do: "[optimizer] or [[run]]".
    var elsewhere: (String) -> String? = { _ in nil }

    func error(_ offset: Int, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(file: file, offset: offset, message: message, note: note)
    }

    /// One problem for each key not in `known`, with the nearest known key.
    func unknownKeys() -> [Diagnostic] {
        table.entries.filter { !known.contains($0.key) }.map { entry in
            let hint = elsewhere(entry.key).map { "; it belongs in \($0)" } ?? Suggestion.phrase(for: entry.key, among: known)
            return error(entry.keySpan.lowerBound, "unknown key `\(ConfigLimits.shown(entry.key))` in \(name)\(hint)",
                         note: "keys allowed here: " + known.joined(separator: ", "))
        }
    }

    /// A string, refused when it holds a character no text can be drawn or named with
    /// (`undrawable`), at that character: every string key is read here, so `check` refuses
    /// what `render` would fail to draw, and a title, a label or an output name never holds one.
    func string(_ key: String) throws(Diagnostic) -> (String, TOMLValue)? {
        guard let value = table[key] else { return nil }
        guard case .string(let s) = value.kind else { throw typeError(key, "a string", value) }
        if let (scalar, reason) = s.unicodeScalars.lazy.compactMap({ c in Self.undrawable(c).map { (c, $0) } }).first {
            throw error(offset(of: scalar, in: value), "`\(key)` holds \(Self.codePoint(scalar)), \(reason)",
                        note: scalar.value == 0 ? "remove it" : "remove it, or write U+FFFD (\u{FFFD}), the replacement character, in its place")
        }
        return (s, value)
    }

    /// Why a character cannot be in a config's text, or nil when it can:
    /// - the Unicode noncharacters, U+FDD0…U+FDEF and the last two code points of every plane
    ///   (U+FFFE, U+FFFF, U+1FFFE … U+10FFFF; The Unicode Standard, §23.7 "Noncharacters"):
    ///   Cairo checks text with its `UNICODE_VALID` (cairo-unicode.c), which excludes them, and
    ///   refuses the whole string as "input string not valid UTF-8", so a figure titled with
    ///   one failed to render after `check` had accepted it;
    /// - NUL, which ends the C string Cairo and the file system are given, so the text after
    ///   it would silently be dropped (a label cut short, a data path that names another file).
    /// Lone surrogates, the other scalars Cairo refuses, cannot be in a Swift string, and the
    /// TOML reader refuses their escapes.
    static func undrawable(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE {
            return "a Unicode noncharacter: text holding one cannot be drawn (Cairo refuses it)"
        }
        if v == 0 { return "the NUL character: text is cut short there when drawn or used as a file name" }
        return nil
    }

    /// U+FFFF, U+1FFFE: the character's code point as Unicode writes it.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Where `scalar` is written in the string `value`: as itself, or as a `\uXXXX` or
    /// `\UXXXXXXXX` escape; the string's start when neither is found.
    func offset(of scalar: Unicode.Scalar, in value: TOMLValue) -> Int {
        let span = value.span.clamped(to: 0..<file.bytes.count)
        let bytes = file.bytes[span]
        let encoded = Array(String(scalar).utf8)
        var i = span.lowerBound
        while i < span.upperBound {
            if bytes[i] == encoded[0], i + encoded.count <= span.upperBound, Array(bytes[i..<(i + encoded.count)]) == encoded {
                return i
            }
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < span.upperBound {
                // An escape: `\u`/`\U` with the scalar's digits is the spot; any other (`\\`
                // among them) is stepped over whole, so `\\u0000` is not taken for one.
                let kind = bytes[i + 1], digits = kind == UInt8(ascii: "u") ? 4 : kind == UInt8(ascii: "U") ? 8 : 0
                if digits > 0, i + 2 + digits <= span.upperBound,
                   let code = UInt32(String(decoding: bytes[(i + 2)..<(i + 2 + digits)], as: UTF8.self), radix: 16),
                   code == scalar.value {
                    return i
                }
                i += 2
                continue
            }
            i += 1
        }
        return value.span.lowerBound
    }

    func integer(_ key: String, in range: ClosedRange<Int64>) throws(Diagnostic) -> Int? {
        guard let value = table[key] else { return nil }
        guard case .integer(let n) = value.kind else { throw typeError(key, "an integer", value) }
        guard range.contains(n) else {
            throw error(value.span.lowerBound, "`\(key)` must be between \(range.lowerBound) and \(range.upperBound), found \(n)")
        }
        return Int(n)
    }

    func boolean(_ key: String) throws(Diagnostic) -> (Bool, TOMLValue)? {
        guard let value = table[key] else { return nil }
        guard case .boolean(let b) = value.kind else { throw typeError(key, "a boolean (true or false)", value) }
        return (b, value)
    }

    /// A string that must be one of `names`: "unknown theme `drak`; did you mean `dark`?".
    func choice(_ key: String, among names: [String]) throws(Diagnostic) -> (String, TOMLValue)? {
        guard let (text, value) = try string(key) else { return nil }
        guard names.contains(text) else {
            throw error(value.span.lowerBound, "unknown \(key) `\(ConfigLimits.shown(text))`\(Suggestion.phrase(for: text, among: names))",
                        note: "allowed: " + names.joined(separator: ", "))
        }
        return (text, value)
    }

    /// A finite number ≥ 0 (a tolerance).
    func nonNegative(_ key: String) throws(Diagnostic) -> Double? {
        guard let (x, value) = try number(key) else { return nil }
        guard x.isFinite, x >= 0 else {
            throw error(value.span.lowerBound, "`\(key)` must be a finite number, 0 or greater, found \(written(value))")
        }
        return x
    }

    /// The offset of `key` as written (for problems with the key itself), else the header's.
    func keyOffset(_ key: String) -> Int {
        table.entry(key)?.keySpan.lowerBound ?? headerOffset
    }

    /// A number: TOML integers are accepted where a float is expected.
    func number(_ key: String) throws(Diagnostic) -> (Double, TOMLValue)? {
        guard let value = table[key] else { return nil }
        guard let x = Self.double(value) else { throw typeError(key, "a number", value) }
        return (x, value)
    }

    /// A finite number within `range`, in `unit` ("seconds", "degrees") for the message.
    func number(_ key: String, in range: ClosedRange<Double>, unit: String) throws(Diagnostic) -> Double? {
        guard let (x, value) = try number(key) else { return nil }
        guard x.isFinite, range.contains(x) else {
            throw error(value.span.lowerBound,
                        "`\(key)` must be between \(NumberFormatting.compact(range.lowerBound)) and \(NumberFormatting.compact(range.upperBound)) \(unit), found \(written(value))")
        }
        return x
    }

    /// A finite number > 0 (a learning rate, a condition number).
    func positive(_ key: String) throws(Diagnostic) -> Double? {
        guard let (x, value) = try number(key) else { return nil }
        guard x.isFinite, x > 0 else {
            throw error(value.span.lowerBound, "`\(key)` must be a finite number greater than 0, found \(written(value))")
        }
        return x
    }

    /// An array; `what` describes the expected content for the message when it is not one.
    func array(_ key: String, what: String = "an array") throws(Diagnostic) -> ([TOMLValue], TOMLValue)? {
        guard let value = table[key] else { return nil }
        guard case .array(let items) = value.kind else { throw typeError(key, what, value) }
        return (items, value)
    }

    /// Exactly two finite numbers, e.g. a start point `[-1.5, 2.0]`.
    func pair(_ key: String, what: String) throws(Diagnostic) -> (Double, Double)? {
        guard let (items, value) = try array(key, what: what) else { return nil }
        guard items.count == 2 else {
            throw error(value.span.lowerBound, "`\(key)` must be \(what): exactly two numbers, found \(items.count)")
        }
        let a = try element(items[0], of: key), b = try element(items[1], of: key)
        for (x, item) in [(a, items[0]), (b, items[1])] where !x.isFinite {
            throw error(item.span.lowerBound, "`\(key)` must hold finite numbers, found \(written(item))")
        }
        return (a, b)
    }

    /// A plotted range `[min, max]` with min < max.
    func range(_ key: String) throws(Diagnostic) -> ClosedRange<Double>? {
        guard let (a, b) = try pair(key, what: "a range [min, max]") else { return nil }
        guard a < b else {
            let value = table[key]!
            throw error(value.span.lowerBound, "`\(key)` must be a range [min, max] with min < max, found \(written(value))")
        }
        return a...b
    }

    func typeError(_ key: String, _ expected: String, _ value: TOMLValue) -> Diagnostic {
        error(value.span.lowerBound, "`\(key)` must be \(expected), found \(value.typeDescription)")
    }

    /// A number in the array `key`.
    func element(_ item: TOMLValue, of key: String) throws(Diagnostic) -> Double {
        guard let x = Self.double(item) else {
            throw error(item.span.lowerBound, "`\(key)` must hold numbers, found \(item.typeDescription)")
        }
        return x
    }

    static func double(_ value: TOMLValue) -> Double? {
        switch value.kind {
        case .integer(let n): return Double(n)
        case .float(let x): return x
        default: return nil
        }
    }

    /// A value as the user wrote it, for "found …": `-1`, `1e-3`, `[2, 1]` (the source text
    /// when it is short and on one line, else its value).
    func written(_ value: TOMLValue) -> String {
        let text = file.bytes[value.span.clamped(to: 0..<file.bytes.count)]
        if text.count <= 40, !text.contains(0x0A), !text.contains(UInt8(ascii: "#")) {
            return String(decoding: text, as: UTF8.self)
        }
        switch value.kind {
        case .integer(let n): return String(n)
        case .float(let x): return TOMLTaggedJSON.floatText(x)
        case .array(let items) where items.count <= 4: return "[" + items.map(written).joined(separator: ", ") + "]"
        default: return value.typeDescription
        }
    }
}
