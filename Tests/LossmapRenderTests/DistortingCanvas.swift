import LossmapCanvas
import LossmapTestSupport

/// A canvas that hands every call to another but changes chosen parts of the figure on the
/// way, to show what the golden comparison notices and what it forgives: strokes and fills
/// painted in chosen colours inside a region are moved or dropped, texts are moved or drawn
/// at another size (as another version of the font would).
final class DistortingCanvas: Canvas {
    enum PathChange {
        case none
        case move(dx: Double, dy: Double)
        case drop
    }

    let base: Canvas
    /// The paint colours (alpha ignored) whose strokes and fills are changed.
    var colors: [RGBA] = []
    /// Only paths lying wholly inside this region are changed.
    var region = CanvasRect(x: 0, y: 0, width: 0, height: 0)
    var pathChange = PathChange.none
    var textOffset = CanvasPoint(0, 0)
    /// Texts are drawn at this multiple of their size (measured at the size asked for, so
    /// the layout stays the same).
    var textScale = 1.0

    private var color = RGBA.black
    private var saved: [RGBA] = []

    init(_ base: Canvas) { self.base = base }

    var width: Double { base.width }
    var height: Double { base.height }

    func save() {
        saved.append(color)
        base.save()
    }

    func restore() {
        color = saved.popLast() ?? color
        base.restore()
    }

    func setColor(_ color: RGBA) {
        self.color = color
        base.setColor(color)
    }

    func setLineWidth(_ width: Double) { base.setLineWidth(width) }
    func setDash(_ pattern: [Double], phase: Double) { base.setDash(pattern, phase: phase) }

    func stroke(_ path: CanvasPath) {
        if let changed = changed(path) { base.stroke(changed) }
    }

    func fill(_ path: CanvasPath, rule: FillRule) {
        if let changed = changed(path) { base.fill(changed, rule: rule) }
    }

    func clip(to path: CanvasPath, rule: FillRule) { base.clip(to: path, rule: rule) }

    // Pixels (the bands) pass through unchanged; discs (step dots) are filled as circle
    // paths by the protocol's default, so the path changes apply to them too.
    var pixelScale: Double? { base.pixelScale }
    func drawPixels(_ image: PixelImage) { base.drawPixels(image) }
    func writePixels(_ body: (UnsafeMutablePointer<UInt32>, Int, Int, Int) -> Void) -> Bool { base.writePixels(body) }


    func drawText(_ text: String, at point: CanvasPoint, font: Font, anchor: TextAnchor, angle: Double) {
        var scaled = font
        scaled.size *= textScale
        base.drawText(text, at: CanvasPoint(point.x + textOffset.x, point.y + textOffset.y), font: scaled, anchor: anchor, angle: angle)
    }

    func measureText(_ text: String, font: Font) -> TextExtent { base.measureText(text, font: font) }

    /// The path as it is to be drawn, nil to drop it.
    private func changed(_ path: CanvasPath) -> CanvasPath? {
        guard colors.contains(where: { $0.matches(color) }),
              DrawnPath(kind: .stroke, color: color, subpaths: [Self.points(of: path)], closed: false).lies(within: region, slack: 0)
        else { return path }
        switch pathChange {
        case .none: return path
        case .drop: return nil
        case .move(let dx, let dy):
            var moved = CanvasPath()
            func shift(_ p: CanvasPoint) -> CanvasPoint { CanvasPoint(p.x + dx, p.y + dy) }
            for element in path.elements {
                switch element {
                case .move(let p): moved.move(to: shift(p))
                case .line(let p): moved.line(to: shift(p))
                case .curve(let a, let b, let c): moved.curve(to: shift(c), control1: shift(a), control2: shift(b))
                case .circle(let c, let r): moved.addCircle(center: shift(c), radius: r)
                case .close: moved.close()
                }
            }
            return moved
        }
    }

    private static func points(of path: CanvasPath) -> [CanvasPoint] {
        path.elements.flatMap { element -> [CanvasPoint] in
            switch element {
            case .move(let p), .line(let p): return [p]
            case .curve(_, _, let p): return [p]
            case .circle(let c, _): return [c]
            case .close: return []
            }
        }
    }
}
