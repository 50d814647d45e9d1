import Foundation
import LossmapCore
import Testing

/// How runs end: exactly one of converged, descending, oscillating, diverged, and each when
/// the issue says so.
@Suite struct OptimizerOutcomeTests {
    /// 5w1² + 10w2²: Hessian diag(10, 20), λmax = 20, η_crit = 0.1.
    static let bowl = Quadratic(curvatures: (10, 20))

    @Test("on 5w1² + 10w2², η = 0.099 over 2,000 steps converges and η = 0.101 diverges")
    func criticalRateOfTheBowl() {
        #expect(Self.bowl.value(at: Weights(1, 1)) == 15)
        let below = Descent(learningRate: 0.099, start: Weights(1, 1), stopping: Stopping(maxSteps: 2000)).run(on: Self.bowl)
        guard case .converged(let step) = below.outcome else {
            Issue.record("η = 0.099: expected converged, got \(below.outcome)")
            return
        }
        // w2 shrinks by |1 − 0.099·20| = 0.98 per step: ‖g‖ = 20·0.98ᵏ < 1e-8 from k ≈ 1,063.
        #expect(step > 1000 && step < 1100)
        let above = Descent(learningRate: 0.101, start: Weights(1, 1), stopping: Stopping(maxSteps: 2000)).run(on: Self.bowl)
        #expect(above.outcome.isDiverged, "η = 0.101: got \(above.outcome)")
        #expect(above.points.allSatisfy { $0.isFinite })
    }

    @Test("learning rates 1000 and 1e300 on Rosenbrock diverge within a few steps and keep only finite points",
          arguments: [1000.0, 1e300])
    func hugeRatesOnRosenbrock(_ η: Double) {
        for stopping in [Stopping(maxSteps: 1_000_000), Stopping(maxSteps: 1_000_000, lossGrowthLimit: .infinity),
                         Stopping(maxSteps: 1_000_000, escapeBox: Stopping.escapeBox(around: -2...2, -1...3))] {
            let t = Descent(learningRate: η, start: Weights(-1.5, 2), stopping: stopping).run(on: Rosenbrock())
            guard case .diverged(let step, _) = t.outcome else {
                Issue.record("η = \(η): expected diverged, got \(t.outcome)")
                continue
            }
            #expect(step <= 10, "η = \(η) took \(step) steps to diverge")
            #expect(t.points.allSatisfy { $0.isFinite } && t.losses.allSatisfy { $0.isFinite })
            #expect(t.points.count == step)
        }
    }

    /// Every way a run can end, checked for the bookkeeping a figure relies on.
    static func expectConsistent(_ t: Trajectory, maxSteps: Int, _ what: String) {
        #expect(t.points.allSatisfy { $0.isFinite }, "\(what): non-finite point")
        #expect(t.losses.allSatisfy { $0.isFinite }, "\(what): non-finite loss")
        #expect(t.points.count == t.losses.count, "\(what)")
        #expect(t.stepsTaken <= maxSteps, "\(what)")
        switch t.outcome {
        case .converged(let step): #expect(t.points.count == step + 1, "\(what)")
        case .descending, .oscillating: #expect(t.points.count == maxSteps + 1, "\(what)")
        case .diverged(let step, _), .leftMap(let step): #expect(step >= 1 && t.points.count == step, "\(what)")
        case .recorded: Issue.record("\(what): a descent ended as recorded, an outcome only a recorded path has")
        }
    }

    @Test("every method runs on every built-in surface at every rate without a crash, up to overflow",
          arguments: Method.names, BuiltinSurface.allCases)
    func everyMethodEverySurface(_ name: String, _ builtin: BuiltinSurface) {
        let surface = builtin.surface()
        let defaults = builtin.defaults
        let starts = [defaults.start, Weights(defaults.w1.upperBound, defaults.w2.lowerBound)]
        // Without a growth limit or a box, a large step runs on until the values overflow.
        let stoppings = [Stopping(maxSteps: 300), Stopping(maxSteps: 300, lossGrowthLimit: .infinity)]
        for η in [1e-4, 1e-2, 0.5, 1e3, 1e300] {
            for start in starts {
                for stopping in stoppings {
                    let t = Descent(method: Method(name: name)!, learningRate: η, start: start, stopping: stopping).run(on: surface)
                    Self.expectConsistent(t, maxSteps: 300, "\(name) on \(builtin.rawValue), η = \(η), start \(start)")
                }
            }
        }
    }

    @Test("every method that steps into a region where the loss is undefined stops there as diverged, the loss undefined", arguments: Method.names)
    func undefinedRegion(_ name: String) {
        // L = w1² + w2² + √(2 + w1) is NaN for w1 < −2; every method's first step with η = 10
        // from (1, −1) goes at least 10 to the left, into it.
        struct Cliff: LossSurface {
            func value(at w: Weights) -> Double { w.x * w.x + w.y * w.y + (2 + w.x).squareRoot() }
            func gradient(at w: Weights) -> Weights { Weights(2 * w.x + 0.5 / (2 + w.x).squareRoot(), 2 * w.y) }
            var minima: [Weights] { [] }
        }
        let t = Descent(method: Method(name: name)!, learningRate: 10, start: Weights(1, -1), stopping: Stopping(maxSteps: 100))
            .run(on: Cliff())
        Self.expectConsistent(t, maxSteps: 100, name)
        #expect(t.outcome.isDiverged, "\(name): \(t.outcome)")
        if case .diverged(_, let reason) = t.outcome { #expect(reason == .undefined, "\(name)") }
    }

    @Test("a run that reaches the minimum on its very last step has converged")
    func convergedOnTheLastStep() {
        // η = 1/λ on ½(w1² + w2²) lands on the minimum in one step.
        let t = Descent(learningRate: 1, start: Weights(0.3, -0.4), stopping: Stopping(maxSteps: 1)).run(on: Quadratic(condition: 1))
        #expect(t.outcome == .converged(step: 1))
    }

    @Test("a zig-zag that still gets lower is descending, one that grows without yet exploding is oscillating")
    func zigZags() {
        // On ½(w1² + 10w2²) from (0, 1), w2 is multiplied by 1 − 10η per step.
        let shrinking = Descent(learningRate: 0.19, start: Weights(0, 1), stopping: Stopping(maxSteps: 30)).run(on: Quadratic(condition: 10))
        #expect(shrinking.outcome == .descending)  // factor −0.9
        let growing = Descent(learningRate: 0.201, start: Weights(0, 1), stopping: Stopping(maxSteps: 60)).run(on: Quadratic(condition: 10))
        #expect(growing.outcome == .oscillating)  // factor −1.01: the loss grows 1.01¹²⁰ ≈ 3.3-fold
    }

    @Test("the loss-change tolerance stops a run once a step changes the loss by less than that fraction")
    func lossChangeTolerance() {
        let stopping = Stopping(maxSteps: 1000, gradientTolerance: 0, lossChangeTolerance: 1e-6)
        let t = Descent(learningRate: 0.1, start: Weights(1, 1), stopping: stopping).run(on: Quadratic(condition: 2))
        guard case .converged(let step) = t.outcome else {
            Issue.record("expected converged, got \(t.outcome)")
            return
        }
        let change = { (k: Int) in abs(t.losses[k] - t.losses[k - 1]) / max(abs(t.losses[k]), abs(t.losses[k - 1]), 1) }
        #expect(change(step) <= 1e-6)
        #expect(change(step - 1) > 1e-6)
        // Off by default: the same run then goes on until the gradient is negligible.
        let byGradient = Descent(learningRate: 0.1, start: Weights(1, 1), stopping: Stopping(maxSteps: 1000)).run(on: Quadratic(condition: 2))
        guard case .converged(let later) = byGradient.outcome else {
            Issue.record("expected converged, got \(byGradient.outcome)")
            return
        }
        #expect(later > step)
    }

    @Test("a run sliding down a saddle without bound diverges once the loss's magnitude explodes")
    func saddleRunsAway() {
        let t = Descent(learningRate: 0.1, start: Weights(-1.5, 0.05), stopping: Stopping(maxSteps: 100_000)).run(on: Saddle())
        #expect(t.outcome.isDiverged)
        if case .diverged(_, let reason) = t.outcome { #expect(reason == .lossExploded) }
        #expect(t.finalLoss < 0)
    }
}
