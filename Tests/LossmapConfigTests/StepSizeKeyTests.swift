import Foundation
import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// The step-size keys of [optimizer] and [[run]] (issue 17): `schedule` and its parameters,
/// `warmup_steps`, `line_search` with `armijo_c` and `shrink`, `gradient_noise` with `seed`,
/// and `method = "newton"`; their inheritance from [optimizer], every mistake reported at the
/// key that makes it, and relative schedules made absolute by the scene with η_crit.
@Suite("Step-size keys")
struct StepSizeKeyTests {
    /// The bowl ½(w1² + 10·w2²) (λmax = 10, η_crit = 0.2 for gd) with one run of
    /// `learning_rates`; `optimizer` is written from line 9 on, then `runs`.
    func config(_ optimizer: String, runs: String = "") -> String {
        """
        [surface]
        function = "quadratic"
        condition = 10

        [optimizer]
        start = [-1.8, 1.0]
        steps = 40
        learning_rates = [0.05]
        \(optimizer)
        \(runs)
        """
    }

    func runs(_ text: String) throws -> [RunSpec] { try decode(text).spec.runs }

    /// The schedule of the first run of a config whose [optimizer] writes `keys`.
    func schedule(_ keys: String) throws -> LearningRateSchedule {
        try #require(try runs(config(keys)).first).schedule
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    // MARK: - Each schedule

    @Test("no schedule and schedule = \"constant\" give the constant rate")
    func constant() throws {
        #expect(try schedule("") == .constant)
        #expect(try schedule("schedule = \"constant\"") == .constant)
        #expect(try schedule("schedule = \"constant\"").isConstant)
    }

    @Test("each named schedule takes its documented defaults")
    func defaults() throws {
        #expect(try schedule("schedule = \"step\"") == LearningRateSchedule(.step(every: 10, factor: 0.5)))
        #expect(try schedule("schedule = \"exponential\"") == LearningRateSchedule(.exponential(factor: 0.5)))
        #expect(try schedule("schedule = \"inverse_time\"") == LearningRateSchedule(.inverseTime(decay: 0.1)))
        // Cosine falls over the run's own `steps` (40 here) to 0.
        // T = steps − 1: the 40th step takes the end rate.
        #expect(try schedule("schedule = \"cosine\"") == LearningRateSchedule(.cosine(steps: 39, finalRate: 0)))
        #expect(try schedule("schedule = \"cosine\"").warmup == 0)
    }

    @Test("each named schedule takes its parameters as written, and warm-up steps with any of them")
    func explicitParameters() throws {
        #expect(try schedule("schedule = \"step\"\ndecay_factor = 0.9\ndecay_every = 25")
                == LearningRateSchedule(.step(every: 25, factor: 0.9)))
        #expect(try schedule("schedule = \"exponential\"\ndecay_factor = 0.95\nwarmup_steps = 5")
                == LearningRateSchedule(.exponential(factor: 0.95), warmup: 5))
        #expect(try schedule("schedule = \"inverse_time\"\ndecay_rate = 0.05")
                == LearningRateSchedule(.inverseTime(decay: 0.05)))
        #expect(try schedule("schedule = \"cosine\"\ndecay_steps = 30\nfinal_learning_rate = 0.001")
                == LearningRateSchedule(.cosine(steps: 30, finalRate: 0.001)))
        // decay_factor = 1 is allowed (γ ≤ 1); an integer is a number.
        #expect(try schedule("schedule = \"exponential\"\ndecay_factor = 1") == LearningRateSchedule(.exponential(factor: 1)))
        #expect(try schedule("schedule = \"constant\"\nwarmup_steps = 3") == LearningRateSchedule(.constant, warmup: 3))
    }

    @Test("the decoded schedules give η_t by their closed forms")
    func closedForms() throws {
        let η = 0.05
        let step = try schedule("schedule = \"step\"\ndecay_factor = 0.9\ndecay_every = 4")
        for t in 1...20 { #expect(close(step.rate(at: t, base: η), η * pow(0.9, Double((t - 1) / 4)))) }
        let inverse = try schedule("schedule = \"inverse_time\"\ndecay_rate = 0.25")
        for t in 1...20 { #expect(close(inverse.rate(at: t, base: η), η / (1 + 0.25 * Double(t - 1)))) }
        // Warm-up: t/n of the first η for t ≤ n, then the schedule from its own step 1.
        let warm = try schedule("schedule = \"exponential\"\ndecay_factor = 0.8\nwarmup_steps = 4")
        for t in 1...4 { #expect(close(warm.rate(at: t, base: η), η * Double(t) / 4)) }
        for t in 5...20 { #expect(close(warm.rate(at: t, base: η), η * pow(0.8, Double(t - 5)))) }
    }

    @Test("a cosine schedule's default length is each run's own number of steps less one, so its last step takes the end rate")
    func cosineLengthPerRun() throws {
        let specs = try runs(config("schedule = \"cosine\"", runs: "[[run]]\nlearning_rate = 0.1\nsteps = 60\n"))
        #expect(specs.map(\.schedule) == [LearningRateSchedule(.cosine(steps: 39, finalRate: 0)),
                                          LearningRateSchedule(.cosine(steps: 59, finalRate: 0))])
        #expect(specs[1].schedule.rate(at: 60, base: 0.1) == 0)
    }

    @Test("a list of [step, η] pairs decodes to pieces, integer rates included")
    func pieces() throws {
        let pieces = try schedule("schedule = [[1, 0.1], [10, 0.05], [25, 1]]")
        #expect(pieces == LearningRateSchedule(.pieces([(1, 0.1), (10, 0.05), (25, 1)])))
        #expect(pieces.rate(at: 1, base: 99) == 0.1 && pieces.rate(at: 9, base: 99) == 0.1)
        #expect(pieces.rate(at: 10, base: 99) == 0.05 && pieces.rate(at: 24, base: 99) == 0.05)
        #expect(pieces.rate(at: 25, base: 99) == 1 && pieces.rate(at: 1000, base: 99) == 1)
        // A single pair, and the most pairs allowed (100).
        #expect(try schedule("schedule = [[1, 0.02]]") == LearningRateSchedule(.pieces([(1, 0.02)])))
        let hundred = (1...100).map { "[\($0), 0.01]" }.joined(separator: ", ")
        guard case .pieces(let listed) = try schedule("schedule = [\(hundred)]").form else {
            Issue.record("100 pairs did not decode to pieces")
            return
        }
        #expect(listed.count == 100)
    }

    // MARK: - Inheritance

    @Test("a [[run]] takes every step-size key it does not write from [optimizer]")
    func inheritance() throws {
        let specs = try runs(config("""
            schedule = "step"
            decay_factor = 0.9
            decay_every = 5
            warmup_steps = 3
            line_search = "armijo"
            armijo_c = 0.3
            shrink = 0.7
            gradient_noise = 2.5
            seed = 7
            """, runs: "[[run]]\nlearning_rate = 0.1\n"))
        #expect(specs.count == 2)
        for spec in specs {
            #expect(spec.schedule == LearningRateSchedule(.step(every: 5, factor: 0.9), warmup: 3))
            #expect(spec.lineSearch == .armijo(c: 0.3, shrink: 0.7))
            #expect(spec.gradientNoise == GradientNoise(deviation: 2.5, seed: 7))
        }
    }

    @Test("a [[run]]'s own keys replace the inherited ones, each on its own")
    func runOverrides() throws {
        let specs = try runs(config("""
            schedule = "exponential"
            decay_factor = 0.9
            warmup_steps = 2
            line_search = "armijo"
            gradient_noise = 2.5
            seed = 7
            """, runs: """
            [[run]]
            learning_rate = 0.1
            decay_factor = 0.5
            line_search = "exact"
            seed = 8

            [[run]]
            learning_rate = 0.1
            schedule = "cosine"
            line_search = "none"
            gradient_noise = 0.5
            """))
        #expect(specs[1].schedule == LearningRateSchedule(.exponential(factor: 0.5), warmup: 2))
        #expect(specs[1].lineSearch == .exact)
        #expect(specs[1].gradientNoise == GradientNoise(deviation: 2.5, seed: 8))
        // A schedule of its own; the inherited warm-up still applies, and the cosine spans the
        // 40 steps after it: T = 40 − 1 − 2.
        #expect(specs[2].schedule == LearningRateSchedule(.cosine(steps: 37, finalRate: 0), warmup: 2))
        #expect(specs[2].schedule.rate(at: 40, base: 0.1) == 0)
        #expect(specs[2].lineSearch == nil)
        #expect(specs[2].gradientNoise == GradientNoise(deviation: 0.5, seed: 7))
    }

    @Test("a [[run]]'s own `schedule` replaces inherited pieces, and its pieces replace an inherited name")
    func scheduleReplacesPieces() throws {
        let specs = try runs(config("schedule = [[1, 0.1], [10, 0.01]]", runs: """
            [[run]]
            learning_rate = 0.1
            schedule = "exponential"

            [[run]]
            learning_rate = 0.1
            schedule = "constant"

            [[run]]
            learning_rate = 0.1
            """))
        #expect(specs[0].schedule == LearningRateSchedule(.pieces([(1, 0.1), (10, 0.01)])))
        #expect(specs[1].schedule == LearningRateSchedule(.exponential(factor: 0.5)))
        #expect(specs[2].schedule == .constant)
        #expect(specs[3].schedule == LearningRateSchedule(.pieces([(1, 0.1), (10, 0.01)])))

        let other = try runs(config("schedule = \"cosine\"\nfinal_learning_rate = 0.001",
                                    runs: "[[run]]\nlearning_rate = 0.1\nschedule = [[1, 0.2], [5, 0.02]]\n"))
        #expect(other[0].schedule == LearningRateSchedule(.cosine(steps: 39, finalRate: 0.001)))
        #expect(other[1].schedule == LearningRateSchedule(.pieces([(1, 0.2), (5, 0.02)])))
    }

    @Test("a schedule parameter written in a [[run]] must fit the schedule it inherits")
    func parameterAgainstInheritedSchedule() {
        #expect(failure(config("schedule = [[1, 0.1], [10, 0.01]]", runs: "[[run]]\nlearning_rate = 0.1\ndecay_factor = 0.9\n"))
                == "test.toml:12:1: error: `decay_factor` applies to schedule = \"step\" or \"exponential\" only; the schedule here is a list of [step, η] pairs")
        #expect(failure(config("schedule = \"cosine\"", runs: "[[run]]\nlearning_rate = 0.1\ndecay_steps = 10\n")) == nil)
    }

    // MARK: - Listed pieces: mistakes

    @Test("listed pieces must start at step 1", arguments: [
        ("[[5, 0.1]]", "test.toml:9:13: error: the first pair of `schedule` must start at step 1 (the first step), found 5"),
        ("[[0, 0.1]]", "test.toml:9:14: error: the first pair of `schedule` must start at step 1 or later, found 0"),
        ("[[-3, 0.1]]", "test.toml:9:14: error: the first pair of `schedule` must start at step 1 or later, found -3"),
    ])
    func piecesStart(_ written: String, _ message: String) {
        #expect(failure(config("schedule = \(written)")) == message)
    }

    @Test("listed pieces' steps must increase", arguments: [
        ("[[1, 0.1], [1, 0.05]]", "test.toml:9:24: error: the steps of `schedule` must increase: 1 follows 1"),
        ("[[1, 0.1], [10, 0.05], [5, 0.01]]", "test.toml:9:36: error: the steps of `schedule` must increase: 5 follows 10"),
    ])
    func piecesIncrease(_ written: String, _ message: String) {
        #expect(failure(config("schedule = \(written)")) == message)
    }

    @Test("listed pieces' rates must be finite and positive", arguments: [
        ("[[1, 0]]", "0"), ("[[1, -0.1]]", "-0.1"), ("[[1, inf]]", "inf"), ("[[1, nan]]", "nan"),
    ])
    func piecesRates(_ written: String, _ shown: String) {
        #expect(failure(config("schedule = \(written)"))
                == "test.toml:9:17: error: a learning rate of `schedule` must be a finite number greater than 0, found \(shown)")
    }

    @Test("an empty list and more than 100 pairs are refused at the list")
    func piecesCount() {
        #expect(failure(config("schedule = []"))
                == "test.toml:9:12: error: `schedule` must name a schedule or list [step, η] pairs, e.g. [[1, 0.1], [50, 0.01]], found an empty array")
        let many = (1...101).map { "[\($0), 0.01]" }.joined(separator: ", ")
        #expect(failure(config("schedule = [\(many)]")) == "test.toml:9:12: error: `schedule` may list at most 100 pairs, found 101")
    }

    @Test("a pair of the wrong shape is refused at that pair", arguments: [
        ("[1, 0.1]", "1", 13),
        ("[[1, 0.1, 3]]", "[1, 0.1, 3]", 13),
        ("[[1]]", "[1]", 13),
        ("[[1.5, 0.1]]", "[1.5, 0.1]", 13),
        ("[[\"1\", 0.1]]", "[\"1\", 0.1]", 13),
        ("[[1, \"fast\"]]", "[1, \"fast\"]", 13),
        ("[[1, 0.1], {step = 5, rate = 0.01}]", "{step = 5, rate = 0.01}", 23),
    ])
    func pieceShapes(_ written: String, _ shown: String, _ column: Int) {
        #expect(failure(config("schedule = \(written)"))
                == "test.toml:9:\(column): error: each pair of `schedule` must be [step, η]: an integer step and a number, found \(shown)")
    }

    @Test("a step beyond the most steps a run may take is refused as such")
    func pieceStepTooLarge() {
        // 2,000,000 is above `steps`' maximum (1,000,000): the message says so, not the order.
        let first = failure(config("schedule = [[2000000, 0.1]]")) ?? ""
        #expect(!first.contains("or later") && first.contains("1,000,000"))
        let later = failure(config("schedule = [[1, 0.1], [2000000, 0.01]]")) ?? ""
        #expect(!later.contains("must increase") && later.contains("1,000,000"))
    }

    @Test("a schedule that is neither a known name nor a list is refused at its value")
    func scheduleName() {
        #expect(failure(config("schedule = \"cosin\"")) == "test.toml:9:12: error: unknown schedule `cosin`; did you mean `cosine`?")
        #expect(failure(config("schedule = 3"))?.hasPrefix("test.toml:9:12: error: `schedule` must be") == true)
    }

    // MARK: - Schedule parameters: mistakes

    @Test("a parameter of another schedule is an error at that key", arguments: [
        ("schedule = \"exponential\"\ndecay_every = 5", 10, "`decay_every` applies to schedule = \"step\" only; the schedule here is \"exponential\""),
        ("schedule = \"step\"\nfinal_learning_rate = 0.001", 10, "`final_learning_rate` applies to schedule = \"cosine\" only; the schedule here is \"step\""),
        ("decay_rate = 0.5", 9, "`decay_rate` applies to schedule = \"inverse_time\" only; the schedule here is \"constant\""),
        ("schedule = \"cosine\"\ndecay_factor = 0.9", 10, "`decay_factor` applies to schedule = \"step\" or \"exponential\" only; the schedule here is \"cosine\""),
        ("schedule = [[1, 0.1]]\ndecay_steps = 10", 10, "`decay_steps` applies to schedule = \"cosine\" only; the schedule here is a list of [step, η] pairs"),
    ])
    func foreignParameter(_ keys: String, _ line: Int, _ message: String) {
        #expect(failure(config(keys)) == "test.toml:\(line):1: error: \(message)")
    }

    @Test("each foreign parameter is reported, in one pass")
    func foreignParametersTogether() {
        #expect(failure(config("schedule = \"inverse_time\"\ndecay_every = 5\ndecay_factor = 0.9")) == """
            test.toml:10:1: error: `decay_every` applies to schedule = "step" only; the schedule here is "inverse_time"
            test.toml:11:1: error: `decay_factor` applies to schedule = "step" or "exponential" only; the schedule here is "inverse_time"
            """)
    }

    @Test("decay_factor must be in 0 < γ ≤ 1", arguments: ["0", "-0.5", "1.5", "1.0000001", "inf", "nan"])
    func decayFactorBounds(_ written: String) {
        #expect(failure(config("schedule = \"step\"\ndecay_factor = \(written)"))
                == "test.toml:10:16: error: `decay_factor` must be in 0 < γ ≤ 1, found \(written)")
    }

    @Test("decay_every, decay_steps and warmup_steps are integers in their ranges; decay_rate and final_learning_rate are ≥ 0")
    func parameterRanges() {
        #expect(failure(config("schedule = \"step\"\ndecay_every = 0")) == "test.toml:10:15: error: `decay_every` must be between 1 and 1000000, found 0")
        #expect(failure(config("schedule = \"cosine\"\ndecay_steps = 2.5")) == "test.toml:10:15: error: `decay_steps` must be an integer, found a float")
        #expect(failure(config("warmup_steps = -1")) == "test.toml:9:16: error: `warmup_steps` must be between 0 and 1000000, found -1")
        #expect(failure(config("schedule = \"inverse_time\"\ndecay_rate = -0.1"))
                == "test.toml:10:14: error: `decay_rate` must be a finite number, 0 or greater, found -0.1")
        #expect(failure(config("schedule = \"cosine\"\nfinal_learning_rate = -0.001"))
                == "test.toml:10:23: error: `final_learning_rate` must be a finite number, 0 or greater, found -0.001")
        #expect(failure(config("schedule = \"inverse_time\"\ndecay_rate = 0")) == nil)
    }

    @Test("final_learning_rate above the run's learning_rate is allowed: the cosine then rises")
    func finalRateAboveRate() throws {
        #expect(failure(config("schedule = \"cosine\"\nfinal_learning_rate = 0.5")) == nil)
    }

    @Test("a mistake in one key is reported once: keys that depend on it are not blamed for it as well", arguments: [
        ("schedule = \"cosin\"\ndecay_factor = 0.9", "test.toml:9:12: error: unknown schedule `cosin`; did you mean `cosine`?"),
        ("line_search = \"armjio\"\narmijo_c = 0.1", "test.toml:9:15: error: unknown line_search `armjio`; did you mean `armijo`?"),
        ("gradient_noise = -2\nseed = 3", "test.toml:9:18: error: `gradient_noise` must be a finite number, 0 or greater, found -2"),
    ])
    func noCascade(_ keys: String, _ message: String) {
        // The dependent key is not checked against the value in force when the written one was
        // refused ("constant", no line search, no noise).
        #expect(failure(config(keys)) == message)
    }

    @Test("the legend of a cosine run ends at final_learning_rate, as the key table's example shows")
    func cosineLabel() throws {
        let scene = try Scene(try decode("""
            [surface]
            function = "quadratic"
            [optimizer]
            start = [-1.8, 1.0]
            steps = 100
            [[run]]
            learning_rate = 0.1
            schedule = "cosine"
            final_learning_rate = 0.001
            """).spec)
        // With decay_steps = steps − 1 (the default), step 100 takes η_end itself.
        #expect(scene.runs[0].label == "η 0.1 (0.5 η_crit) → 0.001, cosine")
    }

    // MARK: - Line search, noise and seed: mistakes

    @Test("line_search on a method other than gd is an error at line_search")
    func lineSearchOnOtherMethod() {
        #expect(failure(config("", runs: "[[run]]\nlearning_rate = 0.01\nmethod = \"adam\"\nline_search = \"armijo\"\n"))
                == "test.toml:13:1: error: line_search = \"armijo\" chooses gradient descent's step; [[run]] #1 runs method = \"adam\"")
        #expect(failure(config("method = \"momentum\"\nline_search = \"exact\""))
                == "test.toml:10:1: error: line_search = \"exact\" chooses gradient descent's step; [optimizer] runs method = \"momentum\"")
        // "none" is every method's.
        #expect(failure(config("", runs: "[[run]]\nlearning_rate = 0.01\nmethod = \"adam\"\nline_search = \"none\"\n")) == nil)
    }

    @Test("line_search inherited from [optimizer] onto a [[run]] with method = \"adam\" is an error at the run's method")
    func inheritedLineSearchOnOtherMethod() {
        #expect(failure(config("line_search = \"armijo\"", runs: "[[run]]\nlearning_rate = 0.01\nmethod = \"adam\"\n"))
                == "test.toml:12:1: error: line_search = \"armijo\" chooses gradient descent's step; [[run]] #1 runs method = \"adam\"")
        // The run may turn it off.
        #expect(failure(config("line_search = \"armijo\"", runs: "[[run]]\nlearning_rate = 0.01\nmethod = \"adam\"\nline_search = \"none\"\n")) == nil)
    }

    @Test("a line search on newton is refused; newton's runs never carry one")
    func lineSearchOnNewton() {
        #expect(failure(config("", runs: "[[run]]\nlearning_rate = 1\nmethod = \"newton\"\nline_search = \"exact\"\n"))
                == "test.toml:13:1: error: line_search = \"exact\" chooses gradient descent's step; [[run]] #1 runs method = \"newton\"")
    }

    @Test("unknown line_search names get a suggestion")
    func lineSearchName() {
        #expect(failure(config("line_search = \"armjio\"")) == "test.toml:9:15: error: unknown line_search `armjio`; did you mean `armijo`?")
    }

    @Test("armijo_c and shrink apply to line_search = \"armijo\" only", arguments: [
        ("armijo_c = 0.1", "armijo_c"), ("shrink = 0.8", "shrink"),
        ("line_search = \"exact\"\narmijo_c = 0.1", "armijo_c"), ("line_search = \"none\"\nshrink = 0.8", "shrink"),
    ])
    func armijoConstantsWithoutArmijo(_ keys: String, _ key: String) {
        let line = keys.contains("\n") ? 10 : 9
        #expect(failure(config(keys)) == "test.toml:\(line):1: error: `\(key)` applies to line_search = \"armijo\" only")
    }

    @Test("armijo_c and shrink must be in (0, 1)", arguments: ["0", "1", "-0.5", "2"])
    func armijoBounds(_ written: String) {
        #expect(failure(config("line_search = \"armijo\"\narmijo_c = \(written)"))
                == "test.toml:10:12: error: `armijo_c` must be in 0 < c < 1, found \(written)")
        #expect(failure(config("line_search = \"armijo\"\nshrink = \(written)"))
                == "test.toml:10:10: error: `shrink` must be in 0 < ρ < 1, found \(written)")
    }

    @Test("armijo_c and shrink inherited from [optimizer] apply to the runs that inherit Armijo")
    func armijoInherited() throws {
        let specs = try runs(config("line_search = \"armijo\"\narmijo_c = 0.2", runs: "[[run]]\nlearning_rate = 0.1\nshrink = 0.9\n"))
        #expect(specs.map(\.lineSearch) == [.armijo(c: 0.2, shrink: 0.5), .armijo(c: 0.2, shrink: 0.9)])
        // Defaults: Nocedal & Wright's c = 1e-4 and halving.
        #expect(try runs(config("line_search = \"armijo\"")).first?.lineSearch == .defaultArmijo)
    }

    @Test("seed without gradient_noise, or with gradient_noise = 0, is an error at seed")
    func seedWithoutNoise() {
        #expect(failure(config("seed = 7"))?.hasPrefix("test.toml:9:1: error: `seed` seeds `gradient_noise`") == true)
        #expect(failure(config("gradient_noise = 0\nseed = 7"))?.hasPrefix("test.toml:10:1: error: `seed` seeds `gradient_noise`") == true)
        #expect(failure(config("gradient_noise = 1", runs: "[[run]]\nlearning_rate = 0.1\nseed = 3\n")) == nil)
    }

    @Test("gradient_noise must be finite and ≥ 0; 0 means none, and seed must be ≥ 0")
    func noiseBounds() throws {
        #expect(failure(config("gradient_noise = -1"))
                == "test.toml:9:18: error: `gradient_noise` must be a finite number, 0 or greater, found -1")
        #expect(failure(config("gradient_noise = inf"))
                == "test.toml:9:18: error: `gradient_noise` must be a finite number, 0 or greater, found inf")
        #expect(failure(config("gradient_noise = 1\nseed = -1"))?.hasPrefix("test.toml:10:8: error: `seed` must be between 0 and") == true)
        #expect(try runs(config("gradient_noise = 0")).first?.gradientNoise == nil)
        // Without a seed the noise is seeded with 0.
        #expect(try runs(config("gradient_noise = 3")).first?.gradientNoise == GradientNoise(deviation: 3, seed: 0))
    }

    // MARK: - Newton

    @Test("method = \"newton\" decodes, in [optimizer] and in a [[run]]")
    func newton() throws {
        let specs = try runs(config("method = \"newton\"", runs: "[[run]]\nlearning_rate = 0.5\n[[run]]\nmethod = \"gd\"\nlearning_rate = 0.1\n"))
        #expect(specs.map(\.method) == [.newton, .newton, .gradientDescent])
        #expect(specs[1].learningRate.written == 0.5)
        #expect(specs.allSatisfy { $0.lineSearch == nil && $0.schedule == .constant })
    }

    // MARK: - Relative rates: the scene scales the schedule's own rates by η_crit

    /// The bowl ½(w1² + 10·w2²) with rates relative to η_crit, in a scene.
    func relativeScene(_ run: String) throws -> Scene {
        let config = try decode("""
            [surface]
            function = "quadratic"
            condition = 10

            [optimizer]
            start = [-1.8, 1.0]
            steps = 30
            relative_to = "critical"
            gradient_tolerance = 0
            loss_change_tolerance = 0

            [[run]]
            \(run)
            """)
        return try Scene(config.spec)
    }

    @Test("η_crit of ½(w1² + 10·w2²) is 2/λmax = 0.2")
    func criticalRate() throws {
        let scene = try relativeScene("learning_rate = 0.5")
        #expect(close(try #require(scene.stability?.criticalLearningRate), 0.2, 1e-9))
        #expect(close(scene.runs[0].learningRate, 0.1, 1e-9))
    }

    @Test("with relative_to = \"critical\" a cosine's final_learning_rate is a multiple of η_crit")
    func relativeCosine() throws {
        let scene = try relativeScene("learning_rate = 0.5\nschedule = \"cosine\"\nfinal_learning_rate = 0.05\ndecay_steps = 20")
        let ηcrit = try #require(scene.stability?.criticalLearningRate)
        let η = 0.5 * ηcrit, end = 0.05 * ηcrit
        let lengths = try #require(scene.runs[0].trajectory.stepLengths)
        #expect(lengths.count == 30)
        for (i, length) in lengths.enumerated() {
            let t = i + 1
            let expected = t <= 20 ? end + (η - end) * (1 + cos(Double.pi * Double(t - 1) / 20)) / 2 : end
            #expect(close(length, expected, 1e-9), "step \(t): \(length) ≠ \(expected)")
        }
        // Each step of gd on the bowl shrinks w1 by (1 − η_t·1): the path follows the rates.
        let points = scene.runs[0].trajectory.points
        var w1 = -1.8
        for (k, length) in lengths.enumerated() {
            w1 *= 1 - length
            #expect(close(points[k + 1].x, w1, 1e-9))
        }
        // The label starts from η and ends at the end rate, both absolute.
        #expect(scene.runs[0].label == "η 0.1 (0.5 η_crit) → 0.01, cosine")
    }

    @Test("with relative_to = \"critical\" the listed pieces' rates are multiples of η_crit")
    func relativePieces() throws {
        let scene = try relativeScene("learning_rate = 0.5\nschedule = [[1, 0.5], [5, 0.25], [12, 0.9]]")
        let ηcrit = try #require(scene.stability?.criticalLearningRate)
        let lengths = try #require(scene.runs[0].trajectory.stepLengths)
        #expect(lengths.count == 30)
        for (i, length) in lengths.enumerated() {
            let t = i + 1
            let expected = (t < 5 ? 0.5 : t < 12 ? 0.25 : 0.9) * ηcrit
            #expect(close(length, expected, 1e-9), "step \(t): \(length) ≠ \(expected)")
        }
    }

    @Test("with absolute rates a schedule's own rates are used as written")
    func absolutePieces() throws {
        let config = try decode(config("schedule = [[1, 0.02], [3, 0.01]]\ngradient_tolerance = 0\nloss_change_tolerance = 0"))
        let scene = try Scene(config.spec)
        let lengths = try #require(scene.runs[0].trajectory.stepLengths)
        #expect(lengths.count == 40)
        #expect(lengths.prefix(4) == [0.02, 0.02, 0.01, 0.01])
    }
}
