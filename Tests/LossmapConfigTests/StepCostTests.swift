import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// A line search's or Newton's step costs several plain steps; the figure's step limit counts
/// them so, at decoding as when the scene resolves epochs and repeats.
@Suite("What a step costs")
struct StepCostTests {
    @Test("an exact line search's step counts as 100, Armijo's as 4, Newton's as 5 towards the 10,000,000 steps")
    func costs() {
        let base = "[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nsteps = 200000\n[[run]]\nlearning_rate = 0.001\n"
        #expect(failure(base) == nil)
        #expect(failure(base + "line_search = \"exact\"\n")?.contains("take 20,000,000 steps together") == true)
        #expect(failure(base + "line_search = \"armijo\"\n") == nil)
        // 1,000,000 Newton steps cost 5,000,000; two such runs pass, three do not.
        let newton = "[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nsteps = 1000000\nmethod = \"newton\"\n"
            + "[[run]]\nlearning_rate = 1\n"
        #expect(failure(newton + "[[run]]\nlearning_rate = 0.5\n") == nil)
        #expect(failure(newton + "[[run]]\nlearning_rate = 0.5\n[[run]]\nlearning_rate = 0.25\n")?
            .contains("take 15,000,000 steps together") == true)
        let spec = RunSpec(method: .newton, learningRate: .absolute(1), start: Weights(0, 0))
        #expect(spec.costPerStep == 5)
        var searched = RunSpec(learningRate: .absolute(1), start: Weights(0, 0))
        searched.lineSearch = .exact
        #expect(searched.costPerStep == 100 && RunSpec(learningRate: .absolute(1), start: Weights(0, 0)).costPerStep == 1)
    }
}

/// Review mends: a cosine spans the run that epochs make; the new keys are refused where no
/// walk takes them; a line search that runs out of η, or of lengths, ends cleanly.
@Suite("Step sizes at their edges")
struct StepSizeEdgeTests {
    @Test("a cosine without decay_steps spans the steps its epochs make: the last step takes the end rate")
    func cosineFollowsEpochs() throws {
        let text = EpochTests.surface + "[optimizer]\nstart = [40.0, 10.0]\nlearning_rate = 0.01\nbatch_size = 1\nepochs = 30\nschedule = \"cosine\"\nfinal_learning_rate = 0.001\n[[run]]\n"
        let scene = try Scene(try decode(text).spec)
        let lengths = try #require(scene.runs[0].trajectory.stepLengths)
        #expect(lengths.count == 120)
        #expect(abs(lengths.last! - 0.001) < 1e-15 && abs(lengths[0] - 0.01) < 1e-15)
    }

    @Test("schedules, line searches, noise and minibatch keys are refused on a sweep and a phase diagram")
    func refusedOffTheMap() {
        let sweep = failure("kind = \"sweep\"\n[sweep]\nfrom = 0.0001\nto = 0.01\n[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nschedule = \"cosine\"\n")
        #expect(sweep?.contains("error: `schedule` shapes the walks drawn on a map; a sweep takes plain gradient steps") == true, "\(sweep ?? "")")
        let phase = failure("kind = \"phase\"\n[surface]\nfunction = \"quadratic\"\n[optimizer]\nlearning_rates = [0.1]\n[[run]]\nlearning_rate = 0.2\ngradient_noise = 1\n")
        #expect(phase?.contains("error: `gradient_noise` shapes the walks drawn on a map; a phase diagram takes plain gradient steps") == true, "\(phase ?? "")")
    }

    @Test("exact search with a schedule that runs down to 0 does not trap; Armijo with a slow shrink does not take an uphill trial")
    func lineSearchEdges() throws {
        let surface = Rosenbrock()
        let cosine = Descent(learningRate: 0.001, start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 50),
                             schedule: LearningRateSchedule(.cosine(steps: 49, finalRate: 0)), lineSearch: .exact).run(on: surface)
        #expect(cosine.points.count > 1)
        let slow = Descent(learningRate: 10, start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 50),
                           lineSearch: .armijo(c: 1e-4, shrink: 0.9)).run(on: surface)
        #expect(!slow.outcome.isDiverged, "\(slow.outcome)")
        #expect(zip(slow.losses, slow.losses.dropFirst()).allSatisfy { $1 <= $0 }, "every accepted step goes down")
        #expect(LineSearch.maxTrials(shrink: 0.5) == 60 && LineSearch.maxTrials(shrink: 0.9) == 394)
    }

    @Test("labels: a batch as large as the data says full batch; listed pieces keep their multiple of η_crit")
    func labels() throws {
        let full = try Scene(try decode(EpochTests.surface + "[optimizer]\nstart = [40.0, 10.0]\nlearning_rate = 0.01\nsteps = 5\nbatch_size = 10\n[[run]]\n").spec)
        #expect(full.runs[0].label.hasSuffix(", full batch"), "\(full.runs[0].label)")
        let pieces = try Scene(try decode("[surface]\nfunction = \"quadratic\"\n[optimizer]\nsteps = 20\nrelative_to = \"critical\"\n"
                                          + "[[run]]\nlearning_rate = 0.5\nschedule = [[1, 0.5], [10, 0.1]]\n").spec)
        #expect(pieces.runs[0].label.hasPrefix("η 0.1 (0.5 η_crit) → 0.02, 2 pieces"), "\(pieces.runs[0].label)")
    }
}
