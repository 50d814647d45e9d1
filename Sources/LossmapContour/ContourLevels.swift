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
    public static func levels(count: Int, in range: ClosedRange<Double>, scale: LevelScale) -> [Double] {
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

    /// The same levels rounded to the fewest significant digits (at least 2) that keep them
    /// distinct, increasing and strictly inside `range`, so a colorbar reads 0.35, 1.2, 2.8
    /// rather than 0.3472, 1.1856, 2.7961. Levels that cannot be rounded that way are returned
    /// as they are.
    public static func rounded(_ levels: [Double], in range: ClosedRange<Double>) -> [Double] {
        guard !levels.isEmpty else { return levels }
        for digits in 2...6 {
            let candidate = levels.map { roundToSignificant($0, digits: digits) }
            let inside = candidate.allSatisfy { $0 > range.lowerBound && $0 < range.upperBound }
            let increasing = zip(candidate, candidate.dropFirst()).allSatisfy { $0 < $1 }
            if inside && increasing { return candidate }
        }
        return levels
    }

    /// `value` rounded to `digits` significant decimal digits.
    static func roundToSignificant(_ value: Double, digits: Int) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let exponent = Int(Foundation.floor(Foundation.log10(Swift.abs(value)))) - digits + 1
        // Divide by a power of ten for negative exponents: 0.35 / 1 vs 35 * 0.01 avoids noise.
        if exponent < 0 {
            let scale = Foundation.pow(10, Double(-exponent))
            return (value * scale).rounded() / scale
        }
        let scale = Foundation.pow(10, Double(exponent))
        return (value / scale).rounded() * scale
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
    /// among them, the way a printed log scale does. Returns [] for an empty range.
    public static func niceLog(count: Int, in range: ClosedRange<Double>) -> [Double] {
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
