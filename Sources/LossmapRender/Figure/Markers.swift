import Foundation
import LossmapCanvas

/// Marker shapes as paths centred on a point.
public enum Markers {
    /// A five-pointed star of outer radius `radius` (inner radius 0.45·r), point up.
    public static func star(at c: CanvasPoint, radius: Double) -> CanvasPath {
        var points: [CanvasPoint] = []
        for k in 0..<10 {
            let r = k % 2 == 0 ? radius : radius * 0.45
            let angle = -Double.pi / 2 + Double(k) * Double.pi / 5
            points.append(CanvasPoint(c.x + r * cos(angle), c.y + r * sin(angle)))
        }
        var path = CanvasPath()
        path.addPolyline(points, closed: true)
        return path
    }

    /// A filled arrowhead whose tip is at `tip`, pointing along `direction` (any length).
    public static func arrowhead(tip: CanvasPoint, direction: CanvasPoint, length: Double) -> CanvasPath {
        let norm = (direction.x * direction.x + direction.y * direction.y).squareRoot()
        guard norm > 0, norm.isFinite else { return CanvasPath() }
        let ux = direction.x / norm, uy = direction.y / norm
        let base = CanvasPoint(tip.x - ux * length, tip.y - uy * length)
        let half = length * 0.5
        var path = CanvasPath()
        path.addPolyline([tip, CanvasPoint(base.x - uy * half, base.y + ux * half),
                          CanvasPoint(base.x + uy * half, base.y - ux * half)], closed: true)
        return path
    }

    /// A square standing on one corner, of half-diagonal `radius`: the `[[marker]]` point,
    /// unlike the start ring, the minimum star and the step dots.
    public static func diamond(at c: CanvasPoint, radius: Double) -> CanvasPath {
        var path = CanvasPath()
        path.addPolyline([CanvasPoint(c.x, c.y - radius), CanvasPoint(c.x + radius, c.y),
                          CanvasPoint(c.x, c.y + radius), CanvasPoint(c.x - radius, c.y)], closed: true)
        return path
    }

    public static func circle(at c: CanvasPoint, radius: Double) -> CanvasPath {
        var path = CanvasPath()
        path.addCircle(center: c, radius: radius)
        return path
    }
}

extension FigureStyle {
    /// The ring that marks where a run starts, outlined in the run's colour (the legend's in
    /// the text colour), filled so the path under it does not show through.
    func drawStartRing(at c: CanvasPoint, color: RGBA, on canvas: Canvas) {
        let ring = Markers.circle(at: c, radius: startRadius)
        canvas.setColor(theme.markerFill)
        canvas.fill(ring, rule: .nonZero)
        canvas.setColor(color)
        canvas.setLineWidth(3 * unit)
        canvas.stroke(ring)
    }

    /// The star that marks a known minimum.
    func drawMinimumStar(at c: CanvasPoint, on canvas: Canvas) {
        let star = Markers.star(at: c, radius: starRadius)
        canvas.setColor(theme.markerFill)
        canvas.fill(star, rule: .nonZero)
        canvas.setColor(theme.markerOutline)
        canvas.setLineWidth(1.6 * unit)
        canvas.stroke(star)
    }

    /// The diamond that marks a `[[marker]]` point: the text colour on a halo, so it reads on
    /// any band.
    func drawMarkerDiamond(at c: CanvasPoint, on canvas: Canvas) {
        let diamond = Markers.diamond(at: c, radius: starRadius * 0.8)
        canvas.setColor(theme.markerFill)
        canvas.fill(diamond, rule: .nonZero)
        canvas.setColor(theme.markerOutline)
        canvas.setLineWidth(2 * unit)
        canvas.stroke(diamond)
    }

    /// The walker: a ball in the run's colour at its current point, ringed by the halo and
    /// with a highlight, larger than the step dots, so the eye follows where each run is now.
    func drawWalker(at c: CanvasPoint, color: RGBA, on canvas: Canvas) {
        let radius = walkerRadius
        canvas.setColor(halo)
        canvas.fill(Markers.circle(at: c, radius: radius + 2.5 * unit), rule: .nonZero)
        canvas.setColor(color)
        canvas.fill(Markers.circle(at: c, radius: radius), rule: .nonZero)
        canvas.setColor(RGBA(red: 1, green: 1, blue: 1, alpha: 0.55))
        canvas.fill(Markers.circle(at: CanvasPoint(c.x - radius * 0.35, c.y - radius * 0.35), radius: radius * 0.3),
                    rule: .nonZero)
    }

    /// The size of an outcome badge ("diverged at step 7") with its padding.
    func badgeSize(_ label: String, font: Font? = nil, on canvas: Canvas) -> (width: Double, height: Double) {
        let extent = canvas.measureText(label, font: font ?? legendNoteFont)
        return (extent.width + 2 * badgePadding, extent.height + 2 * badgePadding)
    }

    /// The badge's font: the legend notes', or when larger text (`font_scale`) makes the badge
    /// wider than `width`, smaller, down to the size it has at font scale 1 at the least
    /// (and to 60% of that).
    func badgeFont(_ label: String, within width: Double, on canvas: Canvas) -> Font {
        let natural = badgeSize(label, on: canvas).width
        guard natural > width, width > 0 else { return legendNoteFont }
        let text = natural - 2 * badgePadding
        let shrink = max((width - 2 * badgePadding) / max(text, 1), 0.6 / max(fontScale, 1))
        return Font(size: legendNoteFont.size * min(shrink, 1), bold: legendNoteFont.bold)
    }

    var badgePadding: Double { 6 * unit }

    /// An outcome badge in `box` (of `badgeSize`): the text on the marker fill, framed in
    /// the run's colour.
    func drawBadge(_ label: String, in box: CanvasRect, color: RGBA, font: Font? = nil, on canvas: Canvas) {
        let font = font ?? legendNoteFont
        let extent = canvas.measureText(label, font: font)
        canvas.setColor(theme.markerFill.withAlpha(0.92))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(color)
        canvas.setLineWidth(2 * unit)
        canvas.stroke(.rect(box))
        canvas.setColor(text)
        canvas.drawText(label, at: CanvasPoint(box.minX + badgePadding, box.minY + badgePadding + extent.ascent),
                        font: font, anchor: TextAnchor(.left, .baseline))
    }
}
