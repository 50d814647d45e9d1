import LossmapCore
import Testing

/// Every built-in gradient must match central finite differences of its own value.
@Suite struct GradientTests {
    /// Central difference (f(w + h) − f(w − h)) / 2h with h scaled to the point, error O(h²).
    static func numericGradient(_ surface: some LossSurface, at w: Weights) -> Weights {
        let h1 = 1e-6 * max(1, abs(w.x)), h2 = 1e-6 * max(1, abs(w.y))
        let d1 = (surface.value(at: Weights(w.x + h1, w.y)) - surface.value(at: Weights(w.x - h1, w.y))) / (2 * h1)
        let d2 = (surface.value(at: Weights(w.x, w.y + h2)) - surface.value(at: Weights(w.x, w.y - h2))) / (2 * h2)
        return Weights(d1, d2)
    }

    static let probePoints: [Weights] = [
        Weights(-1.5, 2), Weights(0.3, -0.7), Weights(1.2, 1.1), Weights(-2.4, -1.3), Weights(3.1, 0.45), Weights(0.05, 0.9),
    ]

    @Test("every built-in gradient matches central finite differences", arguments: BuiltinSurface.allCases)
    func gradientMatchesFiniteDifferences(_ builtin: BuiltinSurface) {
        let surface = builtin.surface(condition: 7)
        for w in Self.probePoints {
            let exact = surface.gradient(at: w), numeric = Self.numericGradient(surface, at: w)
            let scale = max(1, exact.length)
            #expect(abs(exact.x - numeric.x) <= 1e-5 * scale, "\(builtin) ∂/∂w1 at \(w): \(exact.x) vs \(numeric.x)")
            #expect(abs(exact.y - numeric.y) <= 1e-5 * scale, "\(builtin) ∂/∂w2 at \(w): \(exact.y) vs \(numeric.y)")
        }
    }

    @Test("the gradient vanishes at every known minimum", arguments: BuiltinSurface.allCases)
    func gradientVanishesAtMinima(_ builtin: BuiltinSurface) {
        let surface = builtin.surface()
        for minimum in surface.minima {
            // Himmelblau's and the camel's minima are tabulated to ~6 decimals, hence 1e-3.
            #expect(surface.gradient(at: minimum).length < 1e-3, "\(builtin) at \(minimum)")
        }
    }

    @Test("known values: Rosenbrock at (-1.5, 2) is 12.5, Himmelblau at (3, 2) is 0, Booth at (0, 0) is 74")
    func handComputedValues() {
        // (1 + 1.5)² + 100(2 − 2.25)² = 6.25 + 6.25
        #expect(Rosenbrock().value(at: Weights(-1.5, 2)) == 12.5)
        #expect(Himmelblau().value(at: Weights(3, 2)) == 0)
        // (−7)² + (−5)² = 74
        #expect(Booth().value(at: Weights(0, 0)) == 74)
        #expect(Beale().value(at: Weights(3, 0.5)) == 0)
        #expect(Saddle().value(at: Weights(2, 3)) == -5)
        #expect(Quadratic(condition: 4).value(at: Weights(2, 1)) == 4)
        #expect(abs(SixHumpCamel().value(at: Weights(0.0898420, -0.7126564)) - (-1.0316285)) < 1e-6)
    }
}
