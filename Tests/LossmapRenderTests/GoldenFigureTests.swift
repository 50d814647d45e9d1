import Foundation
import Testing
import LossmapBatch
import LossmapCanvas
import LossmapCore
@testable import LossmapRender
import LossmapScene
import LossmapSpec

/// The reference figures, small so the goldens stay small, each exercising a different part
/// of the renderer: by golden name, the spec it is drawn from.
enum GoldenFigures {
    /// Rosenbrock with log levels and a diverged run.
    static var rosenbrock: FigureSpec { rosenbrockSpec(width: 800, height: 500, resolution: 120) }

    /// A dark-themed quadratic with a wide legend below the map.
    static var darkQuadratic: FigureSpec {
        let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -0.8...0.8,
                                  resolution: 80, levels: .count(12), levelScale: .linear, colormap: Colormap(.magma))
        let runs = [0.05, 0.19, 0.21].map { rate in
            RunSpec(label: .text("η = \(rate), a deliberately long label to push the legend below"), learningRate: .absolute(rate), start: Weights(-1.8, 0.6), stopping: Stopping(maxSteps: 40))
        }
        var spec = FigureSpec(title: "Dark quadratic", width: 800, height: 500, surface: surface, runs: runs)
        spec.theme = .dark
        spec.subtitle = "condition 10"
        return spec
    }

    /// A surface with undefined cells, hatched.
    static var masked: FigureSpec {
        let surface = SurfaceSpec(surface: LogBowl(), name: "log bowl", w1: -1...3, w2: -1...3, resolution: 60,
                                  levels: .count(10), levelScale: .linear)
        return FigureSpec(title: "Undefined where w1 < 0", width: 640, height: 480, surface: surface, runs: [
            RunSpec(learningRate: .absolute(0.3), start: Weights(2.5, 2.5), stopping: Stopping(maxSteps: 30)),
        ])
    }

    /// A grid of one map per run with identical axes.
    static var grid: FigureSpec {
        let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -1.5...1.5,
                                  resolution: 80, levels: .count(12), levelScale: .linear)
        let runs = [0.02, 0.1, 0.19, 0.205].map { rate in
            RunSpec(learningRate: .absolute(rate), start: Weights(-1.8, 1), stopping: Stopping(maxSteps: 60))
        }
        var spec = FigureSpec(title: "One map per step size", width: 1600, height: 1000, surface: surface, runs: runs)
        spec.layout = .grid
        return spec
    }

    /// A map with the loss-per-step panel beside it.
    static var lossCurve: FigureSpec {
        var spec = rosenbrockSpec(width: 1600, height: 1000, resolution: 150)
        spec.lossCurve = true
        spec.footnote = "Rosenbrock 1960; 500 steps each"
        return spec
    }

    /// A learning-rate sweep on 5w1² + 10w2².
    static var sweep: FigureSpec {
        let surface = SurfaceSpec(surface: Quadratic(curvatures: (10, 20)), name: "quadratic", w1: -2...2, w2: -2...2)
        var spec = FigureSpec(title: "How large may the step be?", width: 1200, height: 750, surface: surface, runs: [
            RunSpec(label: .text("gd"), learningRate: .absolute(0.01), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 100)),
        ])
        spec.kind = .sweep(from: .absolute(1e-3), to: .absolute(0.3), count: 60)
        return spec
    }

    /// Himmelblau with contour labels.
    static var labels: FigureSpec {
        var surface = SurfaceSpec(surface: Himmelblau(), name: "himmelblau", w1: -5...5, w2: -5...5, resolution: 150,
                                  levels: .count(12), levelScale: .log)
        surface.contourLabels = true
        return FigureSpec(title: "Himmelblau, labelled", width: 1200, height: 800, surface: surface, runs: [
            RunSpec(learningRate: .absolute(0.01), start: Weights(0, 0), stopping: Stopping(maxSteps: 100)),
        ])
    }

    /// Every golden by name, with its spec.
    static var all: [(name: String, spec: FigureSpec)] {
        [("rosenbrock-800x500", rosenbrock), ("quadratic-dark-800x500", darkQuadratic), ("masked-640x480", masked),
         ("grid-1600x1000", grid), ("loss-curve-1600x1000", lossCurve), ("sweep-1200x750", sweep),
         ("labels-1200x800", labels)]
    }
}

@Suite("Golden figures")
struct GoldenFigureTests {
    @Test("Rosenbrock with log levels and a diverged run matches its golden")
    func rosenbrock() throws {
        try GoldenImage.check(try FigureFile.rasterize(try Scene(GoldenFigures.rosenbrock)), name: "rosenbrock-800x500")
    }

    @Test("a dark-themed quadratic with a wide legend below the map matches its golden")
    func darkQuadratic() throws {
        try GoldenImage.check(try FigureFile.rasterize(try Scene(GoldenFigures.darkQuadratic)), name: "quadratic-dark-800x500")
    }

    @Test("a surface with undefined cells shows them hatched and matches its golden")
    func maskedCells() throws {
        try GoldenImage.check(try FigureFile.rasterize(try Scene(GoldenFigures.masked)), name: "masked-640x480")
    }

    @Test("a grid of one map per run with identical axes matches its golden")
    func gridLayout() throws {
        try GoldenImage.check(try FigureFile.rasterize(try Scene(GoldenFigures.grid)), name: "grid-1600x1000")
    }

    @Test("a map with the loss-per-step panel beside it matches its golden")
    func lossCurve() throws {
        try GoldenImage.check(try FigureFile.rasterize(try Scene(GoldenFigures.lossCurve)), name: "loss-curve-1600x1000")
    }

    @Test("a learning-rate sweep on 5w1² + 10w2² marks η_crit = 0.1 and shades the diverging rates")
    func sweep() throws {
        let figure = try Scene(GoldenFigures.sweep)
        let critical = try #require(figure.stability?.criticalLearningRate)
        #expect(abs(critical - 0.1) < 1e-12)
        let sweep = try #require(figure.sweep)
        // Every rate above 0.1 diverges within 100 steps, every one below does not.
        for sample in sweep.samples { #expect(sample.isDiverged == (sample.learningRate > 0.1), "η = \(sample.learningRate)") }
        try GoldenImage.check(try FigureFile.rasterize(figure), name: "sweep-1200x750")
    }

    @Test("the legend gives each default-labelled rate relative to η_crit and the footnote says how η_crit was found")
    func criticalRatioInLegend() throws {
        let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 20)
        let spec = FigureSpec(title: "", width: 800, height: 500, surface: surface, runs: [
            RunSpec(learningRate: .absolute(0.19), start: Weights(1, 1), stopping: Stopping(maxSteps: 5)),
            RunSpec(label: .text("mine"), learningRate: .absolute(0.1), start: Weights(1, 1), stopping: Stopping(maxSteps: 5)),
            // A label the user wrote is drawn as written, even when it reads like a generated one.
            RunSpec(label: .text("η = 0.05"), learningRate: .absolute(0.05), start: Weights(1, 1), stopping: Stopping(maxSteps: 5)),
            // A rate relative to η_crit reads back as the multiple typed.
            RunSpec(learningRate: .critical(multiple: 0.5), start: Weights(1, 1), stopping: Stopping(maxSteps: 5)),
        ])
        let canvas = RecordingCanvas(width: 800, height: 500)
        FigureRenderer(try Scene(spec)).draw(on: canvas)
        #expect(canvas.texts.contains("η = 0.19 (0.95 η_crit) · still descending"))
        #expect(canvas.texts.contains("mine · still descending"))
        #expect(canvas.texts.contains("η = 0.05 · still descending"))
        #expect(canvas.texts.contains("η = 0.1 (0.5 η_crit) · still descending"))
        #expect(canvas.texts.contains { $0.hasPrefix("η_crit = 2/λmax = 0.2 (λmax = 10, exact Hessian at the minimum (0, 0)") })
    }

    @Test("Himmelblau with contour labels matches its golden")
    func contourLabels() throws {
        try GoldenImage.check(try FigureFile.rasterize(try Scene(GoldenFigures.labels)), name: "labels-1200x800")
    }
}

/// L = (log w1)² + w2²/4 … undefined (NaN) for w1 ≤ 0: exercises masking.
struct LogBowl: LossSurface {
    func value(at w: Weights) -> Double {
        let l = log(w.x)
        return l * l + w.y * w.y / 4
    }
    func gradient(at w: Weights) -> Weights { Weights(2 * log(w.x) / w.x, w.y / 2) }
    var minima: [Weights] { [Weights(1, 0)] }
}
