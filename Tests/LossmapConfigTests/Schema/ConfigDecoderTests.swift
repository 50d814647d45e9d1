import Testing
import LossmapCanvas
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// Decodes `text` as a config named `test.toml`.
func decode(_ text: String) throws(DiagnosticList) -> FigureConfig {
    let config = try FigureConfig.load(SourceFile(name: "test.toml", text: text), defaultOutputName: "test.png")
    // As `lossmap check` does: a rate relative to η_crit must have an η_crit.
    _ = try Scene.validate(config.spec)
    return config
}

/// The one-line `FILE:LINE:COL: error: message` of each problem a config has, one per
/// line, or nil if it decodes.
func failure(_ text: String) -> String? {
    do {
        _ = try decode(text)
        return nil
    } catch {
        return error.diagnostics.map(\.headline).joined(separator: "\n")
    }
}

@Suite("Decoding configs")
struct ConfigDecoderTests {
    @Test("the issue's example config decodes to five runs with the given settings")
    func issueExample() throws {
        let config = try decode("""
        title = "Gradient descent on Rosenbrock: the step size decides"
        output = "rosenbrock-step-sizes.png"
        size = [1600, 1000]

        [surface]
        function = "rosenbrock"
        w1 = [-2.0, 2.0]
        w2 = [-1.0, 3.0]
        resolution = 400
        levels = 20
        level_scale = "log"
        colormap = "viridis"

        [optimizer]
        method = "gd"
        start = [-1.5, 2.0]
        steps = 500
        learning_rates = [0.0001, 0.0005, 0.001, 0.0021]

        [[run]]
        label = "η = 0.0015 from the other side"
        learning_rate = 0.0015
        start = [1.5, -0.5]
        """)
        #expect(config.outputName == "rosenbrock-step-sizes.png")
        let spec = config.spec
        #expect(spec.width == 1600 && spec.height == 1000)
        #expect(spec.surface.name == "rosenbrock")
        #expect(spec.surface.w1 == -2...2 && spec.surface.w2 == -1...3)
        #expect(spec.surface.resolution == 400 && spec.surface.levels == .count(20) && spec.surface.levelScale == .log)
        #expect(spec.runs.map(\.label) == [.generated, .generated, .generated, .generated, .text("η = 0.0015 from the other side")])
        #expect(spec.runs.map(\.learningRate.written) == [0.0001, 0.0005, 0.001, 0.0021, 0.0015])
        #expect(spec.runs[0].start == Weights(-1.5, 2))
        #expect(spec.runs[4].start == Weights(1.5, -0.5))
        #expect(spec.runs.allSatisfy { $0.stopping.maxSteps == 500 })
    }

    @Test("a config naming only the function gets the surface's defaults")
    func defaults() throws {
        let config = try decode("[surface]\nfunction = \"himmelblau\"\n[optimizer]\nlearning_rates = [0.01]\n")
        #expect(config.outputName == "test.png")
        #expect(config.spec.surface.w1 == -5...5)
        #expect(config.spec.surface.levelScale == .log)
        #expect(config.spec.surface.resolution == 400)
        #expect(config.spec.runs.first?.start == BuiltinSurface.himmelblau.defaults.start)
        #expect(config.spec.width == 1600)
    }

    @Test("explicit levels, integers for floats, a quadratic's condition and a run colour are read")
    func otherKeys() throws {
        let config = try decode("""
        [surface]
        function = "quadratic"
        condition = 25
        levels = [0.5, 1, 2, 4]
        [[run]]
        learning_rate = 1
        color = "#0072B2"
        """)
        #expect(config.spec.surface.levels == .values([0.5, 1, 2, 4]))
        #expect(config.spec.runs.count == 1 && config.spec.runs[0].learningRate.written == 1)
        #expect(config.spec.runs[0].color == RGBA(hex: 0x0072B2))
        #expect(try Scene.validate(config.spec).surface.surface.gradient(at: Weights(1, 1)) == Weights(1, 25))
    }

    @Test("schema errors name the file, line and column and say what would be right", arguments: [
        ("[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nstpes = 10\n",
         "test.toml:4:1: error: unknown key `stpes` in [optimizer]; did you mean `steps`?"),
        ("[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nsteps = \"ten\"\n",
         "test.toml:4:9: error: `steps` must be an integer, found a string"),
        ("[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nsteps = 0\n",
         "test.toml:4:9: error: `steps` must be between 1 and 1000000, found 0"),
        ("[surface]\nfunction = \"rosenbock\"\n",
         "test.toml:2:12: error: unknown surface `rosenbock`; did you mean `rosenbrock`?"),
        ("title = \"x\"\n",
         "test.toml:1:1: error: missing [surface] table: a figure needs a loss surface"),
        ("[surface]\nw1 = [0, 1]\n",
         "test.toml:1:1: error: [surface] needs `function`, `expression`, `model` or `grid`: the loss surface to draw"),
        ("[surface]\nfunction = \"booth\"\nw1 = [2, 1]\n",
         "test.toml:3:6: error: `w1` must be a range [min, max] with min < max, found [2, 1]"),
        ("[surface]\nfunction = \"booth\"\nw2 = [1, nan]\n",
         "test.toml:3:10: error: `w2` must hold finite numbers, found nan"),
        ("[surface]\nfunction = \"booth\"\nresolution = 5\n",
         "test.toml:3:14: error: `resolution` must be between 8 and 4096, found 5"),
        ("[surface]\nfunction = \"booth\"\ncolormap = \"virdis\"\n",
         "test.toml:3:12: error: unknown colormap `virdis`; did you mean `viridis`?"),
        ("[surface]\nfunction = \"booth\"\n[optimizer]\nlearning_rates = [0.1, -1]\n",
         "test.toml:4:24: error: a learning rate must be a finite number greater than 0, found -1"),
        ("[surface]\nfunction = \"booth\"\n[optimizer]\nstart = [1, 2, 3]\n",
         "test.toml:4:9: error: `start` must be a start point [w1, w2]: exactly two numbers, found 3"),
        ("[surface]\nfunction = \"booth\"\n[optimizer]\nmethod = \"adamw\"\n",
         "test.toml:4:10: error: unknown method `adamw`; did you mean `adam`?"),
        ("[surface]\nfunction = \"booth\"\n[[run]]\nlabel = \"x\"\n",
         "test.toml:3:1: error: [[run]] #1 needs `learning_rate` (or set one in [optimizer])"),
        ("size = [10, 1000]\n[surface]\nfunction = \"booth\"\n",
         "test.toml:1:9: error: `size` must be between 16 and 16384 pixels a side, found 10"),
        ("output = \"/tmp/x.png\"\n[surface]\nfunction = \"booth\"\n",
         "test.toml:1:10: error: `output` must be a file name inside the output folder, not an absolute path"),
        ("output = \"../x.png\"\n[surface]\nfunction = \"booth\"\n",
         "test.toml:1:10: error: `output` must stay inside the output folder: `..` and `\\` are not allowed"),
        ("output = \"x.jpg\"\n[surface]\nfunction = \"booth\"\n",
         "test.toml:1:10: error: `output` must end in .png, .svg, .pdf, .gif or .apng (or `/`, for a folder of frames), found `x.jpg`"),
        ("output = \"x.png\"\n[surface]\nfunction = \"booth\"\n[animation]\nevery = 2\n",
         "test.toml:4:1: error: [animation] needs an output that holds frames; `output` is \"x.png\", one still .png image"),
        ("[surface]\nfunction = \"booth\"\ncondition = 3\n",
         "test.toml:3:1: error: `condition` applies to the quadratic surface only, not to `booth`"),
        ("[surface]\nfunction = \"booth\"\n[[run]]\nlearning_rate = 0.1\ncolor = \"red\"\n",
         "test.toml:5:9: error: `color` must be a hex colour like \"#D55E00\", found \"red\""),
        ("\t[surface]\n\tfunction = \"bööth\"\n",
         "test.toml:2:13: error: unknown surface `bööth`; did you mean `booth`?"),
    ])
    func schemaErrors(_ text: String, _ expected: String) {
        #expect(failure(text) == expected)
    }

    @Test("a syntax error is reported with its position before any schema check")
    func syntaxFirst() {
        let message = failure("[surface]\nfunction = \"rosenbrock\n")
        #expect(message?.hasPrefix("test.toml:2:12: error:") == true)
    }

    @Test("the full diagnostic shows the source line and a caret under the spot")
    func caret() {
        do {
            _ = try decode("[surface]\nfunction = \"rosenbrock\"\nresolution = 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == """
            test.toml:3:14: error: `resolution` must be between 8 and 4096, found 2
              resolution = 2
                           ^
            """)
        }
    }

    @Test("a run inherits [optimizer]'s method and those of its hyperparameters that its own method has")
    func methodInheritance() throws {
        let config = try decode("""
        [surface]
        function = "beale"
        [optimizer]
        method = "nesterov"
        momentum = 0.8
        learning_rates = [0.001]
        [[run]]
        method = "momentum"
        learning_rate = 0.002
        [[run]]
        method = "adam"
        beta2 = 0.99
        learning_rate = 0.05
        [[run]]
        learning_rate = 0.01
        momentum = 0.5
        """)
        #expect(config.spec.runs.map(\.method) == [
            .nesterov(beta: 0.8), .momentum(beta: 0.8), .adam(beta1: 0.9, beta2: 0.99, epsilon: 1e-8), .nesterov(beta: 0.5),
        ])
    }

    @Test("every problem in a file is reported in one pass, in file order")
    func everyProblemInOnePass() {
        #expect(failure("""
        sise = [800, 600]
        [surface]
        function = "rosenbock"
        resolution = 2
        [optimizer]
        stpes = 10
        learning_rates = [0.1, -1]
        """) == """
        test.toml:1:1: error: unknown key `sise` in the top level; did you mean `size`?
        test.toml:3:12: error: unknown surface `rosenbock`; did you mean `rosenbrock`?
        test.toml:4:14: error: `resolution` must be between 8 and 4096, found 2
        test.toml:6:1: error: unknown key `stpes` in [optimizer]; did you mean `steps`?
        test.toml:7:24: error: a learning rate must be a finite number greater than 0, found -1
        """)
    }

    @Test("edit distance counts a swap of neighbours as one edit")
    func editDistance() {
        #expect(Suggestion.editDistance("stpes", "steps") == 1)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.closest(to: "xyz", among: ["steps", "start"]) == nil)
    }
}

@Suite("Step numbers")
struct StepNumberKeyTests {
    @Test("[optimizer]'s step_numbers numbers every run; a [[run]] inherits it or sets its own")
    func inheritance() throws {
        let config = try decode("""
            [surface]
            function = "rosenbrock"
            [optimizer]
            learning_rates = [0.001, 0.002]
            step_numbers = 6
            [[run]]
            learning_rate = 0.003
            [[run]]
            learning_rate = 0.004
            step_numbers = 0
            [[run]]
            learning_rate = 0.005
            step_numbers = 50
            """)
        #expect(config.spec.runs.map(\.stepNumbers) == [6, 6, 6, 0, 50])
        #expect(try decode("[surface]\nfunction = \"rosenbrock\"\n[optimizer]\nlearning_rates = [0.001]").spec.runs[0].stepNumbers == 0)
    }
}

@Suite("Step arrows")
struct ArrowKeyTests {
    @Test("arrows = true is every step, k every k-th, false none; a [[run]] inherits or overrides")
    func values() throws {
        let config = try decode("""
            [surface]
            function = "rosenbrock"
            [optimizer]
            learning_rates = [0.001]
            arrows = true
            [[run]]
            learning_rate = 0.002
            [[run]]
            learning_rate = 0.003
            arrows = 4
            [[run]]
            learning_rate = 0.004
            arrows = false
            """)
        #expect(config.spec.runs.map(\.arrowsEvery) == [1, 1, 4, nil])
    }
}
