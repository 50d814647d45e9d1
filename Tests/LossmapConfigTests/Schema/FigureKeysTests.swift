import Foundation
import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// The folder of this test file's fixtures, for configs that read data files.
private let fixtureFolder = Fixtures.root.appendingPathComponent("invalid").path
/// The repository's example data.
private let lectureData = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("config/lecture/data").path

/// Decodes `text` as `name`, reading data files from `dataFolder`.
private func decode(_ text: String, name: String = "test.toml", dataFolder: String? = nil) throws(DiagnosticList) -> FigureConfig {
    let config = try FigureConfig.load(SourceFile(name: name, text: text), defaultOutputName: "test.png", dataFolder: dataFolder)
    // As `lossmap check` does: data files are loaded and limits checked by the scene's
    // resolving step, which reports at the config's file:line:col too.
    _ = try Scene.validate(config.spec)
    return config
}

/// The surface and window the scene resolves a config's spec to.
private func resolved(_ config: FigureConfig) throws -> ResolvedSurface {
    try Scene.validate(config.spec).surface
}

private func failure(_ text: String, name: String = "test.toml", dataFolder: String? = nil) -> String? {
    do {
        _ = try decode(text, name: name, dataFolder: dataFolder)
        return nil
    } catch {
        return error.diagnostics.map(\.headline).joined(separator: "\n")
    }
}

@Suite("Decoding how a figure looks")
struct FigureKeysTests {
    @Test("every top-level key of the figure's look reaches the figure specification")
    func lookKeys() throws {
        let config = try decode("""
        title = "t"
        subtitle = "under the title"
        footnote = "at the bottom"
        theme = "dark"
        layout = "grid"
        loss_curve = true
        critical_rate = false
        aspect = "auto"
        scale = 2
        kind = "map"
        output = "figures/a.svg"
        [surface]
        function = "booth"
        contour_labels = true
        level_scale = "quantile"
        """)
        let spec = config.spec
        #expect(spec.subtitle == "under the title" && spec.footnote == "at the bottom")
        #expect(spec.theme == .dark && spec.layout == .grid && spec.lossCurve && !spec.showsCriticalRate)
        #expect(!spec.equalAspect && spec.scale == 2 && spec.kind == .map)
        #expect(spec.surface.contourLabels && spec.surface.levelScale == .quantile)
        #expect(config.outputName == "figures/a.svg")
        #expect(config.dataFiles.isEmpty)
    }

    @Test("left out, the look keys take their defaults")
    func lookDefaults() throws {
        let spec = try decode("[surface]\nfunction = \"booth\"\n").spec
        #expect(spec.subtitle == "" && spec.footnote == "" && spec.theme == .light && spec.layout == .overlay)
        #expect(!spec.lossCurve && spec.showsCriticalRate && spec.equalAspect && spec.scale == 1 && spec.kind == .map)
        #expect(!spec.surface.contourLabels)
    }

    @Test("PNG, SVG and PDF outputs are accepted", arguments: ["a.png", "b.svg", "c.pdf", "d/E.PDF"])
    func outputFormats(_ name: String) throws {
        #expect(try decode("output = \"\(name)\"\n[surface]\nfunction = \"booth\"\n").outputName == name)
    }

    @Test("scale is bounded by itself and by size × scale", arguments: [
        ("scale = 8\nsize = [2048, 1000]\n", nil),
        ("scale = 0.25\n", nil),
        ("scale = 8.5\n", "test.toml:1:9: error: `scale` must be between 0.25 and 8, found 8.5"),
        ("scale = nan\n", "test.toml:1:9: error: `scale` must be between 0.25 and 8, found nan"),
        ("size = [1600, 1000]\nscale = 11\n", "test.toml:2:9: error: `scale` must be between 0.25 and 8, found 11"),
        ("size = [4000, 1000]\nscale = 4.5\n", "test.toml:2:9: error: `scale` 4.5 makes the figure 18000 × 4500 pixels; at most 16384 a side is allowed"),
        ("scale = \"2\"\n", "test.toml:1:9: error: `scale` must be a number, found a string"),
    ] as [(String, String?)])
    func scale(_ keys: String, _ expected: String?) {
        #expect(failure(keys + "[surface]\nfunction = \"booth\"\n") == expected)
    }

    @Test("a sweep takes its bounds from [sweep], and [optimizer]'s method, start and steps as its one run")
    func sweep() throws {
        let config = try decode("""
        kind = "sweep"
        [surface]
        function = "quadratic"
        [optimizer]
        method = "momentum"
        momentum = 0.5
        start = [1, 1]
        steps = 70
        [sweep]
        from = 0.001
        to = 1
        """)
        #expect(config.spec.kind == .sweep(from: .absolute(0.001), to: .absolute(1), count: 100))
        let run = try #require(config.spec.runs.first)
        #expect(config.spec.runs.count == 1)
        #expect(run.method == .momentum(beta: 0.5) && run.start == Weights(1, 1) && run.stopping.maxSteps == 70)
    }

    @Test("a sweep keeps the runs of learning_rates, the first of which has [optimizer]'s settings")
    func sweepWithRuns() throws {
        let config = try decode("kind = \"sweep\"\n[surface]\nfunction = \"booth\"\n[optimizer]\nlearning_rates = [0.01, 0.02]\n[sweep]\nfrom = 0.01\nto = 0.1\ncount = 2\n")
        #expect(config.spec.kind == .sweep(from: .absolute(0.01), to: .absolute(0.1), count: 2))
        #expect(config.spec.runs.map(\.learningRate.written) == [0.01, 0.02])
    }

    @Test("the sweep's errors name the key and the bounds", arguments: [
        ("kind = \"sweep\"\n[surface]\nfunction = \"booth\"\n[sweep]\nfrom = 0\nto = 1\n",
         "test.toml:5:8: error: `from` must be a finite number greater than 0, found 0"),
        ("kind = \"sweep\"\n[surface]\nfunction = \"booth\"\n[sweep]\nfrom = 1\nto = 1\n",
         "test.toml:6:6: error: `to` must be greater than `from` (1), found 1"),
        ("kind = \"sweep\"\n[surface]\nfunction = \"booth\"\n[sweep]\nfrom = 1\nto = 2\ncount = 1\n",
         "test.toml:7:9: error: `count` must be between 2 and 400, found 1"),
        ("kind = \"sweep\"\n[surface]\nfunction = \"booth\"\n[sweep]\nfrom = 1\n",
         "test.toml:4:1: error: [sweep] needs `to`, the largest learning rate to try"),
        ("kind = \"map\"\n[surface]\nfunction = \"booth\"\n[sweep]\nfrom = 1\nto = 2\n",
         "test.toml:4:1: error: [sweep] applies only to kind = \"sweep\", not to kind = \"map\""),
        ("kind = \"sweep\"\nsweep = 3\n[surface]\nfunction = \"booth\"\n",
         "test.toml:2:9: error: `sweep` must be a table, written as a [sweep] section, found an integer"),
    ])
    func sweepErrors(_ text: String, _ expected: String) {
        #expect(failure(text) == expected)
    }

    @Test("the stopping tolerances reach every run, [[run]] sections included")
    func tolerances() throws {
        let config = try decode("[surface]\nfunction = \"booth\"\n[optimizer]\ngradient_tolerance = 1e-4\nloss_change_tolerance = 0\nlearning_rates = [0.01]\n[[run]]\nlearning_rate = 0.02\n")
        for run in config.spec.runs {
            #expect(run.stopping.gradientTolerance == 1e-4 && run.stopping.lossChangeTolerance == 0)
        }
        let defaults = try decode("[surface]\nfunction = \"booth\"\n[optimizer]\nlearning_rates = [0.01]\n").spec.runs[0].stopping
        #expect(defaults == Stopping(maxSteps: 500))
    }
}

@Suite("Decoding formula and perceptron surfaces")
struct SurfaceKindsTests {
    @Test("an expression becomes a formula surface with its minimum, ranges and default start")
    func expression() throws {
        let config = try decode("""
        [surface]
        expression = "5*w1^2 + 10*w2^2"
        minimum = [0, 0]
        w1 = [-2, 2]
        w2 = [-1, 1]
        [optimizer]
        learning_rates = [0.01]
        """)
        let surface = config.spec.surface
        let resolved = try resolved(config)
        #expect(resolved.surface.value(at: Weights(1, 1)) == 15)
        #expect(resolved.surface.gradient(at: Weights(1, 1)) == Weights(10, 20))
        #expect(resolved.surface.minima == [Weights(0, 0)])
        #expect(surface.w1 == -2...2 && surface.w2 == -1...1 && surface.levelScale == .linear)
        let start = config.spec.runs[0].start
        #expect(abs(start.x - -1.6) < 1e-12 && abs(start.y - 0.8) < 1e-12)
        #expect(config.spec.w1Label == "w₁")
    }

    @Test("a mistake in the formula is pointed at inside the string", arguments: [
        ("expression = \"w1 + W2\"", "test.toml:2:20: error: in `expression`: unknown name `W2`"),
        ("expression = 'w1 + é'", "test.toml:2:20: error: in `expression`: unexpected character `é`"),
        ("expression = \"\"\"\nw1 +\n  sqr(w2)\"\"\"", "test.toml:4:3: error: in `expression`: unknown name `sqr`"),
        ("expression = \"\\u0077\\u0031 +\"", "test.toml:2:14: error: in `expression`, at character 5 of the formula: missing operand after `+` at the end of the formula"),
        ("expression = \"\"", "test.toml:2:15: error: in `expression`: the formula is empty"),
        ("expression = 3", "test.toml:2:14: error: `expression` must be a string, found an integer"),
    ])
    func formulaErrors(_ line: String, _ expected: String) {
        #expect(failure("[surface]\n\(line)\nw1 = [0, 1]\nw2 = [0, 1]\n") == expected)
    }

    @Test("the formula's hint is the note")
    func formulaHint() {
        do {
            _ = try decode("[surface]\nexpression = \"sqr(w1)\"\nw1 = [0, 1]\nw2 = [0, 1]\n")
            Issue.record("accepted")
        } catch {
            #expect(error.first.note == "did you mean `sqrt`?")
        }
    }

    static let lessonPoints = "points = [[1, 1, 50], [1, 3, 110], [2, 2, 100], [3, 4, 200]]"

    @Test("the lecture's four points give a loss of 800 at (40, 10), and a window around the minimum (24, 30)")
    func lessonPoints() throws {
        let config = try decode("[surface]\nmodel = \"perceptron\"\n\(Self.lessonPoints)\n[optimizer]\nlearning_rates = [0.01]\n")
        let surface = config.spec.surface
        let resolved = try resolved(config)
        #expect(abs(resolved.surface.value(at: Weights(40, 10)) - 800) < 1e-9)
        #expect(abs(resolved.surface.value(at: Weights(24, 30)) - 40) < 1e-9)
        // Centred on (24, 30), 1.5 × 30 = 45 to each side, found when the scene resolves it.
        #expect(surface.w1 == nil && surface.w2 == nil)
        #expect(abs(resolved.w1.lowerBound - -21) < 1e-9 && abs(resolved.w1.upperBound - 69) < 1e-9)
        #expect(abs(resolved.w2.lowerBound - -15) < 1e-9 && abs(resolved.w2.upperBound - 75) < 1e-9)
        #expect(surface.levelScale == .log)
        #expect(config.spec.runs[0].start == Weights(0, 0))
        #expect(config.spec.w1Label == "W₁" && config.spec.w2Label == "W₂")
        #expect(config.dataFiles.isEmpty)
    }

    @Test("activation, loss, bias and a given minimum are used")
    func perceptronOptions() throws {
        let config = try decode("""
        [surface]
        model = "perceptron"
        points = [[1, 0, 1], [0, 1, 0], [1, 1, 1], [-1, 0, 0]]
        activation = "sigmoid"
        loss = "cross-entropy"
        bias = 0.5
        minimum = [1, -1]
        w1 = [-3, 3]
        w2 = [-3, 3]
        """)
        let surface = try resolved(config).surface
        #expect(surface.minima == [Weights(1, -1)])
        // At w = 0 every prediction is sigmoid(0.5); the loss is the mean cross-entropy.
        let p = 1 / (1 + exp(-0.5))
        let expected = (-log(p) * 2 - log(1 - p) * 2) / 4
        #expect(abs(surface.value(at: Weights(0, 0)) - expected) < 1e-12)
        #expect(surface.hessian(at: Weights(0, 0)) != nil)
    }

    @Test("a data file is read relative to the config's folder and listed in dataFiles")
    func dataFile() throws {
        let config = try decode("[surface]\nmodel = \"perceptron\"\ndata = \"lesson.csv\"\n", name: "config/lecture/x.toml", dataFolder: lectureData)
        #expect(abs(try resolved(config).surface.value(at: Weights(40, 10)) - 800) < 1e-9)
        #expect(config.dataFiles == [lectureData + "/lesson.csv"])
        #expect(ConfigDecoder.folder(of: "config/lecture/x.toml") == "config/lecture")
        #expect(ConfigDecoder.folder(of: "x.toml") == "." && ConfigDecoder.folder(of: "/x.toml") == "/")
        #expect(ConfigDecoder.joined("config/lecture", "data/a.csv") == "config/lecture/data/a.csv")
        #expect(ConfigDecoder.joined(".", "a.csv") == "a.csv" && ConfigDecoder.joined("c", "/abs.csv") == "/abs.csv")
    }

    @Test("without a data folder, data is read beside the config as named")
    func dataFolderFromName() throws {
        let config = try decode("[surface]\nmodel = \"perceptron\"\ndata = \"data/lesson.csv\"\n", name: lectureData + "/../x.toml")
        #expect(config.dataFiles == [lectureData + "/../data/lesson.csv"])
    }

    @Test("a problem in a data file names the config at `data` and the data file at its line and column")
    func dataErrorNamesBothFiles() {
        do {
            _ = try decode("[surface]\nmodel = \"perceptron\"\ndata = \"data/bad-value.csv\"\n", name: "fixtures/p.toml", dataFolder: fixtureFolder)
            Issue.record("accepted")
        } catch {
            #expect(error.description == """
            fixtures/p.toml:3:8: error: bad data in `data/bad-value.csv`, line 3: `abc` is not a number (value for x2)
              data = "data/bad-value.csv"
                     ^
              note: fixtures/data/bad-value.csv:3:4:
                1, abc, 110
                   ^
            """)
        }
    }

    @Test("perceptron problems are reported where they are", arguments: [
        ("model = \"perceptron\"\npoints = []", "test.toml:3:10: error: in `points`: no data points: give at least one [x1, x2, y]"),
        ("model = \"perceptron\"\npoints = [[1, 2, nan]]", "test.toml:3:18: error: in `points`: value 3 of point 1 is not a finite number"),
        ("model = \"perceptron\"\npoints = [\(String(repeating: "[1, 2, 3], ", count: 13))]\nresolution = 4000\nactivation = \"tanh\"\nw1 = [0, 1]\nw2 = [0, 1]",
         "test.toml:4:14: error: this perceptron's map costs 13 data rows × 4000² grid cells = 208,000,000 loss terms, more than the 200,000,000 allowed"),
        ("model = \"perceptron\"\npoints = [\(String(repeating: "[1, 2, 3], ", count: 13))]\nresolution = 4000\nw1 = [0, 1]\nw2 = [0, 1]", nil),
        ("model = \"perceptron\"\ndata = \"\"", "test.toml:3:8: error: `data` must name a file, e.g. \"data/points.csv\""),
        ("model = \"perceptron\"\ndata = 3", "test.toml:3:8: error: `data` must be a string, found an integer"),
        ("model = \"perceptron\"\npoints = [[1, 1, 0], [-1, -1, 1]]\nactivation = \"sigmoid\"\nloss = \"cross-entropy\"",
         "test.toml:2:1: error: found no lowest point of this perceptron's loss to centre the plot on; give `w1` and `w2`"),
    ] as [(String, String?)])
    func perceptronErrors(_ lines: String, _ expected: String?) {
        #expect(failure("[surface]\n\(lines)\n") == expected)
    }
}
