import LossmapConfig
import LossmapCore
import LossmapScene
import Testing

/// relative_to = "critical": learning rates as multiples of η_crit, kept as written by the
/// config and made absolute by the scene, checked against closed forms.
@Suite("Learning rates relative to the critical one")
struct CriticalRateTests {
    /// Equal to rounding.
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(a), abs(b)) }

    /// The absolute rates the scene computes.
    func rates(_ config: FigureConfig) throws -> [Double] { try Scene.validate(config.spec).rates }

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
        #expect(config.spec.runs.map(\.learningRate) == [0.05, 0.5, 0.9, 1.1].map { .critical(multiple: $0) })
        let rates = try rates(config)
        #expect(zip(rates, [0.005, 0.05, 0.09, 0.11]).allSatisfy { close($0, $1) })
        #expect(config.spec.runs.allSatisfy { $0.label == .generated })
        let scene = try Scene(config.spec)
        #expect(scene.runs.map(\.label) == ["η = 0.005 (0.05 η_crit)", "η = 0.05 (0.5 η_crit)", "η = 0.09 (0.9 η_crit)", "η = 0.11 (1.1 η_crit)"])
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
        let rates = try rates(config)
        #expect(close(rates[0], 0.22))
        #expect(close(rates[1], 0.5 * 2 * 1.5 / 10))
        #expect(close(rates[2], 2 * 1.5 / (2 * 10)))
        #expect(config.spec.runs[2].label == .text("mine"))
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
        let surface = try Scene.validate(config.spec).surface.surface
        let rates = try rates(config)
        for (run, rate) in zip(config.spec.runs, rates) {
            let critical = try StabilityReport.analyse(surface, near: run.start).criticalLearningRate
            #expect(close(rate, try #require(critical)))
        }
        #expect(rates[0] != rates[1])
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
        let sweep = try #require(try Scene.validate(config.spec).sweep)
        #expect(close(sweep.from, 0.001) && close(sweep.to, 0.2) && sweep.count == 50)
    }

    @Test("relative_to = \"absolute\" leaves the rates as written")
    func absolute() throws {
        let config = try decode("[surface]\nfunction = \"quadratic\"\n[optimizer]\nrelative_to = \"absolute\"\nlearning_rates = [0.5]\n")
        #expect(config.spec.runs[0].learningRate == .absolute(0.5))
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
