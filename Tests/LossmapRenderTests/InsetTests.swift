import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing
@testable import LossmapRender

/// `[[inset]]`: the magnifier's window is the map's scaled by size / zoom about its centre;
/// its panel sits in a corner clear of the paths; its connectors cross neither frame; and
/// what it draws is the map's paths under its own transform.
@Suite("Insets")
struct InsetTests {
    /// A bowl walked from (1.5, 1) by a small step, with a magnifier at the start.
    func scene(position: InsetPosition = .auto, zoom: Double = 8, center: Weights = Weights(1.4, 0.95)) throws -> Scene {
        var spec = FigureSpec(title: "", width: 800, height: 500,
                              surface: SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 40),
                              runs: [RunSpec(learningRate: .absolute(0.002), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 60))])
        spec.insets = [InsetSpec(center: center, zoom: zoom, position: position, size: 0.4)]
        return try Scene(spec)
    }

    func distance(_ p: CanvasPoint, toSegment a: CanvasPoint, _ b: CanvasPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy
        let t = l2 == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2))
        return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
    }

    @Test("the window is the map's scaled by size / zoom about the centre: 4 × 0.4 / 8 = 0.2 wide")
    func window() throws {
        let inset = try #require(try scene().insets.first)
        #expect(abs(inset.w1.lowerBound - 1.3) < 1e-12 && abs(inset.w1.upperBound - 1.5) < 1e-12)
        #expect(abs(inset.w2.lowerBound - 0.85) < 1e-12 && abs(inset.w2.upperBound - 1.05) < 1e-12)
        // Sampled afresh over that window, at the map's resolution.
        #expect(inset.grid.nx == 40 && inset.grid.ny == 40)
        #expect(abs(inset.grid.xs.first! - 1.3) < 1e-12 && abs(inset.grid.ys.last! - 1.05) < 1e-12)
    }

    @Test("the connectors join like corners, cross neither frame, and are the outer pair")
    func connectors() {
        // The panel straight above the region: the two bottom-side lines are not possible
        // without crossing; the outer pair joins the left corners and the right corners… of
        // the lower side of the panel to the upper side of the region.
        let region = CanvasRect(x: 200, y: 300, width: 20, height: 20)
        let panel = CanvasRect(x: 150, y: 50, width: 120, height: 100)
        let lines = InsetLayer.connectors(region: region, panel: panel)
        #expect(lines.count == 2)
        let ends = Set(lines.map { "\($0.0.x),\($0.0.y)->\($0.1.x),\($0.1.y)" })
        #expect(ends == ["200.0,300.0->150.0,50.0", "220.0,300.0->270.0,50.0"] || ends == ["200.0,320.0->150.0,150.0", "220.0,320.0->270.0,150.0"],
                "\(ends)")
        for (a, b) in lines {
            for i in 1..<100 {
                let t = Double(i) / 100, p = CanvasPoint(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
                #expect(!panel.insetBy(1).contains(p) && !region.insetBy(1).contains(p), "\(a) → \(b) crosses at \(p)")
            }
        }
        // Up and to the right: the top-left and bottom-right corners (the outer tangents).
        let diagonal = InsetLayer.connectors(region: CanvasRect(x: 100, y: 300, width: 20, height: 20),
                                             panel: CanvasRect(x: 300, y: 50, width: 100, height: 80))
        #expect(Set(diagonal.map { "\($0.0.x),\($0.0.y)" }) == ["100.0,300.0", "120.0,320.0"])
    }

    @Test("auto puts the panel in a corner the path does not cross, clear of its region; a named corner is kept")
    func placement() throws {
        let figure = try scene()
        let canvas = RecordingCanvas(width: 800, height: 500)
        let layout = FigureRenderer(figure).layout(on: canvas)
        let transform = PlotTransform(w1: figure.w1, w2: figure.w2, rect: layout.maps[0])
        let style = FigureStyle(width: 800, height: 500)
        let placed = try #require(InsetLayer(figure: figure, style: style, transform: transform).placed().first)
        // The start (1.5, 1) is upper right; the walk goes towards the centre: upper right is taken.
        #expect(placed.corner != .upperRight)
        #expect(!placed.panel.intersects(placed.region))
        let path = figure.runs[0].trajectory.points.map(transform.point)
        #expect(!path.contains { placed.panel.contains($0) }, "the panel hides part of the path")
        let named = try #require(InsetLayer(figure: try scene(position: .lowerLeft), style: style, transform: transform).placed().first)
        #expect(named.corner == .lowerLeft)
        #expect(abs(named.panel.minX - transform.rect.minX - 10 * style.unit) < 1e-9)
        #expect(abs(named.panel.width - 0.4 * transform.rect.width) < 1e-9)
    }

    @Test("auto keeps the panel off the region it magnifies even where that corner is the only one free of starts")
    func avoidsItsRegion() throws {
        // Starts in three corners; the region in the fourth.
        let starts = [Weights(-1.6, 1.6), Weights(1.6, 1.6), Weights(1.6, -1.6)]
        var spec = FigureSpec(title: "", width: 800, height: 500,
                              surface: SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 40),
                              runs: starts.map { RunSpec(learningRate: .absolute(0.0001), start: $0, stopping: Stopping(maxSteps: 3)) })
        spec.insets = [InsetSpec(center: Weights(-1.6, -1.6), zoom: 4, position: .auto, size: 0.4)]
        let figure = try Scene(spec)
        let canvas = RecordingCanvas(width: 800, height: 500)
        let layout = FigureRenderer(figure).layout(on: canvas)
        let transform = PlotTransform(w1: figure.w1, w2: figure.w2, rect: layout.maps[0])
        let placed = try #require(InsetLayer(figure: figure, style: FigureStyle(width: 800, height: 500), transform: transform).placed().first)
        #expect(placed.corner != .lowerLeft)
        #expect(!placed.panel.intersects(placed.region))
    }

    @Test("the inset draws the run's path under its own transform, and the zoom in its corner")
    func pathsUnderZoom() throws {
        let figure = try scene()
        let canvas = RecordingCanvas(width: 800, height: 500)
        let renderer = FigureRenderer(figure)
        renderer.draw(on: canvas)
        let layout = renderer.layout(on: canvas)
        let transform = PlotTransform(w1: figure.w1, w2: figure.w2, rect: layout.maps[0])
        let style = FigureStyle(width: 800, height: 500)
        let placed = try #require(InsetLayer(figure: figure, style: style, transform: transform).placed().first)
        // The calls between the clip to the panel and its restore are the inset's.
        let calls = canvas.calls
        let start = try #require(calls.firstIndex(of: .clip(.rect(placed.panel), .nonZero)))
        var depth = 1, end = start + 1
        while end < calls.count, depth > 0 {
            if calls[end] == .save { depth += 1 }
            if calls[end] == .restore { depth -= 1 }
            end += 1
        }
        var color: RGBA?
        var strokes: [[CanvasPoint]] = []
        for call in calls[start..<end] {
            if case .color(let c) = call { color = c }
            if case .stroke(let path) = call, color == figure.runs[0].color {
                strokes.append(path.elements.compactMap { e -> CanvasPoint? in
                    switch e { case .move(let p), .line(let p): return p; default: return nil }
                })
            }
        }
        #expect(!strokes.isEmpty, "no stroke in the run's colour inside the inset")
        let zoomed = figure.runs[0].trajectory.points.map(placed.transform.point)
        let polyline = Array(zip(zoomed, zoomed.dropFirst()))
        for p in strokes.joined() where placed.panel.contains(p) {
            let d = polyline.map { distance(p, toSegment: $0.0, $0.1) }.min() ?? .infinity
            #expect(d < 0.5, "a stroke point \(p) is \(d) px from the zoomed path")
        }
        // Every step inside the panel is on a stroke: nothing dropped.
        let drawn = strokes.flatMap { s in zip(s, s.dropFirst()).map { ($0, $1) } }
        for q in zoomed where placed.panel.insetBy(2).contains(q) {
            let d = drawn.map { distance(q, toSegment: $0.0, $0.1) }.min() ?? .infinity
            #expect(d < 1, "step at \(q) is \(d) px from every stroke")
        }
        // Magnified: the zoomed path is 8× the map's between the same steps.
        let a = transform.point(figure.runs[0].trajectory.points[0]), b = transform.point(figure.runs[0].trajectory.points[40])
        let c = zoomed[0], d = zoomed[40]
        #expect(abs(hypot(d.x - c.x, d.y - c.y) / hypot(b.x - a.x, b.y - a.y) - 8) < 1e-9)
        #expect(canvas.texts.contains("×8"))
    }
}
