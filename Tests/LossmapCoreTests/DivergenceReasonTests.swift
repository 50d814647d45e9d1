import Foundation
import LossmapCore
import Testing

/// A run that meets a value that is not a number says which of two things happened: it
/// stepped where the loss is undefined, or the numbers overflowed.
@Suite struct DivergenceReasonTests {
    static func reason(_ t: Trajectory) -> DivergenceReason? {
        if case .diverged(_, let reason) = t.outcome { return reason }
        return nil
    }

    @Test("a step to w1 < 0 on 5(w1 + 1)² + log(w1) stops at once: the loss is undefined there")
    func logOfANegativeNumber() throws {
        // From w1 = 0.5 the gradient is 10·1.5 + 1/0.5 = 17; η = 0.1 steps to w1 = −1.2.
        let surface = try FormulaSurface(expression: "5*(w1 + 1)^2 + log(w1)")
        let t = Descent(learningRate: 0.1, start: Weights(0.5, 0)).run(on: surface)
        #expect(t.outcome == .diverged(step: 1, reason: .undefined))
        let escaped = try #require(t.escapedTo)
        #expect(abs(escaped.x + 1.2) < 1e-15 && escaped.y == 0)
        #expect(surface.value(at: escaped).isNaN)
    }

    @Test("a step to w2 < 0 on √w2 + w1² stops at once: the loss is undefined there")
    func rootOfANegativeNumber() throws {
        // The gradient along w2 is 1/(2√w2) = 0.5 at w2 = 1; η = 10 steps to w2 = −4.
        let surface = try FormulaSurface(expression: "sqrt(w2) + w1^2")
        let t = Descent(learningRate: 10, start: Weights(0, 1)).run(on: surface)
        #expect(t.outcome == .diverged(step: 1, reason: .undefined))
        #expect(t.escapedTo == Weights(0, -4))
    }

    @Test("a run that starts where the loss is undefined stops before its first step")
    func undefinedStart() throws {
        let t = Descent(learningRate: 0.1, start: Weights(-1, 0)).run(on: try FormulaSurface(expression: "log(w1)"))
        #expect(t.outcome == .diverged(step: 0, reason: .undefined))
    }

    @Test("a step to w1 = −216 on exp(w1²) overflows: the loss is e^46656")
    func exponentialOverflows() throws {
        // The gradient 2·w1·e^(w1²) is 4e⁴ ≈ 218.4 at w1 = 2; η = 1 steps to w1 ≈ −216.4.
        let surface = try FormulaSurface(expression: "exp(w1^2)")
        let t = Descent(learningRate: 1, start: Weights(2, 0)).run(on: surface)
        #expect(t.outcome == .diverged(step: 1, reason: .overflowed))
        #expect(surface.value(at: try #require(t.escapedTo)) == .infinity)
    }

    @Test("on w1² − w2², η = 1e300 overflows both squares and their difference is NaN: still overflow, not undefined")
    func overflowedTermsMeet() throws {
        // From (−1.5, 0.05) the step lands near (3e300, 1e299): w1² and w2² are both +∞, so
        // the loss is ∞ − ∞ = NaN although the formula is defined everywhere.
        for surface in [try FormulaSurface(expression: "w1^2 - w2^2") as any LossSurface, Saddle()] {
            let t = Descent(learningRate: 1e300, start: Weights(-1.5, 0.05)).run(on: surface)
            #expect(t.outcome == .diverged(step: 1, reason: .overflowed), "\(surface)")
            let escaped = try #require(t.escapedTo)
            #expect(escaped.isFinite && surface.value(at: escaped).isNaN, "the test must exercise a NaN at finite weights")
        }
    }

    @Test("a loss that grows over many steps until it overflows is reported as overflowed")
    func gradualOverflow() {
        let t = Descent(learningRate: 0.01, start: Weights(-1.5, 2), stopping: Stopping(lossGrowthLimit: .infinity)).run(on: Rosenbrock())
        #expect(Self.reason(t) == .overflowed, "\(t.outcome)")
    }
}
