// Label text for tick values.

import Foundation

extension NumberFormatting {
    /// Label text for the tick values of an axis or a colorbar: no "-0", no float noise (0.30000000000000004 gives "0.3"), and exponent
    /// form ("1e-4", "2.5e6") for |v| >= 1e5 or 0 < |v| < 1e-3.
    ///
    /// Evenly spaced ticks (a linear axis, or two ticks or fewer) share one format: the same number of
    /// decimals for all ("0.5", "1.0", "1.5"), and exponent form for all if any tick needs it ("0", "5.0e-4",
    /// "1.0e-3"); a tick within 10⁻¹² of the largest magnitude from zero is float noise and reads "0".
    /// Unevenly spaced ticks (a log axis: 0.01, 0.1, 1, 10) are each written as briefly as they allow.
    public static func tickLabels(_ ticks: [Double]) -> [String] {
        let finite = ticks.filter(\.isFinite)
        guard !finite.isEmpty else { return ticks.map(nonFinite) }
        guard isEvenlySpaced(finite) else {
            return ticks.map { v in
                guard v.isFinite else { return nonFinite(v) }
                return needsExponent(v) ? exponentLabel(v, decimals: mantissaDecimals(v))
                    : fixedLabel(v, decimals: fixedDecimals(v, tolerance: 1e-9 * abs(v)))
            }
        }
        let scale = finite.map(abs).max() ?? 0
        let noise = 1e-12 * scale
        let cleaned = ticks.map { abs($0) <= noise ? 0 : $0 }
        let nonZero = cleaned.filter { $0.isFinite && $0 != 0 }
        if nonZero.contains(where: needsExponent) {
            let decimals = nonZero.map(mantissaDecimals).max() ?? 0
            return cleaned.map { v in
                guard v.isFinite else { return nonFinite(v) }
                return v == 0 ? "0" : exponentLabel(v, decimals: decimals)
            }
        }
        let decimals = cleaned.filter(\.isFinite).map { fixedDecimals($0, tolerance: 1e-9 * scale) }.max() ?? 0
        return cleaned.map { $0.isFinite ? fixedLabel($0, decimals: decimals) : nonFinite($0) }
    }

    /// Labels for the ticks of a log axis: 10ⁿ when every tick is a power of ten ("10⁻²", "10⁴",
    /// as on a printed log axis), otherwise three significant digits for all of them (a mix of
    /// "10³, 500, 200, 10²" reads badly).
    public static func logTickLabels(_ ticks: [Double]) -> [String] {
        let powers = ticks.map { Foundation.log10($0) }
        if !ticks.isEmpty, powers.allSatisfy({ $0.isFinite && abs($0 - $0.rounded()) < 1e-9 }) {
            return powers.map { powerOfTen(Int($0.rounded())) }
        }
        return ticks.map { significant($0, digits: 3) }
    }

    /// "10⁴", "10⁻²": a power of ten with a superscript exponent.
    public static func powerOfTen(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let sign = exponent < 0 ? "⁻" : ""
        return "10" + sign + String(String(exponent.magnitude).map { digits[Int(String($0))!] })
    }

    /// True for magnitudes written in exponent form.
    static func needsExponent(_ v: Double) -> Bool {
        v != 0 && (abs(v) >= 1e5 || abs(v) < 1e-3)
    }

    /// True if consecutive differences agree to a part in a million (or there are at most two ticks).
    static func isEvenlySpaced(_ ticks: [Double]) -> Bool {
        guard ticks.count > 2 else { return true }
        let step = ticks[1] - ticks[0]
        return zip(ticks, ticks.dropFirst()).allSatisfy { abs(($1 - $0) - step) <= 1e-6 * abs(step) }
    }

    /// The fewest decimals (up to 15) that write `v` to within `tolerance`.
    static func fixedDecimals(_ v: Double, tolerance: Double) -> Int {
        for decimals in 0..<15 {
            if let back = Double(String(format: "%.\(decimals)f", v)), abs(back - v) <= tolerance {
                return decimals
            }
        }
        return 15
    }

    /// The fewest mantissa decimals (up to 15) that write `v` in exponent form to a part in 10⁹.
    static func mantissaDecimals(_ v: Double) -> Int {
        for decimals in 0..<15 {
            if let back = Double(String(format: "%.\(decimals)e", v)), abs(back - v) <= 1e-9 * abs(v) {
                return decimals
            }
        }
        return 15
    }

    /// `v` with `decimals` decimals, never "-0" (a negative value that rounds to zero loses its sign).
    static func fixedLabel(_ v: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", v)
        if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
        return text
    }

    /// `v` as mantissa "e" exponent, without C's "+" and leading zeros in the exponent: "2.5e6", "1e-4".
    static func exponentLabel(_ v: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)e", v)
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(text[text.index(after: e)...]) else { return text }
        return "\(text[..<e])e\(exponent)"
    }
}
