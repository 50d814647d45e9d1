import Testing
import LossmapCanvas
import LossmapCore
@testable import LossmapRender
import LossmapScene
import LossmapSpec

@Suite("One layout for every kind of figure")
struct LayoutTests {
    func quadraticSpec(w1: ClosedRange<Double> = -2...2, w2: ClosedRange<Double> = -2...2) -> FigureSpec {
        let surface = SurfaceSpec(surface: Quadratic(curvatures: (10, 20)), name: "quadratic", w1: w1, w2: w2, resolution: 20)
        var spec = FigureSpec(title: "A title", width: 1200, height: 750, surface: surface, runs: [
            RunSpec(label: .text("gd"), learningRate: .absolute(0.01), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 20)),
        ])
        spec.subtitle = "a subtitle"
        spec.footnote = "a footnote"
        return spec
    }

    @Test("a sweep and a map with the same title, subtitle and footnote put them in the same places")
    func sharedPage() throws {
        let mapSpec = quadraticSpec()
        var sweepSpec = mapSpec
        sweepSpec.kind = .sweep(from: .absolute(1e-3), to: .absolute(0.3), count: 12)
        let canvas = RecordingCanvas(width: 1200, height: 750)
        let map = FigureRenderer(try Scene(mapSpec)).layout(on: canvas)
        let sweep = FigureRenderer(try Scene(sweepSpec)).layout(on: canvas)
        #expect(map.page == sweep.page)
        // The sweep's plot lies between the title lines and the footnote, inside the margins.
        #expect(sweep.plot.minY > sweep.page.contentTop && sweep.plot.maxY < sweep.page.contentBottom)
        #expect(sweep.plot.minX > 0 && sweep.plot.maxX < 1200)
        #expect(sweep.colorbar.width == 0 && sweep.legend.width == 0)
        // And the sweep's page text is drawn where the page says, by the figure renderer.
        let drawn = RecordingCanvas(width: 1200, height: 750)
        FigureRenderer(try Scene(sweepSpec)).draw(on: drawn)
        #expect(drawn.texts.contains("A title") && drawn.texts.contains("a subtitle") && drawn.texts.contains("a footnote"))
    }

    @Test("the page's title lines and footnote line take room only when there is text for them")
    func pageRoom() {
        let style = FigureStyle(width: 1600, height: 1000)
        let bare = FigureLayout.Page(width: 1600, height: 1000, style: style, hasTitle: false, hasSubtitle: false, hasFootnote: false)
        #expect(bare.contentTop == style.margin && bare.contentBottom == 1000 - style.margin)
        let full = FigureLayout.Page(width: 1600, height: 1000, style: style, hasTitle: true, hasSubtitle: true, hasFootnote: true)
        #expect(full.contentTop == style.margin + style.titleFont.size * 1.9 + style.subtitleFont.size * 1.5)
        #expect(full.contentBottom == 1000 - style.margin - style.legendNoteFont.size * 1.6)
        #expect(full.titleBaseline.y < full.subtitleBaseline.y && full.subtitleBaseline.y < full.contentTop)
    }

    @Test("equal units are given up, and said so, only for windows wider than 4:1 or taller than 1:4")
    func equalAspectNotice() throws {
        let canvas = RecordingCanvas(width: 1200, height: 750)
        let square = try Scene(quadraticSpec())
        #expect(!FigureRenderer(square).layout(on: canvas).gaveUpEqualAspect)
        #expect(FigureRenderer.notices(for: square).isEmpty)
        // Exactly 4:1 still keeps equal units.
        let four = try Scene(quadraticSpec(w1: -4...4, w2: -1...1))
        #expect(!FigureRenderer(four).layout(on: canvas).gaveUpEqualAspect)
        #expect(FigureRenderer.notices(for: four).isEmpty)

        let wide = try Scene(quadraticSpec(w1: 0...100, w2: 0...0.1))
        let layout = FigureRenderer(wide).layout(on: canvas)
        #expect(layout.gaveUpEqualAspect)
        #expect(FigureRenderer.notices(for: wide) == [
            "aspect = \"equal\" not kept: the window (w1 over [0, 100], w2 over [0, 0.1]) is 1000 times as wide as it is high, "
                + "beyond the 4:1 that equal units allow, so the map fills the room as with aspect = \"auto\"",
        ])
        let tall = try Scene(quadraticSpec(w1: -1...1, w2: -10...10))
        #expect(FigureRenderer(tall).notices.first?.contains("10 times as high as it is wide") == true)

        // Asked for no equal units: nothing given up, nothing to say.
        var auto = quadraticSpec(w1: 0...100, w2: 0...0.1)
        auto.equalAspect = false
        let autoScene = try Scene(auto)
        #expect(!FigureRenderer(autoScene).layout(on: canvas).gaveUpEqualAspect)
        #expect(FigureRenderer.notices(for: autoScene).isEmpty)
    }
}
