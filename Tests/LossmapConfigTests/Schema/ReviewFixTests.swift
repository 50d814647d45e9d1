import Testing

/// Configs that passed `check` and then crashed or hung `render`, found in review.
@Suite struct ReviewFixTests {
    @Test("a plotted range whose span overflows or is too narrow to sample is refused, not a crash")
    func unsampleableRanges() {
        #expect(failure("[surface]\nfunction = \"rosenbrock\"\nw1 = [-1e308, 1e308]\n")?
            .hasPrefix("test.toml:3:6: error: `w1` = [-1e308, 1e308] cannot be sampled at 400 points: its span is past the largest double") == true)
        #expect(failure("[surface]\nfunction = \"rosenbrock\"\nw2 = [1, 1.00000000000001]\n")?
            .hasPrefix("test.toml:3:6: error: `w2` = [1, 1.00000000000001] cannot be sampled at 400 points: its span, ") == true)
        #expect(failure("[surface]\nfunction = \"rosenbrock\"\nw1 = [0, 1e-200]\nresolution = 8\n") == nil)
    }

    @Test("relative_to that pushes a sweep bound out of the doubles is refused at relative_to")
    func sweepBoundsAfterScaling() {
        let message = failure("kind = \"sweep\"\n[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nrelative_to = \"critical\"\n[sweep]\nfrom = 1e-322\nto = 2\n")
        #expect(message?.hasPrefix("test.toml:5:15: error: relative_to = \"critical\" makes a learning rate of the sweep 1e-322 × η_crit") == true, "\(message ?? "")")
    }

    @Test("more than ten million steps over all runs is refused")
    func totalSteps() {
        let rates = (1...11).map { "0.00\($0)" }.joined(separator: ", ")
        let message = failure("[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nsteps = 1000000\nlearning_rates = [\(rates)]\n")
        #expect(message == "test.toml:4:1: error: the runs of this figure take 11,000,000 steps together, more than the 10,000,000 allowed")
        #expect(failure("[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nsteps = 1000000\nlearning_rates = [0.001]\n") == nil)
    }
}
