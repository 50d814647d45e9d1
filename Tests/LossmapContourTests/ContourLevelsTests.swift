import Foundation
import Testing
@testable import LossmapContour

@Suite("Contour levels")
struct ContourLevelsTests {
    func checkWellFormed(_ levels: [Double], in range: ClosedRange<Double>) {
        #expect(levels.allSatisfy { $0.isFinite && $0 > range.lowerBound && $0 < range.upperBound })
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 }, "increasing and without repeats")
    }

    @Test("linear levels are evenly spaced strictly inside the range")
    func linear() {
        let levels = ContourLevels.levels(count: 4, in: 0...10, scale: .linear)
        #expect(levels == [2, 4, 6, 8])
        checkWellFormed(ContourLevels.levels(count: 37, in: -3.7...1e6, scale: .linear), in: -3.7...1e6)
        #expect(ContourLevels.levels(count: 37, in: -3.7...1e6, scale: .linear).count == 37)
    }

    @Test("log levels on a Rosenbrock-like range crowd the valley floor")
    func logRosenbrock() {
        let levels = ContourLevels.levels(count: 10, in: 0...2500, scale: .log)
        #expect(levels.count == 10)
        checkWellFormed(levels, in: 0...2500)
        // Four decades above the minimum: the first level is within 1 of the floor, the last below half the max.
        #expect(levels[0] > 0.1 && levels[0] < 1)
        #expect(levels[9] > 500 && levels[9] < 1250)
        // Evenly spaced in log10(value + offset), offset = 2500e-4.
        let u = levels.map { Foundation.log10($0 + 0.25) }
        let steps = zip(u, u.dropFirst()).map { $1 - $0 }
        let step = Foundation.log10(2500.25 / 0.25) / 11
        #expect(steps.allSatisfy { abs($0 - step) < 1e-9 }, "\(steps)")
    }

    @Test("log levels shift with the surface")
    func logShift() {
        let a = ContourLevels.levels(count: 5, in: 0...100, scale: .log)
        let b = ContourLevels.levels(count: 5, in: -50...50, scale: .log)
        #expect(zip(a, b).allSatisfy { abs($0 - 50 - $1) < 1e-9 })
        checkWellFormed(b, in: -50...50)
    }

    @Test("degenerate ranges and counts give no levels")
    func degenerate() {
        for scale in LevelScale.allCases {
            #expect(ContourLevels.levels(count: 5, in: 3...3, scale: scale).isEmpty)
            #expect(ContourLevels.levels(count: 0, in: 0...1, scale: scale).isEmpty)
            #expect(ContourLevels.levels(count: -2, in: 0...1, scale: scale).isEmpty)
            #expect(ContourLevels.levels(count: 5, in: 0...Double.infinity, scale: scale).isEmpty)
            #expect(ContourLevels.levels(count: 5, in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
                                         scale: scale).isEmpty)
        }
    }

    @Test("a range too narrow for the count gives fewer levels, never repeats")
    func narrowRange() {
        let lo = 1.0
        let hi = lo.nextUp.nextUp.nextUp
        for scale in LevelScale.allCases {
            let levels = ContourLevels.levels(count: 10, in: lo...hi, scale: scale)
            #expect(levels.count <= 2)
            checkWellFormed(levels, in: lo...hi)
        }
    }

    @Test("rounded levels keep two significant digits while they stay distinct and inside the range")
    func roundedLevels() {
        #expect(ContourLevels.rounded([0.3472, 1.1856, 2.7961, 1090.4], in: 0...2509) == [0.35, 1.2, 2.8, 1100])
        // 1.01 and 1.04 both round to 1.0 with two digits, so three are used.
        #expect(ContourLevels.rounded([1.012, 1.043], in: 1...2) == [1.01, 1.04])
        // Rounding 0.996 up to 1.0 would leave the range (0, 1): more digits are used.
        #expect(ContourLevels.rounded([0.5, 0.996], in: 0...1) == [0.5, 0.996])
        #expect(ContourLevels.rounded([-12.34, -1.07], in: -20...0) == [-12, -1.1])
        let rosenbrock = ContourLevels.levels(count: 20, in: 0...2509, scale: .log)
        let rounded = ContourLevels.rounded(rosenbrock, in: 0...2509)
        #expect(rounded.count == rosenbrock.count)
        for (a, b) in zip(rosenbrock, rounded) { #expect(abs(a - b) <= 0.05 * abs(a)) }
    }

    @Test("quantile levels split the values into bands of equal counts, even with one huge outlier")
    func quantileLevels() {
        let values = (1...99).map(Double.init) + [1e9]
        let levels = ContourLevels.quantiles(count: 3, of: values)
        // Type-7 quantiles at 1/4, 2/4, 3/4 of 100 sorted values: positions 24.75, 49.5, 74.25.
        #expect(levels == [25.75, 50.5, 75.25])
        #expect(ContourLevels.quantiles(count: 5, of: [2, 2, 2, .nan]).isEmpty)
    }

    @Test("round log levels on a range from 0 are the 1-2-5 sequence, powers of ten included")
    func niceLogLevels() {
        let levels = ContourLevels.niceLog(count: 14, in: 0...2509)
        #expect(levels == [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000])
        // Fewer wanted: the sparser sequence; more wanted: a denser one; all inside the range.
        #expect(ContourLevels.niceLog(count: 5, in: 0...2509) == [1, 10, 100, 1000])
        #expect(ContourLevels.niceLog(count: 40, in: 0...2509).count >= 20)
        let shifted = ContourLevels.niceLog(count: 10, in: -1...99)
        #expect(shifted.first.map { $0 > -1 } == true && shifted.last.map { $0 < 99 } == true)
        #expect(ContourLevels.niceLog(count: 10, in: 3...3).isEmpty)
        // A lowest sample just above 0 counts as 0: round levels, still above it.
        #expect(ContourLevels.niceLog(count: 14, in: 0.002...2509) == [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000])
    }
}
