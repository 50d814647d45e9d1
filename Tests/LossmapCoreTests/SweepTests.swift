import Foundation
import LossmapCore
import Testing

@Suite struct SweepTests {
    @Test("log-spaced rates keep both ends exactly and have equal ratios between neighbours")
    func logSpacing() {
        let rates = LearningRateSweep.logSpaced(from: 1e-4, to: 1, count: 9)
        #expect(rates.count == 9)
        #expect(rates.first == 1e-4 && rates.last == 1)
        for (a, b) in zip(rates, rates.dropFirst()) { #expect(abs(b / a - 10.0.squareRoot()) < 1e-12) }
        #expect(LearningRateSweep.logSpaced(from: 0.5, to: 2, count: 1) == [0.5])
        #expect(LearningRateSweep.logSpaced(from: 0.5, to: 2, count: 0).isEmpty)
    }

    @Test("a sweep on 5w1² + 10w2² diverges exactly for the rates above η_crit = 0.1")
    func divergesAboveCritical() throws {
        let sweep = LearningRateSweep(from: 0.01, to: 0.5, count: 50, start: Weights(1, 1), stopping: Stopping(maxSteps: 2000))
        let result = sweep.run(on: Quadratic(curvatures: (10, 20)))
        #expect(result.samples.map(\.learningRate) == sweep.learningRates)
        for sample in result.samples where abs(sample.learningRate - 0.1) > 0.002 {
            #expect(sample.isDiverged == (sample.learningRate > 0.1), "η = \(sample.learningRate): \(sample.outcome)")
            #expect(sample.lastLoss.isFinite)
            #expect((sample.finalLoss == nil) == sample.isDiverged)
        }
        let first = try #require(result.firstDivergingRate)
        #expect(first > 0.1 && first < 0.11)
        #expect(result.minimumLoss == 0)
        #expect(result.steps == 2000)
    }

    @Test("each point of a parallel sweep is the run the contour figure would draw at that rate")
    func matchesSingleRuns() {
        let stopping = Stopping(maxSteps: 300)
        let method = Method(name: "adam")!
        let sweep = LearningRateSweep(method: method, from: 1e-3, to: 10, count: 17, start: Weights(-1.5, 2), stopping: stopping)
        let result = sweep.run(on: Rosenbrock())
        for sample in result.samples {
            let t = Descent(method: method, learningRate: sample.learningRate, start: Weights(-1.5, 2), stopping: stopping).run(on: Rosenbrock())
            #expect(sample.outcome == t.outcome && sample.lastLoss == t.finalLoss && sample.stepsTaken == t.stepsTaken)
        }
    }

    @Test("the sweep reports the loss at the known minimum, −1.0316 for the six-hump camel")
    func minimumLoss() throws {
        let result = LearningRateSweep(from: 0.001, to: 0.1, count: 3, start: Weights(-1.5, 1.5), stopping: Stopping(maxSteps: 50))
            .run(on: SixHumpCamel())
        #expect(abs(try #require(result.minimumLoss) - (-1.0316285)) < 1e-6)
    }
}
