import Foundation
import LossmapCore
import Testing

@Suite struct StabilityTests {
    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), .leastNormalMagnitude) }

    @Test("η_crit for Rosenbrock at (1, 1) is 2/λmax of its exact Hessian [[802, −400], [−400, 200]]")
    func rosenbrock() throws {
        let report = try StabilityReport.analyse(Rosenbrock())
        #expect(report.point == Weights(1, 1))
        #expect(report.pointSource == .knownMinimum)
        #expect(report.hessianSource == .exact)
        #expect(report.hessian == Hessian(h11: 802, h12: -400, h22: 200))
        // λ = m ± r with m = (802 + 200)/2 = 501, r = √(301² + 400²) = √250601.
        let r = 250_601.0.squareRoot()
        let λmax = 501 + r, λmin = 400 / λmax  // λmin·λmax = det = 802·200 − 400² = 400
        #expect(Self.relativeError(report.largestEigenvalue, λmax) < 1e-15)
        #expect(Self.relativeError(report.smallestEigenvalue, λmin) < 1e-14)
        #expect(Self.relativeError(report.smallestEigenvalue, 501 - r) < 1e-11)  // the cancelling form, less exact
        let ηcrit = try #require(report.criticalLearningRate)
        #expect(Self.relativeError(ηcrit, 2 / (501 + r)) < 1e-15)
        #expect(abs(ηcrit - 0.001996804) < 1e-9)  // 2/1001.6006…
        #expect(Self.relativeError(try #require(report.conditionNumber), λmax / λmin) < 1e-14)
        #expect(report.curvature == .bowl)
    }

    @Test("on 5w1² + 10w2² λmax is 20, η_crit is 0.1 and the condition number 2")
    func bowl() throws {
        let report = try StabilityReport.analyse(Quadratic(curvatures: (10, 20)))
        #expect(report.largestEigenvalue == 20)
        #expect(report.smallestEigenvalue == 10)
        #expect(report.criticalLearningRate == 0.1)
        #expect(report.conditionNumber == 2)
        #expect(report.footnote.hasPrefix("η_crit = 2/λmax = 0.1 (λmax = 20, exact Hessian at the minimum (0, 0)"))
    }

    @Test("the heavy-ball bound 2(1 + β)/λmax and Nesterov's 2(1 + μ)/((1 + 2μ)λmax) separate converging from diverging runs")
    func momentumBounds() throws {
        let bowl = Quadratic(curvatures: (10, 20))
        let report = try StabilityReport.analyse(bowl)
        let cases: [(Method, Double)] = [(.gradientDescent, 0.1), (.momentum(beta: 0.5), 0.15), (.nesterov(beta: 0.5), 0.075),
                                          (.momentum(beta: 0.9), 0.19), (.nesterov(beta: 0.9), 0.19 / 2.8)]
        for (method, bound) in cases {
            let ηcrit = try #require(report.criticalLearningRate(for: method))
            #expect(Self.relativeError(ηcrit, bound) < 1e-14, "\(method)")
            let stopping = Stopping(maxSteps: 20_000)
            let below = Descent(method: method, learningRate: 0.99 * ηcrit, start: Weights(1, 1), stopping: stopping).run(on: bowl)
            let above = Descent(method: method, learningRate: 1.01 * ηcrit, start: Weights(1, 1), stopping: stopping).run(on: bowl)
            if case .converged = below.outcome {} else { Issue.record("\(method) at 0.99·η_crit: \(below.outcome)") }
            #expect(above.outcome.isDiverged, "\(method) at 1.01·η_crit: \(above.outcome)")
        }
    }

    @Test("the adaptive methods have no critical learning rate")
    func adaptiveMethods() throws {
        let report = try StabilityReport.analyse(Booth())
        for name in ["adagrad", "rmsprop", "adam"] {
            #expect(report.criticalLearningRate(for: Method(name: name)!) == nil)
        }
    }

    @Test("a saddle has no critical learning rate, and the report says why")
    func saddle() throws {
        let report = try StabilityReport.analyse(Saddle(), near: Weights(-1.5, 0.05))
        #expect(report.point == Weights(0, 0))
        #expect(report.pointSource == .searched(from: Weights(-1.5, 0.05)))
        #expect(report.curvature == .saddle)
        #expect(report.criticalLearningRate == nil)
        #expect(report.conditionNumber == nil)
        let why = try #require(report.whyNoCriticalRate)
        #expect(why.contains("saddle"))
        #expect(report.footnote == why)
        // A start exactly on the saddle point is not taken for a minimum either.
        let onTheSaddle = try StabilityReport.analyse(Saddle())
        #expect(onTheSaddle.curvature == .saddle)
    }

    @Test("a surface with no exact Hessian and no known minimum is analysed by central differences at the minimum Newton finds")
    func numericMinimum() throws {
        // L = (w1 − 1)² + 3(w2 + 2)² + (w1 − 1)⁴: minimum (1, −2), Hessian diag(2, 6) there.
        struct Unknown: LossSurface {
            func value(at w: Weights) -> Double {
                let a = w.x - 1, b = w.y + 2
                return a * a + 3 * b * b + a * a * a * a
            }
            func gradient(at w: Weights) -> Weights {
                let a = w.x - 1, b = w.y + 2
                return Weights(2 * a + 4 * a * a * a, 6 * b)
            }
            var minima: [Weights] { [] }
        }
        let report = try StabilityReport.analyse(Unknown(), near: Weights(-2, 3))
        #expect(report.hessianSource == .centralDifferences)
        #expect(report.pointSource == .searched(from: Weights(-2, 3)))
        #expect((report.point - Weights(1, -2)).length < 1e-9)
        #expect(Self.relativeError(report.largestEigenvalue, 6) < 1e-8)
        #expect(Self.relativeError(report.smallestEigenvalue, 2) < 1e-8)
        #expect(Self.relativeError(try #require(report.criticalLearningRate), 1.0 / 3) < 1e-8)
        #expect(report.footnote.contains("central differences Hessian"))
    }

    @Test("a valley flat along one direction still has η_crit = 2/λmax but no condition number")
    func flatValley() throws {
        struct Trough: LossSurface {
            func value(at w: Weights) -> Double { w.x * w.x }
            func gradient(at w: Weights) -> Weights { Weights(2 * w.x, 0) }
            var minima: [Weights] { [Weights(0, 0)] }
        }
        let report = try StabilityReport.analyse(Trough())
        #expect(report.curvature == .flatValley)
        #expect(Self.relativeError(try #require(report.criticalLearningRate), 1) < 1e-9)
        #expect(report.conditionNumber == nil)
    }

    @Test("of several known minima the one nearest the start is analysed")
    func nearestMinimum() throws {
        let report = try StabilityReport.analyse(Himmelblau(), near: Weights(-3, -3))
        #expect(report.point == Weights(-3.779310253377747, -3.2831859912861696))
        let withoutStart = try StabilityReport.analyse(Himmelblau())
        #expect(withoutStart.point == Weights(3, 2))
    }

    @Test("a surface with no stationary point is reported as such")
    func noStationaryPoint() {
        struct Slope: LossSurface {
            func value(at w: Weights) -> Double { w.x + 2 * w.y }
            func gradient(at w: Weights) -> Weights { Weights(1, 2) }
            var minima: [Weights] { [] }
        }
        #expect(throws: StabilityError.noStationaryPoint(from: Weights(0, 0))) { try StabilityReport.analyse(Slope()) }
    }

    @Test("every built-in surface with a minimum has a critical learning rate there", arguments: BuiltinSurface.allCases)
    func everyBuiltin(_ builtin: BuiltinSurface) throws {
        let surface = builtin.surface()
        let report = try StabilityReport.analyse(surface, near: builtin.defaults.start)
        #expect(report.hessianSource == .exact)
        if surface.minima.isEmpty {
            #expect(report.criticalLearningRate == nil)
        } else {
            let ηcrit = try #require(report.criticalLearningRate, "\(builtin)")
            #expect(ηcrit > 0 && ηcrit.isFinite)
        }
    }
}
