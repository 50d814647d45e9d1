import Foundation
import Testing
@testable import LossmapContour

/// Grids, levels and ticks at the ends of the doubles (issue 13): spans past the largest
/// double (1.8e308), subnormal values (below 2.2e-308: 1e-310, 1e-320, 5e-324), and ranges a
/// few ulps wide. Each was a trap or a silent NaN before; each is checked against its closed
/// form where there is one.
@Suite("Numbers at the ends of the doubles")
struct NumericEdgeTests {
    static let largest = Double.greatestFiniteMagnitude

    func isWellFormed(_ values: [Double], in range: ClosedRange<Double>) -> Bool {
        values.allSatisfy { $0.isFinite && $0 > range.lowerBound && $0 < range.upperBound }
            && zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }

    // MARK: Grid

    @Test("a grid across 0…1e308 and -1e308…0 has its positions at 1e308 · k/399, finite and increasing")
    func gridNearTheLargestDouble() {
        // `span · k / 399` overflowed to inf from k = 2 on: the precondition on increasing positions trapped.
        let grid = Grid.sample(x: 0...1e308, y: -1e308...0, nx: 400, ny: 400) { x, y in x + y }
        #expect(grid.xs.first == 0 && grid.xs.last == 1e308)
        #expect(grid.ys.first == -1e308 && grid.ys.last == 0)
        for k in 0..<400 {
            let expected = 1e308 / 399 * Double(k)
            #expect(abs(grid.xs[k] - expected) <= 4 * expected.ulp, "x[\(k)] = \(grid.xs[k]), expected \(expected)")
            #expect(abs(grid.ys[k] - (expected - 1e308)) <= 4 * (1e308).ulp, "y[\(k)]")
        }
        #expect(grid.values.allSatisfy { $0.isFinite })
    }

    @Test("canSample refuses a span past the largest double, a few ulps, a subnormal step, and accepts the widest finite windows")
    func canSampleLimits() {
        #expect(!Grid.canSample(-1e308...1e308, count: 8))
        #expect(!Grid.canSample(1.0...(1.0.nextUp.nextUp.nextUp.nextUp), count: 400))
        #expect(!Grid.canSample(0...1e-320, count: 8))
        #expect(!Grid.canSample(0...Double.infinity, count: 8))
        #expect(!Grid.canSample(0...1, count: 1))
        #expect(Grid.canSample(0...Self.largest, count: 4096))
        #expect(Grid.canSample(-Self.largest / 2...Self.largest / 2, count: 4096))
        #expect(Grid.canSample(0...1e-300, count: 4096))
        // 2⁵³ + 2000 over 8 samples: steps of 286, where an ulp is 2.
        #expect(Grid.canSample(9007199254740992...9007199254742992, count: 8))
    }

    @Test("every range canSample accepts is sampled strictly increasing with exact ends, down to the ulps it allows")
    func canSampleImpliesIncreasing() {
        var accepted = 0, refused = 0
        for lo: Double in [0, 1, -1, 1e300, -1e300, 9007199254740992, 1e-300, -Self.largest, Self.largest / 3] {
            for count in [8, 400, 4096] {
                // Widths from a few ulps of the range's magnitude to far past it, around canSample's threshold.
                let unit = max(abs(lo), 1e-300).ulp
                for ulps: Double in [1, 7, 56, 3192, 3200, 32760, 32768, 1e5, 1e12, 1e300] {
                    let hi = lo + unit * ulps
                    guard hi.isFinite, hi > lo else { continue }
                    guard Grid.canSample(lo...hi, count: count) else { refused += 1; continue }
                    accepted += 1
                    let xs = Grid.evenlySpaced(lo...hi, count: count)
                    #expect(xs.first == lo && xs.last == hi)
                    #expect(xs.allSatisfy { $0.isFinite } && zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 },
                            "[\(lo), \(hi)] at \(count) samples")
                }
            }
        }
        #expect(accepted > 50 && refused > 20, "accepted \(accepted), refused \(refused)")
    }

    @Test("the superlevel sets of a bowl on a window of 1e308 or 1e-300 are those on a window of 1, scaled")
    func contoursAtTheEnds() {
        // The set where (x/s − ½)² + (y/s − ½)² ≥ 0.1: the square with a round hole, whatever s.
        // The shoelace products overflowed (1e308²) or underflowed (1e-300²): the hole was lost,
        // or every ring had area 0 and the map came out blank.
        func sets(_ s: Double) -> [[ContourPolygon]] {
            let grid = Grid.sample(x: 0...s, y: 0...s, nx: 20, ny: 20) { x, y in (x / s - 0.5) * (x / s - 0.5) + (y / s - 0.5) * (y / s - 0.5) }
            return [MarchingSquares.definedRegion(grid)] + [0.05, 0.1, 0.2].map { MarchingSquares.superlevelSet(grid, threshold: $0) }
        }
        let unit = sets(1)
        #expect(unit.dropFirst().allSatisfy { $0.count == 1 && $0[0].holes.count == 1 })
        for s in [1e308, 1e200, 1e-200, 1e-300] {
            let scaled = sets(s)
            #expect(scaled.map(\.count) == unit.map(\.count), "\(s)")
            for (a, b) in zip(scaled.joined(), unit.joined()) {
                #expect(a.holes.count == b.holes.count, "\(s)")
                let pairs = zip([a.exterior] + a.holes, [b.exterior] + b.holes).flatMap { zip($0, $1) }
                #expect(pairs.allSatisfy { abs($0.x / s - $1.x) <= 1e-12 && abs($0.y / s - $1.y) <= 1e-12 }, "\(s)")
            }
        }
    }

    // MARK: Levels

    @Test("linear levels across -1.5e308…1.5e308 are the closed form -1e308, -5e307, 0, 5e307, 1e308")
    func linearLevelsPastTheLargestSpan() {
        let levels = ContourLevels.levels(count: 5, in: -1.5e308...1.5e308, scale: .linear)
        let expected = [-1e308, -5e307, 0, 5e307, 1e308]
        #expect(levels.count == 5)
        for (level, value) in zip(levels, expected) {
            #expect(abs(level - value) <= 4 * value.ulp, "\(level) vs \(value)")
        }
    }

    @Test("levels of every scale on values of 1e-310 are those of the same values scaled to 1, scaled back")
    func levelsOfSubnormalValues() {
        // Levels are unchanged by scaling: linear ones are min + span · k/(n + 1), log ones
        // min + span · (10^(u₀ + (u₁ − u₀) k/(n + 1)) − 10⁻⁴) with u₀ = −4, u₁ = log10(1 + 10⁻⁴).
        let s = 1e-310
        for scale in [LevelScale.linear, .log] {
            let tiny = ContourLevels.levels(count: 8, in: 0...s, scale: scale)
            let unit = ContourLevels.levels(count: 8, in: 0...1, scale: scale)
            #expect(tiny.count == 8 && isWellFormed(tiny, in: 0...s), "\(scale): \(tiny)")
            for (a, b) in zip(tiny, unit) {
                // A subnormal near 1e-310 holds about 13 significant digits.
                #expect(abs(a / s - b) <= 1e-9 * b, "\(scale): \(a) vs \(b) · 1e-310")
            }
        }
        // At 1e-320 the log offset, 1e-324, was 0 before, and `Int(floor(log10(0)))` trapped.
        for scale in LevelScale.allCases {
            let levels = ContourLevels.levels(count: 5, in: 0...1e-320, scale: scale)
            #expect(!levels.isEmpty && isWellFormed(levels, in: 0...1e-320), "\(scale): \(levels)")
        }
    }

    @Test("nice log levels from 0 to 1.5e308 are the 1-3 sequence 3e304 … 1e308 over four decades")
    func niceLogNearTheLargestDouble() {
        // Four decades below the span: from 1.5e304; the (1, 3) mantissas give 8 levels, the
        // (1, 2, 5) ones 12, equally far from 10, and the first is kept.
        #expect(ContourLevels.niceLog(count: 10, in: 0...1.5e308) == [3e304, 1e305, 3e305, 1e306, 3e306, 1e307, 3e307, 1e308])
        let wide = ContourLevels.niceLog(count: 10, in: -1.5e308...1.5e308)
        #expect(wide.count >= 5 && isWellFormed(wide, in: -1.5e308...1.5e308), "\(wide)")
        for range in [0...1e-300, 0...1e-320, 1e-320...1e-300, -Self.largest...Self.largest] {
            let levels = ContourLevels.niceLog(count: 10, in: range)
            #expect(!levels.isEmpty && isWellFormed(levels, in: range), "\(range): \(levels)")
        }
    }

    @Test("rounding levels near the largest double or among subnormals keeps them finite and in order")
    func roundingAtTheEnds() {
        // |1.5e308| + 0.4 × 5e307 is inf: `Int(ceil(log10(inf)))` trapped.
        #expect(ContourLevels.rounded([5e307, 1.0000001e308, 1.5e308], in: 0...Self.largest) == [5e307, 1e308, 1.5e308])
        let near = ContourLevels.roundest(near: 1.7e308, within: 1e308)
        #expect(near.isFinite && abs(near - 1.7e308) <= 1e308)
        // Three significant digits of the largest double, 1.8e308, are past it: the value stays.
        #expect(ContourLevels.roundToSignificant(Self.largest, digits: 3) == Self.largest)
        // 10^322 is inf, so 1e-320 cannot be rounded by it: the value stays, not NaN.
        #expect(ContourLevels.roundToSignificant(1e-320, digits: 3) == 1e-320)
        let subnormal = ContourLevels.rounded([1e-321, 3e-321, 7e-321], in: 0...1e-320)
        #expect(isWellFormed(subnormal, in: 0...1e-320) && subnormal.count == 3)
    }

    // MARK: Ticks

    @Test("linear ticks across -1.8e308…1.8e308 are the multiples of 5e307")
    func ticksPastTheLargestSpan() {
        // The span, 3.6e308, is inf; measured in halves the step is 6e307, nicely 5e307.
        #expect(NiceTicks.linear(-Self.largest...Self.largest, targetCount: 6)
                == [-1.5e308, -1e308, -5e307, 0, 5e307, 1e308, 1.5e308])
    }

    @Test("a nice step past the largest double is 1e308 instead")
    func tickStepPastTheLargestDouble() {
        // One tick over 0…1.8e308 is a step of 2e308 = inf, whose multiples were NaN.
        #expect(NiceTicks.linear(0...Self.largest, targetCount: 1) == [0, 1e308])
    }

    @Test("ticks of a subnormal range are finite, increasing, inside it and about as many as asked")
    func subnormalTicks() {
        // 10^321, the inverse step d3 multiplies by, is inf: the step is a multiplier instead.
        let ticks = NiceTicks.linear(0...1e-320, targetCount: 5)
        #expect(ticks.count >= 4 && ticks.count <= 7, "\(ticks)")
        #expect(ticks.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1e-320 } && zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("log ticks from the smallest subnormal to the largest double are powers of ten inside the range")
    func logTicksAcrossAllDoubles() {
        let range = Double.leastNonzeroMagnitude...Self.largest
        let ticks = NiceTicks.log(range, targetCount: 8)
        #expect(!ticks.isEmpty && ticks.allSatisfy { $0.isFinite && range.contains($0) })
        // Each the double nearest its power of ten (1e-320 is 9.99989e-321 in subnormals).
        #expect(ticks.allSatisfy { Double("1e\(Int(Foundation.log10($0).rounded()))") == $0 }, "\(ticks)")
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
    }
}
