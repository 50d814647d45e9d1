import LossmapContour
import LossmapCore
import LossmapRender
@testable import LossmapConfig
import Testing

/// relative_to = "critical": learning rates as multiples of η_crit, checked against closed forms.
@Suite("Learning rates relative to the critical one")
struct CriticalRateTests {
    /// Equal to rounding.
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(a), abs(b)) }

    @Test("on 5·w1² + 10·w2² (λmax = 20, η_crit = 0.1) each rate is multiplied by 0.1, labels show the absolute η")
    func gradientDescent() throws {
        let config = try decode("""
        [surface]
        expression = "5*w1^2 + 10*w2^2"
        w1 = [-1, 1]
        w2 = [-1, 1]
        [optimizer]
        start = [0.8, 0.5]
        relative_to = "critical"
        learning_rates = [0.05, 0.5, 0.9, 1.1]
        """)
        let rates = config.spec.runs.map(\.descent.learningRate)
        #expect(zip(rates, [0.005, 0.05, 0.09, 0.11]).allSatisfy { close($0, $1) })
        #expect(config.spec.runs.allSatisfy { $0.hasDefaultLabel })
        #expect(config.spec.runs[1].label == RunSpec.defaultLabel(learningRate: rates[1], method: .gradientDescent))
    }

    @Test("each run uses its own method's η_crit: 2(1 + β)/λmax for momentum, and [[run]] rates are scaled too")
    func perMethod() throws {
        // The quadratic with condition 10: ½(w1² + 10·w2²), λmax = 10, η_crit = 0.2 for gd.
        let config = try decode("""
        [surface]
        function = "quadratic"
        [optimizer]
        relative_to = "critical"
        learning_rate = 0.5
        learning_rates = [1.1]
        [[run]]
        method = "momentum"
        momentum = 0.5
        [[run]]
        label = "mine"
        method = "nesterov"
        momentum = 0.5
        learning_rate = 1
        """)
        let rates = config.spec.runs.map(\.descent.learningRate)
        #expect(close(rates[0], 0.22))
        #expect(close(rates[1], 0.5 * 2 * 1.5 / 10))
        #expect(close(rates[2], 2 * 1.5 / (2 * 10)))
        #expect(config.spec.runs[2].label == "mine")
    }

    @Test("the η_crit of each run is taken at the minimum nearest its start")
    func nearestMinimum() throws {
        // Himmelblau has four minima with different curvatures: each run is scaled by the
        // η_crit of the minimum it starts near.
        let config = try decode("""
        [surface]
        function = "himmelblau"
        [optimizer]
        relative_to = "critical"
        [[run]]
        learning_rate = 1
        start = [3.2, 2.1]
        [[run]]
        learning_rate = 1
        start = [-3.7, -3.2]
        """)
        let surface = config.spec.surface.surface
        for run in config.spec.runs {
            let critical = try StabilityReport.analyse(surface, near: run.descent.start).criticalLearningRate
            #expect(close(run.descent.learningRate, try #require(critical)))
        }
        #expect(config.spec.runs[0].descent.learningRate != config.spec.runs[1].descent.learningRate)
    }

    @Test("a sweep's bounds are multiples of η_crit too")
    func sweepBounds() throws {
        let config = try decode("""
        kind = "sweep"
        [surface]
        expression = "5*w1^2 + 10*w2^2"
        minimum = [0, 0]
        w1 = [-1, 1]
        w2 = [-1, 1]
        [optimizer]
        relative_to = "critical"
        start = [0.5, 0.5]
        [sweep]
        from = 0.01
        to = 2
        count = 50
        """)
        guard case .sweep(let from, let to, let count) = config.spec.kind else {
            Issue.record("not a sweep")
            return
        }
        #expect(close(from, 0.001) && close(to, 0.2) && count == 50)
    }

    @Test("relative_to = \"absolute\" leaves the rates as written")
    func absolute() throws {
        let config = try decode("[surface]\nfunction = \"quadratic\"\n[optimizer]\nrelative_to = \"absolute\"\nlearning_rates = [0.5]\n")
        #expect(config.spec.runs[0].descent.learningRate == 0.5)
    }

    @Test("no η_crit is an error at relative_to, saying why", arguments: [
        ("function = \"saddle\"", "", "the runs of `learning_rates` have none: the stationary point (0, 0) is a saddle"),
        ("function = \"quadratic\"", "method = \"rmsprop\"", "the runs of `learning_rates` have none: `rmsprop` divides each step"),
    ])
    func noCriticalRate(_ surface: String, _ method: String, _ reason: String) {
        let message = failure("[surface]\n\(surface)\n[optimizer]\n\(method)\nrelative_to = \"critical\"\nlearning_rates = [0.5]\n")
        #expect(message?.hasPrefix("test.toml:\(method.isEmpty ? 5 : 5):15: error: relative_to = \"critical\" needs a critical learning rate, and \(reason)") == true,
                "\(message ?? "accepted")")
    }
}
