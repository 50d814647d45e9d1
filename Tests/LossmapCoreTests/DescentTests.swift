import LossmapCore
import Testing

@Suite struct DescentTests {
    @Test("gradient descent on a quadratic follows the closed form: each eigen-direction shrinks by (1 − ηλ) per step")
    func quadraticClosedForm() {
        let κ = 8.0, η = 0.11
        let start = Weights(1.7, -0.9)
        let trajectory = Descent(learningRate: η, start: start, stopping: Stopping(maxSteps: 40)).run(on: Quadratic(condition: κ))
        #expect(trajectory.points.count == 41)
        for (k, p) in trajectory.points.enumerated() {
            let expected1 = start.x * pow(1 - η * 1, Double(k))
            let expected2 = start.y * pow(1 - η * κ, Double(k))
            #expect(abs(p.x - expected1) < 1e-12 * max(1, abs(expected1)))
            #expect(abs(p.y - expected2) < 1e-12 * max(1, abs(expected2)))
        }
    }

    @Test("a step above 2/λmax diverges and one below it converges")
    func criticalStep() {
        let κ = 10.0 // λmax = 10, critical η = 0.2
        let below = Descent(learningRate: 0.19, start: Weights(1, 1), stopping: Stopping(maxSteps: 5000, gradientTolerance: 1e-9))
            .run(on: Quadratic(condition: κ))
        guard case .converged = below.outcome else {
            Issue.record("expected converged, got \(below.outcome)")
            return
        }
        let above = Descent(learningRate: 0.21, start: Weights(1, 1),
                            stopping: Stopping(maxSteps: 100_000, escapeBox: (-100...100, -100...100)))
            .run(on: Quadratic(condition: κ))
        #expect(above.outcome.isDiverged)
        // |1 − 0.21·10| = 1.1 per step: from 1 the point passes 100 after ⌈ln 100 / ln 1.1⌉ = 49 steps.
        #expect(above.stepsTaken == 49)
        #expect(above.escapedTo.map { abs($0.y) > 100 } == true)
    }

    @Test("a run whose values overflow stops as diverged and keeps only finite points")
    func overflowDiverges() {
        let t = Descent(learningRate: 0.01, start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 500, lossGrowthLimit: .infinity))
            .run(on: Rosenbrock())
        guard case .diverged(let step, let reason) = t.outcome else {
            Issue.record("expected diverged, got \(t.outcome)")
            return
        }
        #expect(reason == .overflowed)
        #expect(step < 20)
        #expect(t.points.allSatisfy { $0.isFinite })
        #expect(t.losses.allSatisfy { $0.isFinite })
        #expect(t.points.count == step)
    }

    @Test("a tiny step that runs out of steps is still descending")
    func tinyStepDescends() {
        let t = Descent(learningRate: 1e-4, start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 50)).run(on: Rosenbrock())
        #expect(t.outcome == .descending)
        #expect(t.stepsTaken == 50)
        #expect(t.finalLoss < t.initialLoss)
    }

    @Test("a step that bounces between the valley walls without getting lower is oscillating")
    func oscillation() {
        // η = 2/λ exactly on w2 (λ = 10): w2 flips sign every step and never shrinks; w1 has
        // long converged, so the loss stays flat.
        let t = Descent(learningRate: 0.2, start: Weights(0, 1), stopping: Stopping(maxSteps: 60)).run(on: Quadratic(condition: 10))
        #expect(t.outcome == .oscillating)
    }

    @Test("momentum's first step equals a gradient step and the second adds β times it")
    func momentumSteps() {
        let q = Quadratic(condition: 1)
        let t = Descent(method: .momentum(beta: 0.5), learningRate: 0.1, start: Weights(1, 0), stopping: Stopping(maxSteps: 2)).run(on: q)
        // v1 = −0.1·1 = −0.1 → w = 0.9; v2 = 0.5·(−0.1) − 0.1·0.9 = −0.14 → w = 0.76
        #expect(abs(t.points[1].x - 0.9) < 1e-15)
        #expect(abs(t.points[2].x - 0.76) < 1e-15)
    }
}

import Foundation

@Suite struct StalledRunTests {
    @Test("a step too small to move the weights at all is still descending, not oscillating")
    func stalled() {
        let t = Descent(learningRate: 1e-20, start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 50)).run(on: Rosenbrock())
        #expect(t.outcome == .descending)
        #expect(t.finalPoint == Weights(-1.5, 2))
    }
}
