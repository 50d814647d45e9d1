import Foundation
import LossmapCore
import Testing

/// A searched point is analysed only when it is truly stationary, curves upward (or is the
/// saddle the report explains) and lies on or near the plotted map.
@Suite struct StabilitySearchTests {
    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), .leastNormalMagnitude) }

    @Test("log(w1) + √w2 + (w1 − 2)² on [−1, 4]² from (3.5, 3) has no minimum near the map, so no η_crit is reported")
    func pointAtInfinityIsRejected() throws {
        // √w2 falls towards w2 = 0, where the surface ends; plain Newton on the concave √w2
        // triples w2 every step (the step is −g/h = 2·w2) until the fading gradient
        // 0.5/√w2 passes the tolerance near w2 ≈ 4e18: a point at infinity, not a minimum.
        let surface = try FormulaSurface(expression: "log(w1) + sqrt(w2) + (w1 - 2)^2")
        let start = Weights(3.5, 3)
        #expect(throws: StabilityError.noMinimumNearMap(from: start)) {
            try StabilityReport.analyse(surface, near: start, within: (-1...4, -1...4))
        }
        #expect(StabilityError.noMinimumNearMap(from: start).description
            == "no minimum found near the map by Newton's method from (3.5, 3)")
    }

    @Test("a searched bowl 3(w1 − 1)² + ½(w2 + 2)² has η_crit = 2/λmax = 1/3 exactly, at its stationary minimum (1, −2)")
    func searchedBowl() throws {
        // Hessian diag(6, 1): λmax = 6, η_crit = 2/6.
        let surface = try FormulaSurface(expression: "3*(w1 - 1)^2 + 0.5*(w2 + 2)^2")
        let report = try StabilityReport.analyse(surface, near: Weights(3, 3), within: (-3...3, -3...3))
        #expect(report.pointSource == .searched(from: Weights(3, 3)))
        #expect(report.hessianSource == .exact)
        #expect((report.point - Weights(1, -2)).length < 1e-12)
        #expect(surface.gradient(at: report.point).length < 1e-10)
        #expect(report.largestEigenvalue == 6 && report.smallestEigenvalue == 1)
        #expect(report.criticalLearningRate == 2.0 / 6)
    }

    @Test("a minimum off the map but within one window-size of it is still analysed; one farther away is not")
    func windowMargin() throws {
        let surface = try FormulaSurface(expression: "3*(w1 - 1)^2 + 0.5*(w2 + 2)^2")
        // w1 ∈ [1.5, 3.5] widens to [−0.5, 5.5], w2 ∈ [−1, 1] to [−3, 3]: (1, −2) is inside.
        let near = try StabilityReport.analyse(surface, near: Weights(2, 0), within: (1.5...3.5, -1...1))
        #expect(Self.relativeError(try #require(near.criticalLearningRate), 1.0 / 3) < 1e-15)
        // w1 ∈ [10, 12] widens to [8, 14]: (1, −2) is far off this map.
        #expect(throws: StabilityError.noMinimumNearMap(from: Weights(11, 11))) {
            try StabilityReport.analyse(surface, near: Weights(11, 11), within: (10...12, 10...12))
        }
        // Without a window the same minimum is analysed, wherever it is.
        let anywhere = try StabilityReport.analyse(surface, near: Weights(11, 11))
        #expect((anywhere.point - Weights(1, -2)).length < 1e-12)
    }

    @Test("a true stationary saddle on the map is still reported, as having no critical rate")
    func saddleOnTheMap() throws {
        for surface in [try FormulaSurface(expression: "w1^2 - w2^2") as any LossSurface, Saddle()] {
            let report = try StabilityReport.analyse(surface, near: Weights(-1.8, 0.02), within: (-2...2, -2...2))
            #expect(report.point == Weights(0, 0))
            #expect(report.curvature == .saddle)
            #expect(report.criticalLearningRate == nil)
            #expect(report.footnote.contains("saddle"))
        }
    }

    @Test("a saddle far off the map is not reported for it")
    func saddleOffTheMap() throws {
        let surface = try FormulaSurface(expression: "(w1 - 20)^2 - (w2 - 20)^2")
        #expect(throws: StabilityError.noMinimumNearMap(from: Weights(0, 0))) {
            try StabilityReport.analyse(surface, near: Weights(0, 0), within: (-1...1, -1...1))
        }
    }
}
