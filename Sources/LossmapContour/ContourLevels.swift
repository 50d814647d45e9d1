// Choosing the values at which contours are drawn.

import Foundation

/// How contour levels are spread over the range of a surface.
public enum LevelScale: String, Sendable, CaseIterable {
    /// Evenly spaced values.
    case linear
    /// Dense near the minimum and sparse near the maximum: evenly spaced in a shifted logarithm (see `ContourLevels`).
    case log
    /// At quantiles of the sampled values, so each band covers about the same area of the
    /// map: for surfaces whose range is dominated by a few huge values (see `quantiles`).
    case quantile
}

/// Contour levels for a surface's range of values.
public enum ContourLevels {
    /// How many decades above the minimum the log scale spans: levels are evenly spaced in
    /// `log10(value - min + offset)` with `offset = (max - min) / 10^logDecades`.
    public static let logDecades = 4.0

    /// `count` levels strictly inside the finite range of the values.
    ///
    /// - linear: `min + (max - min) * k / (count + 1)` for `k = 1...count`.
    /// - log: evenly spaced in `u = log10(value - min + offset)`, `offset = (max - min) · 10⁻⁴`, from
    ///   `u(min)` to `u(max)` exclusive. Shifting by the minimum handles surfaces whose minimum is 0 or
    ///   negative (the log of a loss is useless when its minimum is 0) and gives the same levels for a
    ///   surface and the surface plus a constant; the offset fixes the spread at four decades of
    ///   `value - min`, so a level sits close to the valley floor whatever the maximum. On Rosenbrock over
    ///   [-2, 2] × [-1, 3] (range [0, 2509]) ten levels are about 0.33, 1.1, 2.8, 6.9, 16, 38, 88, 200, 470
    ///   and 1090: the banana-shaped valley gets its own rings instead of one big flat region.
    ///
    /// Never returns NaN or repeated values; returns [] if the range is empty, not finite, or `count < 1`.
    /// A range near the ends of the doubles (values of 1e308 or 1e-320, see `rescaled`) gets
    /// the levels of the same range scaled by a power of two.
    public static func levels(count: Int, in range: ClosedRange<Double>, scale: LevelScale) -> [Double] {
        guard count >= 1, range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else { return [] }
        return rescaled(range) { levelsInComfortableRange(count: count, in: $0, scale: scale) }
    }

    /// `levels(count:in:scale:)` for a range whose span and ends are inside `comfortable`.
    private static func levelsInComfortableRange(count: Int, in range: ClosedRange<Double>, scale: LevelScale) -> [Double] {
        let lo = range.lowerBound
        let hi = range.upperBound
        let span = hi - lo
        guard count >= 1, lo.isFinite, hi.isFinite, span.isFinite, span > 0 else { return [] }
        let steps = Double(count + 1)
        let candidates: [Double]
        switch scale {
        case .linear, .quantile:
            // Quantiles need the values themselves (`quantiles(count:of:)`); from a range
            // alone the best guess is even spacing.
            candidates = (1...count).map { lo + span * Double($0) / steps }
        case .log:
            let offset = span * Foundation.pow(10, -logDecades)
            let u0 = Foundation.log10(offset)
            let u1 = Foundation.log10(span + offset)
            candidates = (1...count).map { k in
                lo + (Foundation.pow(10, u0 + (u1 - u0) * Double(k) / steps) - offset)
            }
        }
        // Rounding can push a level onto an end of a very narrow range or onto its neighbour: drop those.
        var result: [Double] = []
        for level in candidates where level > lo && level < hi && level.isFinite && level != result.last {
            result.append(level)
        }
        return result
    }

    /// The same levels moved to round values a presenter can say out loud: each to the
    /// roundest number (a multiple of the largest power of ten possible) within 40% of the
    /// smaller gap to its neighbours (the range's ends for the first and last), then any that
    /// still needs more than three significant digits to the nearest three-digit value, or
    /// left out when that would collide with a neighbour or leave the range.
    ///
    /// Because no level moves as far as halfway to a neighbour, the levels stay strictly
    /// increasing and strictly inside `range`. Log levels shifted by a minimum of −1.0316
    /// (the six-hump camel's) read −1.03, −1.02, −1, −0.98, −0.9, −0.8, −0.5, 0, 1, 4, 10, 20
    /// instead of −1.0266, −1.0216, −1.0116, −0.9816 … 8.968, 18.97; levels that are round
    /// already (0.5, 1, 2, 5, 10) stay as they are. Levels too close together for three digits
    /// to keep half of them keep the digits their spacing needs; levels that are not strictly
    /// increasing inside `range` are returned as they are.
    public static func rounded(_ levels: [Double], in range: ClosedRange<Double>) -> [Double] {
        let lo = range.lowerBound, hi = range.upperBound
        guard !levels.isEmpty, isIncreasing([lo] + levels + [hi]) else { return levels }
        var moved: [Double] = []
        for (i, level) in levels.enumerated() {
            let below = i > 0 ? levels[i - 1] : lo, above = i + 1 < levels.count ? levels[i + 1] : hi
            moved.append(roundest(near: level, within: 0.4 * Swift.min(level - below, above - level)))
        }
        guard isIncreasing([lo] + moved + [hi]) else { return levels }
        // Three significant digits at most, where the neighbours and the range allow it.
        var sayable: [Double] = []
        for (i, level) in moved.enumerated() {
            let short = significantDigits(level) > 3 ? roundToSignificant(level, digits: 3) : level
            let next = i + 1 < moved.count ? moved[i + 1] : hi
            if short > (sayable.last ?? lo), short < next { sayable.append(short) }
        }
        return sayable.count >= Swift.max(2, (moved.count + 1) / 2) ? sayable : moved
    }

    /// True when every value is smaller than the next, and all are finite.
    static func isIncreasing(_ values: [Double]) -> Bool {
        values.allSatisfy(\.isFinite) && zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// Spans and ends inside which the level arithmetic neither overflows nor underflows:
    /// `span · k` for up to 201 levels stays below the largest double (1.8e308), and the log
    /// scale's offset, `span · 10⁻⁴`, and the powers of ten down to it stay normal numbers
    /// (above 2.2e-308), so that `log10` of them is finite.
    static let comfortable: ClosedRange<Double> = 1e-290...1e290

    /// `body`'s levels for `range`, computed on the range scaled by a power of two when its
    /// span or its ends leave `comfortable`: the values of `1e308 · w1` span 3e308, which
    /// overflows to inf, and those of `1e-320 · w1²` have a log offset of 0, whose logarithm
    /// is −inf (`Int(floor(log10(0)))` trapped). Scaling by 2ᵉ moves the larger end into
    /// [1, 2) exactly (a power of two changes only the exponent, and scaling a subnormal up
    /// loses nothing), and scaling the levels back moves them to the same places of the
    /// original range; those that rounding puts on an end or on a neighbour are dropped.
    /// Ranges inside `comfortable` are passed through, so their levels are unchanged.
    static func rescaled(_ range: ClosedRange<Double>, _ body: (ClosedRange<Double>) -> [Double]) -> [Double] {
        let lo = range.lowerBound, hi = range.upperBound
        let span = hi - lo, magnitude = Swift.max(Swift.abs(lo), Swift.abs(hi))
        guard lo.isFinite, hi.isFinite, lo < hi else { return [] }
        if span.isFinite, comfortable.contains(span), magnitude <= comfortable.upperBound { return body(range) }
        let e = magnitude.exponent
        let scaled = Foundation.scalbn(lo, -Int32(e))...Foundation.scalbn(hi, -Int32(e))
        var result: [Double] = []
        for level in body(scaled) {
            let back = Foundation.scalbn(level, Int32(e))
            if back.isFinite, lo < back, back < hi, (result.last ?? lo) < back { result.append(back) }
        }
        return result
    }

    /// The multiple of the largest power of ten within `tolerance` of `value` (the one nearest
    /// `value` among those), computed so that it is the double nearest its decimal text.
    static func roundest(near value: Double, within tolerance: Double) -> Double {
        guard value.isFinite, tolerance > 0, tolerance.isFinite else { return value }
        // No multiple of a power above |value| + tolerance is in the window but 0. Near
        // 1.8e308 that sum is inf (and `Int(ceil(log10(inf)))` trapped): the bound is then
        // taken from 2 · max(|value|, tolerance), which is no smaller, in logarithms. Powers of
        // ten beyond ±308 are not finite normal doubles, so no k goes past them.
        let reach = Swift.abs(value) + tolerance
        let top = Swift.min(308, Int(Foundation.ceil(reach.isFinite ? Foundation.log10(reach)
                                                     : Foundation.log10(Swift.max(Swift.abs(value), tolerance)) + Foundation.log10(2.0))))
        // Below 10^bottom, the window (2 × tolerance wide) holds a multiple of every power.
        let width = 2 * tolerance
        let bottom = Swift.max(-308, Int(Foundation.floor(width.isFinite ? Foundation.log10(width)
                                                          : Foundation.log10(tolerance) + Foundation.log10(2.0))))
        guard bottom <= top else { return value }
        for k in stride(from: top, through: bottom, by: -1) {
            let candidate = multiple(of: k, nearest: value)
            // 0 rather than −0, which some formatters write "-0".
            if Swift.abs(candidate - value) <= tolerance { return candidate == 0 ? 0 : candidate }
        }
        return value
    }

    /// n × 10^k for the integer n that brings it nearest `value`; a division by an exact power
    /// of ten for negative k, so 0.3 comes out as 0.3 and not 0.30000000000000004.
    static func multiple(of k: Int, nearest value: Double) -> Double {
        let power = Foundation.pow(10, Double(Swift.abs(k)))
        return k < 0 ? (value * power).rounded() / power : (value / power).rounded() * power
    }

    /// How round a level is: the largest k (from −20 to 20) for which it is a whole multiple of
    /// 10^k (20 for 0, −21 when none): 20 → 1, 0.5 → −1, −1.03 → −2.
    public static func roundness(_ level: Double) -> Int {
        guard level != 0 else { return 20 }
        return stride(from: 20, through: -20, by: -1).first { multiple(of: $0, nearest: level) == level } ?? -21
    }

    /// The fewest significant decimal digits (1…17) that write `value` exactly.
    static func significantDigits(_ value: Double) -> Int {
        guard value.isFinite, value != 0 else { return 1 }
        return (1...17).first { roundToSignificant(value, digits: $0) == value } ?? 17
    }

    /// `value` rounded to `digits` significant decimal digits.
    ///
    /// A value whose rounding needs a power of ten that is not a finite normal double (below
    /// 1e-308, where 1e-320 lives, or a result past 1.8e308) is returned as it is.
    static func roundToSignificant(_ value: Double, digits: Int) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let exponent = Int(Foundation.floor(Foundation.log10(Swift.abs(value)))) - digits + 1
        let rounded: Double
        // Divide by a power of ten for negative exponents: 0.35 / 1 vs 35 * 0.01 avoids noise.
        if exponent < 0 {
            let scale = Foundation.pow(10, Double(-exponent))
            rounded = (value * scale).rounded() / scale
        } else {
            let scale = Foundation.pow(10, Double(exponent))
            rounded = (value / scale).rounded() * scale
        }
        return rounded.isFinite ? rounded : value
    }

    /// `count` levels at the quantiles k/(count + 1) of the finite `values` (linear
    /// interpolation between order statistics, Hyndman & Fan 1996 type 7), distinct and
    /// strictly inside their range. A surface with a flat plateau may give fewer levels.
    public static func quantiles(count: Int, of values: [Double]) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard count >= 1, let lo = sorted.first, let hi = sorted.last, hi > lo else { return [] }
        var result: [Double] = []
        for k in 1...count {
            let position = Double(k) / Double(count + 1) * Double(sorted.count - 1)
            let i = Int(position)
            let f = position - Double(i)
            let q = i + 1 < sorted.count ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i]
            if q > lo, q < hi, q != result.last { result.append(q) }
        }
        return result
    }

    /// About `count` log-scale levels at round values above the minimum: min + m·10ᵏ for the
    /// mantissas m of the sequence (1), (1, 3), (1, 2, 5), (1, 1.5, 2, 3, 5, 7) or
    /// (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9) that comes closest to `count`, over the same
    /// four decades above the minimum as `levels(count:in:scale: .log)`. On a surface whose
    /// minimum is 0 the colorbar then reads 0.1, 0.2, 0.5, 1, 2, 5 … with the powers of ten
    /// among them, the way a printed log scale does. When the minimum is not a round number
    /// the levels are then `rounded` themselves. Returns [] for an empty range.
    ///
    /// A range near the ends of the doubles (see `rescaled`) gets the levels of the same range
    /// scaled by a power of two, rounded again once scaled back.
    public static func niceLog(count: Int, in range: ClosedRange<Double>) -> [Double] {
        guard count >= 1, range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else { return [] }
        return rounded(rescaled(range) { niceLogCandidates(count: count, in: $0) }, in: range)
    }

    /// `niceLog`'s levels before rounding, for a range whose span and ends are inside `comfortable`.
    private static func niceLogCandidates(count: Int, in range: ClosedRange<Double>) -> [Double] {
        let lo = range.lowerBound, hi = range.upperBound
        let span = hi - lo
        guard count >= 1, lo.isFinite, hi.isFinite, span.isFinite, span > 0 else { return [] }
        let offset = span * Foundation.pow(10, -logDecades)
        let first = Int(Foundation.floor(Foundation.log10(offset))), last = Int(Foundation.ceil(Foundation.log10(span)))
        let base = logBase(of: range)
        let sequences: [[String]] = [["1"], ["1", "3"], ["1", "2", "5"], ["1", "1.5", "2", "3", "5", "7"],
                                     ["1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "7", "8", "9"]]
        var best: [Double] = []
        for mantissas in sequences {
            var candidates: [Double] = []
            for k in first...last {
                for m in mantissas {
                    // Parsed from text so that 0.2 is the double nearest 0.2, not 2 × 0.1.
                    guard let v = Double("\(m)e\(k)"), v >= offset, v < span else { continue }
                    let level = base + v
                    if level > lo, level < hi, level != candidates.last { candidates.append(level) }
                }
            }
            if best.isEmpty || abs(candidates.count - count) < abs(best.count - count) { best = candidates }
        }
        // Round in the shifted space (above), then `niceLog` rounds the levels themselves:
        // min + 0.5 for a minimum of −1.0316 is −0.5316, which nobody says; −0.5 is the level drawn.
        return best
    }

    /// The value round log levels count up from: the lowest value, except that a lowest value
    /// within four decades of 0 counts as 0 (a grid rarely samples a minimum of exactly 0;
    /// Himmelblau's lowest sample is 0.002), so the levels are 0.1, 1, 10, not 0.102, 1.002.
    public static func logBase(of range: ClosedRange<Double>) -> Double {
        let lo = range.lowerBound, span = range.upperBound - lo
        return lo >= 0 && lo < span * Foundation.pow(10, -logDecades) ? 0 : lo
    }
}
