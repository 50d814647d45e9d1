import Foundation
import LossmapCore
import Testing

/// Known minima are polished by Newton's method before their Hessian is taken, so that
/// η_crit does not inherit the rounding of a minimum printed to six decimals.
@Suite struct StabilityPolishTests {
    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), .leastNormalMagnitude) }

    /// Himmelblau's minima and η_crit = 2/λmax there, computed independently in 50-digit
    /// arithmetic (mpmath: 30 Newton iterations from the six-decimal values, then
    /// λmax = m + √(((h11 − h22)/2)² + h12²) of the exact Hessian), shown to 25 digits.
    static let himmelblau: [(sixDecimals: Weights, minimum: Weights, ηcrit: Double)] = [
        (Weights(3, 2), Weights(3, 2), 0.02430598180769196505100777),
        (Weights(-2.805118, 3.131312), Weights(-2.805118086952744853053572, 3.131312518250572965804301), 0.02482927644669180596438305),
        (Weights(-3.779310, -3.283186), Weights(-3.779310253377746891890766, -3.283185991286169412266001), 0.01494929030161275824007088),
        (Weights(3.584428, -1.848126), Weights(3.584428340330491744944338, -1.8481265269644035535383), 0.01897192858058666202608723),
    ]

    /// Himmelblau's function with its minima as printed to six decimals.
    struct SixDecimalHimmelblau: LossSurface {
        func value(at w: Weights) -> Double { Himmelblau().value(at: w) }
        func gradient(at w: Weights) -> Weights { Himmelblau().gradient(at: w) }
        func hessian(at w: Weights) -> Hessian? { Himmelblau().hessian(at: w) }
        var minima: [Weights] { StabilityPolishTests.himmelblau.map(\.sixDecimals) }
    }

    @Test("every stored Himmelblau minimum is stationary to rounding")
    func storedMinimaAreStationary() {
        for (_, minimum, _) in Self.himmelblau {
            let stored = Himmelblau().minima.min { ($0 - minimum).length < ($1 - minimum).length }!
            #expect(stored == minimum, "\(stored) is not the nearest double to \(minimum)")
            #expect(Himmelblau().gradient(at: stored).length < 1e-12)
        }
    }

    @Test("each Himmelblau minimum is analysed where ‖∇L‖ < 1e-12, with η_crit = 2/λmax to 1e-12", arguments: 0..<4)
    func himmelblauMinima(_ i: Int) throws {
        let (sixDecimals, minimum, ηcrit) = Self.himmelblau[i]
        for surface in [Himmelblau() as any LossSurface, SixDecimalHimmelblau()] {
            let report = try StabilityReport.analyse(surface, near: sixDecimals)
            #expect(report.pointSource == .knownMinimum)
            #expect(surface.gradient(at: report.point).length < 1e-12, "\(surface) at \(report.point)")
            #expect((report.point - minimum).length < 1e-14)
            #expect(Self.relativeError(try #require(report.criticalLearningRate), ηcrit) < 1e-12, "\(surface)")
        }
        // The test can fail: at the six-decimal point itself η_crit is off by more than 1e-8
        // (except at (3, 2), which is exact).
        let unpolished = try #require(StabilityReport(surface: Himmelblau(), at: sixDecimals)?.criticalLearningRate)
        #expect(i == 0 || Self.relativeError(unpolished, ηcrit) > 1e-8)
    }

    @Test("a stored minimum that is not near a stationary point is left where it is")
    func polishStaysNearTheStoredPoint() {
        // Newton would jump from (0.5, 0) to the true minimum (0, 0) of this bowl, 0.5 away:
        // farther than the polish may move, so the point is kept.
        let bowl = Quadratic(condition: 3)
        #expect(NewtonPolish.polish(Weights(0.5, 0), on: bowl) == Weights(0.5, 0))
        // 1e-4 away it is within reach, and Newton lands on the minimum in one step.
        #expect(NewtonPolish.polish(Weights(1e-4, -1e-4), on: bowl) == Weights(0, 0))
    }
}
