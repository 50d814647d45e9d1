// Tick values for axes and colorbars.

import Foundation

/// "Nice" tick values (1, 2, 5 × 10^k) for linear and log axes; their labels are written by
/// `NumberFormatting.tickLabels` in LossmapCore.
public enum NiceTicks {
    /// Nice tick values (steps of 1, 2 or 5 × 10^k) inside `range`, about `targetCount` of them.
    ///
    /// The d3-array `ticks` algorithm (src/ticks.js, after Heckbert 1990, "Nice numbers for graph labels"):
    /// the raw step `span / targetCount` is rounded to 1, 2, 5 or 10 × 10^k, switching at √2, √10 and √50.
    /// Ticks are computed as integer × step, or integer ÷ (1 / step) when the step is below 1, so that
    /// 0.3 comes out as 0.3 and not 0.30000000000000004. A single-point range gives that point.
    public static func linear(_ range: ClosedRange<Double>, targetCount: Int) -> [Double] {
        let lo = range.lowerBound
        let hi = range.upperBound
        guard targetCount >= 1, lo.isFinite, hi.isFinite else { return [] }
        if lo == hi { return [lo] }
        guard let spec = tickSpec(lo, hi, Double(targetCount)), spec.last >= spec.first else { return [] }
        return (spec.first...spec.last).map { k in
            spec.inverted ? Double(k) / spec.increment : Double(k) * spec.increment
        }
    }

    /// Ticks for a log axis: the powers of ten inside `range`, thinned to every second, third… power when
    /// there are many more than `targetCount`; with fewer than 3 decades, the 2 and 5 multiples as well.
    /// A range with no such value inside (say [1.1, 1.9]) falls back to `linear`. Returns [] unless the
    /// range is positive and finite.
    public static func log(_ range: ClosedRange<Double>, targetCount: Int) -> [Double] {
        let lo = range.lowerBound
        let hi = range.upperBound
        guard targetCount >= 1, lo > 0, hi.isFinite else { return [] }
        let firstPower = Int(Foundation.log10(lo).rounded(.down))
        let lastPower = Int(Foundation.log10(hi).rounded(.up))
        let decades = Foundation.log10(hi / lo)
        let mantissas: [Double] = decades < 3 ? [1, 2, 5] : [1]
        // Thin out the powers when there are many more than asked for; keep the ones divisible by the stride
        // so that the same powers stay labelled whatever the exact range.
        let powers = Array(firstPower...lastPower)
        let insideCount = powers.count { powerOfTen($0) >= lo && powerOfTen($0) <= hi }
        let stride = max(1, Int((Double(insideCount) / Double(targetCount)).rounded(.up)))
        var ticks: [Double] = []
        for p in powers where p.isMultiple(of: stride) {
            for m in mantissas {
                let value = multiple(m, ofPowerOfTen: p)
                if value >= lo && value <= hi { ticks.append(value) }
            }
        }
        return ticks.isEmpty ? linear(range, targetCount: targetCount) : ticks
    }

    /// The step of a d3-array tick specification: ticks are `k * increment` (or `k / increment` when
    /// `inverted`, for steps below 1) for `k` in `first...last`.
    struct TickSpec {
        var first: Int
        var last: Int
        var increment: Double
        var inverted: Bool
    }

    /// d3-array's `tickSpec`: rounds the raw step to a nice one and the ends inwards to multiples of it.
    ///
    /// Three departures from d3 keep it finite at the ends of the doubles: a span that
    /// overflows (−1e308 to 1e308) is measured in halves; a step below 1e-308, whose inverse
    /// power of ten is inf, is used as a multiplier like a step above 1 (its ticks are then as
    /// exact as subnormal numbers can be); and a nice step past the largest double (2e308) is
    /// 1e308 instead.
    static func tickSpec(_ start: Double, _ stop: Double, _ count: Double) -> TickSpec? {
        let span = stop - start
        let step = span.isFinite ? span / max(0, count) : (stop / 2 - start / 2) / max(0, count) * 2
        guard step > 0, step.isFinite else { return nil }
        let power = Foundation.floor(Foundation.log10(step))
        let error = step / Foundation.pow(10, power)
        // Thresholds from d3-array: √50, √10 and √2 split the mantissa between the nice steps 10, 5, 2, 1.
        let factor: Double = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5
            : error >= 2.0.squareRoot() ? 2 : 1
        var spec: TickSpec
        if power < 0, Foundation.pow(10, -power).isFinite {
            let increment = Foundation.pow(10, -power) / factor
            var first = (start * increment).rounded()
            var last = (stop * increment).rounded()
            if first / increment < start { first += 1 }
            if last / increment > stop { last -= 1 }
            guard let f = Int(exactly: first), let l = Int(exactly: last) else { return nil }
            spec = TickSpec(first: f, last: l, increment: increment, inverted: true)
        } else {
            // 2, 5 or 10 × 1e308 is inf, whose multiples are NaN: the step is then 1e308, the
            // largest nice step there is.
            var increment = Foundation.pow(10, power) * factor
            if !increment.isFinite { increment = Foundation.pow(10, power) }
            var first = (start / increment).rounded()
            var last = (stop / increment).rounded()
            if first * increment < start { first += 1 }
            if last * increment > stop { last -= 1 }
            guard let f = Int(exactly: first), let l = Int(exactly: last) else { return nil }
            spec = TickSpec(first: f, last: l, increment: increment, inverted: false)
        }
        // Too few ticks for a small count: d3 retries with twice the count.
        if spec.last < spec.first, count >= 0.5, count < 2 {
            return tickSpec(start, stop, count * 2)
        }
        return spec
    }

    /// 10^p, exact for |p| <= 22 (a division by an exact power rounds once, so 10^-4 is the double nearest 0.0001).
    static func powerOfTen(_ p: Int) -> Double {
        multiple(1, ofPowerOfTen: p)
    }

    /// m × 10^p computed with a single rounding where possible, so that 2e-3 is the double nearest 0.002.
    static func multiple(_ m: Double, ofPowerOfTen p: Int) -> Double {
        guard abs(p) <= 22 else { return m * Foundation.pow(10, Double(p)) }
        var exact = 1.0
        for _ in 0..<abs(p) { exact *= 10 }
        return p >= 0 ? m * exact : m / exact
    }
}
