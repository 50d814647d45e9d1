import Testing
@testable import LossmapRender

/// The ranges of the loss panel's and the sweep chart's axes at the ends of the doubles
/// (issue 13): an axis with no length put every value at NaN, which Cairo refuses as an
/// "invalid matrix" when text is drawn there; a log axis from 0 or to inf does the same.
@Suite("Axes at the ends of the doubles")
struct AxisLimitTests {
    static let largest = Double.greatestFiniteMagnitude
    let style = FigureStyle(width: 800, height: 500)

    @Test("a log axis spans whole decades, starting above 0 and ending below inf at the ends of the doubles")
    func decades() {
        #expect(AxisRenderer.decades(0.5, 20) == 0.1...100)
        // One power of ten: a decade above it.
        #expect(AxisRenderer.decades(1, 1) == 1...10)
        // 10^-324 is 0: the axis starts at the smallest loss instead.
        #expect(AxisRenderer.decades(5e-324, 1e-300) == 5e-324...1e-300)
        // 10^309 is inf: the axis ends at the largest loss instead.
        #expect(AxisRenderer.decades(1, 1.5e308) == 1...1.5e308)
        // 1e308 alone: its decade below, since the one above is inf.
        #expect(AxisRenderer.decades(1e308, 1e308) == 1e307...1e308)
        let axis = AxisRenderer(side: .left, scale: .log, range: AxisRenderer.decades(5e-324, Self.largest), targetCount: 6, style: style)
        #expect([5e-324, 1, Self.largest].map(axis.fraction) == [0, axis.fraction(1), 1])
        #expect(axis.fraction(1).isFinite)
    }

    @Test("a linear axis of equal losses past 2^53 has a length, and one across the doubles stays finite")
    func padded() {
        // ±5% of the span, as before; a single value gets ±1 …
        #expect(AxisRenderer.padded(0, 10) == -0.5...10.5)
        #expect(AxisRenderer.padded(3, 3) == 2...4)
        // … or ±5% of itself where 1 is lost to rounding: 2⁵³ − 1 == 2⁵³ in doubles.
        let two53 = 9007199254740992.0
        let range = AxisRenderer.padded(-two53, -two53)
        #expect(range == (-two53 * 1.05)...(-two53 * 0.95))
        let axis = AxisRenderer(side: .left, range: range, targetCount: 6, style: style)
        #expect(axis.fraction(-two53) == 0.5)
        #expect(!axis.ticks.isEmpty && axis.ticks.allSatisfy(range.contains))
        // Losses from the lowest to the largest double: the ends stay finite, and the span,
        // past the largest double, is measured in halves.
        let wide = AxisRenderer.padded(-Self.largest, Self.largest)
        #expect(wide == -Self.largest...Self.largest)
        let wideAxis = AxisRenderer(side: .left, range: wide, targetCount: 6, style: style)
        #expect(wideAxis.fraction(0) == 0.5 && wideAxis.fraction(Self.largest) == 1 && wideAxis.fraction(-Self.largest) == 0)
        #expect(wideAxis.ticks == [-1.5e308, -1e308, -5e307, 0, 5e307, 1e308, 1.5e308])
    }

    @Test("an axis without length puts every value at its start rather than at NaN")
    func zeroLength() {
        let axis = AxisRenderer(side: .bottom, range: 7...7, targetCount: 4, style: style)
        #expect(axis.fraction(7) == 0)
    }
}
