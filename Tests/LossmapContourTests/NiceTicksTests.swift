import Testing
@testable import LossmapContour

@Suite("Nice ticks")
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
}
