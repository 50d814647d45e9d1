import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec
import LossmapTestSupport
import Testing
@testable import LossmapRender

/// `font_scale` (issue 20): every text of a figure is drawn that many times its size, and
/// the layout makes room, so that nothing overlaps and everything stays on the page, at
/// half the size, at twice it and between; read back from recordings.
///
/// Mutations tried (each made a test here fail, then was undone): the step numbers' font
/// left at `unit` (not `textUnit`); the tick font left at `unit`; the legend's overflow
/// taken as 0 in `FigureLayout` (nine entries then ran under the footnote); the phase
/// chart's key width left at 140 × `unit` (its labels ran off the figure); the tick labels'
/// stride fixed at 1; the corner rule for the lowest label of a vertical axis removed; axis
/// titles not fitted to their axis; the slice panel's second note placed 22 × `unit` below
/// the first (the notes overlapped at 2); the single plot's room below not grown for small
/// text (the sweep's axis title then ran 1 px into the footnote's line at 0.5).
@Suite("Font scale")
struct FontScaleTests {
    static let start = Weights(-1.8, 1)

    func run(_ η: Double, label: String, steps: Int = 20, numbers: Int = 0) -> RunSpec {
        RunSpec(label: .text(label), learningRate: .absolute(η), start: Self.start, stopping: Stopping(maxSteps: steps),
                stepNumbers: numbers)
    }

    /// w1² + 10·w2² (η_crit = 0.1) with every kind of text a map figure draws: title,
    /// subtitle, footnote, ticks, axis titles, colorbar, legend, contour labels, a marker,
    /// step numbers, a diverged run's badge, a callout, the loss panel and the slice panel.
    func busySpec(width: Int, height: Int, fontScale: Double, layout: MapLayout = .overlay) -> FigureSpec {
        var surface = SurfaceSpec(surface: Quadratic(curvatures: (2, 20)), name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 40)
        surface.contourLabels = true
        var spec = FigureSpec(title: "A bowl, three steps", width: width, height: height, surface: surface,
                              runs: [run(0.04, label: "small", numbers: 4), run(0.09, label: "good"), run(0.12, label: "huge")])
        spec.subtitle = "one subtitle"
        spec.footnote = "a footnote"
        spec.markers = [MarkerSpec(at: Weights(1, 0.5), label: "here")]
        spec.explanations = [ExplanationSpec(run: 0, step: 0, slice: layout == .overlay)]
        spec.lossCurve = true
        spec.layout = layout
        spec.fontScale = fontScale
        return spec
    }

    func record(_ spec: FigureSpec) throws -> (canvas: RecordingCanvas, layout: FigureLayout, scene: Scene) {
        let scene = try Scene(spec)
        let canvas = RecordingCanvas(width: Double(spec.width), height: Double(spec.height))
        let renderer = FigureRenderer(scene)
        renderer.draw(on: canvas)
        return (canvas, renderer.layout(on: canvas), scene)
    }

    /// Every text drawn, with its font size.
    func sizes(_ canvas: RecordingCanvas) -> [String: [Double]] {
        var sizes: [String: [Double]] = [:]
        for case .text(let text, _, let font, _, _) in canvas.calls { sizes[text, default: []].append(font.size) }
        return sizes.mapValues { $0.sorted() }
    }

    /// The font sizes a figure's texts are drawn in.
    func fontSizes(_ canvas: RecordingCanvas) -> Set<Double> {
        var sizes = Set<Double>()
        for case .text(_, _, let font, _, _) in canvas.calls { sizes.insert((font.size * 1e6).rounded() / 1e6) }
        return sizes
    }

    @Test("every text is drawn font_scale times as large: the sizes used are the reference's times the scale, text by text",
          arguments: [0.5, 0.8, 1.3, 1.6])
    func everyTextScales(_ scale: Double) throws {
        // A callout and the slice panel shrink their text when their room runs short, as they
        // are meant to: above 1 the figure leaves them out, to compare every size exactly.
        func spec(_ fontScale: Double) -> FigureSpec {
            var spec = busySpec(width: 3200, height: 2000, fontScale: fontScale)
            if scale > 1 { spec.explanations = [] }
            return spec
        }
        let plain = try record(spec(1)), scaled = try record(spec(scale))
        #expect(!scaled.layout.legendWrapped)
        let before = sizes(plain.canvas), after = sizes(scaled.canvas)
        #expect(before.count > 30, "the figure draws \(before.count) different texts")
        // Every size at the scale is one of the reference's sizes times the scale, and back.
        let expected = Set(fontSizes(plain.canvas).map { ($0 * scale * 1e6).rounded() / 1e6 })
        #expect(fontSizes(scaled.canvas) == expected,
                "sizes at \(scale) not from the reference's: \(fontSizes(scaled.canvas).subtracting(expected).sorted())")
        // Text by text, wherever a text with words is drawn as often at both (numbers are
        // tick, contour and step labels alike, which come and go as the maps change size).
        var compared = 0
        for (text, sizes) in before where text.contains(where: \.isLetter) {
            guard let scaledSizes = after[text], scaledSizes.count == sizes.count else { continue }
            compared += 1
            for (a, b) in zip(sizes, scaledSizes) {
                #expect(abs(b - a * scale) <= 1e-9 * a, "“\(text)”: \(a) px at 1, \(b) px at \(scale)")
            }
        }
        #expect(compared >= 15)
        // The kinds of text the figure is made to hold, all there.
        for text in ["A bowl, three steps", "one subtitle", "a footnote", "w₁", "w₂", "loss", "step", "here · loss 3.5", "1", "4", "minimum"] {
            #expect(after[text] != nil, "“\(text)” is not drawn")
        }
        #expect(after.keys.contains { $0.hasPrefix("diverged at step") })
        if scale < 1 { #expect(after.keys.contains { $0.hasPrefix("the step from w₀") }) }
    }

    /// A drawn text's box, from the recording's metrics (0.6 em a character, ascent 0.76 em,
    /// descent 0.24 em) and its anchor, as `CairoCanvas.drawText` places it.
    struct TextBox {
        var text: String
        var box: CanvasRect
    }

    func boxes(_ canvas: RecordingCanvas) -> [TextBox] {
        canvas.calls.compactMap { call -> TextBox? in
            // Turned texts (contour labels along their isolines) lie on the maps.
            guard case .text(let text, let p, let font, let anchor, let angle) = call, angle == 0, !text.isEmpty else { return nil }
            let extent = canvas.measureText(text, font: font)
            let x: Double
            switch anchor.horizontal {
            case .left: x = p.x
            case .center: x = p.x - extent.width / 2
            case .right: x = p.x - extent.width
            }
            let baseline: Double
            switch anchor.vertical {
            case .top: baseline = p.y + extent.ascent
            case .middle: baseline = p.y + (extent.ascent - extent.descent) / 2
            case .baseline: baseline = p.y
            case .bottom: baseline = p.y - extent.descent
            }
            return TextBox(text: text, box: CanvasRect(x: x, y: baseline - extent.ascent, width: extent.width, height: extent.height))
        }
    }

    /// What is wrong with a figure's layout: panels that overlap or leave the page, a legend
    /// that runs under the footnote, texts off the canvas, and texts outside the maps and
    /// panels (titles, ticks, axis titles, colorbar labels, the legend) that overlap.
    func layoutProblems(_ recorded: (canvas: RecordingCanvas, layout: FigureLayout, scene: Scene)) -> [String] {
        let (canvas, layout, scene) = recorded
        var problems: [String] = []
        var panels: [(String, CanvasRect)] = layout.maps.enumerated().map { ("map \($0.offset)", $0.element) }
        if layout.colorbar.width > 0 { panels.append(("colorbar", layout.colorbar)) }
        for (name, rect) in [("loss panel", layout.lossCurve), ("slice panel", layout.slice), ("rate panel", layout.rateCurve)] {
            if let rect { panels.append((name, rect)) }
        }
        if layout.legend.width > 0 { panels.append(("legend", layout.legend)) }
        for (i, a) in panels.enumerated() {
            let page = CanvasRect(x: 0, y: layout.page.contentTop, width: canvas.width,
                                  height: layout.page.contentBottom - layout.page.contentTop)
            if !a.1.insetBy(0.5).intersects(page) || a.1.minX < 0 || a.1.maxX > canvas.width || a.1.maxY > layout.page.contentBottom + 0.5 {
                problems.append("\(a.0) \(a.1) leaves the page")
            }
            for b in panels[(i + 1)...] where a.1.insetBy(0.5).intersects(b.1.insetBy(0.5)) {
                problems.append("\(a.0) overlaps \(b.0)")
            }
        }
        if layout.legendOverflow > 0.5 { problems.append("the legend runs \(Int(layout.legendOverflow)) px under the page") }
        let texts = boxes(canvas)
        for t in texts where t.box.minX < -0.5 || t.box.maxX > canvas.width + 0.5 || t.box.minY < -0.5 || t.box.maxY > canvas.height + 0.5 {
            problems.append("“\(t.text)” \(t.box) leaves the canvas")
        }
        // The maps' own texts (callouts, badges, markers, contour labels) are placed by their
        // layers, which let labels lie over one another's boxes; the side panels' notes, and
        // the rest of the page, must stay apart.
        let maps = layout.maps.map { $0.insetBy(-0.5) }
        let sidePanels = [layout.lossCurve, layout.slice, layout.rateCurve].compactMap { $0 }.map { $0.insetBy(-0.5) }
        func inside(_ t: TextBox, _ rect: CanvasRect) -> Bool { rect.contains(CanvasPoint(t.box.midX, t.box.midY)) }
        let outside = texts.filter { t in !(maps + sidePanels).contains { inside(t, $0) } }
        var groups = [outside] + sidePanels.map { panel in texts.filter { inside($0, panel) } }
        groups = groups.filter { $0.count > 1 }
        for group in groups {
            for (i, a) in group.enumerated() {
                for b in group[(i + 1)...] where a.box.insetBy(0.5).intersects(b.box.insetBy(0.5)) {
                    problems.append("“\(a.text)” \(a.box) overlaps “\(b.text)” \(b.box)")
                }
            }
        }
        // Between the title lines and the footnote: only the footnote below the page's content.
        let footnote = scene.spec.footnote
        for t in outside where t.text != footnote && t.box.maxY > layout.page.contentBottom + 0.5 {
            problems.append("“\(t.text)” \(t.box) runs below the page's content (\(layout.page.contentBottom))")
        }
        // And on a map, the paths and bands are where the layout's maps say (the shared figure checks).
        if scene.spec.kind.isMap {
            problems += FigureChecks.pathProblems(scene, layout: layout, drawn: canvas.drawnPaths)
            problems += FigureChecks.levelProblems(scene, layout: layout, drawn: canvas.drawnPaths)
        }
        return problems
    }

    @Test("at the reference size, from half the text to twice it, nothing overlaps and everything stays on the page",
          arguments: [0.5, 0.8, 1, 1.3, 1.6, 1.8, 2])
    func layoutHolds(_ scale: Double) throws {
        for layout in [MapLayout.overlay, .grid] {
            let problems = layoutProblems(try record(busySpec(width: 1600, height: 1000, fontScale: scale, layout: layout)))
            #expect(problems.isEmpty, "\(layout) at \(scale): \(problems.prefix(6).joined(separator: "; "))")
        }
    }

    @Test("a long legend at 1.6 is wrapped, each run's outcome moved to its note's line, when that gives the maps more room")
    func wrappedLegend() throws {
        var spec = busySpec(width: 1600, height: 1000, fontScale: 1.6)
        spec.runs = [run(0.04, label: "η = 0.04, a small step from the far corner"), run(0.09, label: "η = 0.09, a good one"),
                     run(0.12, label: "η = 0.12, too large a step")]
        spec.explanations = []
        let recorded = try record(spec)
        #expect(recorded.layout.legendWrapped)
        let texts = recorded.canvas.texts
        #expect(texts.contains("η = 0.04, a small step from the far corner"))
        #expect(texts.contains { $0.hasPrefix("diverged at step ") && $0.contains(" · ") })
        #expect(!texts.contains { $0.hasPrefix("η = 0.12, too large a step · ") })
        let problems = layoutProblems(recorded)
        #expect(problems.isEmpty, "\(problems.prefix(6))")
        // At the reference size the same legend keeps one line an entry.
        spec.fontScale = 1
        let reference = try record(spec)
        #expect(!reference.layout.legendWrapped)
    }

    @Test("a legend of nine entries, too tall beside the maps at 1.6 and 2, is moved, wrapped or set smaller to end above the footnote",
          arguments: [1.6, 2.0])
    func tallLegend(_ scale: Double) throws {
        var spec = busySpec(width: 1600, height: 1000, fontScale: scale)
        spec.explanations = []
        spec.lossCurve = false
        spec.runs = (1...7).map { run(0.01 * Double($0), label: "η = 0.0\($0), run number \($0)") }
        let recorded = try record(spec)
        let problems = layoutProblems(recorded)
        #expect(problems.isEmpty, "\(problems.prefix(6))")
        // Every entry is drawn: seven runs, the marker, the start and the minimum.
        #expect((1...7).allSatisfy { k in recorded.canvas.texts.contains { $0.hasPrefix("η = 0.0\(k), run number \(k)") } })
        #expect(recorded.canvas.texts.contains("start") && recorded.canvas.texts.contains("minimum"))
    }

    @Test("the slice panel's two notes stand a line of their own size apart, whatever the font scale",
          arguments: [0.5, 1, 2])
    func sliceNotes(_ scale: Double) throws {
        let scene = try Scene(busySpec(width: 1600, height: 1000, fontScale: scale))
        let style = FigureStyle(scene.spec)
        let panel = try #require(SlicePanel(figure: scene, style: style))
        let canvas = RecordingCanvas(width: 1600, height: 1000)
        panel.draw(on: canvas, in: CanvasRect(x: 100, y: 100, width: 900, height: 700))
        let notes = boxes(canvas).filter { $0.text.hasPrefix("best t*") || $0.text.hasPrefix("back to") }
        #expect(notes.count == 2)
        if notes.count == 2 {
            // 22 px apart at the reference size, for 17-px notes: 22/17 of their size.
            #expect(abs((notes[1].box.minY - notes[0].box.minY) - 22.0 / 17 * style.legendNoteFont.size) < 1e-9)
            #expect(notes[1].box.minY >= notes[0].box.maxY)
        }
    }

    @Test("a sweep and a phase diagram keep their texts apart and on the page at 0.5 and 2")
    func singlePlots() throws {
        for scale in [0.5, 2.0] {
            var sweep = busySpec(width: 1600, height: 1000, fontScale: scale)
            sweep.explanations = []
            sweep.markers = []
            sweep.kind = .sweep(from: .absolute(1e-3), to: .absolute(0.3), count: 12)
            let sweepProblems = layoutProblems(try record(sweep))
            #expect(sweepProblems.isEmpty, "sweep at \(scale): \(sweepProblems.prefix(4))")
            var phase = sweep
            phase.kind = .phase(PhaseSpec())
            let phaseProblems = layoutProblems(try record(phase))
            #expect(phaseProblems.isEmpty, "phase at \(scale): \(phaseProblems.prefix(4))")
        }
    }

    @Test("tick labels that would run into each other are written every other tick (or fewer), the ticks all kept")
    func tickLabelStride() {
        let canvas = RecordingCanvas(width: 500, height: 300)
        let rect = CanvasRect(x: 50, y: 50, width: 400, height: 200)
        // −20 … 60 by 10 across 400 px: ticks 50 px apart. At scale 1 (21 px) "−20" is
        // 3 × 0.6 × 21 = 37.8 px wide, so neighbours need 37.8 + 7 ≤ 50: all written. At 3
        // (63 px) "−20" and "−10" need 113.4 + 21 > 50; every other one, −20, 0, 20, 40, 60,
        // 100 px apart, needs at most 56.7 + 18.9 + 21 = 96.6 (−20 and 0) or 37.8 + 37.8 + 21.
        for (fontScale, expected) in [(1.0, 1), (3.0, 2)] {
            let style = FigureStyle(width: 1600, height: 1000, fontScale: fontScale)
            let axis = AxisRenderer(side: .bottom, range: -20...60, targetCount: 9, style: style)
            #expect(axis.ticks == [-20, -10, 0, 10, 20, 30, 40, 50, 60])
            #expect(axis.labelStride(axis.labels, along: rect, on: canvas) == expected, "font scale \(fontScale)")
            let recording = RecordingCanvas(width: 500, height: 300)
            axis.draw(on: recording, along: rect)
            #expect(recording.texts == stride(from: 0, to: 9, by: expected).map { axis.labels[$0] })
            // Every tick keeps its mark: one stroke of nine marks.
            let marks = recording.calls.compactMap { call -> CanvasPath? in if case .stroke(let p) = call { p } else { nil } }
            #expect(marks.first?.elements.count == 18)
        }
    }
}
