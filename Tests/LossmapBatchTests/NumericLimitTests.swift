import Foundation
import LossmapBatch
import LossmapCanvas
import LossmapConfig
import LossmapRender
import LossmapScene
import LossmapSpec
import Testing

/// Issue 13's first promise: no config traps lossmap, and `check` and `render` never disagree.
/// Each case is a config at the limits of a double (1e308 and the largest double, the
/// subnormals 1e-310 and 1e-320, 2⁵³ where x + 1 == x, ranges a few ulps wide, surfaces
/// that are flat, all NaN but one sample, or overflow to inf) driven the way the tool drives
/// it: decoded as `check` decodes it, `Scene.validate` (what `check` runs), then `Scene(spec)`
/// and `FigureRenderer.draw` as `render` does. A config `check` accepts must draw with every
/// coordinate, size and font finite (Cairo turns a NaN position into "invalid matrix" and
/// wraps an infinite one around); a config it refuses must say why at a file:line:col. Before
/// the fixes of this issue the first cases trapped (exit 132), which would crash this test
/// process rather than fail it.
@Suite struct NumericLimitTests {
    /// What a case must come to.
    enum Outcome: Sendable {
        /// `check` accepts it and the figure draws.
        case draws
        /// `check` refuses it with a message holding this text, at the config's line.
        case refused(String, line: Int)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var toml: String
        var outcome: Outcome
        var testDescription: String { name }
    }

    /// A small map of `expression` over `w1` × `w2`, with `extra` lines added to [surface],
    /// `top` lines at the top level and `optimizer` lines in [optimizer] (two learning rates
    /// unless they give one); 12 samples a side keep each case quick.
    static func map(_ expression: String, w1: String = "[-2.0, 2.0]", w2: String = "[-2.0, 2.0]", resolution: Int = 12,
                    size: String = "[400, 300]", start: String = "[1.0, -1.0]",
                    surface extra: String = "", top: String = "", optimizer: String = "") -> String {
        """
        title = "edge"
        size = \(size)
        \(top)
        [surface]
        expression = "\(expression)"
        w1 = \(w1)
        w2 = \(w2)
        resolution = \(resolution)
        \(extra)
        [optimizer]
        start = \(start)
        steps = 30
        \(optimizer.contains("learning_rate") ? optimizer : "learning_rates = [0.1, 0.6]\n" + optimizer)
        """
    }

    static let cases: [Case] = [
        // Windows at the ends of the doubles.
        Case(name: "a range from 0 to 1e308", toml: map("w1^2 + w2^2", w1: "[0.0, 1e308]"), outcome: .draws),
        Case(name: "a range from -1e308 to 0 on w2", toml: map("w1^2 + w2^2", w2: "[-1e308, 0.0]"), outcome: .draws),
        Case(name: "a range ending at the largest double", toml: map("w1 + w2", w1: "[0.0, 1.7976931348623157e308]"), outcome: .draws),
        Case(name: "a range whose span overflows", toml: map("w1^2", w1: "[-1e308, 1e308]"),
             outcome: .refused("cannot be sampled at 12 points", line: 6)),
        Case(name: "a range a few ulps wide", toml: map("w1^2", w1: "[1.0, 1.0000000000000009]"),
             outcome: .refused("cannot be sampled at 12 points", line: 6)),
        Case(name: "a range a few ulps wide at 1e300", toml: map("w1^2", w2: "[1e300, 1.0000000000000002e300]"),
             outcome: .refused("cannot be sampled at 12 points", line: 7)),
        Case(name: "a range just wide enough to sample near 2^53", toml: map("w1^2 + w2^2", w1: "[9007199254740992.0, 9007199254742992.0]"),
             outcome: .draws),
        Case(name: "a subnormal range", toml: map("w1^2", w1: "[0.0, 1e-320]"), outcome: .refused("cannot be sampled", line: 6)),
        Case(name: "a range of 1e-300", toml: map("w1 + w2", w1: "[0.0, 1e-300]", w2: "[0.0, 1e-300]"), outcome: .draws),
        Case(name: "a window of 1e-200 on both axes", toml: map("(w1 * 1e200)^2 + (w2 * 1e200)^2", w1: "[-1e-200, 1e-200]", w2: "[-1e-200, 1e-200]"),
             outcome: .draws),
        Case(name: "a window of 1e300 on both axes", toml: map("(w1 / 1e300)^2 + (w2 / 1e300)^2", w1: "[-1e300, 1e300]", w2: "[-1e300, 1e300]"),
             outcome: .draws),

        // Surfaces whose values sit at the limits.
        Case(name: "values all below 1e-300 on log levels", toml: map("1e-320 * (w1^2 + w2^2)", surface: "level_scale = \"log\""), outcome: .draws),
        Case(name: "values all below 1e-300 on linear levels", toml: map("1e-320 * (w1^2 + w2^2)", surface: "level_scale = \"linear\""), outcome: .draws),
        Case(name: "values all below 1e-300 on quantile levels", toml: map("1e-320 * (w1^2 + w2^2)", surface: "level_scale = \"quantile\""), outcome: .draws),
        Case(name: "values of 1e-310 on log levels", toml: map("1e-310 * (w1^2 + w2^2) + 1e-310", surface: "level_scale = \"log\""), outcome: .draws),
        Case(name: "values up to 1.5e308 on log levels", toml: map("4e307 * (w1^2 + w2^2)", w1: "[-1.4, 1.4]", w2: "[-1.4, 1.4]", surface: "level_scale = \"log\""),
             outcome: .draws),
        Case(name: "values from -1.5e308 to 1.5e308 on linear levels", toml: map("1.5e308 * w1", w1: "[-1.0, 1.0]", surface: "level_scale = \"linear\""),
             outcome: .draws),
        Case(name: "values from -1.5e308 to 1.5e308 on log levels", toml: map("1.5e308 * w1", w1: "[-1.0, 1.0]", surface: "level_scale = \"log\""),
             outcome: .draws),
        Case(name: "values from -1.5e308 to 1.5e308 on quantile levels", toml: map("1.5e308 * w1", w1: "[-1.0, 1.0]", surface: "level_scale = \"quantile\""),
             outcome: .draws),
        Case(name: "values that overflow to inf over most of the map", toml: map("1e308 * (w1^2 + w2^2)", surface: "level_scale = \"log\""), outcome: .draws),
        Case(name: "a flat surface", toml: map("3"), outcome: .draws),
        Case(name: "a flat surface at 2^53", toml: map("9007199254740992", top: "loss_curve = true"), outcome: .draws),
        Case(name: "a flat surface at -2^54 with a loss curve", toml: map("-18014398509481984", top: "loss_curve = true"), outcome: .draws),
        Case(name: "a flat surface at -1e308 with a loss curve", toml: map("-1e308", top: "loss_curve = true"), outcome: .draws),
        Case(name: "a surface NaN everywhere but at one sample", toml: map("sqrt(-(w1^2 + w2^2))", w1: "[-1.0, 1.0]", w2: "[-1.0, 1.0]", resolution: 9),
             outcome: .draws),
        Case(name: "a surface that is nowhere finite", toml: map("log(-(w1^2 + w2^2))"), outcome: .draws),
        Case(name: "levels listed at the ends of the doubles", toml: map("w1^2 + w2^2", surface: "levels = [-1e308, 5e-324, 1e-320, 2.0, 1e308]"), outcome: .draws),

        // Losses along the paths at the limits, with the loss-per-step panel.
        Case(name: "losses beyond 2^53 in the loss curve", toml: map("1e17 * (w1^2 + w2^2) - 1e17", top: "loss_curve = true"), outcome: .draws),
        Case(name: "losses from -1e308 to 1e308 in the loss curve", toml: map("1e308 * w1 + w2", w1: "[-1.5, 1.5]", top: "loss_curve = true"), outcome: .draws),
        Case(name: "subnormal losses in the loss curve", toml: map("1e-320 * (1 + w1^2 + w2^2)", top: "loss_curve = true"), outcome: .draws),
        Case(name: "losses of the smallest subnormal in the loss curve", toml: map("5e-324 * (1 + w1^2 + w2^2)", top: "loss_curve = true"), outcome: .draws),
        Case(name: "losses overflowing to inf in the loss curve", toml: map("exp(w1 * 400) + w2^2", top: "loss_curve = true", optimizer: "learning_rate = 1e300"),
             outcome: .draws),
        Case(name: "a learning rate of 1e308", toml: map("w1^2 + w2^2", top: "loss_curve = true", optimizer: "learning_rate = 1e308"), outcome: .draws),
        Case(name: "a subnormal learning rate", toml: map("w1^2 + w2^2", top: "loss_curve = true", optimizer: "learning_rate = 5e-324"), outcome: .draws),
        Case(name: "a start at the largest double", toml: map("w1^2 + w2^2", start: "[1.7976931348623157e308, -1e308]",
                                                              top: "loss_curve = true", optimizer: "learning_rate = 0.1"),
             outcome: .draws),

        // A perceptron plotted around its minimum, without `w1` and `w2`.
        Case(name: "a perceptron whose minimum is 1e306", toml: perceptron(minimum: "[1e306, 0.0]"), outcome: .draws),
        Case(name: "a perceptron whose minimum is -1e306 and 2^53", toml: perceptron(minimum: "[-1e306, 9007199254740992.0]"), outcome: .draws),
        Case(name: "a perceptron whose minimum is 1e308", toml: perceptron(minimum: "[1e308, 0.0]"),
             outcome: .refused("is too far out to plot around", line: 3)),
        Case(name: "a perceptron whose minimum is a subnormal", toml: perceptron(minimum: "[5e-324, -1e-320]"), outcome: .draws),
        Case(name: "a perceptron on data of 1e306", toml: perceptron(points: "[[1.0, 0.0, 1e306], [0.0, 1.0, 1e306]]"), outcome: .draws),
        Case(name: "a perceptron on data of 1e-300", toml: perceptron(points: "[[1e-300, 0.0, 1.0], [0.0, 1e-300, 1.0]]"), outcome: .draws),

        // Markers and sizes at the limits.
        Case(name: "markers at 1e308 and at a subnormal", toml: map("w1^2 + w2^2") + "\n[[marker]]\nat = [1e308, -1e308]\n[[marker]]\nat = [5e-324, 0.0]\n",
             outcome: .draws),
        Case(name: "a 16 × 16 figure with long titles, a loss curve and a grid", toml: map(
            "w1^2 + w2^2", size: "[16, 16]", top: """
            subtitle = "\(String(repeating: "a long subtitle ", count: 40))"
            footnote = "\(String(repeating: "a long footnote ", count: 40))"
            loss_curve = true
            layout = "grid"
            """), outcome: .draws),
        Case(name: "64 maps in a grid on a small figure", toml: map(
            "w1^2 + w2^2", size: "[200, 120]", top: "layout = \"grid\"",
            optimizer: "learning_rates = [" + (1...64).map { "\(Double($0) / 100)" }.joined(separator: ", ") + "]"), outcome: .draws),
    ]

    /// A perceptron on `points` (a linear model: its minimum solves the normal equations),
    /// plotted around `minimum` when one is given, with a loss panel.
    static func perceptron(points: String = "[[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.5]]", minimum: String? = nil) -> String {
        """
        loss_curve = true
        [surface]
        model = "perceptron"
        points = \(points)
        resolution = 12
        \(minimum.map { "minimum = \($0)" } ?? "")
        [optimizer]
        steps = 30
        learning_rates = [0.1, 0.9]
        """
    }

    /// Decodes `toml` as `check` does, validates it as `check` does, and when both accept it
    /// computes and draws the figure as `render` does.
    static func run(_ toml: String) throws -> (scene: Scene?, refusal: DiagnosticList?) {
        let source = SourceFile(name: "edge.toml", text: toml)
        let spec: FigureSpec
        do {
            spec = try FigureConfig.load(source, defaultOutputName: "edge.png").spec
            _ = try Scene.validate(spec)
        } catch {
            return (nil, error)
        }
        return (try Scene(spec), nil)
    }

    /// The calls that hand the canvas a number Cairo cannot draw with: a path point, text
    /// position, font size, line width or radius that is NaN or infinite, or a coordinate
    /// beyond a million pixels (Cairo's 24.8 fixed point wraps past 8,388,607 and draws the
    /// point elsewhere).
    static func nonFiniteCalls(_ canvas: RecordingCanvas) -> [RecordingCanvas.Call] {
        func drawable(_ p: CanvasPoint) -> Bool { abs(p.x) <= 1e6 && abs(p.y) <= 1e6 }
        return canvas.calls.filter { call in
            switch call {
            case .stroke(let path), .fill(let path, _), .clip(let path, _):
                return !path.elements.allSatisfy { element in
                    switch element {
                    case .move(let p), .line(let p): return drawable(p)
                    case .curve(let a, let b, let c): return [a, b, c].allSatisfy(drawable)
                    case .circle(let c, let r): return drawable(c) && r.isFinite && r >= 0
                    case .close: return true
                    }
                }
            case .text(_, let p, let font, _, let angle):
                return !(drawable(p) && font.size.isFinite && font.size > 0 && angle.isFinite)
            case .lineWidth(let w):
                return !(w.isFinite && w >= 0)
            default:
                return false
            }
        }
    }

    @Test("a config at the limits of a double is refused by check at its line, or drawn with every coordinate finite",
          arguments: cases)
    func limitCase(_ example: Case) throws {
        let (scene, refusal) = try Self.run(example.toml)
        switch example.outcome {
        case .draws:
            #expect(refusal == nil, "refused: \(refusal.map(String.init(describing:)) ?? "")")
            guard let scene else { return }
            let canvas = RecordingCanvas(width: Double(scene.spec.width), height: Double(scene.spec.height))
            FigureRenderer(scene).draw(on: canvas)
            let bad = Self.nonFiniteCalls(canvas)
            #expect(bad.isEmpty, "\(bad.count) calls with non-finite numbers, the first: \(bad.first.map { "\($0)" } ?? "")")
            #expect(scene.levels.allSatisfy(\.isFinite) && zip(scene.levels, scene.levels.dropFirst()).allSatisfy { $0 < $1 })
            // A surface finite everywhere fills the map (its rings once had an area of 0 or NaN).
            #expect(scene.hasMaskedCells || !scene.definedRegion.isEmpty, "the map is blank")
        case .refused(let text, let line):
            #expect(scene == nil)
            let diagnostics = refusal?.diagnostics ?? []
            #expect(diagnostics.contains { $0.message.contains(text) && $0.line == line },
                    "expected “\(text)” at line \(line), got \(diagnostics.map { "\($0.line): \($0.message)" })")
        }
    }
}

extension NumericLimitTests {
    @Test("every config at the limits that check accepts rasterizes through Cairo, which refuses NaN positions and invalid text",
          arguments: cases.filter { if case .draws = $0.outcome { true } else { false } })
    func throughCairo(_ example: Case) throws {
        let scene = try #require(try Self.run(example.toml).scene)
        let image = try FigureFile.rasterize(scene)
        #expect(image.width == scene.spec.width && image.height == scene.spec.height)
    }

    @Test("a figure too small for its text, its loss panel and its 64 maps lays out every part with a finite, non-negative size",
          arguments: ["[16, 16]", "[16, 16384]", "[16384, 16]", "[40, 17]"])
    func tinyLayouts(_ size: String) throws {
        let rates = "learning_rates = [" + (1...64).map { "\(Double($0) / 1000)" }.joined(separator: ", ") + "]"
        let toml = Self.map("sqrt(w1) + w2^2", size: size, surface: "contour_labels = true", top: """
            subtitle = "\(String(repeating: "a long subtitle ", count: 40))"
            footnote = "\(String(repeating: "a long footnote ", count: 40))"
            loss_curve = true
            layout = "grid"
            """, optimizer: rates)
        let scene = try #require(try Self.run(toml).scene)
        let canvas = RecordingCanvas(width: Double(scene.spec.width), height: Double(scene.spec.height))
        let layout = FigureRenderer(scene).layout(on: canvas)
        let rects = layout.maps + [layout.colorbar, layout.legend] + (layout.lossCurve.map { [$0] } ?? [])
        for rect in rects {
            #expect(rect.x.isFinite && rect.y.isFinite && rect.width.isFinite && rect.height.isFinite, "\(rect)")
            #expect(rect.width >= 0 && rect.height >= 0, "\(rect)")
        }
        FigureRenderer(scene).draw(on: canvas)
        #expect(Self.nonFiniteCalls(canvas).isEmpty)
    }
}
