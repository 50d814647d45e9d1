import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec

/// The magnifiers on a map (`[[inset]]`): each a panel in a corner of the map showing its
/// window with the map's bands, levels and paths, framed, with its zoom written in a corner,
/// the region it magnifies framed on the map and two connector lines between the two (the
/// pair that crosses neither frame, as matplotlib's `mark_inset` draws them).
struct InsetLayer {
    let figure: Scene
    let style: FigureStyle
    /// The map's transform: the inset's panel lies inside its rectangle.
    let transform: PlotTransform

    /// An inset laid out: its panel on the canvas, the region it magnifies on the map, and
    /// the transform that draws its window into the panel.
    struct Placed {
        var window: InsetWindow
        var panel: CanvasRect
        var region: CanvasRect
        var transform: PlotTransform
        /// The corner the panel went to (never `auto`).
        var corner: InsetPosition
    }

    /// The four corners, in the order `auto` prefers them when they cost the same.
    static let corners: [InsetPosition] = [.upperRight, .upperLeft, .lowerRight, .lowerLeft]

    /// The region of the map an inset magnifies, in canvas pixels.
    func region(_ window: InsetWindow) -> CanvasRect {
        let a = transform.point(Weights(window.w1.lowerBound, window.w2.upperBound))
        let b = transform.point(Weights(window.w1.upperBound, window.w2.lowerBound))
        return CanvasRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }

    /// The panels, each in its asked-for corner or, for `auto`, the corner that covers the
    /// fewest path samples, starts and minima and overlaps neither its own region nor an
    /// earlier panel.
    /// `avoiding`: boxes already on the map that `auto` keeps clear of (an animation's step counter).
    func placed(avoiding boxes: [CanvasRect] = []) -> [Placed] {
        let map = transform.rect, m = 10 * style.unit
        let polylines = figure.runs.map { run -> [CanvasPoint] in
            var points = run.trajectory.points.map(transform.point)
            if let escaped = run.trajectory.escapedTo { points.append(transform.point(escaped)) }
            return points
        }
        var placement = CalloutPlacement(frame: map, pathSamples: CalloutPlacement.samples(of: polylines), placed: boxes,
                                         margin: 4 * style.unit)
        placement.keyPoints = ExplanationLayer.keyPoints(figure, transform: transform)
        var result: [Placed] = []
        for window in figure.insets {
            let w = map.width * window.spec.size, h = map.height * window.spec.size
            func panel(_ corner: InsetPosition) -> CanvasRect {
                let left = CanvasRect(x: map.minX + m, y: map.minY + m, width: w, height: h)
                switch corner {
                case .upperRight: return CanvasRect(x: map.maxX - m - w, y: map.minY + m, width: w, height: h)
                case .upperLeft, .auto: return left
                case .lowerRight: return CanvasRect(x: map.maxX - m - w, y: map.maxY - m - h, width: w, height: h)
                case .lowerLeft: return CanvasRect(x: map.minX + m, y: map.maxY - m - h, width: w, height: h)
                }
            }
            let region = self.region(window)
            let corner: InsetPosition
            if window.spec.position != .auto {
                corner = window.spec.position
            } else {
                var regionAware = placement
                regionAware.placed.append(region.insetBy(-2 * m))
                corner = Self.corners.min { regionAware.cost(of: panel($0)) < regionAware.cost(of: panel($1)) }!
            }
            let rect = panel(corner)
            placement.placed.append(rect)
            result.append(Placed(window: window, panel: rect, region: region,
                                 transform: PlotTransform(w1: window.w1, w2: window.w2, rect: rect), corner: corner))
        }
        return result
    }

    /// The two connector lines, each from a corner of the region to the same corner of the
    /// panel: of the four, those that pass through neither frame, and of those the two
    /// farthest apart (the outer pair, as matplotlib's `mark_inset` draws them).
    static func connectors(region: CanvasRect, panel: CanvasRect) -> [(CanvasPoint, CanvasPoint)] {
        func corners(_ r: CanvasRect) -> [CanvasPoint] {
            [CanvasPoint(r.minX, r.minY), CanvasPoint(r.maxX, r.minY), CanvasPoint(r.maxX, r.maxY), CanvasPoint(r.minX, r.maxY)]
        }
        let lines = Array(zip(corners(region), corners(panel)))
        // Strictly inside, a hair in from the edges: a line along an edge does not cross it.
        func crosses(_ line: (CanvasPoint, CanvasPoint), _ r: CanvasRect) -> Bool {
            let inner = r.insetBy(min(0.5, r.width / 4, r.height / 4))
            return (1..<64).contains { i in
                let t = Double(i) / 64
                return inner.contains(CanvasPoint(line.0.x + t * (line.1.x - line.0.x), line.0.y + t * (line.1.y - line.0.y)))
            }
        }
        let clear = lines.filter { !crosses($0, region) && !crosses($0, panel) }
        let pool = clear.count >= 2 ? clear : lines
        var best: [(CanvasPoint, CanvasPoint)] = Array(pool.prefix(2))
        var widest = -1.0
        for i in pool.indices {
            for j in pool.indices where j > i {
                let a = pool[i], b = pool[j]
                let d = hypot((a.0.x + a.1.x - b.0.x - b.1.x) / 2, (a.0.y + a.1.y - b.0.y - b.1.y) / 2)
                if d > widest { widest = d; best = [a, b] }
            }
        }
        return best
    }

    /// Draws each inset: the region's frame and the connectors on the map, then the panel
    /// over them. `runs` are the runs as the frame shows them.
    func draw(_ insets: [Placed], runs: [SceneRun], walkers: RunLayer?, on canvas: Canvas) {
        for inset in insets {
            canvas.save()
            canvas.clip(to: .rect(transform.rect))
            var marks = CanvasPath()
            marks.addRect(inset.region)
            for (a, b) in Self.connectors(region: inset.region, panel: inset.panel) {
                marks.move(to: a)
                marks.line(to: b)
            }
            canvas.setColor(style.halo)
            canvas.setLineWidth(3.5 * style.unit)
            canvas.stroke(marks)
            canvas.setColor(style.text)
            canvas.setLineWidth(1.4 * style.unit)
            canvas.stroke(marks)
            canvas.restore()

            let zoomed = figure.magnified(inset.window)
            canvas.save()
            canvas.clip(to: .rect(inset.panel))
            canvas.setColor(style.theme.background)
            canvas.fill(.rect(inset.panel), rule: .nonZero)
            ContourLayer(figure: zoomed, runs: runs, style: style, transform: inset.transform).draw(on: canvas)
            var layer = RunLayer(figure: zoomed, runs: runs, style: style, transform: inset.transform)
            layer.exits = false
            if let walkers {
                layer.walkers = walkers.walkers
                layer.trail = walkers.trail
                layer.step = walkers.step
            }
            layer.draw(on: canvas)
            MarkerLayer(figure: zoomed, style: style, transform: inset.transform).draw(on: canvas)
            canvas.restore()
            canvas.setColor(style.text)
            canvas.setLineWidth(2 * style.unit)
            canvas.stroke(.rect(inset.panel))
            let text = "×" + NumberFormatting.compact(inset.window.spec.zoom)
            let extent = canvas.measureText(text, font: style.legendNoteFont)
            let box = CanvasRect(x: inset.panel.minX + 1, y: inset.panel.minY + 1,
                                 width: extent.width + 10 * style.unit, height: extent.height + 6 * style.unit)
            canvas.setColor(style.theme.markerFill.withAlpha(0.9))
            canvas.fill(.rect(box), rule: .nonZero)
            canvas.setColor(style.text)
            canvas.drawText(text, at: CanvasPoint(box.midX, box.midY), font: style.legendNoteFont, anchor: TextAnchor(.center, .middle))
        }
    }
}
