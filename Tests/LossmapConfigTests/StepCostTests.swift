import Testing
@testable import LossmapConfig
import LossmapCore
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
