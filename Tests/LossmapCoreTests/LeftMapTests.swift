import Foundation
import Testing
@testable import LossmapCore

/// A run that leaves the map while its loss keeps falling has gone off downhill, which is
/// not divergence; one that leaves while its loss grows has diverged.
@Suite struct LeftMapTests {
    /// The escape box of config/saddle-escape.toml: [−2, 2]² widened by three widths, [−14, 14]².
    static let saddleBox = Stopping.escapeBox(around: -2...2, -2...2)

    @Test("on the saddle w1² − w2², gradient descent from (−1.8, 0.02) leaves the map along w2 downhill, at the step the closed form says",
          arguments: [(0.05, 100, 69), (0.15, 40, 25), (0.3, 40, 14)])
    func saddleLeavesTheMap(_ η: Double, _ steps: Int, _ exitStep: Int) throws {
        // w2 grows by (1 + 2η) per step: it passes 14 at k = ⌈ln(14/0.02) / ln(1 + 2η)⌉, which
        // is 69, 25 and 14 for η = 0.05, 0.15 and 0.3; the loss w1² − w2² falls at every step.
        #expect(exitStep == Int((log(14 / 0.02) / log(1 + 2 * η)).rounded(.up)))
        let t = Descent(learningRate: η, start: Weights(-1.8, 0.02), stopping: Stopping(maxSteps: steps, escapeBox: Self.saddleBox))
            .run(on: Saddle())
        #expect(t.outcome == .leftMap(step: exitStep))
        #expect(!t.outcome.isDiverged)
        #expect(t.outcome.name == "left_map")
        #expect(t.outcome.phrase == "left the map at step \(exitStep), still descending")
        #expect(t.stepsTaken == exitStep && t.points.count == exitStep)
        #expect(try #require(t.escapedTo).y > 14)
        #expect(zip(t.losses, t.losses.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test("on the saddle η = 0.05 over 40 steps stays on the map and is still descending")
    func saddleStillOnTheMap() {
        // 0.02 · 1.1⁴⁰ ≈ 0.91: nowhere near the box.
        let t = Descent(learningRate: 0.05, start: Weights(-1.8, 0.02), stopping: Stopping(maxSteps: 40, escapeBox: Self.saddleBox))
            .run(on: Saddle())
        #expect(t.outcome == .descending)
    }

    @Test("on the bowl 5w1² + 10w2², η = 3·η_crit leaves the box uphill: diverged")
    func bowlAboveTheCriticalRate() throws {
        let bowl = Quadratic(curvatures: (10, 20))
        let η = 3 * (try #require(try StabilityReport.analyse(bowl).criticalLearningRate))
        #expect(abs(η - 0.3) < 1e-15)
        // w2 is multiplied by 1 − 0.3·20 = −5 per step: −5, then 25, outside [−14, 14].
        let boxed = Descent(learningRate: η, start: Weights(1, 1), stopping: Stopping(escapeBox: Self.saddleBox)).run(on: bowl)
        #expect(boxed.outcome == .diverged(step: 2, reason: .escaped))
        let unboxed = Descent(learningRate: η, start: Weights(1, 1)).run(on: bowl)
        if case .diverged(_, let reason) = unboxed.outcome { #expect(reason == .lossExploded) } else {
            Issue.record("expected diverged, got \(unboxed.outcome)")
        }
    }

    @Test("Rosenbrock with η = 0.0021 from (−1.5, 2), as in config/rosenbrock-step-sizes.toml, still diverges")
    func rosenbrockStillDiverges() {
        let stopping = Stopping(maxSteps: 500, escapeBox: Stopping.escapeBox(around: -2...2, -1...3))
        let t = Descent(learningRate: 0.0021, start: Weights(-1.5, 2), stopping: stopping).run(on: Rosenbrock())
        #expect(t.outcome.isDiverged, "\(t.outcome)")
    }

    @Test("leaving the box counts as downhill only below the start loss and after three falling steps in a row")
    func downhillRule() {
        #expect(Descent.downhillStepsToLeave == 3)
        #expect(Descent.leftDownhill(losses: [5, 4, 3, 2], exitLoss: 1))
        #expect(Descent.leftDownhill(losses: [5], exitLoss: 1))  // leaving on the first step, downhill
        // One downhill hop after a rise: a bounce, not a slide.
        #expect(!Descent.leftDownhill(losses: [5, 3, 4, 2], exitLoss: 1))
        // Falling, but still above the start loss.
        #expect(!Descent.leftDownhill(losses: [1, 9, 8, 7], exitLoss: 6))
        // Rising on the leaving step, or leaving into a region where the loss is undefined.
        #expect(!Descent.leftDownhill(losses: [5, 4, 3, 2], exitLoss: 2.5))
        #expect(!Descent.leftDownhill(losses: [5, 4, 3, 2], exitLoss: .nan))
    }
}
