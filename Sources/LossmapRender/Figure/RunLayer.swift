import Foundation
import LossmapCanvas
import LossmapScene

/// The descent paths on top of the map: per run a haloed line with a dot at every step, the
/// start ringed, and for a diverged run an arrow where it left the frame and a badge with
/// the step; then the surface's minima as stars.
struct RunLayer {
    let figure: Scene
    /// The runs on this map: all of them in an overlay, one in a grid panel.
    let runs: [SceneRun]
    let style: FigureStyle
    let transform: PlotTransform

    func draw(on canvas: Canvas) {
        let frame = transform.rect
        canvas.save()
        canvas.clip(to: .rect(frame))
        // Segments are clipped to a slightly larger box so line caps at the edge stay whole.
        let clipBox = frame.insetBy(-4 * style.haloWidth)
        for run in drawingOrder {
            // A long run puts many steps on one pixel; drawing each would cost Cairo time
            // quadratic in the steps. Points closer than a third of a pixel to the last one
            // kept add nothing to the picture (the dots overlap there anyway).
            let points = Self.thinned(run.trajectory.points.map(transform.point), minimumGap: 0.33)
            let line = Self.visiblePolyline(points, within: clipBox)
            let dots = points.filter { frame.insetBy(-style.stepDotRadius).contains($0) }

            var haloDots = CanvasPath()
            var colorDots = CanvasPath()
            for p in dots {
                haloDots.addCircle(center: p, radius: style.stepDotRadius + 1.4 * style.unit)
                colorDots.addCircle(center: p, radius: style.stepDotRadius)
            }
            canvas.setColor(style.halo)
            canvas.setLineWidth(style.haloWidth)
            canvas.stroke(line)
            canvas.fill(haloDots, rule: .nonZero)
            canvas.setColor(run.color)
            canvas.setLineWidth(style.pathWidth)
            canvas.stroke(line)
            canvas.fill(colorDots, rule: .nonZero)

            if let start = points.first, frame.contains(start) {
                style.drawStartRing(at: start, color: run.color, on: canvas)
            }
        }
        // Badges already placed, so that two runs leaving at the same spot stack theirs.
        var badges: [CanvasRect] = []
        for run in runs {
            switch run.trajectory.outcome {
            case .diverged: drawExit(run, badge: "diverged at step \(run.trajectory.stepsTaken)", badges: &badges, on: canvas)
            case .leftMap(let step): drawExit(run, badge: "left the map at step \(step)", badges: &badges, on: canvas)
            default: break
            }
        }
        for minimum in figure.surface.minima {
            let c = transform.point(minimum)
            guard frame.contains(c) else { continue }
            style.drawMinimumStar(at: c, on: canvas)
        }
        canvas.restore()
    }

    /// Runs with the longest visible paths first, so a short path (a tiny learning rate that
    /// barely moved) is drawn on top of the long one that started at the same place.
    var drawingOrder: [SceneRun] {
        let frame = transform.rect
        func visibleLength(_ run: SceneRun) -> Double {
            let points = run.trajectory.points.map(transform.point)
            var total = 0.0
            for (a, b) in zip(points, points.dropFirst()) {
                if let (c, d) = clipSegment(a, b, to: frame) { total += hypot(d.x - c.x, d.y - c.y) }
            }
            return total
        }
        let lengths = runs.map(visibleLength)
        return runs.indices.sorted { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
            .map { runs[$0] }
    }

    /// The arrow where a diverged run (or one that left the map still descending) left the
    /// frame, pointing the way it went, and a badge ("diverged at step k") beside it. A run
    /// that blew up inside the frame gets the badge at its last point.
    private func drawExit(_ run: SceneRun, badge: String, badges: inout [CanvasRect], on canvas: Canvas) {
        let frame = transform.rect
        var points = run.trajectory.points.map(transform.point)
        if let escaped = run.trajectory.escapedTo, escaped.isFinite {
            let p = transform.point(escaped)
            if p.x.isFinite && p.y.isFinite { points.append(p) }
        }
        var anchor = points.last(where: frame.contains) ?? CanvasPoint(frame.midX, frame.midY)
        if let exit = Self.firstExit(points, from: frame) {
            let arrow = Markers.arrowhead(tip: exit.point, direction: exit.direction, length: 22 * style.unit)
            canvas.setColor(style.halo)
            canvas.setLineWidth(4 * style.unit)
            canvas.stroke(arrow)
            canvas.setColor(run.color)
            canvas.fill(arrow, rule: .nonZero)
            anchor = exit.point
        }
        drawBadge(badge, near: anchor, color: run.color, badges: &badges, on: canvas)
    }

    /// A rounded label kept inside the frame, placed on the side of `point` facing the centre.
    private func drawBadge(_ text: String, near point: CanvasPoint, color: RGBA, badges: inout [CanvasRect], on canvas: Canvas) {
        let frame = transform.rect
        let font = style.legendNoteFont
        let extent = canvas.measureText(text, font: font)
        let padding = 6 * style.unit
        let w = extent.width + 2 * padding, h = extent.height + 2 * padding
        var x = point.x < frame.midX ? point.x + 14 * style.unit : point.x - 14 * style.unit - w
        var y = point.y < frame.midY ? point.y + 14 * style.unit : point.y - 14 * style.unit - h
        x = min(max(x, frame.minX + 4), frame.maxX - w - 4)
        y = min(max(y, frame.minY + 4), frame.maxY - h - 4)
        // Step away from the frame's nearer edge until no earlier badge is in the way.
        let step = (point.y < frame.midY ? 1.0 : -1.0) * (h + 4 * style.unit)
        var box = CanvasRect(x: x, y: y, width: w, height: h)
        var tries = 0
        while badges.contains(where: { $0.intersects(box) }), tries < 20 {
            box.y += step
            tries += 1
        }
        badges.append(box)
        y = box.y
        canvas.setColor(style.theme.markerFill.withAlpha(0.92))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(color)
        canvas.setLineWidth(2 * style.unit)
        canvas.stroke(.rect(box))
        canvas.setColor(style.text)
        canvas.drawText(text, at: CanvasPoint(x + padding, y + padding + extent.ascent), font: font,
                        anchor: TextAnchor(.left, .baseline))
    }

    /// The points without those closer than `minimumGap` pixels to the previous point kept;
    /// the first and last are always kept.
    static func thinned(_ points: [CanvasPoint], minimumGap: Double) -> [CanvasPoint] {
        guard points.count > 2 else { return points }
        var kept = [points[0]]
        let gap2 = minimumGap * minimumGap
        for p in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            let dx = p.x - last.x, dy = p.y - last.y
            if !(dx * dx + dy * dy < gap2) { kept.append(p) }
        }
        kept.append(points[points.count - 1])
        return kept
    }

    /// The pieces of a polyline that fall inside `box`, each segment clipped there.
    static func visiblePolyline(_ points: [CanvasPoint], within box: CanvasRect) -> CanvasPath {
        var path = CanvasPath()
        var penAt: CanvasPoint?
        for (a, b) in zip(points, points.dropFirst()) {
            guard let (c, d) = clipSegment(a, b, to: box) else {
                penAt = nil
                continue
            }
            if penAt != c { path.move(to: c) }
            path.line(to: d)
            penAt = d
        }
        return path
    }

    /// Where the path first crosses the frame from inside to outside, and its direction there.
    static func firstExit(_ points: [CanvasPoint], from frame: CanvasRect) -> (point: CanvasPoint, direction: CanvasPoint)? {
        for (a, b) in zip(points, points.dropFirst()) where frame.contains(a) && !frame.contains(b) {
            guard let (_, exit) = clipSegment(a, b, to: frame) else { continue }
            return (exit, CanvasPoint(b.x - a.x, b.y - a.y))
        }
        return nil
    }
}
