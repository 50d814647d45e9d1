import Foundation
import LossmapCore
import Testing

/// The per-step factors against hand values, the explicit eigenvalues of each method's 2×2
/// iteration matrix, the stability bounds, and real runs.
@Suite struct ConvergenceFactorTests {
    /// The eigenvalues of [[m11, m12], [m21, m22]] by the schoolbook quadratic formula on its
    /// trace and determinant, as complex numbers (re, im), each checked to make det(M − zI)
    /// vanish; returns the larger modulus.
    static func explicitRadius(_ m11: Double, _ m12: Double, _ m21: Double, _ m22: Double,
                               sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        let trace = m11 + m22, det = m11 * m22 - m12 * m21
        let disc = trace * trace - 4 * det
        let roots: [(re: Double, im: Double)] = disc >= 0
            ? [((trace + disc.squareRoot()) / 2, 0), ((trace - disc.squareRoot()) / 2, 0)]
            : [(trace / 2, (-disc).squareRoot() / 2), (trace / 2, -(-disc).squareRoot() / 2)]
        let scale = max(1, abs(m11), abs(m12), abs(m21), abs(m22))
        for z in roots {
            // det(M − zI) = (m11 − z)(m22 − z) − m12·m21, in complex arithmetic.
            let a = (re: m11 - z.re, im: -z.im), b = (re: m22 - z.re, im: -z.im)
            let re = a.re * b.re - a.im * b.im - m12 * m21, im = a.re * b.im + a.im * b.re
            #expect(hypot(re, im) < 1e-12 * scale * scale, "root \(z) of \([m11, m12, m21, m22])", sourceLocation: sourceLocation)
        }
        return roots.map { hypot($0.re, $0.im) }.max()!
    }

    @Test("gradient descent's factor is |1 − ηλ|: 0.9, 0, 1, 2 at hand-picked rates, 2 on a saddle direction")
    func gradientDescentValues() {
        #expect(abs(ConvergenceFactor.gradientDescent(rate: 0.01, eigenvalue: 10) - 0.9) < 1e-15)
        // Rates that are exact in binary, so ηλ is exactly 1, 2 and 3.
        #expect(ConvergenceFactor.gradientDescent(rate: 0.0625, eigenvalue: 16) == 0)
        #expect(ConvergenceFactor.gradientDescent(rate: 0.125, eigenvalue: 16) == 1)
        #expect(ConvergenceFactor.gradientDescent(rate: 0.1875, eigenvalue: 16) == 2)
        // 0.05 is not: 1 − 0.05·20 is the rounding of 0.05, 2⁻⁵⁴, formed with one rounding.
        #expect(ConvergenceFactor.gradientDescent(rate: 0.05, eigenvalue: 20) < 1e-16)
        #expect(ConvergenceFactor.gradientDescent(rate: 0.1, eigenvalue: -10) == 2)  // a saddle direction grows
        #expect(ConvergenceFactor.gradientDescent(rate: 0, eigenvalue: 7) == 1)
    }

    @Test("gradient descent sits on ρ = 1 at η = 2/λmax, below it just under and above it just over")
    func gradientDescentBoundary() throws {
        for (λmin, λmax) in [(1.0, 10.0), (400 / (501 + 250_601.0.squareRoot()), 501 + 250_601.0.squareRoot()), (3.0, 3.0)] {
            let η = 2 / λmax
            let ρ = try #require(ConvergenceFactor.spectralRadius(of: .gradientDescent, rate: η, eigenvalues: (λmin, λmax)))
            #expect(abs(ρ - 1) < 1e-15, "λmax = \(λmax): \(ρ)")
            #expect(ConvergenceFactor.spectralRadius(of: .gradientDescent, rate: 0.999 * η, eigenvalues: (λmin, λmax))! < 1)
            #expect(ConvergenceFactor.spectralRadius(of: .gradientDescent, rate: 1.001 * η, eigenvalues: (λmin, λmax))! > 1)
        }
    }

    @Test("heavy ball's factor is the spectral radius of [[1 + β − ηλ, −β], [1, 0]] in every regime")
    func heavyBallMatchesMatrix() {
        for β in [0.0, 0.1, 0.3, 0.5, 0.9, 0.99] {
            for a in [-0.5, 0.001, 0.01, 0.05, 0.2, 0.5, 1, 1.5, 2, 2.5, 2.9, 3.5, 3.9, 5, 40] {
                let (η, λ) = (a / 8, 8.0)
                let t = 1 + β - a
                if abs(t * t - 4 * β) < 1e-6 { continue }  // near critical damping: tested exactly below
                let expected = Self.explicitRadius(1 + β - η * λ, -β, 1, 0)
                let ρ = ConvergenceFactor.heavyBall(rate: η, momentum: β, eigenvalue: λ)
                #expect(abs(ρ - expected) <= 1e-12 * max(1, expected), "β = \(β), ηλ = \(a): \(ρ) vs \(expected)")
                // Complex roots (t² < 4β) spiral in at exactly √β, whatever the rate.
                if t * t < 4 * β { #expect(abs(ρ - β.squareRoot()) < 1e-15, "β = \(β), ηλ = \(a)") }
            }
        }
    }

    @Test("at critical damping, ηλ = (1 ∓ √β)², the double root is ±√β exactly")
    func criticallyDamped() {
        // β = 1/4: ηλ = 1/4 gives z² − z + 1/4 = (z − 1/2)², ηλ = 9/4 gives (z + 1/2)².
        #expect(ConvergenceFactor.heavyBall(rate: 0.25, momentum: 0.25, eigenvalue: 1) == 0.5)
        #expect(ConvergenceFactor.heavyBall(rate: 2.25, momentum: 0.25, eigenvalue: 1) == 0.5)
        #expect(ConvergenceFactor.heavyBall(rate: 0.0625, momentum: 0.25, eigenvalue: 4) == 0.5)
        // Irrational √β: the discriminant is a rounding error, whose square root is ~1e-8.
        for β in [0.5, 0.81, 0.9] {
            let a = (1 - β.squareRoot()) * (1 - β.squareRoot())
            let ρ = ConvergenceFactor.heavyBall(rate: a, momentum: β, eigenvalue: 1)
            #expect(abs(ρ - β.squareRoot()) < 1e-7, "β = \(β): \(ρ)")
            // Just past it into the real regime the factor rises above √β.
            #expect(ConvergenceFactor.heavyBall(rate: a * 0.99, momentum: β, eigenvalue: 1) > β.squareRoot())
        }
    }

    @Test("next to critical damping the discriminant keeps the digits that rounding t² would lose")
    func nearlyCriticalDiscriminant() {
        // z² − (1 + 2⁻³⁰)z + (1/4 + 2⁻³¹) = (z − 1/2 − 2⁻³⁰)(z − 1/2): t² − 4c is exactly 2⁻⁶⁰,
        // which t² rounded to 53 bits drops (it would give a double root 1/2 + 2⁻³¹).
        let ρ = ConvergenceFactor.largestRootModulus(trace: 1 + 0x1p-30, determinant: 0.25 + 0x1p-31)
        #expect(ρ == 0.5 + 0x1p-30)
    }

    @Test("heavy ball's factor is below 1 exactly when 0 < η < 2(1 + β)/λ, and 1 on the boundary")
    func heavyBallStabilityBound() {
        let λ = 7.0
        for β in [0.0, 0.3, 0.5, 0.9, 0.99] {
            let critical = 2 * (1 + β) / λ
            // 1 up to the rounding of the rate itself, which the factor's slope there, ~1/(1 − β),
            // magnifies.
            #expect(abs(ConvergenceFactor.heavyBall(rate: critical, momentum: β, eigenvalue: λ) - 1) < 1e-12, "β = \(β)")
            for i in 1...400 {
                let η = critical * Double(i) / 200  // up to twice the bound
                if abs(η / critical - 1) < 1e-9 { continue }
                let ρ = ConvergenceFactor.heavyBall(rate: η, momentum: β, eigenvalue: λ)
                #expect((ρ < 1) == (η < critical), "β = \(β), η = \(η): ρ = \(ρ)")
            }
        }
    }

    @Test("with β = 0 heavy ball is gradient descent")
    func heavyBallWithoutMomentum() {
        for a in [0.01, 0.5, 1, 1.7, 2, 2.4, -1] {
            let gd = ConvergenceFactor.gradientDescent(rate: a, eigenvalue: 1)
            #expect(abs(ConvergenceFactor.heavyBall(rate: a, momentum: 0, eigenvalue: 1) - gd) < 1e-15, "ηλ = \(a)")
        }
    }

    @Test("a real momentum run shrinks by the factor per step: overdamped and alternating")
    func heavyBallMatchesRun() {
        // β = 0.5: ηλ = 0.05 has real roots 0.885 and 0.565; ηλ = 2.95 their negatives.
        for (β, a) in [(0.5, 0.05), (0.5, 2.95), (0.2, 0.1)] {
            var rule = MomentumRule(momentum: β)
            var w = Weights(1, 0), previous = w
            for step in 1...300 {
                previous = w
                w = rule.step(from: w, gradient: Weights(a * w.x, 0), learningRate: 1, step: step)
            }
            let ρ = ConvergenceFactor.heavyBall(rate: a, momentum: β, eigenvalue: 1)
            #expect(abs(abs(w.x / previous.x) - ρ) < 1e-9, "β = \(β), ηλ = \(a): \(abs(w.x / previous.x)) vs \(ρ)")
        }
    }

    @Test("Nesterov's factor is the spectral radius of its (w, v) iteration, below 1 while ηλ < 2(1 + μ)/(1 + 2μ)")
    func nesterov() {
        for μ in [0.0, 0.5, 0.9] {
            let bound = 2 * (1 + μ) / (1 + 2 * μ)
            for i in 1...300 {
                let a = bound * Double(i) / 150
                // v ← μv − a(w + μv), w ← w + v: [[1 − a, μ(1 − a)], [−a, μ(1 − a)]] on (w, v).
                let ρ = ConvergenceFactor.nesterov(rate: a, momentum: μ, eigenvalue: 1)
                let t = (1 - a) * (1 + μ), c = (1 - a) * μ
                if abs(t * t - 4 * c) > 1e-6 {
                    let expected = Self.explicitRadius(1 - a, μ * (1 - a), -a, μ * (1 - a))
                    #expect(abs(ρ - expected) <= 1e-12 * max(1, expected), "μ = \(μ), ηλ = \(a)")
                }
                if abs(a / bound - 1) > 1e-9 { #expect((ρ < 1) == (a < bound), "μ = \(μ), ηλ = \(a): \(ρ)") }
            }
        }
    }

    @Test("the whole run's factor is the larger direction's, and the adaptive methods have none")
    func spectralRadius() throws {
        let eigenvalues = (smaller: 1.0, larger: 10.0)
        for method in [Method.gradientDescent, .momentum(beta: 0.9), .nesterov(beta: 0.5)] {
            for η in [0.01, 0.1, 0.19, 0.3] {
                let small = try #require(ConvergenceFactor.perDirection(of: method, rate: η, eigenvalue: 1))
                let large = try #require(ConvergenceFactor.perDirection(of: method, rate: η, eigenvalue: 10))
                #expect(ConvergenceFactor.spectralRadius(of: method, rate: η, eigenvalues: eigenvalues) == max(small, large))
            }
        }
        #expect(ConvergenceFactor.perDirection(of: .momentum(beta: 0.9), rate: 0.1, eigenvalue: 3)
                == ConvergenceFactor.heavyBall(rate: 0.1, momentum: 0.9, eigenvalue: 3))
        for name in ["adagrad", "rmsprop", "adam"] {
            #expect(ConvergenceFactor.spectralRadius(of: Method(name: name)!, rate: 0.1, eigenvalues: eigenvalues) == nil)
            #expect(ConvergenceFactor.perDirection(of: Method(name: name)!, rate: 0.1, eigenvalue: 1) == nil)
        }
    }

    @Test("huge and tiny coefficients neither overflow nor lose the root")
    func extremeCoefficients() {
        #expect(abs(ConvergenceFactor.largestRootModulus(trace: 1e200, determinant: 1) / 1e200 - 1) < 1e-15)
        #expect(abs(ConvergenceFactor.largestRootModulus(trace: 0, determinant: 1e300) / 1e150 - 1) < 1e-15)
        // z² + 3e-150·z + 2e-300 = (z + 1e-150)(z + 2e-150).
        #expect(abs(ConvergenceFactor.largestRootModulus(trace: -3e-150, determinant: 2e-300) / 2e-150 - 1) < 1e-15)
        #expect(ConvergenceFactor.largestRootModulus(trace: 0, determinant: 0) == 0)
        #expect(ConvergenceFactor.heavyBall(rate: 1e300, momentum: 0.9, eigenvalue: 1e10) == .infinity)
        #expect(ConvergenceFactor.heavyBall(rate: .nan, momentum: 0.9, eigenvalue: 1).isNaN)
    }
}
