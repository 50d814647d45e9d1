import Foundation
import Testing
import LossmapBackend
import LossmapCanvas
import LossmapCore
@testable import LossmapRender
import LossmapScene
import LossmapSpec

/// The issue's first figure, built in code: Rosenbrock with four step sizes and one extra run.
func rosenbrockSpec(width: Int = 1600, height: Int = 1000, resolution: Int = 200) -> FigureSpec {
    let surface = SurfaceSpec(surface: Rosenbrock(), name: "rosenbrock", w1: -2...2, w2: -1...3,
                              resolution: resolution, levels: .count(20), levelScale: .log)
    let runs = [0.0001, 0.0005, 0.001, 0.0021].map { rate in
        RunSpec(learningRate: .absolute(rate), start: Weights(-1.5, 2), stopping: Stopping(maxSteps: 500))
    }
    return FigureSpec(title: "Gradient descent on Rosenbrock", width: width, height: height, surface: surface, runs: runs)
}

@Suite struct FigureRenderTests {
    @Test("the rendered figure has the spec's size, a white star at the minimum and run colours on the paths")
    func pixelsWherePathsAndMinimumMustBe() throws {
        let figure = try Scene(rosenbrockSpec())
        let canvas = try CairoCanvas(width: 1600, height: 1000)
        let renderer = FigureRenderer(figure)
        renderer.draw(on: canvas)
        let image = try canvas.rgbPixels()
        #expect(image.width == 1600 && image.height == 1000)

        func pixel(_ p: CanvasPoint) -> (Int, Int, Int) {
            let i = (Int(p.y) * image.width + Int(p.x)) * 3
            return (Int(image.rgb[i]), Int(image.rgb[i + 1]), Int(image.rgb[i + 2]))
        }
        func distance(_ a: (Int, Int, Int), _ c: RGBA) -> Int {
            abs(a.0 - Int(c.red * 255)) + abs(a.1 - Int(c.green * 255)) + abs(a.2 - Int(c.blue * 255))
        }
        let layout = renderer.layout(on: canvas)
        let transform = PlotTransform(w1: -2...2, w2: -1...3, rect: layout.plot)
        // The star at (1, 1) is filled white at its centre.
        #expect(distance(pixel(transform.point(Weights(1, 1))), .white) < 30)
        // The top-left corner of the image is background white, the title area too.
        #expect(distance(pixel(CanvasPoint(3, 3)), .white) == 0)
        // At the end of the η = 0.001 run (the third colour), beyond where the shorter runs
        // drawn on top of it reach, the pixel is that run's colour.
        let run = figure.runs[2]
        let p = transform.point(run.trajectory.points[run.trajectory.points.count - 2])
        #expect(distance(pixel(p), run.color) < 40, "pixel \(pixel(p)) at \(p) vs \(run.color)")
    }

    @Test("the diverged run is named in the legend and its path never leaves the plot area")
    func divergedRunIsShownHonestly() throws {
        let figure = try Scene(rosenbrockSpec(resolution: 60))
        let diverged = figure.runs[3]
        guard case .diverged(let step, _) = diverged.trajectory.outcome else {
            Issue.record("η = 0.0021 should diverge, got \(diverged.trajectory.outcome)")
            return
        }
        let canvas = RecordingCanvas(width: 1600, height: 1000)
        let renderer = FigureRenderer(figure)
        renderer.draw(on: canvas)
        #expect(canvas.texts.contains("η = 0.0021 (1.05 η_crit) · diverged at step \(step)"))
        #expect(canvas.texts.contains("diverged at step \(step)"))
        // Paths are clipped in doubles before reaching the canvas: nothing lands far away.
        let bounds = CanvasRect(x: -100, y: -100, width: 1800, height: 1200)
        #expect(canvas.pathPoints.allSatisfy { bounds.contains($0) })
    }

    @Test("the layout keeps plot, colorbar and legend apart and inside the canvas")
    func layoutDoesNotOverlap() throws {
        let figure = try Scene(rosenbrockSpec(resolution: 30))
        let canvas = RecordingCanvas(width: 1600, height: 1000)
        let layout = FigureRenderer(figure).layout(on: canvas)
        #expect(!layout.plot.intersects(layout.colorbar))
        #expect(!layout.colorbar.intersects(layout.legend))
        #expect(layout.colorbar.maxX < layout.legend.minX)
        #expect(layout.legend.maxX <= 1600)
        #expect(layout.plot.minX > 0 && layout.plot.maxY < 1000)
        // Rosenbrock's window is square, so the map is square and takes most of the height.
        #expect(abs(layout.plot.width - layout.plot.height) < 1)
        #expect(layout.plot.height > 600, "\(layout.plot)")
    }

    @Test("segments are clipped to the rectangle, including ones from absurdly far away")
    func segmentClipping() throws {
        let rect = CanvasRect(x: 0, y: 0, width: 10, height: 10)
        let (a, b) = try #require(clipSegment(CanvasPoint(5, 5), CanvasPoint(5, 1e300), to: rect))
        #expect(a == CanvasPoint(5, 5) && b == CanvasPoint(5, 10))
        #expect(clipSegment(CanvasPoint(-5, -5), CanvasPoint(-1, 20), to: rect) == nil)
        let (c, d) = try #require(clipSegment(CanvasPoint(-5, 5), CanvasPoint(15, 5), to: rect))
        #expect(c == CanvasPoint(0, 5) && d == CanvasPoint(10, 5))
    }
}

@Suite struct ReviewRenderTests {
    @Test("a long run is thinned to points a third of a pixel apart, keeping its ends")
    func thinning() {
        let dense = (0...100_000).map { CanvasPoint(Double($0) * 0.001, 5) }
        let thin = RunLayer.thinned(dense, minimumGap: 0.33)
        #expect(thin.count < 400)
        #expect(thin.first == dense.first && thin.last == dense.last)
        #expect(zip(thin, thin.dropFirst().dropLast()).allSatisfy { hypot($1.x - $0.x, $1.y - $0.y) >= 0.33 })
    }

    @Test("a figure without runs has no start entry in its legend")
    func noRunsNoStart() throws {
        let surface = SurfaceSpec(surface: Booth(), name: "booth", w1: -10...10, w2: -10...10, resolution: 20)
        let canvas = RecordingCanvas(width: 800, height: 500)
        FigureRenderer(try Scene(FigureSpec(title: "", width: 800, height: 500, surface: surface, runs: []))).draw(on: canvas)
        #expect(!canvas.texts.contains("start"))
        #expect(canvas.texts.contains("minimum"))
    }

    @Test("runs from different starts on Himmelblau are each given relative to their own minimum's η_crit")
    func perRunCriticalRate() throws {
        let surface = SurfaceSpec(surface: Himmelblau(), name: "himmelblau", w1: -5...5, w2: -5...5, resolution: 20)
        let starts = [Weights(3.5, 2.5), Weights(-3.5, -3.5)]
        let critical = try starts.map { try #require(StabilityReport.analyse(Himmelblau(), near: $0).criticalLearningRate) }
        #expect(abs(critical[0] - critical[1]) > 1e-3)
        let runs = zip(starts, critical).map { start, rate in
            RunSpec(learningRate: .absolute(rate / 2), start: start, stopping: Stopping(maxSteps: 3))
        }
        let figure = try Scene(FigureSpec(title: "", width: 800, height: 500, surface: surface, runs: runs))
        for run in figure.runs { #expect(run.label.hasSuffix("(0.5 η_crit)")) }
    }
}
