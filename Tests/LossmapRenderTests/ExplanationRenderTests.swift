import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec
import LossmapTestSupport
import Testing
@testable import LossmapRender

/// The views of "why a huge step goes crazy", read back from a recording: the callout's text
/// is the trajectory's numbers (checked against hand arithmetic on w1² + 10·w2²), its box
/// hides neither end of the step and its leader ends at w_k; the slice panel appears only
/// when asked for and stacks under the loss panel; the phase chart's edge is
/// η = 2(1 + β)/λmax; the eigen axes cross at the minimum along the eigenvectors.
@Suite("Explanation views")
struct ExplanationRenderTests {
    static let start = Weights(-1.8, 1)

    /// w1² + 10·w2² (λ = 2 and 20, η_crit = 0.1) over [−2, 2] × [−1.5, 1.5].
    func scene(runs: [RunSpec], explain: [ExplanationSpec] = [], lossCurve: Bool = false, eigen: Bool = false,
               surface: any LossSurface = Quadratic(curvatures: (2, 20))) throws -> Scene {
        var surfaceSpec = SurfaceSpec(surface: surface, name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 40)
        surfaceSpec.eigen = eigen
        var spec = FigureSpec(title: "", width: 900, height: 560, surface: surfaceSpec, runs: runs)
        spec.explanations = explain
        spec.lossCurve = lossCurve
        return try Scene(spec)
    }

    func run(_ η: Double, _ method: Method = .gradientDescent, steps: Int = 20) -> RunSpec {
        RunSpec(method: method, learningRate: .absolute(η), start: Self.start, stopping: Stopping(maxSteps: steps))
    }

    func draw(_ scene: Scene) -> (canvas: RecordingCanvas, layout: FigureLayout, transform: PlotTransform) {
        let canvas = RecordingCanvas(width: Double(scene.spec.width), height: Double(scene.spec.height))
        let renderer = FigureRenderer(scene)
        renderer.draw(on: canvas)
        let layout = renderer.layout(on: canvas)
        return (canvas, layout, PlotTransform(w1: scene.w1, w2: scene.w2, rect: layout.maps[0]))
    }

    func near(_ a: CanvasPoint, _ b: CanvasPoint, _ tolerance: Double = 1e-9) -> Bool {
        hypot(a.x - b.x, a.y - b.y) <= tolerance
    }

    @Test("the callout's lines are the first step's numbers, as worked by hand on w1² + 10·w2²")
    func calloutText() throws {
        // From (−1.8, 1): ∇L = (2·−1.8, 20·1) = (−3.6, 20); η∇L = (−0.144, 0.8); w₁ = (−1.656, 0.2);
        // L(w₀) = 3.24 + 10 = 13.24, L(w₁) = 2.742336 + 0.4 = 3.142336, down 10.097664.
        let scene = try scene(runs: [run(0.04), run(0.15)], explain: [ExplanationSpec(run: 0, step: 0)])
        let texts = draw(scene).canvas.texts
        #expect(texts.contains("the step from w₀ to w₁ of \(scene.runs[0].label)"))
        for line in ["w₀ = (−1.8, 1)", "∇L(w₀) = (−3.6, 20)", "η∇L = 0.04 × ∇L = (−0.144, 0.8)",
                     "w₁ = w₀ − η∇L = (−1.66, 0.2)", "L(w₀) = 13.2 → L(w₁) = 3.14, down 10.1"] {
            #expect(texts.contains(line), "missing \(line)")
        }
        #expect(!texts.contains { $0.contains("stopped") })
    }

    @Test("a step past a diverged run's end explains its last step, going up, and says where it stopped")
    func divergedCallout() throws {
        // η = 0.15: w2 is multiplied by −2 a step and leaves the escape box at step 4 (w2 = 16).
        let scene = try scene(runs: [run(0.04), run(0.15)], explain: [ExplanationSpec(run: 1, step: 12)])
        let e = try #require(scene.explanations.first)
        let texts = draw(scene).canvas.texts
        #expect(texts.contains("the step from w₃ to w₄ of \(scene.runs[1].label)"))
        #expect(texts.contains("(the run stopped at step 4; this is its last step)"))
        // w₄ = (0.7⁴ · −1.8, 16) = (−0.432, 16); L rises from 0.8⁶·… to 2560.19: overshoot.
        #expect(texts.contains("w₄ = w₃ − η∇L = (−0.432, 16)"))
        let up = ExplanationText.number(e.lossAfter - e.lossBefore)
        #expect(texts.contains { $0.hasSuffix("up \(up): overshoot") }, "\(texts.filter { $0.hasPrefix("L(") })")
    }

    @Test("a momentum step's callout gives the gradient step and the different step taken")
    func momentumCallout() throws {
        let scene = try scene(runs: [run(0.02, .momentum(beta: 0.5))], explain: [ExplanationSpec(run: 0, step: 2)])
        let e = try #require(scene.explanations.first)
        let texts = draw(scene).canvas.texts
        #expect(texts.contains("−η∇L = \(ExplanationText.vector(e.gradientStep)), but the step taken is"))
        #expect(texts.contains("w₃ − w₂ = \(ExplanationText.vector(e.next - e.point)) (momentum)"))
        #expect(texts.contains("w₃ = \(ExplanationText.vector(e.next))"))
        #expect(!texts.contains { $0.hasPrefix("η∇L = ") })
    }

    @Test("the callout's box hides neither end of the step, stays on the map, and its leader runs from its edge to w_k")
    func calloutGeometry() throws {
        for step in [0, 4] {
            let scene = try scene(runs: [run(0.04), run(0.15)], explain: [ExplanationSpec(run: 0, step: step)])
            let (canvas, _, transform) = draw(scene)
            let e = scene.explanations[0]
            let anchor = transform.point(e.point), landing = transform.point(e.next)
            let style = FigureStyle(width: scene.spec.width, height: scene.spec.height)
            let callouts = ExplanationLayer(figure: scene, style: style, transform: transform).callouts(on: canvas)
            let callout = try #require(callouts.first)
            #expect(!callout.box.contains(anchor) && !callout.box.contains(landing))
            #expect(!callout.box.contains(transform.point(Self.start)), "the start is a key point")
            #expect(transform.rect.insetBy(-0.5).contains(CanvasPoint(callout.box.minX, callout.box.minY))
                    && transform.rect.insetBy(-0.5).contains(CanvasPoint(callout.box.maxX, callout.box.maxY)))
            #expect(callout.leader.to == anchor)
            let from = callout.leader.from
            #expect(abs(from.x - callout.box.minX) < 1e-9 || abs(from.x - callout.box.maxX) < 1e-9
                    || abs(from.y - callout.box.minY) < 1e-9 || abs(from.y - callout.box.maxY) < 1e-9)
            // In the drawn figure: a two-point stroke from the edge of a filled box to w_k.
            let paths = canvas.drawnPaths
            let leaders = paths.filter { $0.kind == .stroke && $0.subpaths.count == 1 && $0.subpaths[0].count == 2 && near($0.subpaths[0][1], anchor) }
            #expect(leaders.count == 2, "halo and line: \(leaders.count)")
            let boxes = paths.filter { $0.kind == .fill && $0.closed && $0.subpaths.count == 1 && $0.subpaths[0].count == 4 }
                .map { p -> CanvasRect in
                    let xs = p.subpaths[0].map(\.x), ys = p.subpaths[0].map(\.y)
                    return CanvasRect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
                }
            let start = try #require(leaders.first?.subpaths[0][0])
            let drawnBox = boxes.first { $0.insetBy(-1e-9).contains(start) && !$0.insetBy(1e-9).contains(start) && $0.width > 50 }
            #expect(drawnBox != nil, "the leader starts on a box's edge")
            #expect(drawnBox.map { !$0.contains(anchor) } == true)
        }
    }

    @Test("the slice panel is in the layout only with slice = true; with the loss panel the two stack in one column")
    func sliceLayout() throws {
        let runs = [run(0.04), run(0.15)]
        let none = draw(try scene(runs: runs, explain: [ExplanationSpec(run: 0, step: 0)])).layout
        #expect(none.slice == nil && none.lossCurve == nil)
        let alone = draw(try scene(runs: runs, explain: [ExplanationSpec(run: 0, step: 0, slice: true)])).layout
        let slice = try #require(alone.slice)
        #expect(alone.lossCurve == nil)
        #expect(slice.minX > alone.maps[0].maxX)
        #expect(abs(slice.minY - alone.maps[0].minY) < 1e-9 && abs(slice.maxY - alone.maps[0].maxY) < 1e-9)
        let both = draw(try scene(runs: runs, explain: [ExplanationSpec(run: 0, step: 0, slice: true)], lossCurve: true)).layout
        let upper = try #require(both.lossCurve), lower = try #require(both.slice)
        #expect(upper.maxY < lower.minY, "\(upper) over \(lower)")
        #expect(upper.minX == lower.minX && upper.width == lower.width)
        #expect(abs(upper.height - lower.height) < 1e-9)
        #expect(abs(upper.minY - both.maps[0].minY) < 1e-9 && abs(lower.maxY - both.maps[0].maxY) < 1e-9)
        let curveOnly = draw(try scene(runs: runs, lossCurve: true)).layout
        #expect(curveOnly.slice == nil && curveOnly.lossCurve != nil)
    }

    @Test("the slice panel marks the best step gᵀg/gᵀHg = 0.0515 and the uphill point twice it, 0.103")
    func slicePanel() throws {
        // g = (−3.6, 20): gᵀg = 412.96, gᵀHg = 8025.92, t* = 0.051453, 2t* = 0.102907.
        let scene = try scene(runs: [run(0.04), run(0.15)], explain: [ExplanationSpec(run: 1, step: 0, slice: true)])
        let (canvas, layout, _) = draw(scene)
        let texts = canvas.drawnTexts
        let panel = try #require(layout.slice)
        let best = try #require(texts.first { $0.text == "best t* = 0.0515" })
        let uphill = try #require(texts.first { $0.text == "back to L(w₀) at t = 0.103" })
        #expect(panel.insetBy(-1).contains(best.point) && panel.insetBy(-1).contains(uphill.point))
        #expect(texts.contains { $0.text.hasPrefix("L(w₀ − t∇L(w₀))") })
        // Without the slice: no such marks.
        let plain = draw(try self.scene(runs: [run(0.04), run(0.15)], explain: [ExplanationSpec(run: 1, step: 0)])).canvas.texts
        #expect(!plain.contains { $0.hasPrefix("best t*") })
    }

    @Test("the phase chart draws its key, Polyak's optimum, the runs' ρ and the edge η = 2(1 + β)/λmax")
    func phaseChart() throws {
        let surfaceSpec = SurfaceSpec(surface: Quadratic(curvatures: (2, 20)), name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 16)
        var spec = FigureSpec(title: "", width: 900, height: 560, surface: surfaceSpec, runs: [run(0.05), run(0.02, .momentum(beta: 0.5))])
        var phaseSpec = PhaseSpec(momentum: 0...0.9)
        phaseSpec.start = Self.start
        spec.kind = .phase(phaseSpec)
        let scene = try Scene(spec)
        let phase = try #require(scene.phase)
        let (canvas, layout, _) = draw(scene)
        let texts = canvas.texts
        for text in ["ρ per step", "momentum β", "learning rate η (log scale)", "ρ = 1: η = 2(1 + β)/λmax",
                     "fastest: ρ = 0.519"] {
            #expect(texts.contains(text), "missing \(text)")
        }
        // Gradient descent at η = 0.05: ρ = max(|1 − 0.1|, |1 − 1|) = 0.9; labelled against the
        // axis's η_crit = 2/20 = 0.1. The momentum run at β = 0.5, η = 0.02: 0.2 η_crit.
        #expect(texts.contains("gd, η = 0.05 (0.5 η_crit), ρ = 0.9"), "\(texts)")
        #expect(texts.contains { $0.hasPrefix("β = 0.5, η = 0.02 (0.2 η_crit), ρ = ") }, "\(texts)")
        // The edge: 101 points from β = 0 (η = 0.1) to β = 0.9 (η = 0.19), through the chart's axes.
        let style = FigureStyle(width: 900, height: 560)
        let chart = PhaseChart(figure: scene, phase: phase, style: style)
        let full = layout.plot
        let rect = CanvasRect(x: full.minX, y: full.minY, width: full.width - chart.keyWidth, height: full.height)
        let edges = canvas.drawnPaths.filter { $0.kind == .stroke && $0.subpaths.count == 1 && $0.subpaths[0].count == 101 }
        let edge = try #require(edges.first)
        for (i, p) in edge.subpaths[0].enumerated() where i % 25 == 0 {
            let β = 0.9 * Double(i) / 100
            let expected = CanvasPoint(chart.rateAxis.coordinate(2 * (1 + β) / 20, in: rect), chart.momentumAxis.coordinate(β, in: rect))
            #expect(near(p, expected, 1e-6), "β = \(β): \(p) vs \(expected)")
        }
        // Larger β, larger η: the edge leans right going up.
        #expect(edge.subpaths[0][100].x > edge.subpaths[0][0].x && edge.subpaths[0][100].y < edge.subpaths[0][0].y)
    }

    @Test("the eigen axes cross at the minimum along the turned bowl's eigenvectors, and the table gives |1 − ηλ|")
    func eigenAxes() throws {
        // w1² + 10·w2² turned by 30°: shallow (λ = 2) along (cos 30°, sin 30°), steep (λ = 20) across it.
        let θ = Double.pi / 6, c = cos(θ), s = sin(θ)
        let turned = try FormulaSurface(expression: "(\(c)*w1 + \(s)*w2)^2 + 10*(\(-s)*w1 + \(c)*w2)^2")
        let scene = try scene(runs: [run(0.06), run(0.12)], eigen: true, surface: turned)
        let eigen = try #require(scene.eigen)
        let (canvas, _, transform) = draw(scene)
        let centre = transform.point(Weights(0, 0))
        // Pixels per unit along w1 and w2 (w2 up is canvas y down).
        let sx = transform.rect.width / (scene.w1.upperBound - scene.w1.lowerBound)
        let sy = transform.rect.height / (scene.w2.upperBound - scene.w2.lowerBound)
        let segments = canvas.drawnPaths.filter { $0.kind == .stroke && $0.subpaths.count == 1 && $0.subpaths[0].count == 2 }
            .map { ($0.subpaths[0][0], $0.subpaths[0][1]) }
            .filter { a, b in near(CanvasPoint((a.x + b.x) / 2, (a.y + b.y) / 2), centre, 1e-6) }
        for (v, semiAxis) in [(Weights(c, s), eigen.semiAxes.smaller), (Weights(s, -c), eigen.semiAxes.larger)] {
            let direction = CanvasPoint(v.x * sx, -v.y * sy)
            let along = segments.filter { a, b in
                let d = CanvasPoint(b.x - a.x, b.y - a.y)
                return abs(d.x * direction.y - d.y * direction.x) <= 1e-6 * hypot(d.x, d.y) * hypot(direction.x, direction.y)
            }
            #expect(along.count >= 2, "no axis along \(v): \(segments)")
            // Each as long as the ellipse: from w* − s·v to w* + s·v.
            if let (a, b) = along.first {
                #expect(abs(hypot(b.x - a.x, b.y - a.y) - 2 * semiAxis * hypot(direction.x, direction.y)) < 1e-6)
            }
        }
        let texts = canvas.texts
        for text in ["λ₁ = 2", "λ₂ = 20", "0.88", "0.2", "0.76", "1.4 ▲"] { #expect(texts.contains(text), "missing \(text)") }
        #expect(!texts.contains("0.2 ▲") && !texts.contains("0.88 ▲"))
    }

    @Test("an animation frame before the explained step does not show that step's callout (a frame is the scene up to step k)")
    func frameBeforeTheStep() throws {
        var surfaceSpec = SurfaceSpec(surface: Quadratic(curvatures: (2, 20)), name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 24)
        surfaceSpec.eigen = false
        var spec = FigureSpec(title: "", width: 600, height: 400, surface: surfaceSpec, runs: [run(0.04)])
        spec.explanations = [ExplanationSpec(run: 0, step: 6)]
        spec.animation = AnimationSpec()
        let scene = try Scene(spec)
        let heading = "the step from w₆ to w₇ of \(scene.runs[0].label)"
        let late = RecordingCanvas(width: 600, height: 400)
        FigureRenderer(scene).drawFrame(step: 10, on: late)
        #expect(late.texts.contains(heading))
        let early = RecordingCanvas(width: 600, height: 400)
        FigureRenderer(scene).drawFrame(step: 2, on: early)
        #expect(!early.texts.contains(heading))
    }

    @Test("subscripts: 12 → ₁₂, 0 → ₀, −3 → ₋₃, and every digit")
    func subscripts() {
        #expect(ExplanationText.subscripted(12) == "₁₂")
        #expect(ExplanationText.subscripted(0) == "₀")
        #expect(ExplanationText.subscripted(-3) == "₋₃")
        #expect(ExplanationText.subscripted(1_234_567_890) == "₁₂₃₄₅₆₇₈₉₀")
    }
}
