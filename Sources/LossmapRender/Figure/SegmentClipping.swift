import LossmapCanvas

/// Clips a segment to a rectangle (Liang & Barsky 1984, "A new concept and method for line
/// clipping"). Returns the part inside, or nil when the segment misses the rectangle.
///
/// Paths are clipped here, in doubles, before they reach the canvas: a diverging run can
/// land at 1e150, and Cairo's 24.8 fixed-point coordinates would wrap such a point around
/// and draw garbage across the figure.
public func clipSegment(_ a: CanvasPoint, _ b: CanvasPoint, to rect: CanvasRect) -> (CanvasPoint, CanvasPoint)? {
    let dx = b.x - a.x, dy = b.y - a.y
    var t0 = 0.0, t1 = 1.0
    let checks: [(Double, Double)] = [(-dx, a.x - rect.minX), (dx, rect.maxX - a.x),
                                      (-dy, a.y - rect.minY), (dy, rect.maxY - a.y)]
    for (p, q) in checks {
        if p == 0 {
            if q < 0 { return nil }
        } else {
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                if r > t0 { t0 = r }
            } else {
                if r < t0 { return nil }
                if r < t1 { t1 = r }
            }
        }
    }
    guard t0.isFinite, t1.isFinite else { return nil }
    return (CanvasPoint(a.x + t0 * dx, a.y + t0 * dy), CanvasPoint(a.x + t1 * dx, a.y + t1 * dy))
}
