import Foundation
import LossmapCore
import Testing

/// Central differences, the independent check of every exact derivative in these tests.
enum CentralDifferences {
    /// (f(w + h) − f(w − h)) / 2h per coordinate, h scaled to the point: error O(h²).
    static func gradient(_ surface: some LossSurface, at w: Weights, step: Double = 1e-6) -> Weights {
        let h1 = step * max(1, abs(w.x)), h2 = step * max(1, abs(w.y))
        let d1 = (surface.value(at: Weights(w.x + h1, w.y)) - surface.value(at: Weights(w.x - h1, w.y))) / (2 * h1)
        let d2 = (surface.value(at: Weights(w.x, w.y + h2)) - surface.value(at: Weights(w.x, w.y - h2))) / (2 * h2)
        return Weights(d1, d2)
    }

    /// Central differences of the exact gradient: checks the Hessian against the gradient,
    /// which is itself checked against the value.
    static func hessian(_ surface: some LossSurface, at w: Weights, step: Double = 1e-5) -> Hessian {
        let h1 = step * max(1, abs(w.x)), h2 = step * max(1, abs(w.y))
        let g1p = surface.gradient(at: Weights(w.x + h1, w.y)), g1m = surface.gradient(at: Weights(w.x - h1, w.y))
        let g2p = surface.gradient(at: Weights(w.x, w.y + h2)), g2m = surface.gradient(at: Weights(w.x, w.y - h2))
        let h12a = (g1p.y - g1m.y) / (2 * h1), h12b = (g2p.x - g2m.x) / (2 * h2)
        return Hessian(h11: (g1p.x - g1m.x) / (2 * h1), h12: (h12a + h12b) / 2, h22: (g2p.y - g2m.y) / (2 * h2))
    }

    /// Records a failure unless `exact` matches `numeric` to `tolerance` relative to max(1, |exact|).
    static func expectClose(_ exact: Double, _ numeric: Double, tolerance: Double, _ what: @autoclosure () -> String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let scale = max(1, abs(exact))
        #expect(abs(exact - numeric) <= tolerance * scale, "\(what()): exact \(exact), numeric \(numeric)",
                sourceLocation: sourceLocation)
    }

    /// Gradient vs differences of the value, Hessian vs differences of the gradient.
    static func expectExactDerivatives(_ surface: some LossSurface, at w: Weights, _ label: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        let g = surface.gradient(at: w), ng = gradient(surface, at: w)
        let gScale = max(1, g.length)
        expectClose(g.x, ng.x, tolerance: 1e-6 * gScale, "\(label) ∂/∂w1 at \(w)", sourceLocation: sourceLocation)
        expectClose(g.y, ng.y, tolerance: 1e-6 * gScale, "\(label) ∂/∂w2 at \(w)", sourceLocation: sourceLocation)
        guard let h = surface.hessian(at: w) else {
            Issue.record("\(label) has no exact Hessian", sourceLocation: sourceLocation)
            return
        }
        let nh = hessian(surface, at: w)
        let hScale = max(1, abs(h.h11), abs(h.h12), abs(h.h22))
        expectClose(h.h11, nh.h11, tolerance: 1e-5 * hScale, "\(label) ∂²/∂w1² at \(w)", sourceLocation: sourceLocation)
        expectClose(h.h12, nh.h12, tolerance: 1e-5 * hScale, "\(label) ∂²/∂w1∂w2 at \(w)", sourceLocation: sourceLocation)
        expectClose(h.h22, nh.h22, tolerance: 1e-5 * hScale, "\(label) ∂²/∂w2² at \(w)", sourceLocation: sourceLocation)
    }
}

@Suite struct FormulaDerivativeTests {
    /// Each formula exercises one function or operator (inside a chain, so the chain rule is
    /// exercised too); the points keep every formula smooth (w1 > 0, no ties in min/max, no
    /// kink of abs).
    static let formulas: [String] = [
        "w1 + 3*w2", "w1 - 2*w2", "w1 * w2^2", "w1 / (w2 + 3)", "(w1 - 2*w2)^3", "w1^w2", "2^(w1*w2)", "e^(w1 - w2)",
        "w1^0.5 * w2", "w1^-2 + w2", "-w1^2 * w2", "pi*w1 + e*w2",
        "sin(w1*w2)", "cos(w1 - 2*w2)", "tan(0.3*w1 + 0.2*w2)", "exp(w1 - w2^2)", "log(w1^2 + w2^2 + 1)",
        "sqrt(w1^2 + 2*w2^2 + 1)", "abs(w1 - 2*w2) * w2", "tanh(w1*w2 - 1)", "sigmoid(w1 - 3*w2)",
        "min(w1^2, w2) * w1", "max(w1*w2, w1 + w2)^2", "(1 - w1)^2 + 100*(w2 - w1^2)^2",
    ]
    static let points: [Weights] = [Weights(0.7, 1.3), Weights(1.9, 0.4), Weights(0.35, 2.2), Weights(3, 2)]

    @Test("every function and operator has an exact gradient and Hessian matching central differences", arguments: formulas)
    func derivativesMatchFiniteDifferences(_ expression: String) throws {
        let surface = try FormulaSurface(expression: expression)
        for w in Self.points {
            CentralDifferences.expectExactDerivatives(surface, at: w, expression)
        }
    }

    @Test("the Rosenbrock formula gives the closed-form value, gradient and Hessian")
    func rosenbrockClosedForm() throws {
        let f = try Formula("(1 - w1)^2 + 100*(w2 - w1^2)^2")
        for w in Self.points + [Weights(-1.5, 2), Weights(1, 1)] {
            let (x, y) = (w.x, w.y)
            let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
            #expect(abs(f.value(at: w) - value) <= 1e-14 * max(1, value))
            let g = f.gradient(at: w)
            #expect(abs(g.x - (-2 * (1 - x) - 400 * x * (y - x * x))) <= 1e-12 * max(1, abs(g.x)))
            #expect(abs(g.y - 200 * (y - x * x)) <= 1e-12 * max(1, abs(g.y)))
            let h = f.hessian(at: w)
            #expect(abs(h.h11 - (2 - 400 * y + 1200 * x * x)) <= 1e-12 * max(1, abs(h.h11)))
            #expect(abs(h.h12 - (-400 * x)) <= 1e-12 * max(1, abs(h.h12)))
            #expect(h.h22 == 200)
        }
    }

    @Test("a constant power of a negative base has finite derivatives: (w1 - 2)^3 at w1 = 0")
    func negativeBaseConstantPower() throws {
        let f = try Formula("(w1 - 2)^3 + w2^2")
        #expect(f.value(at: Weights(0, 1)) == -7)
        #expect(f.gradient(at: Weights(0, 1)) == Weights(12, 2))
        #expect(f.hessian(at: Weights(0, 1)) == Hessian(h11: -12, h12: 0, h22: 2))
    }

    @Test("undefined points give NaN or infinity, never a crash: log(-1), 1/0, sqrt(-1)")
    func undefinedPoints() throws {
        let log = try FormulaSurface(expression: "log(w1)")
        #expect(log.value(at: Weights(-1, 0)).isNaN)
        #expect(log.gradient(at: Weights(-1, 0)).x == -1) // 1/w1 is defined even where log is not
        #expect(log.value(at: Weights(0, 0)) == -.infinity)
        let quotient = try FormulaSurface(expression: "1 / w1 + w2")
        #expect(quotient.value(at: Weights(0, 1)) == .infinity)
        #expect(!quotient.gradient(at: Weights(0, 1)).isFinite)
        let root = try FormulaSurface(expression: "sqrt(w1 + w2)")
        #expect(root.value(at: Weights(-1, 0)).isNaN)
        #expect(root.hessian(at: Weights(-1, 0))!.h11.isNaN)
        #expect(try Formula("min(log(w1), 0)").value(at: Weights(-1, 0)).isNaN)
    }

    @Test("abs has derivative 0 at its kink and min passes the first argument's derivatives at a tie")
    func kinks() throws {
        #expect(try Formula("abs(w1)").gradient(at: Weights(0, 0)) == Weights(0, 0))
        #expect(try Formula("min(w1, w2)").gradient(at: Weights(1, 1)) == Weights(1, 0))
        #expect(try Formula("max(w1, 2*w2)").gradient(at: Weights(1, 3)) == Weights(0, 2))
    }
}
