import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing
@testable import LossmapRender

/// The side panels: loss, learning rate and slice stacked in one column without overlap; the
/// rate panel's curves are each run's η_t and its dashed line gd's η_crit; the slice's dashed
/// line the loss the step started from.
@Suite("Side panels")
struct SidePanelTests {
    /// w1² + 10·w2²: λ = 2 and 20, η_crit = 0.1.
    func scene(lossCurve: Bool, rateCurve: Bool, slice: Bool) throws -> Scene {
        let surface = SurfaceSpec(surface: Quadratic(curvatures: (2, 20)), name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 40)
        var cosine = RunSpec(learningRate: .absolute(0.08), start: Weights(-1.8, 1), stopping: Stopping(maxSteps: 30))
        cosine.schedule = LearningRateSchedule(.cosine(steps: 29, finalRate: 0.004))
        var spec = FigureSpec(title: "", width: 1200, height: 800, surface: surface,
                              runs: [RunSpec(learningRate: .absolute(0.05), start: Weights(-1.8, 1), stopping: Stopping(maxSteps: 30)), cosine])
        spec.lossCurve = lossCurve
        spec.rateCurve = rateCurve
        if slice { spec.explanations = [ExplanationSpec(run: 0, step: 0, slice: true)] }
        return try Scene(spec)
    }

    /// Horizontal strokes drawn right after a dash was set: the dashed levels.
    func dashedLevels(_ canvas: RecordingCanvas) -> [(y: Double, from: Double, to: Double)] {
        var dashed = false, levels: [(Double, Double, Double)] = []
        for call in canvas.calls {
            if case .dash(let pattern, _) = call { dashed = !pattern.isEmpty }
            if dashed, case .stroke(let path) = call, path.elements.count == 2,
               case .move(let a) = path.elements[0], case .line(let b) = path.elements[1], a.y == b.y {
                levels.append((a.y, a.x, b.x))
            }
        }
        return levels
    }

    @Test("three panels stack top to bottom, loss, rate, slice, none overlapping, each as wide as the column")
    func stacking() throws {
        let figure = try scene(lossCurve: true, rateCurve: true, slice: true)
        let layout = FigureRenderer(figure).layout(on: RecordingCanvas(width: 1200, height: 800))
        let loss = try #require(layout.lossCurve), rate = try #require(layout.rateCurve), slice = try #require(layout.slice)
        #expect(loss.maxY < rate.minY && rate.maxY < slice.minY)
        // Equal gaps: each holds the upper panel's tick labels and axis title and the lower one's title.
        #expect(abs((rate.minY - loss.maxY) - (slice.minY - rate.maxY)) < 1e-9)
        #expect(loss.width == rate.width && rate.width == slice.width && loss.minX == slice.minX)
        #expect(abs(loss.height - rate.height) < 1e-9 && abs(rate.height - slice.height) < 1e-9)
        let two = FigureRenderer(try scene(lossCurve: false, rateCurve: true, slice: false)).layout(on: RecordingCanvas(width: 1200, height: 800))
        #expect(two.rateCurve != nil && two.lossCurve == nil && two.slice == nil)
    }

    @Test("the rate panel draws each run's η_t and gd's η_crit as a dashed line across it")
    func ratePanel() throws {
        let figure = try scene(lossCurve: false, rateCurve: true, slice: false)
        let canvas = RecordingCanvas(width: 1200, height: 800)
        let renderer = FigureRenderer(figure)
        renderer.draw(on: canvas)
        let panel = try #require(renderer.layout(on: canvas).rateCurve)
        let curve = RateCurve(figure: figure, style: FigureStyle(width: 1200, height: 800))
        let y = curve.rateAxis(height: panel.height).coordinate(0.1, in: panel)
        #expect(dashedLevels(canvas).contains { abs($0.y - y) < 1e-9 && $0.from == panel.minX && $0.to == panel.maxX })
        #expect(canvas.texts.contains("η_crit (gd)"))
        // The cosine's rates are its schedule's: 0.08 at step 1, 0.004 at step 30.
        #expect(RateCurve.rates(figure.runs[1]).first == 0.08 && abs(RateCurve.rates(figure.runs[1]).last! - 0.004) < 1e-15)
        #expect(RateCurve.rates(figure.runs[0]).allSatisfy { $0 == 0.05 })
    }

    @Test("the slice panel's dashed line is the loss its step started from")
    func sliceLevel() throws {
        let figure = try scene(lossCurve: false, rateCurve: false, slice: true)
        let canvas = RecordingCanvas(width: 1200, height: 800)
        let renderer = FigureRenderer(figure)
        renderer.draw(on: canvas)
        let panel = try #require(renderer.layout(on: canvas).slice)
        let slicePanel = try #require(SlicePanel(figure: figure, style: FigureStyle(width: 1200, height: 800)))
        let y = slicePanel.lossAxis(height: panel.height).coordinate(figure.runs[0].trajectory.losses[0], in: panel)
        #expect(dashedLevels(canvas).contains { abs($0.y - y) < 1e-9 && $0.from == panel.minX && $0.to == panel.maxX })
    }
}
