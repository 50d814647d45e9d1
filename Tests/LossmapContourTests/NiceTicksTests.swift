import Testing
@testable import LossmapContour

@Suite("Nice ticks and labels")
struct NiceTicksTests {
    @Test("linear ticks step by 1, 2 or 5 times a power of ten")
    func linearTicks() {
        #expect(NiceTicks.linear(-2...2, targetCount: 5) == [-2, -1, 0, 1, 2])
        #expect(NiceTicks.linear(-2...2, targetCount: 10) == [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])
        #expect(NiceTicks.linear(0...0.0021, targetCount: 5) == [0, 0.0005, 0.001, 0.0015, 0.002])
        #expect(NiceTicks.linear(-1...3, targetCount: 5) == [-1, 0, 1, 2, 3])
        #expect(NiceTicks.linear(0...2509, targetCount: 5) == [0, 500, 1000, 1500, 2000, 2500])
        #expect(NiceTicks.linear(0.1...0.9, targetCount: 8) == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    }

    @Test("linear ticks carry no float noise")
    func noNoise() {
        let ticks = NiceTicks.linear(0...1, targetCount: 10)
        #expect(ticks[3] == 0.3)
        #expect(ticks.count == 11)
    }

    @Test("linear ticks handle reversed-looking, single-point and empty requests")
    func degenerateLinear() {
        #expect(NiceTicks.linear(5...5, targetCount: 5) == [5])
        #expect(NiceTicks.linear(0...1, targetCount: 0).isEmpty)
        #expect(NiceTicks.linear(0...Double.infinity, targetCount: 5).isEmpty)
        // A range between two ticks of the natural step still gets ticks (d3 retries with a finer step).
        #expect(!NiceTicks.linear(0.11...0.19, targetCount: 1).isEmpty)
    }

    @Test("log ticks are the powers of ten inside the range")
    func logTicks() {
        #expect(NiceTicks.log(1e-4...1e3, targetCount: 10) == [1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1000])
        #expect(NiceTicks.log(0.5...2500, targetCount: 10) == [1, 10, 100, 1000])
        // Thinned to every fifth power when many more than asked for.
        #expect(NiceTicks.log(1e-10...1e10, targetCount: 5) == [1e-10, 1e-5, 1, 1e5, 1e10])
    }

    @Test("log ticks add 2 and 5 multiples over fewer than three decades")
    func logTicksShortRange() {
        #expect(NiceTicks.log(1...100, targetCount: 10) == [1, 2, 5, 10, 20, 50, 100])
        #expect(NiceTicks.log(0.003...0.07, targetCount: 10) == [0.005, 0.01, 0.02, 0.05])
        // Nothing of the form 1, 2, 5 × 10^k inside: fall back to linear ticks.
        #expect(NiceTicks.log(1.1...1.9, targetCount: 4) == [1.2, 1.4, 1.6, 1.8])
        #expect(NiceTicks.log(0...10, targetCount: 5).isEmpty)
    }

    @Test("labels of a linear axis share their number of decimals")
    func linearLabels() {
        #expect(NiceTicks.labels([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])
            == ["-2.0", "-1.5", "-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(NiceTicks.labels([-2, -1, 0, 1, 2]) == ["-2", "-1", "0", "1", "2"])
        #expect(NiceTicks.labels([0, 500, 1000, 1500]) == ["0", "500", "1000", "1500"])
    }

    @Test("labels have no float noise and no negative zero")
    func noiseAndNegativeZero() {
        #expect(NiceTicks.labels([0.30000000000000004]) == ["0.3"])
        #expect(NiceTicks.labels([0.5000000001]) == ["0.5"])
        #expect(NiceTicks.labels([-0.0]) == ["0"])
        // Ticks computed by accumulating a step: the zero is noise.
        let accumulated = [-0.2, -0.2 + 0.1, -0.2 + 0.1 + 0.1, -0.2 + 0.1 + 0.1 + 0.1]
        #expect(NiceTicks.labels(accumulated) == ["-0.2", "-0.1", "0.0", "0.1"])
        #expect(NiceTicks.labels([-0.04, 0.04]) == ["-0.04", "0.04"])
        #expect(!NiceTicks.labels([-1e-20, -0.5, -1]).contains { $0.hasPrefix("-0") && Double($0) == 0 })
    }

    @Test("labels use exponent form for very large and very small magnitudes")
    func exponentLabels() {
        #expect(NiceTicks.labels([1e-4]) == ["1e-4"])
        #expect(NiceTicks.labels([2.5e6]) == ["2.5e6"])
        #expect(NiceTicks.labels([0, 0.0005, 0.001, 0.0015, 0.002]) == ["0", "5.0e-4", "1.0e-3", "1.5e-3", "2.0e-3"])
        #expect(NiceTicks.labels([0, 100_000, 200_000]) == ["0", "1e5", "2e5"])
        #expect(NiceTicks.labels([99_999]) == ["99999"])
        #expect(NiceTicks.labels([0.001]) == ["0.001"])
    }

    @Test("labels of a log axis are each as short as they can be")
    func logLabels() {
        #expect(NiceTicks.labels([1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1000])
            == ["1e-4", "0.001", "0.01", "0.1", "1", "10", "100", "1000"])
        #expect(NiceTicks.labels([1, 2, 5, 10, 20, 50]) == ["1", "2", "5", "10", "20", "50"])
        #expect(NiceTicks.labels([1e-10, 1e-5, 1, 1e5, 1e10]) == ["1e-10", "1e-5", "1", "1e5", "1e10"])
    }

    @Test("labels of non-finite values are spelled out")
    func nonFiniteLabels() {
        #expect(NiceTicks.labels([]) == [])
        #expect(NiceTicks.labels([.nan, .infinity, -.infinity]) == ["nan", "inf", "-inf"])
    }
}
