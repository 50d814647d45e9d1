import Foundation
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing

/// `[[explain]]` computed: a callout's numbers are its run's trajectory at step k, and on the
/// quadratic f = w1² + 10·w2² they are the closed forms of gradient descent on it.
@Suite("Explained steps")
struct StepExplanationTests {
    /// f = w1² + 10·w2², written as a formula: ∇f = (2w1, 20w2), H = diag(2, 20), λmax = 20,
    /// so gradient descent's η_crit = 2/20 = 0.1.
    static let bowl = try! FormulaSurface(expression: "w1^2 + 10*w2^2")
    static let start = Weights(-1.8, 1.0)

    func f(_ w: Weights) -> Double { w.x * w.x + 10 * w.y * w.y }
    func grad(_ w: Weights) -> Weights { Weights(2 * w.x, 20 * w.y) }

    func run(_ η: Double, _ method: Method = .gradientDescent, steps: Int = 40) -> RunSpec {
        RunSpec(method: method, learningRate: .absolute(η), start: Self.start, stopping: Stopping(maxSteps: steps))
    }

    func scene(_ runs: [RunSpec], explain: [ExplanationSpec]) throws -> Scene {
        let surface = SurfaceSpec(surface: Self.bowl, name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 24)
        var spec = FigureSpec(title: "", width: 800, height: 500, surface: surface, runs: runs)
        spec.explanations = explain
        return try Scene(spec)
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    func close(_ a: Weights, _ b: Weights, _ tolerance: Double = 1e-12) -> Bool {
        close(a.x, b.x, tolerance) && close(a.y, b.y, tolerance)
    }

    @Test("a gradient step's numbers are the trajectory's at k and k + 1, and gradient descent's closed form")
    func gradientStep() throws {
        let η = 0.04
        let scene = try scene([run(η)], explain: [ExplanationSpec(run: 0, step: 3)])
        let e = try #require(scene.explanations.first)
        let t = scene.runs[0].trajectory
        #expect(e.step == 3 && e.stoppedAt == nil)
        #expect(e.learningRate == η && e.method == .gradientDescent && e.isGradientStep)
        // Read straight from the path.
        #expect(e.point == t.points[3] && e.gradient == t.gradients[3] && e.next == t.points[4])
        #expect(e.lossBefore == t.losses[3] && e.lossAfter == t.losses[4])
        // By hand: each coordinate shrinks by (1 − ηλᵢ) per step, λ = 2 along w1, 20 along w2.
        let w3 = Weights(pow(1 - 2 * η, 3) * -1.8, pow(1 - 20 * η, 3) * 1.0)
        let w4 = Weights(pow(1 - 2 * η, 4) * -1.8, pow(1 - 20 * η, 4) * 1.0)
        #expect(close(e.point, w3), "\(e.point) vs \(w3)")
        #expect(close(e.gradient, grad(w3)))
        #expect(close(e.next, w4))
        #expect(close(e.next, e.point - η * grad(e.point)))
        #expect(close(e.lossBefore, f(w3)) && close(e.lossAfter, f(w4)))
        // The step taken is the gradient step, −η∇L.
        #expect(close(e.taken, e.gradientStep) && close(e.gradientStep, -η * grad(w3)))
        // No slice unless asked for.
        #expect(e.slice == nil)
    }

    @Test("explanations keep the config's order and each is its own run's")
    func severalRuns() throws {
        let scene = try scene([run(0.02), run(0.09)], explain: [ExplanationSpec(run: 1, step: 0), ExplanationSpec(run: 0, step: 5)])
        #expect(scene.explanations.map(\.spec.run) == [1, 0])
        #expect(scene.explanations.map(\.step) == [0, 5])
        #expect(scene.explanations[0].learningRate == 0.09 && scene.explanations[1].learningRate == 0.02)
        #expect(scene.explanations[0].point == Self.start)
        #expect(close(scene.explanations[0].next, Self.start - 0.09 * grad(Self.start)))
        #expect(scene.explanations[1].point == scene.runs[0].trajectory.points[5])
    }

    @Test("past where a diverged run stopped, its last step is explained, landing where it jumped to, with stoppedAt")
    func pastADivergence() throws {
        // η = 0.15 > η_crit = 0.1: w2 is multiplied by 1 − 3 = −2 per step and leaves the escape
        // box (the window widened by 3 spans: |w2| ≤ 10.5) at step 4, at w2 = 16.
        let η = 0.15
        let scene = try scene([run(η)], explain: [ExplanationSpec(run: 0, step: 30), ExplanationSpec(run: 0, step: 3),
                                                  ExplanationSpec(run: 0, step: 2)])
        let run = scene.runs[0]
        #expect(run.trajectory.points.count == 4 && run.lastStep == 4, "\(run.trajectory.outcome)")
        let escaped = Weights(pow(1 - 2 * η, 4) * -1.8, 16)
        #expect(close(try #require(run.trajectory.escapedTo), escaped))

        let past = scene.explanations[0]
        #expect(past.step == 3 && past.stoppedAt == 4)
        #expect(past.point == run.trajectory.points[3])
        #expect(close(past.next, escaped))
        #expect(close(past.lossAfter, f(escaped)) && past.lossAfter > past.lossBefore)
        // The last step asked for by its number is the same step, but not "stopped".
        let last = scene.explanations[1]
        #expect(last.step == 3 && last.stoppedAt == nil && last.next == past.next)
        // A step before the end lands on the next kept point.
        let inside = scene.explanations[2]
        #expect(inside.stoppedAt == nil && inside.next == run.trajectory.points[3])
    }

    @Test("a run that converged early explains its last step and says where it stopped")
    func pastConvergence() throws {
        // η = 0.5 on w1 (factor 0) and η·20 = 10 … too big on w2; start on the w1 axis so
        // only w1 moves: one step lands exactly on the minimum, and the run stops at step 1.
        let spec = RunSpec(learningRate: .absolute(0.5), start: Weights(-1.5, 0), stopping: Stopping(maxSteps: 40))
        let scene = try scene([spec], explain: [ExplanationSpec(run: 0, step: 7)])
        let e = try #require(scene.explanations.first)
        #expect(scene.runs[0].trajectory.points.count == 2)
        #expect(e.step == 0 && e.stoppedAt == 1)
        #expect(e.point == Weights(-1.5, 0) && e.next == Weights(0, 0) && e.lossAfter == 0)
    }

    @Test("a run with no step at all (started on the minimum) has no explanation")
    func noStep() throws {
        let spec = RunSpec(learningRate: .absolute(0.05), start: Weights(0, 0), stopping: Stopping(maxSteps: 40))
        let scene = try scene([spec, run(0.05)], explain: [ExplanationSpec(run: 0, step: 0), ExplanationSpec(run: 1, step: 0)])
        #expect(scene.explanations.map(\.spec.run) == [1])
    }

    @Test("for heavy-ball momentum the step taken is −η∇L only at step 0, then β times the last step plus it")
    func momentumStep() throws {
        let η = 0.02, β = 0.5
        let scene = try scene([run(η, .momentum(beta: β))],
                              explain: [ExplanationSpec(run: 0, step: 0), ExplanationSpec(run: 0, step: 2)])
        let t = scene.runs[0].trajectory
        let first = scene.explanations[0], third = scene.explanations[1]
        #expect(first.isGradientStep && close(first.taken, -η * grad(Self.start)))
        #expect(!third.isGradientStep)
        #expect(third.point == t.points[2] && third.next == t.points[3])
        // v ← βv − η∇L, w ← w + v: the step from w₂ is β(w₂ − w₁) − η∇L(w₂).
        let byHand = β * (t.points[2] - t.points[1]) - η * grad(t.points[2])
        #expect(close(third.taken, byHand, 1e-10))
        // … which is not the gradient step: they differ by β(w₂ − w₁), far from rounding.
        let difference = third.taken - third.gradientStep
        #expect(difference.length > 0.01)
        #expect(close(difference, β * (t.points[2] - t.points[1]), 1e-10))
    }

    @Test("Nesterov's and Adam's steps are not gradient steps after the first (Adam's not even then)")
    func otherMethods() throws {
        let scene = try scene([run(0.02, .nesterov(beta: 0.9)), run(0.05, .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))],
                              explain: [ExplanationSpec(run: 0, step: 0), ExplanationSpec(run: 0, step: 1), ExplanationSpec(run: 1, step: 0)])
        #expect(scene.explanations.map(\.isGradientStep) == [true, false, false])
        // Adam's first step is η·sign(g) per coordinate (bias-corrected m/√v = g/|g|), not −η∇L.
        let adam = scene.explanations[2]
        #expect(close(adam.taken, Weights(0.05, -0.05), 1e-6), "\(adam.taken)")
        #expect(!close(adam.taken, adam.gradientStep, 1e-3))
    }

    @Test("the slice of a quadratic step has its best step at gᵀg/gᵀHg and climbs back to the start at twice it")
    func sliceBestStep() throws {
        let scene = try scene([run(0.02), run(0.09), run(0.15)],
                              explain: [ExplanationSpec(run: 2, step: 0, slice: true), ExplanationSpec(run: 0, step: 1)])
        let e = scene.explanations[0]
        let slice = try #require(e.slice)
        #expect(scene.explanations[1].slice == nil)
        // At (−1.8, 1): g = (−3.6, 20), gᵀg = 412.96, gᵀHg = 2·12.96 + 20·400 = 8025.92.
        let g = grad(Self.start)
        let best = (g.x * g.x + g.y * g.y) / (2 * g.x * g.x + 20 * g.y * g.y)
        #expect(close(best, 412.96 / 8025.92, 1e-15))
        #expect(slice.start == e.point && close(slice.direction, -e.gradient, 0))
        #expect(close(try #require(slice.bestStep), best, 1e-9), "\(slice.bestStep ?? .nan) vs \(best)")
        #expect(close(try #require(slice.uphillFrom), 2 * best, 1e-9))
        // The line starts at the step's own loss and η = 0.15 > 2t* lands higher: overshoot.
        #expect(slice.startLoss == e.lossBefore)
        #expect(e.lossAfter > e.lossBefore)
    }

    @Test("the slice reaches past every run's η, whatever the rates", arguments: [[0.02, 0.09, 0.15], [0.001, 0.002], [0.05], [0.3, 0.01]])
    func sliceReach(_ rates: [Double]) throws {
        let scene = try scene(rates.map { run($0, steps: 5) }, explain: [ExplanationSpec(run: 0, step: 0, slice: true)])
        let slice = try #require(scene.explanations.first?.slice)
        let reach = try #require(slice.ts.last)
        #expect(reach > rates.max()!, "reach \(reach) for rates \(rates)")
        #expect(slice.ts.first == 0)
        // Each run's landing point is on the sampled line: f(w + η·d) is what the step reaches.
        for η in rates {
            #expect(close(Self.bowl.value(at: slice.start + η * slice.direction), f(Self.start - η * grad(Self.start))))
        }
    }

    @Test("the slice's best step is the line's best even when every η is far below it")
    func sliceBestStepWithTinyRates() throws {
        let scene = try scene([run(0.001, steps: 5), run(0.002, steps: 5)], explain: [ExplanationSpec(run: 0, step: 0, slice: true)])
        let slice = try #require(scene.explanations.first?.slice)
        let g = grad(Self.start)
        let best = (g.x * g.x + g.y * g.y) / (2 * g.x * g.x + 20 * g.y * g.y)  // 0.0515
        #expect(close(slice.bestStep ?? .nan, best, 1e-6), "best \(slice.bestStep ?? .nan), reach \(slice.ts.last ?? .nan), t* = \(best)")
    }
}
