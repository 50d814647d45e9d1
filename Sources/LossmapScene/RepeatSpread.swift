import LossmapCore

/// Where the seeded repeats of a stochastic run are, step by step: the median position, and
/// the 10th and 90th percentile of each weight, over the seeds whose walk reached that step.
///
/// Percentiles are the "nearest rank" ones on the sorted values (the value at rank
/// ⌈p·n⌉), so with 20 seeds the band runs from the 2nd to the 18th: it holds 17 of them, 85%
/// (`share(of:)`); with 9 or fewer it spans them all.
public struct RepeatSpread: Sendable {
    /// Per step k: the median position, and the low and high corners of the band.
    public var median: [Weights]
    public var low: [Weights]
    public var high: [Weights]

    public static let lowPercentile = 0.1, highPercentile = 0.9

    /// The spread of `walks` (every seed's points); a step counts while at least half the
    /// walks still have it (a median of the few that went on would jump).
    public init(_ walks: [[Weights]]) {
        median = []
        low = []
        high = []
        let longest = walks.map(\.count).max() ?? 0
        for k in 0..<longest {
            let here = walks.compactMap { k < $0.count ? $0[k] : nil }.filter(\.isFinite)
            guard !here.isEmpty, 2 * here.count >= walks.count else { break }
            let xs = here.map(\.x).sorted(), ys = here.map(\.y).sorted()
            median.append(Weights(Self.median(xs), Self.median(ys)))
            low.append(Weights(Self.rank(xs, Self.lowPercentile), Self.rank(ys, Self.lowPercentile)))
            high.append(Weights(Self.rank(xs, Self.highPercentile), Self.rank(ys, Self.highPercentile)))
        }
    }

    init(median: [Weights], low: [Weights], high: [Weights]) {
        self.median = median
        self.low = low
        self.high = high
    }

    /// The spread of the first `n` steps.
    func prefix(_ n: Int) -> RepeatSpread {
        RepeatSpread(median: Array(median.prefix(n)), low: Array(low.prefix(n)), high: Array(high.prefix(n)))
    }

    /// The share of `count` seeds the band holds at a step all of them reached: the ranks
    /// from the low percentile's to the high one's (17 of 20 = 85% for 20 seeds; all of them
    /// for 9 or fewer, where both percentiles fall on the ends).
    public static func share(of count: Int) -> Double {
        guard count > 0 else { return 0 }
        let low = max(1, Int((lowPercentile * Double(count)).rounded(.up)))
        let high = min(count, max(1, Int((highPercentile * Double(count)).rounded(.up))))
        return Double(high - low + 1) / Double(count)
    }

    static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The nearest-rank percentile p of sorted values: the value at rank ⌈p·n⌉ (from 1).
    static func rank(_ sorted: [Double], _ p: Double) -> Double {
        let r = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return sorted[min(r, sorted.count) - 1]
    }
}
