import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// `[[explain]]`: which run (by label or number from 1), which step, whether it has the slice
/// panel; and every way of getting that wrong, each reported where it is written.
@Suite("[[explain]] keys")
struct ExplainKeyTests {
    /// A quadratic bowl with three runs, in legend order: η = 0.02 and η = 0.19 from
    /// `learning_rates` (60 steps), then "huge", η = 0.22, with 10 steps of its own.
    /// The [[explain]] sections start on line 19.
    func config(_ explain: String, top: String = "") -> String {
        """
        \(top)
        [surface]
        function = "quadratic"
        condition = 10
        w1 = [-2.0, 2.0]
        w2 = [-1.5, 1.5]
        resolution = 20

        [optimizer]
        start = [-1.8, 1.0]
        steps = 60
        learning_rates = [0.02, 0.19]

        [[run]]
        label = "huge"
        learning_rate = 0.22
        steps = 10

        \(explain)
        """
    }

    /// Every problem in full (headline, source line, caret, note), or nil when it decodes.
    func report(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a run named by its label is the run with that label, and the step and slice are read")
    func byLabel() throws {
        let spec = try decode(config("[[explain]]\nrun = \"huge\"\nstep = 3\n")).spec
        #expect(spec.explanations == [ExplanationSpec(run: 2, step: 3, slice: false)])
    }

    @Test("a run named by its number counts from 1 in legend order: learning_rates first, then the [[run]]s")
    func byNumber() throws {
        let spec = try decode(config("""
            [[explain]]
            run = 1
            step = 0
            slice = true

            [[explain]]
            run = 3
            step = 9
            slice = false
            """)).spec
        #expect(spec.explanations == [ExplanationSpec(run: 0, step: 0, slice: true), ExplanationSpec(run: 2, step: 9, slice: false)])
        #expect(spec.runs[0].learningRate == .absolute(0.02))
        #expect(spec.runs[2].learningRate == .absolute(0.22))
    }

    @Test("a figure without [[explain]] explains nothing")
    func none() throws {
        #expect(try decode(config("")).spec.explanations.isEmpty)
    }

    @Test("the last step a run takes can be explained (steps − 1), its `steps` and beyond cannot")
    func lastStep() throws {
        #expect(try decode(config("[[explain]]\nrun = \"huge\"\nstep = 9\n")).spec.explanations == [ExplanationSpec(run: 2, step: 9)])
        #expect(try decode(config("[[explain]]\nrun = 2\nstep = 59\n")).spec.explanations == [ExplanationSpec(run: 1, step: 59)])
        #expect(failure(config("[[explain]]\nrun = \"huge\"\nstep = 10\n"))
                == "test.toml:21:8: error: `step` must be below the run's 10 steps (the last step explained is 9), found 10")
        #expect(failure(config("[[explain]]\nrun = 1\nstep = 60\n"))
                == "test.toml:21:8: error: `step` must be below the run's 60 steps (the last step explained is 59), found 60")
    }

    @Test("`run` and `step` are required, each reported at the section's header with an example")
    func required() throws {
        let noRun = try #require(report(config("[[explain]]\nstep = 0\n")))
        #expect(noRun.hasPrefix("test.toml:19:1: error: [[explain]] #1 needs `run`: the run whose step is explained, by its label or its number from 1"))
        #expect(noRun.contains("note: for example:"))
        #expect(failure(config("[[explain]]\nrun = 1\n"))
                == "test.toml:19:1: error: [[explain]] #1 needs `step = k`: the step to explain (0 is the first, from the start)")
        // The second section is named as such.
        #expect(failure(config("[[explain]]\nrun = 1\nstep = 0\n[[explain]]\nstep = 1\n"))
                == "test.toml:22:1: error: [[explain]] #2 needs `run`: the run whose step is explained, by its label or its number from 1")
    }

    @Test("a label no run has is reported with the nearest label and the labels there are")
    func unknownLabel() throws {
        let text = try #require(report(config("[[explain]]\nrun = \"hug\"\nstep = 0\n")))
        #expect(text.hasPrefix("test.toml:20:7: error: no run is labelled \"hug\"; did you mean `huge`?"))
        #expect(text.contains("note: labels: \"huge\"; or a number from 1 to 3"))
        // Far from every label: no suggestion, but still the list.
        let far = try #require(report(config("[[explain]]\nrun = \"gradient descent\"\nstep = 0\n")))
        #expect(far.hasPrefix("test.toml:20:7: error: no run is labelled \"gradient descent\"\n"))
    }

    @Test("a label when no run has one says to use the number")
    func labelWithoutLabels() throws {
        let text = """
            [surface]
            function = "quadratic"
            [optimizer]
            learning_rates = [0.1, 0.2]
            [[explain]]
            run = "η = 0.1"
            step = 0
            """
        let problem = try #require(report(text))
        #expect(problem.hasPrefix("test.toml:6:7: error: no run is labelled \"η = 0.1\""))
        #expect(problem.contains("note: no run has a `label`; name the run by its number instead, e.g. run = 1"))
    }

    @Test("a run number outside 1 … the number of runs is refused", arguments: [0, 4, -1])
    func numberOutOfRange(_ n: Int) {
        #expect(failure(config("[[explain]]\nrun = \(n)\nstep = 0\n"))
                == "test.toml:20:7: error: `run` must be a run's number from 1 to 3, found \(n)")
    }

    @Test("a run number on a figure with no runs says it has none")
    func noRuns() {
        #expect(failure("[surface]\nfunction = \"quadratic\"\n[[explain]]\nrun = 1\nstep = 0\n")
                == "test.toml:4:7: error: `run` = 1 names no run: this figure has none")
    }

    @Test("a negative step is refused by its range")
    func negativeStep() {
        #expect(failure(config("[[explain]]\nrun = 1\nstep = -1\n"))?.hasPrefix("test.toml:21:8: error: `step` must be between 0 and ") == true)
    }

    @Test("only one section may ask for the slice panel: the second is reported, pointing at the first")
    func twoSlices() throws {
        let text = try #require(report(config("""
            [[explain]]
            run = 1
            step = 0
            slice = true

            [[explain]]
            run = 2
            step = 0
            slice = true
            """)))
        #expect(text.hasPrefix("test.toml:27:9: error: only one [[explain]] section may have `slice = true`: the figure has one slice panel"))
        #expect(text.contains("note: the first is on line 22"))
        // Exactly one problem: the first slice is fine.
        #expect(text.components(separatedBy: "error:").count == 2)
        // slice = false on the second is fine.
        #expect(try decode(config("[[explain]]\nrun = 1\nstep = 0\nslice = true\n[[explain]]\nrun = 2\nstep = 0\nslice = false\n"))
                .spec.explanations.map(\.slice) == [true, false])
    }

    @Test("[[explain]] on a sweep or a phase diagram is refused at the first section: neither has a map")
    func notAMap() {
        let sweep = config("[sweep]\nfrom = 0.01\nto = 0.3\n\n[[explain]]\nrun = 1\nstep = 0\n", top: "kind = \"sweep\"")
        #expect(failure(sweep) == "test.toml:23:1: error: [[explain]] explains a step on the map; a sweep has no map")
        let phase = config("[[explain]]\nrun = 1\nstep = 0\n", top: "kind = \"phase\"")
        #expect(failure(phase) == "test.toml:19:1: error: [[explain]] explains a step on the map; a phase diagram has no map")
    }

    @Test("wrong types are reported at the value: run a float, step a string, slice a number, explain a plain key")
    func wrongTypes() {
        #expect(failure(config("[[explain]]\nrun = 1.5\nstep = 0\n"))
                == "test.toml:20:7: error: `run` must be a run's label (a string) or its number (an integer), found a float")
        #expect(failure(config("[[explain]]\nrun = 1\nstep = \"0\"\n")) == "test.toml:21:8: error: `step` must be an integer, found a string")
        #expect(failure(config("[[explain]]\nrun = 1\nstep = 0\nslice = 1\n")) == "test.toml:22:9: error: `slice` must be a boolean (true or false), found an integer")
        #expect(failure(config("", top: "explain = 3")) == "test.toml:1:11: error: `explain` must be an array of tables, written as [[explain]] sections, found an integer")
    }

    @Test("an unknown key in [[explain]] is reported with the nearest known one, or the table it belongs in")
    func unknownKey() {
        #expect(failure(config("[[explain]]\nrun = 1\nstep = 0\nslise = true\n"))
                == "test.toml:22:1: error: unknown key `slise` in [[explain]] #1; did you mean `slice`?")
        // A key of another table says where it belongs (and the missing `step` is reported too).
        #expect(failure(config("[[explain]]\nrun = 1\nsteps = 0\n")) == """
            test.toml:19:1: error: [[explain]] #1 needs `step = k`: the step to explain (0 is the first, from the start)
            test.toml:21:1: error: unknown key `steps` in [[explain]] #1; it belongs in [optimizer] or [[run]]
            """)
    }

    @Test("at most four steps are explained: the fifth section is reported")
    func atMostFour() throws {
        let five = (0..<5).map { "[[explain]]\nrun = 1\nstep = \($0)\n" }.joined(separator: "\n")
        #expect(failure(config(five)) == "test.toml:35:1: error: a figure may explain at most 4 steps; this is [[explain]] #5")
        let four = (0..<4).map { "[[explain]]\nrun = 1\nstep = \($0)\n" }.joined(separator: "\n")
        #expect(try decode(config(four)).spec.explanations.map(\.step) == [0, 1, 2, 3])
    }
}
