import Foundation
import LossmapCore
import Testing

/// Beyond a constant step: schedules against their closed forms, line searches against their
/// conditions, Newton's method in one step, and seeded gradient noise.
@Suite("Step sizes: schedules, line search, Newton, noise")
struct StepSizeTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    @Test("each schedule's η_t equals its closed form at hand-picked steps")
    func scheduleClosedForms() {
        let η = 0.8
        let step = LearningRateSchedule(.step(every: 3, factor: 0.5))
        #expect((1...7).map { step.rate(at: $0, base: η) } == [0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2])
        let exponential = LearningRateSchedule(.exponential(factor: 0.9))
        for t in 1...20 { #expect(close(exponential.rate(at: t, base: η), η * pow(0.9, Double(t - 1)))) }
        let inverse = LearningRateSchedule(.inverseTime(decay: 0.1))
        #expect(close(inverse.rate(at: 1, base: η), 0.8) && close(inverse.rate(at: 11, base: η), 0.4))
        // Cosine over T = 10 from 1 to 0.01: halfway (t = 6) at the mean, the end from t = 11 on.
        let cosine = LearningRateSchedule(.cosine(steps: 10, finalRate: 0.01))
        #expect(close(cosine.rate(at: 1, base: 1), 1))
        #expect(close(cosine.rate(at: 6, base: 1), 0.505))
        #expect(close(cosine.rate(at: 11, base: 1), 0.01) && cosine.rate(at: 500, base: 1) == 0.01)
        let pieces = LearningRateSchedule(.pieces([(1, 0.1), (5, 0.01)]))
        #expect((1...6).map { pieces.rate(at: $0, base: 123) } == [0.1, 0.1, 0.1, 0.1, 0.01, 0.01])
    }

    @Test("warm-up climbs linearly to the schedule's first η, then the schedule starts at its own step 1")
    func warmup() {
        let constant = LearningRateSchedule(.constant, warmup: 4)
        #expect((1...6).map { constant.rate(at: $0, base: 0.8) } == [0.2, 0.4, 0.6000000000000001, 0.8, 0.8, 0.8])
        let step = LearningRateSchedule(.step(every: 2, factor: 0.5), warmup: 2)
        #expect((1...6).map { step.rate(at: $0, base: 1) } == [0.5, 1, 1, 1, 0.5, 0.5])
        #expect(!constant.isConstant && LearningRateSchedule.constant.isConstant)
    }

    @Test("scaling multiplies a schedule's own rates (cosine's end, the pieces) and nothing else")
    func scaling() {
        #expect(LearningRateSchedule(.cosine(steps: 5, finalRate: 0.1)).scaled(by: 3).form == .cosine(steps: 5, finalRate: 0.30000000000000004))
        #expect(LearningRateSchedule(.pieces([(1, 0.5)])).scaled(by: 2).form == .pieces([(1, 1.0)]))
        #expect(LearningRateSchedule(.exponential(factor: 0.9)).scaled(by: 7).form == .exponential(factor: 0.9))
    }

    @Test("a scheduled descent records η_t and steps w − η_t∇L")
    func scheduledDescent() {
        let surface = Quadratic(curvatures: (1, 10))
        let schedule = LearningRateSchedule(.exponential(factor: 0.5))
        let run = Descent(learningRate: 0.1, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 5), schedule: schedule).run(on: surface)
        let lengths = try! #require(run.stepLengths)
        #expect(lengths == [0.1, 0.05, 0.025, 0.0125, 0.00625])
        for k in 0..<5 {
            let expected = run.points[k] - lengths[k] * surface.gradient(at: run.points[k])
            #expect(run.points[k + 1] == expected, "step \(k + 1)")
        }
        // A constant η records none.
        #expect(Descent(learningRate: 0.1, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 5)).run(on: surface).stepLengths == nil)
    }

    @Test("every Armijo step satisfies sufficient decrease and is the first trial shrunk a whole number of times")
    func armijo() throws {
        let surface = Rosenbrock()
        let c = 1e-4, shrink = 0.5, η = 0.01
        let run = Descent(learningRate: η, start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 300),
                          lineSearch: .armijo(c: c, shrink: shrink)).run(on: surface)
        let lengths = try #require(run.stepLengths)
        #expect(lengths.count == run.points.count - 1)
        var shrunk = 0
        for k in 0..<lengths.count {
            let t = lengths[k], g = run.gradients[k]
            #expect(run.losses[k + 1] <= run.losses[k] - c * t * (g * g).sum(), "step \(k + 1): t = \(t)")
            let j = log(η / t) / log(1 / shrink)
            #expect(abs(j - j.rounded()) < 1e-9 && j >= -1e-9, "step \(k + 1): t = \(t) is not η·0.5^j")
            if t < η { shrunk += 1 }
        }
        // On Rosenbrock η = 0.01 is far too long at first: the search must have shortened it.
        #expect(shrunk > 0)
        // Without backtracking the same first trial diverges.
        #expect(Descent(learningRate: η, start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 300)).run(on: surface).outcome.isDiverged)
    }

    @Test("exact line search on a quadratic takes gᵀg / gᵀHg at every step")
    func exactOnAQuadratic() throws {
        let surface = Quadratic(curvatures: (1, 10))
        let run = Descent(learningRate: 0.01, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 12), lineSearch: .exact).run(on: surface)
        let lengths = try #require(run.stepLengths)
        let h = Hessian(h11: 1, h12: 0, h22: 10)
        for k in 0..<lengths.count {
            let best = try #require(LineSlice.quadraticBestStep(gradient: run.gradients[k], hessian: h))
            #expect(close(lengths[k], best, 1e-9), "step \(k + 1): \(lengths[k]) against \(best)")
        }
        // Zig-zagging at the rate (κ − 1)/(κ + 1) per step in the loss's square root: far faster than η = 0.01.
        #expect(run.losses.last! < 1e-3 * run.losses[0])
    }

    @Test("a line search is for gradient descent only: other methods ignore it")
    func lineSearchOnlyForGD() {
        #expect(Descent(method: .momentum(beta: 0.9), learningRate: 0.1, start: Weights(1, 1), lineSearch: .exact).lineSearch == nil)
    }

    @Test("Newton's method lands on a quadratic's minimum in one step; damped by ½ it halves the distance each step")
    func newton() {
        let surface = Quadratic(curvatures: (1, 10))
        let full = Descent(method: .newton, learningRate: 1, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 10)).run(on: surface)
        #expect(full.points.count >= 2 && (full.points[1] - Weights(0, 0)).length < 1e-12)
        #expect(full.outcome == .converged(step: 1))
        #expect(full.newtonFallbackSteps.isEmpty)
        let damped = Descent(method: .newton, learningRate: 0.5, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 4)).run(on: surface)
        for k in 1..<damped.points.count {
            #expect((damped.points[k] - damped.points[k - 1] * 0.5).length < 1e-12, "step \(k)")
        }
        // η_crit = 2 for Newton at a strict minimum, whatever the curvature.
        let report = StabilityReport(surface: surface, at: Weights(0, 0))!
        #expect(report.criticalLearningRate(for: .newton) == 2)
    }

    @Test("on a saddle Newton's step would climb: every step falls back to −η∇L and says so")
    func newtonFallback() {
        let surface = Saddle()
        let run = Descent(method: .newton, learningRate: 0.1, start: Weights(1, 0.5), stopping: Stopping(maxSteps: 5)).run(on: surface)
        #expect(run.newtonFallbackSteps == Array(1...(run.points.count - 1)))
        for k in 1..<run.points.count {
            let expected = run.points[k - 1] - 0.1 * surface.gradient(at: run.points[k - 1])
            #expect(run.points[k] == expected)
        }
    }

    @Test("the same seed gives the same path bit for bit; another seed another path")
    func seededNoise() {
        let surface = Quadratic(curvatures: (1, 10))
        func run(_ seed: UInt64) -> [Weights] {
            Descent(learningRate: 0.05, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 50),
                    gradientNoise: GradientNoise(deviation: 2, seed: seed)).run(on: surface).points
        }
        #expect(run(7) == run(7))
        #expect(run(7) != run(8))
        #expect(run(7) != Descent(learningRate: 0.05, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 50)).run(on: surface).points)
    }

    @Test("the noise's mean, spread and correlation over 200,000 draws are within statistical bounds")
    func noiseStatistics() {
        var source = GradientNoise(deviation: 3, seed: 42).makeSource()
        let n = 200_000
        var sum = Weights(0, 0), squares = Weights(0, 0), cross = 0.0
        for _ in 0..<n {
            let d = source.next()
            sum += d
            squares += d * d
            cross += d.x * d.y
        }
        let mean = sum / Double(n), variance = squares / Double(n) - mean * mean
        // The mean's standard error is σ/√n ≈ 0.0067: within five of them.
        #expect(abs(mean.x) < 5 * 3 / Double(n).squareRoot() && abs(mean.y) < 5 * 3 / Double(n).squareRoot(), "\(mean)")
        // The variance's standard error is σ²·√(2/n) ≈ 0.028: within five of them of 9.
        #expect(abs(variance.x - 9) < 5 * 9 * (2 / Double(n)).squareRoot() && abs(variance.y - 9) < 5 * 9 * (2 / Double(n)).squareRoot(), "\(variance)")
        #expect(abs(cross / Double(n) / 9) < 0.015, "correlation \(cross / Double(n) / 9)")
    }

    @Test("a noisy run that keeps bouncing about the minimum is neither diverged nor converged")
    func noisyOutcome() {
        let surface = Quadratic(curvatures: (1, 10))
        let run = Descent(learningRate: 0.05, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 400),
                          gradientNoise: GradientNoise(deviation: 2, seed: 3)).run(on: surface)
        #expect(run.outcome == .oscillating || run.outcome == .descending, "\(run.outcome)")
        #expect(run.losses.suffix(100).allSatisfy { $0 < 1 }, "it stays near the minimum")
        // Even with a loss-change test on: two noisy losses a hair apart are luck, not convergence.
        let tolerant = Descent(learningRate: 0.05, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 400, lossChangeTolerance: 1e-2),
                               gradientNoise: GradientNoise(deviation: 2, seed: 3)).run(on: surface)
        #expect(tolerant.outcome == .oscillating || tolerant.outcome == .descending, "\(tolerant.outcome)")
        // The same run without noise does stop by it.
        let quiet = Descent(learningRate: 0.05, start: Weights(1.5, 1), stopping: Stopping(maxSteps: 400, lossChangeTolerance: 1e-2)).run(on: surface)
        if case .converged = quiet.outcome {} else { Issue.record("the quiet run should converge by the loss change: \(quiet.outcome)") }
    }
}
