import Foundation
import LossmapCore
import Testing

/// The exact Hessians of the built-in surfaces against central differences of their exact
/// gradients, and the eigenvalues against closed forms.
@Suite struct StabilityHessianTests {
    /// Plain central differences of the gradient, step h = 1e-5·max(1, |wⱼ|): error O(h²).
    static func numericHessian(_ surface: some LossSurface, at w: Weights) -> (Double, Double, Double, Double) {
        let h1 = 1e-5 * max(1, abs(w.x)), h2 = 1e-5 * max(1, abs(w.y))
        let c1 = (surface.gradient(at: Weights(w.x + h1, w.y)) - surface.gradient(at: Weights(w.x - h1, w.y))) / (2 * h1)
        let c2 = (surface.gradient(at: Weights(w.x, w.y + h2)) - surface.gradient(at: Weights(w.x, w.y - h2))) / (2 * h2)
        return (c1.x, c1.y, c2.x, c2.y)
    }

    static let probePoints: [Weights] = [
        Weights(-1.5, 2), Weights(0.3, -0.7), Weights(1.2, 1.1), Weights(-2.4, -1.3), Weights(3.1, 0.45), Weights(0.05, 0.9),
    ]

    @Test("every built-in exact Hessian matches central differences of its gradient", arguments: BuiltinSurface.allCases)
    func exactMatchesDifferences(_ builtin: BuiltinSurface) throws {
        let surface = builtin.surface(condition: 7)
        for w in Self.probePoints + surface.minima {
            let exact = try #require(surface.hessian(at: w), "\(builtin) has no exact Hessian")
            let (d11, d21, d12, d22) = Self.numericHessian(surface, at: w)
            let scale = max(1, abs(exact.h11), abs(exact.h12), abs(exact.h22))
            #expect(abs(exact.h11 - d11) <= 1e-6 * scale, "\(builtin) h11 at \(w): \(exact.h11) vs \(d11)")
            #expect(abs(exact.h12 - d21) <= 1e-6 * scale, "\(builtin) h12 at \(w): \(exact.h12) vs \(d21)")
            #expect(abs(exact.h12 - d12) <= 1e-6 * scale, "\(builtin) h21 at \(w): \(exact.h12) vs \(d12)")
            #expect(abs(exact.h22 - d22) <= 1e-6 * scale, "\(builtin) h22 at \(w): \(exact.h22) vs \(d22)")
        }
    }

    @Test("the extrapolated central-difference Hessian agrees with every exact one to 1e-9", arguments: BuiltinSurface.allCases)
    func extrapolatedDifferences(_ builtin: BuiltinSurface) throws {
        let surface = builtin.surface(condition: 7)
        for w in Self.probePoints + surface.minima {
            let exact = try #require(surface.hessian(at: w))
            let estimated = CentralDifferenceHessian.estimate(surface, at: w)
            let estimate = try #require(estimated)
            let scale = max(1, abs(exact.h11), abs(exact.h12), abs(exact.h22))
            for (a, b) in [(exact.h11, estimate.h11), (exact.h12, estimate.h12), (exact.h22, estimate.h22)] {
                #expect(abs(a - b) <= 1e-9 * scale, "\(builtin) at \(w): \(exact) vs \(estimate)")
            }
        }
    }

    @Test("Booth's Hessian [[10, 8], [8, 10]] has eigenvalues 2 and 18")
    func booth() {
        let e = Hessian(h11: 10, h12: 8, h22: 10).eigenvalues
        #expect(abs(e.smaller - 2) < 1e-14 && abs(e.larger - 18) < 1e-14)
    }

    @Test("eigenvalues of diagonal, negative and indefinite matrices come out sorted and exact")
    func eigenvalueCases() {
        #expect(Hessian(h11: 3, h12: 0, h22: -5).eigenvalues == (-5, 3))
        #expect(Hessian(h11: -1, h12: 0, h22: -4).eigenvalues == (-4, -1))
        #expect(Hessian(h11: 0, h12: 0, h22: 0).eigenvalues == (0, 0))
        // [[0, 1], [1, 0]] has eigenvalues ±1.
        let e = Hessian(h11: 0, h12: 1, h22: 0).eigenvalues
        #expect(abs(e.smaller + 1) < 1e-15 && abs(e.larger - 1) < 1e-15)
    }
}
