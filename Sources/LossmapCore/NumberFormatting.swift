import Foundation

/// How numbers are written wherever a person reads them: figure labels, legends, footnotes,
/// console lines, reports and error messages. One place, so that a value reads the same in
/// all of them and a value that is not a number is always spelled "NaN", "∞" or "−∞".
///
/// Finite numbers come out with the ASCII hyphen-minus ("-0.5", "1e-4"), which a console, a
/// config or a spreadsheet reads back; figures pass their text through `typographic(_:)`.
public enum NumberFormatting {
    /// The one spelling of values that are not finite numbers: "NaN", "∞" and "−∞" (U+2212,
    /// the minus that lines up with the digits). Finite values are written by `compact(_:)`.
    public static func nonFinite(_ value: Double) -> String {
        guard !value.isFinite else { return compact(value) }
        return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞")
    }

    /// The shortest text that reads back as the same value ("0.0021", "1e-5", "2.5e6"),
    /// with an exponent form below 1e-4 and from 1e6 up.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-4 || magnitude >= 1e6 {
            // The fewest mantissa digits that read back exactly: 1e-322 stays "1e-322".
            for digits in 1...17 {
                let text = exponent(value, significantDigits: digits)
                if Double(text) == value { return text }
            }
            return exponent(value, significantDigits: 17)
        }
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// `value` with `digits` significant digits, trailing zeros dropped: 3.14159 → "3.14",
    /// 0.000123 → "1.23e-4". Whole numbers below 10⁶ keep all their integer digits (5343 with
    /// three digits stays "5343": rounding it to 5340 would change what it says, not shorten it).
    public static func significant(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-3 || magnitude >= 1e6 { return exponent(value, significantDigits: digits) }
        let decimals = max(0, digits - 1 - Int(floor(log10(magnitude))))
        return trimZeros(String(format: "%.\(decimals)f", value))
    }

    /// Exponent form without float noise or C's padding: 0.0001 → "1e-4", 2.5e6 → "2.5e6".
    public static func exponent(_ value: Double, significantDigits: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let text = String(format: "%.\(max(significantDigits - 1, 0))e", value)
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = trimZeros(String(text[..<e]))
        let power = Int(text[text.index(after: e)...]) ?? 0
        return "\(mantissa)e\(power)"
    }

    /// "1,000,000": digits grouped by thousands, for messages about counts and limits.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// Text for a figure: every hyphen-minus becomes a true minus sign (U+2212), which has
    /// the width of a digit and sits at their height ("−0.5", "1e−4").
    public static func typographic(_ text: String) -> String {
        text.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = text
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }
}
