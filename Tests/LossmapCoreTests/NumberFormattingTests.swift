import Testing
@testable import LossmapCore

@Suite("Number formatting")
struct NumberFormattingTests {
    @Test("values that are not numbers are spelled NaN, ∞ and −∞ by every formatter")
    func oneSpellingOfNonFinite() {
        for format in [NumberFormatting.compact, { NumberFormatting.significant($0, digits: 3) },
                       { NumberFormatting.exponent($0, significantDigits: 3) }, NumberFormatting.nonFinite] {
            #expect(format(.nan) == "NaN")
            #expect(format(.infinity) == "∞")
            #expect(format(-.infinity) == "−∞")
        }
        #expect(NumberFormatting.typographic(NumberFormatting.nonFinite(-.infinity)) == "−∞")
    }

    @Test("compact text is the shortest that reads back as the same value")
    func compact() {
        #expect(NumberFormatting.compact(0.0021) == "0.0021")
        #expect(NumberFormatting.compact(1e-5) == "1e-5")
        #expect(NumberFormatting.compact(2.5e6) == "2.5e6")
        #expect(NumberFormatting.compact(1234567) == "1.234567e6")
        #expect(NumberFormatting.compact(1e-322) == "1e-322")
        #expect(NumberFormatting.compact(-3) == "-3")
        #expect(NumberFormatting.compact(0) == "0")
    }

    @Test("significant digits drop trailing zeros and switch to exponent form outside 1e-3 … 1e6")
    func significant() {
        #expect(NumberFormatting.significant(3.14159, digits: 3) == "3.14")
        #expect(NumberFormatting.significant(0.1213456, digits: 4) == "0.1213")
        #expect(NumberFormatting.significant(-0.08984123, digits: 4) == "-0.08984")
        #expect(NumberFormatting.significant(2.5, digits: 3) == "2.5")
        #expect(NumberFormatting.significant(5343, digits: 3) == "5343")
        #expect(NumberFormatting.significant(0.000123456, digits: 3) == "1.23e-4")
        #expect(NumberFormatting.significant(8.59e-18, digits: 3) == "8.59e-18")
        #expect(NumberFormatting.significant(-0.0001, digits: 3) == "-1e-4")
    }

    @Test("figure text gets true minus signs")
    func typographic() {
        #expect(NumberFormatting.typographic("-0.5 … 1e-4") == "\u{2212}0.5 … 1e\u{2212}4")
    }

    @Test("labels of a linear axis share their number of decimals")
    func linearLabels() {
        #expect(NumberFormatting.tickLabels([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])
            == ["-2.0", "-1.5", "-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(NumberFormatting.tickLabels([-2, -1, 0, 1, 2]) == ["-2", "-1", "0", "1", "2"])
        #expect(NumberFormatting.tickLabels([0, 500, 1000, 1500]) == ["0", "500", "1000", "1500"])
    }

    @Test("labels have no float noise and no negative zero")
    func noiseAndNegativeZero() {
        #expect(NumberFormatting.tickLabels([0.30000000000000004]) == ["0.3"])
        #expect(NumberFormatting.tickLabels([0.5000000001]) == ["0.5"])
        #expect(NumberFormatting.tickLabels([-0.0]) == ["0"])
        // Ticks computed by accumulating a step: the zero is noise.
        let accumulated = [-0.2, -0.2 + 0.1, -0.2 + 0.1 + 0.1, -0.2 + 0.1 + 0.1 + 0.1]
        #expect(NumberFormatting.tickLabels(accumulated) == ["-0.2", "-0.1", "0.0", "0.1"])
        #expect(NumberFormatting.tickLabels([-0.04, 0.04]) == ["-0.04", "0.04"])
        #expect(!NumberFormatting.tickLabels([-1e-20, -0.5, -1]).contains { $0.hasPrefix("-0") && Double($0) == 0 })
    }

    @Test("labels use exponent form for very large and very small magnitudes")
    func exponentLabels() {
        #expect(NumberFormatting.tickLabels([1e-4]) == ["1e-4"])
        #expect(NumberFormatting.tickLabels([2.5e6]) == ["2.5e6"])
        #expect(NumberFormatting.tickLabels([0, 0.0005, 0.001, 0.0015, 0.002]) == ["0", "5.0e-4", "1.0e-3", "1.5e-3", "2.0e-3"])
        #expect(NumberFormatting.tickLabels([0, 100_000, 200_000]) == ["0", "1e5", "2e5"])
        #expect(NumberFormatting.tickLabels([99_999]) == ["99999"])
        #expect(NumberFormatting.tickLabels([0.001]) == ["0.001"])
    }

    @Test("labels of a log axis are each as short as they can be")
    func logLabels() {
        #expect(NumberFormatting.tickLabels([1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1000])
            == ["1e-4", "0.001", "0.01", "0.1", "1", "10", "100", "1000"])
        #expect(NumberFormatting.tickLabels([1, 2, 5, 10, 20, 50]) == ["1", "2", "5", "10", "20", "50"])
        #expect(NumberFormatting.tickLabels([1e-10, 1e-5, 1, 1e5, 1e10]) == ["1e-10", "1e-5", "1", "1e5", "1e10"])
    }

    @Test("labels of non-finite values are spelled out")
    func nonFiniteLabels() {
        #expect(NumberFormatting.tickLabels([]) == [])
        #expect(NumberFormatting.tickLabels([.nan, .infinity, -.infinity]) == ["NaN", "∞", "−∞"])
    }
}
