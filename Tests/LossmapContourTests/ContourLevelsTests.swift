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
            // A span past the largest double is not degenerate: see `NumericEdgeTests`.
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

    @Test("rounded levels move to the roundest value within 40% of the smaller gap to a neighbour")
    func roundedLevels() {
        // 0.3472: gaps 0.3472 (to the range's end) and 0.8384, so it may move 0.139: 0.3.
        // 1.1856 may move 0.335: 1. 2.7961 may move 0.644: 3. 1090.4 may move 435: 1000.
        #expect(ContourLevels.rounded([0.3472, 1.1856, 2.7961, 1090.4], in: 0...2509) == [0.3, 1, 3, 1000])
        // Close levels keep the digits their spacing needs: 1.012 may move 0.0048, 1.043 0.0124.
        #expect(ContourLevels.rounded([1.012, 1.043], in: 1...2) == [1.01, 1.04])
        // 0.996 may move 0.0016 only (the range ends at 1): it stays, rather than become 1.
        #expect(ContourLevels.rounded([0.5, 0.996], in: 0...1) == [0.5, 0.996])
        #expect(ContourLevels.rounded([-12.34, -1.07], in: -20...0) == [-10, -1])
        // Already round: unchanged.
        #expect(ContourLevels.rounded([0.5, 1, 2, 5, 10, 20], in: 0...25) == [0.5, 1, 2, 5, 10, 20])
        // Around zero the nearest round value is 0 itself, never −0.
        let zero = ContourLevels.rounded([-1, -0.0316, 1], in: -2...2)
        #expect(zero == [-1, 0, 1] && zero[1].sign == .plus)
        // Rounded Rosenbrock log levels stay increasing, inside the range, within 40% of a gap.
        let rosenbrock = ContourLevels.levels(count: 20, in: 0...2509, scale: .log)
        let rounded = ContourLevels.rounded(rosenbrock, in: 0...2509)
        #expect(rounded.count == rosenbrock.count)
        checkWellFormed(rounded, in: 0...2509)
        #expect(rounded.allSatisfy { ContourLevels.significantDigits($0) <= 3 }, "\(rounded)")
    }

    @Test("a level that needs more than three digits is cut to three, or left out when that collides")
    func threeDigits() {
        // 1.0266, 0.002 above the range's start, may move 0.0008: to 1.027, then to three
        // digits, 1.03, still above the start and below the next level, 1.04.
        #expect(ContourLevels.rounded([1.0266, 1.04], in: 1.0246...1.1) == [1.03, 1.04])
        // 1.0256 may move 0.0004, to 1.026; three digits, 1.03, would reach the next level: it is left out.
        #expect(ContourLevels.rounded([1.0256, 1.03, 1.05, 1.07], in: 1.0246...1.1) == [1.03, 1.05, 1.07])
        // Levels that all need many digits (a surface that sits at 1000 and moves by 0.01)
        // keep them: leaving out more than half would leave the map bare.
        let fine = ContourLevels.rounded([1000.002, 1000.004, 1000.006], in: 1000...1000.008)
        #expect(fine == [1000.002, 1000.004, 1000.006])
    }

    @Test("quantile levels split the values into bands of equal counts, even with one huge outlier")
    func quantileLevels() {
        let values = (1...99).map(Double.init) + [1e9]
        let levels = ContourLevels.quantiles(count: 3, of: values)
        // Type-7 quantiles at 1/4, 2/4, 3/4 of 100 sorted values: positions 24.75, 49.5, 74.25.
        #expect(levels == [25.75, 50.5, 75.25])
        // Rounded: each may move 40% of the 24.75 between them, 9.9.
        #expect(ContourLevels.rounded(levels, in: 1...1e9) == [30, 50, 80])
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

    @Test("round log levels over a minimum that is not round are round themselves: the six-hump camel's colorbar")
    func niceLogShiftedMinimum() {
        // Minimum −1.0316, span 40: the 1-2-5 sequence from 0.005 to 20 above the minimum gives
        // −1.0266, −1.0216, −1.0116, −0.9816, −0.9316, −0.8316, −0.5316, −0.0316, 0.9684,
        // 3.9684, 8.9684 and 18.9684; each then moves to the roundest value within 40% of the
        // smaller gap to a neighbour (−1.0266 to −1.027, then to three digits).
        let levels = ContourLevels.niceLog(count: 12, in: -1.0316...38.9684)
        #expect(levels == [-1.03, -1.02, -1.01, -0.98, -0.93, -0.8, -0.5, 0, 1, 4, 10, 20])
        checkWellFormed(levels, in: -1.0316...38.9684)
    }
}
