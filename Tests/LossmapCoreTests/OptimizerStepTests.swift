import Foundation
import LossmapCore
import Testing

/// Each method's first two steps against its published update rule, worked by hand on
/// L = w1² + 2w2² (gradient (2w1, 4w2)) from (1, 1) with η = 0.1. Non-default
/// hyperparameters make every constant's place in the formula visible (ε inside or outside
/// the root, bias correction or not).
@Suite struct OptimizerStepTests {
    static let surface = Quadratic(curvatures: (2, 4))
    static let η = 0.1

    static func firstTwoSteps(_ method: Method) -> (Weights, Weights) {
        let t = Descent(method: method, learningRate: η, start: Weights(1, 1), stopping: Stopping(maxSteps: 2)).run(on: surface)
        return (t.points[1], t.points[2])
    }

    static func expectClose(_ actual: Weights, _ expected: Weights, _ what: String) {
        #expect(abs(actual.x - expected.x) <= 1e-14 * max(1, abs(expected.x)), "\(what) w1: \(actual.x) vs \(expected.x)")
        #expect(abs(actual.y - expected.y) <= 1e-14 * max(1, abs(expected.y)), "\(what) w2: \(actual.y) vs \(expected.y)")
    }

    @Test("gradient descent's first two steps are w − η∇L")
    func gradientDescent() {
        let (w1, w2) = Self.firstTwoSteps(.gradientDescent)
        // g0 = (2, 4) → (0.8, 0.6); g1 = (1.6, 2.4) → (0.64, 0.36)
        Self.expectClose(w1, Weights(0.8, 0.6), "step 1")
        Self.expectClose(w2, Weights(0.64, 0.36), "step 2")
    }

    @Test("heavy-ball momentum's first two steps are v ← βv − η∇L(w), w ← w + v (Polyak 1964)")
    func heavyBall() {
        let (w1, w2) = Self.firstTwoSteps(.momentum(beta: 0.9))
        // v1 = −0.1·(2, 4) = (−0.2, −0.4) → (0.8, 0.6)
        // v2 = 0.9·(−0.2, −0.4) − 0.1·(1.6, 2.4) = (−0.34, −0.6) → (0.46, 0)
        Self.expectClose(w1, Weights(0.8, 0.6), "step 1")
        Self.expectClose(w2, Weights(0.46, 0), "step 2")
    }

    @Test("Nesterov's first two steps take the gradient at the look-ahead point w + μv (Sutskever et al. 2013)")
    func nesterov() {
        let (w1, w2) = Self.firstTwoSteps(.nesterov(beta: 0.9))
        // v0 = 0: look-ahead (1, 1), v1 = (−0.2, −0.4) → (0.8, 0.6)
        // look-ahead (0.8, 0.6) + 0.9·(−0.2, −0.4) = (0.62, 0.24), gradient (1.24, 0.96)
        // v2 = 0.9·(−0.2, −0.4) − 0.1·(1.24, 0.96) = (−0.304, −0.456) → (0.496, 0.144)
        Self.expectClose(w1, Weights(0.8, 0.6), "step 1")
        Self.expectClose(w2, Weights(0.496, 0.144), "step 2")
    }

    @Test("AdaGrad's first two steps divide by √(Σg²) + ε (Duchi et al. 2011)")
    func adagrad() {
        let ε = 0.5
        let (w1, w2) = Self.firstTwoSteps(.adagrad(epsilon: ε))
        // G1 = (4, 16): w1 = 1 − 0.1·2/(2 + 0.5) = 0.92, 1 − 0.1·4/(4 + 0.5)
        let a = 1 - 0.1 * 2 / (2 + ε), b = 1 - 0.1 * 4 / (4 + ε)
        Self.expectClose(w1, Weights(a, b), "step 1")
        // g1 = (2a, 4b), G2 = (4 + (2a)², 16 + (4b)²)
        let g1 = 2 * a, g2 = 4 * b
        Self.expectClose(w2, Weights(a - 0.1 * g1 / ((4 + g1 * g1).squareRoot() + ε),
                                     b - 0.1 * g2 / ((16 + g2 * g2).squareRoot() + ε)), "step 2")
    }

    @Test("RMSprop's first two steps divide by √E + ε with E ← ρE + (1 − ρ)g² (Tieleman & Hinton 2012)")
    func rmsprop() {
        let ρ = 0.5, ε = 0.25
        let (w1, w2) = Self.firstTwoSteps(.rmsprop(decay: ρ, epsilon: ε))
        // E1 = 0.5·(4, 16) = (2, 8)
        let a = 1 - 0.1 * 2 / (2.0.squareRoot() + ε), b = 1 - 0.1 * 4 / (8.0.squareRoot() + ε)
        Self.expectClose(w1, Weights(a, b), "step 1")
        // g1 = (2a, 4b), E2 = 0.5·E1 + 0.5·g1²
        let g1 = 2 * a, g2 = 4 * b
        let e1 = 0.5 * 2 + 0.5 * g1 * g1, e2 = 0.5 * 8 + 0.5 * g2 * g2
        Self.expectClose(w2, Weights(a - 0.1 * g1 / (e1.squareRoot() + ε), b - 0.1 * g2 / (e2.squareRoot() + ε)), "step 2")
    }

    @Test("Adam's first two steps use bias-corrected moments m̂/(√v̂ + ε) (Kingma & Ba 2015, Algorithm 1)")
    func adam() {
        let β1 = 0.5, β2 = 0.75, ε = 0.1
        let (w1, w2) = Self.firstTwoSteps(.adam(beta1: β1, beta2: β2, epsilon: ε))
        // m1 = 0.5·(2, 4) = (1, 2), v1 = 0.25·(4, 16) = (1, 4); m̂ = m1/0.5 = (2, 4), v̂ = v1/0.25 = (4, 16)
        let a = 1 - 0.1 * 2 / (2 + ε), b = 1 - 0.1 * 4 / (4 + ε)
        Self.expectClose(w1, Weights(a, b), "step 1")
        // g1 = (2a, 4b); m2 = 0.5·m1 + 0.5·g1, v2 = 0.75·v1 + 0.25·g1²; m̂ = m2/(1 − 0.25), v̂ = v2/(1 − 0.5625)
        let g1 = 2 * a, g2 = 4 * b
        let m1 = (0.5 * 1 + 0.5 * g1) / 0.75, m2 = (0.5 * 2 + 0.5 * g2) / 0.75
        let v1 = (0.75 * 1 + 0.25 * g1 * g1) / 0.4375, v2 = (0.75 * 4 + 0.25 * g2 * g2) / 0.4375
        Self.expectClose(w2, Weights(a - 0.1 * m1 / (v1.squareRoot() + ε), b - 0.1 * m2 / (v2.squareRoot() + ε)), "step 2")
    }

    @Test("Adam with the paper's defaults moves each weight by almost exactly η on its first step")
    func adamFirstStepIsEta() {
        let (w1, _) = Self.firstTwoSteps(Method(name: "adam")!)
        // m̂ = g, √v̂ = |g|: the step is η·g/(|g| + 1e-8) per component.
        Self.expectClose(w1, Weights(1 - 0.1 * 2 / (2 + 1e-8), 1 - 0.1 * 4 / (4 + 1e-8)), "step 1")
    }

    @Test("the adaptive methods take finite steps from a gradient whose square overflows")
    func hugeGradientDoesNotFreeze() {
        // L = 1e200·(w1 + 2w2): g = (1e200, 2e200), g² is infinite but √(g²) is not, so the
        // first step of every adaptive method is about η per component, as for any gradient.
        struct SteepPlane: LossSurface {
            func value(at w: Weights) -> Double { 1e200 * (w.x + 2 * w.y) }
            func gradient(at w: Weights) -> Weights { Weights(1e200, 2e200) }
            var minima: [Weights] { [] }
        }
        for method in [Method.adagrad(epsilon: 1e-8), .rmsprop(decay: 0.9, epsilon: 1e-8), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)] {
            let t = Descent(method: method, learningRate: 0.1, start: Weights(1, 1), stopping: Stopping(maxSteps: 1))
                .run(on: SteepPlane())
            #expect(t.points.count == 2, "\(method.name): \(t.outcome)")
            guard t.points.count == 2 else { continue }
            let moved = t.points[0] - t.points[1]
            let expected = method == .adagrad(epsilon: 1e-8) ? 0.1 : (method.name == "rmsprop" ? 0.1 / 0.1.squareRoot() : 0.1)
            #expect(abs(moved.x - expected) < 1e-9 && abs(moved.y - expected) < 1e-9, "\(method.name) moved \(moved)")
        }
    }
}
