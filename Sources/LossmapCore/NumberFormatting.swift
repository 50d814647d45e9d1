import Foundation

/// How numbers are written in labels and console output.
public enum NumberFormatting {
    /// The shortest text that reads back as the same value for "human" numbers like
    /// 0.0021 or 1e-05 (Swift's shortest round-trip representation), with an exponent
    /// form below 1e-4 and above 1e6.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-4 || magnitude >= 1e6 {
            return exponent(value, significantDigits: 6)
        }
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// `value` with `digits` significant digits, trailing zeros dropped: 3.14159 → "3.14".
    public static func significant(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return compact(value) }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-3 || magnitude >= 1e6 { return exponent(value, significantDigits: digits) }
        let decimals = max(0, digits - 1 - Int(floor(log10(magnitude))))
        return trimZeros(String(format: "%.\(decimals)f", value))
    }

    /// Exponent form without float noise: 0.0001 → "1e-4", 2.5e6 → "2.5e6".
    public static func exponent(_ value: Double, significantDigits: Int) -> String {
        let text = String(format: "%.\(max(significantDigits - 1, 0))e", value)
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = trimZeros(String(text[..<e]))
        let power = Int(text[text.index(after: e)...]) ?? 0
        return "\(mantissa)e\(power)"
    }

    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = text
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }
}
