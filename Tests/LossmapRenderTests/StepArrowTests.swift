import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec
import LossmapTestSupport
import Testing
@testable import LossmapRender

/// `arrows`: each drawn step is −η∇L (plain descent), or the velocity kept and the gradient's
/// part tip to tail (momentum, Nesterov), against the closed-form gradient of a quadratic.
@Suite("Step arrows")
struct StepArrowTests {
    /// ½(w1² + 10·w2²): ∇ = (w1, 10·w2).
    func gradient(_ w: Weights) -> Weights { Weights(w.x, 10 * w.y) }

    func scene(_ method: Method, η: Double, steps: Int = 12, every: Int = 1) throws -> Scene {
        let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 40)
        return try Scene(FigureSpec(title: "", width: 800, height: 500, surface: surface,
                                    runs: [RunSpec(method: method, learningRate: .absolute(η), start: Weights(1.5, 1),
                                                   stopping: Stopping(maxSteps: steps), arrowsEvery: every)]))
    }

    func close(_ a: Weights, _ b: Weights) -> Bool { (a - b).length <= 1e-12 * max(1, a.length) }

    @Test("plain descent: the arrow of step k is −η∇L(w_k) from w_k, every k-th step")
    func plainDescent() throws {
        let run = try scene(.gradientDescent, η: 0.15, every: 3).runs[0]
        let arrows = StepArrows.arrows(of: run, every: 3)
        #expect(arrows.map(\.step) == [0, 3, 6, 9])
        for arrow in arrows {
            let w = run.trajectory.points[arrow.step]
            #expect(arrow.part == .step && arrow.from == w)
            #expect(close(arrow.to, w - 0.15 * gradient(w)))
            #expect(close(arrow.to, run.trajectory.points[arrow.step + 1]), "it ends where the step ends")
        }
    }

    @Test("momentum: β times the last step, then −η∇L(w_k), tip to tail, ending where the step ends")
    func momentum() throws {
        let run = try scene(.momentum(beta: 0.8), η: 0.05).runs[0]
        let p = run.trajectory.points
        let arrows = StepArrows.arrows(of: run, every: 1)
        #expect(arrows.first == StepArrows.Arrow(step: 0, part: .gradient, from: p[0], to: p[1]), "no velocity at the start")
        for k in 1..<12 {
            let parts = arrows.filter { $0.step == k }
            #expect(parts.map(\.part) == [.velocity, .gradient])
            #expect(parts[0].from == p[k] && close(parts[0].to, p[k] + 0.8 * (p[k] - p[k - 1])))
            #expect(parts[1].from == parts[0].to && close(parts[1].to, p[k + 1]))
            #expect(close(parts[1].to - parts[1].from, -0.05 * gradient(p[k])), "step \(k): the gradient's part")
        }
    }

    @Test("Nesterov: the gradient's part is −η∇L at the point looked ahead to")
    func nesterov() throws {
        let run = try scene(.nesterov(beta: 0.7), η: 0.05).runs[0]
        let p = run.trajectory.points
        for arrow in StepArrows.arrows(of: run, every: 1) where arrow.part == .gradient && arrow.step > 0 {
            let ahead = p[arrow.step] + 0.7 * (p[arrow.step] - p[arrow.step - 1])
            #expect(close(arrow.to - arrow.from, -0.05 * gradient(ahead)), "step \(arrow.step)")
        }
    }

    @Test("on the map every drawn step's arrowhead points at the step's end, stopping at its dot's edge, in the run's colour")
    func drawn() throws {
        let figure = try scene(.gradientDescent, η: 0.15, steps: 6)
        let canvas = RecordingCanvas(width: 800, height: 500)
        let renderer = FigureRenderer(figure)
        renderer.draw(on: canvas)
        let transform = PlotTransform(w1: figure.w1, w2: figure.w2, rect: renderer.layout(on: canvas).maps[0])
        let run = figure.runs[0]
        // Arrowheads: closed triangles filled in the run's colour.
        let heads = canvas.drawnPaths.filter { $0.kind == .fill && $0.closed && $0.points.count == 3 && $0.color.matches(run.color) }
        let tips = heads.map { $0.points[0] }
        let steps = (0..<6).map { (transform.point(run.trajectory.points[$0]), transform.point(run.trajectory.points[$0 + 1])) }
            .filter { transform.rect.contains($0.1) }
        #expect(tips.count == steps.count)
        let dot = FigureStyle(width: 800, height: 500).stepDotRadius
        for (tip, (from, to)) in zip(tips, steps) {
            // On the line from the step's start to its end, a dot's radius short of the end.
            let length = hypot(to.x - from.x, to.y - from.y), inset = min(dot, 0.3 * length)
            let expected = CanvasPoint(to.x - (to.x - from.x) / length * inset, to.y - (to.y - from.y) / length * inset)
            #expect(hypot(tip.x - expected.x, tip.y - expected.y) < 1e-9)
        }
        // Without `arrows` there are none.
        let plain = RecordingCanvas(width: 800, height: 500)
        var spec = figure.spec
        spec.runs[0].arrowsEvery = nil
        FigureRenderer(try Scene(spec)).draw(on: plain)
        #expect(!plain.drawnPaths.contains { $0.kind == .fill && $0.closed && $0.points.count == 3 && $0.color.matches(run.color) })
    }

    @Test("the legend keys the arrows: −η∇L, and the dashed velocity when a momentum run has arrows")
    func legend() throws {
        func texts(_ method: Method, arrows: Bool) throws -> [String] {
            var spec = try scene(method, η: 0.05).spec
            if !arrows { spec.runs[0].arrowsEvery = nil }
            let canvas = RecordingCanvas(width: 800, height: 500)
            FigureRenderer(try Scene(spec)).draw(on: canvas)
            return canvas.texts
        }
        let plain = try texts(.gradientDescent, arrows: true)
        #expect(plain.contains("arrow: −η∇L") && !plain.contains { $0.hasPrefix("dashed:") })
        let momentum = try texts(.momentum(beta: 0.8), arrows: true)
        #expect(momentum.contains("arrow: −η∇L") && momentum.contains("dashed: the velocity kept, β × the last step"))
        #expect(try texts(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), arrows: true).contains("arrow: the step taken"))
        #expect(!(try texts(.momentum(beta: 0.8), arrows: false)).contains { $0.hasPrefix("arrow:") })
    }
}
