import LossmapCanvas

/// How much of each pixel a polygon covers, exactly: the signed area of the polygon inside
/// the pixel's square, clamped to 0…1 (nonzero winding for simple polygons of either
/// orientation).
///
/// The accumulation rasteriser of font-rs (Raph Levien, 2016) and stb_truetype: each edge adds,
/// row by row, the signed area it leaves to its right in each pixel it crosses and a "cover"
/// carried to every pixel right of it; a running sum along the row gives each pixel's area.
/// No sub-scanlines: the area is exact for straight edges, so two faces sharing an edge cover
/// a pixel on it with areas that sum to its whole.
///
/// Pixel (i, j) is the square [i, i + 1] × [j, j + 1] in the polygon's coordinates.
struct PolygonCoverage {
    /// Area deltas, one row of `stride` per pixel row of the polygon's box; zero between uses.
    private var deltas: [Double] = []

    /// Calls `body(column, row, coverage)` for each pixel with `columns` and `rows` the polygon
    /// covers any of, row by row, left to right. Non-finite polygons cover nothing.
    mutating func cover(_ polygon: [CanvasPoint], columns: Range<Int>, rows: Range<Int>,
                        _ body: (_ column: Int, _ row: Int, _ coverage: Double) -> Void) {
        polygon.withUnsafeBufferPointer { cover($0, columns: columns, rows: rows, body) }
    }

    mutating func cover(_ points: UnsafeBufferPointer<CanvasPoint>, columns: Range<Int>, rows: Range<Int>,
                        _ body: (_ column: Int, _ row: Int, _ coverage: Double) -> Void) {
        guard points.count >= 3, !columns.isEmpty, !rows.isEmpty else { return }
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { return }
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        // A polygon reaching past the columns is cut a pixel beyond them: the pixels inside see
        // the same edges, and the deltas stay within the box.
        let left = Double(columns.lowerBound - 1), right = Double(columns.upperBound + 1)
        if minX < left || maxX > right {
            let clipped = Self.clip(Self.clip(Array(points), x: left, keepingRight: true), x: right, keepingRight: false)
            guard clipped.count >= 3 else { return }
            clipped.withUnsafeBufferPointer { cover($0, columns: columns, rows: rows, body) }
            return
        }
        let y0 = max(Int(minY.rounded(.down)), rows.lowerBound), y1 = min(Int(maxY.rounded(.up)), rows.upperBound)
        guard y0 < y1 else { return }
        let x0 = Int(minX.rounded(.down))
        // Deltas reach one column past the last pixel an edge touches.
        let stride = Int(maxX.rounded(.up)) - x0 + 2
        let count = stride * (y1 - y0)
        if deltas.count < count { deltas = [Double](repeating: 0, count: count) }
        let origin = CanvasPoint(Double(x0), Double(y0))
        let rowCount = y1 - y0
        let c0 = max(columns.lowerBound - x0, 0), c1 = min(columns.upperBound - x0, stride)
        deltas.withUnsafeMutableBufferPointer { buffer in
            let d = buffer.baseAddress!
            var previous = points[points.count - 1]
            for p in points {
                Self.addEdge(CanvasPoint(previous.x - origin.x, previous.y - origin.y), CanvasPoint(p.x - origin.x, p.y - origin.y),
                             rows: rowCount, stride: stride, into: d)
                previous = p
            }
            for r in 0..<rowCount {
                let row = d + r * stride
                var sum = 0.0
                for c in 0..<stride {
                    sum += row[c]
                    row[c] = 0
                    guard c >= c0, c < c1 else { continue }
                    let coverage = min(abs(sum), 1)
                    if coverage > 1e-9 { body(x0 + c, y0 + r, coverage) }
                }
            }
        }
    }

    /// Adds the edge a → b's area deltas for pixel rows 0..<rows (a and b relative to the box's
    /// top-left corner: x ≥ 0, below `stride` − 1).
    @inline(__always)
    static func addEdge(_ a: CanvasPoint, _ b: CanvasPoint, rows: Int, stride: Int, into d: UnsafeMutablePointer<Double>) {
        guard a.y != b.y else { return }
        let direction = a.y < b.y ? 1.0 : -1.0
        let (top, bottom) = a.y < b.y ? (a, b) : (b, a)
        let slope = (bottom.x - top.x) / (bottom.y - top.y)
        let first = max(Int(top.y.rounded(.down)), 0), last = min(Int(bottom.y.rounded(.up)), rows)
        guard first < last else { return }
        for y in first..<last {
            let ya = max(Double(y), top.y), yb = min(Double(y + 1), bottom.y)
            guard yb > ya else { continue }
            // Where the edge enters and leaves the row (clamped: rounding may step a hair outside).
            let limit = Double(stride - 2)
            let xa = min(max(top.x + slope * (ya - top.y), 0), limit), xb = min(max(top.x + slope * (yb - top.y), 0), limit)
            let h = (yb - ya) * direction
            let line = d + y * stride
            let lo = min(xa, xb), hi = max(xa, xb)
            let loFloor = lo.rounded(.down)
            let i0 = Int(loFloor), i1 = Int(hi.rounded(.up))
            if i1 <= i0 + 1 {
                // Within one pixel column: the part right of the edge is 1 − its mean x there.
                let mean = 0.5 * (xa + xb) - loFloor
                line[i0] += h * (1 - mean)
                line[i0 + 1] += h * mean
            } else {
                // Across several columns: a triangle in the first, a trapezoid's worth more in
                // each full one, the rest in the last.
                let s = 1 / (hi - lo)
                let f0 = lo - loFloor
                let a0 = 0.5 * s * (1 - f0) * (1 - f0)
                let f1 = hi - Double(i1) + 1
                let am = 0.5 * s * f1 * f1
                line[i0] += h * a0
                if i1 == i0 + 2 {
                    line[i0 + 1] += h * (1 - a0 - am)
                } else {
                    let a1 = s * (1.5 - f0)
                    line[i0 + 1] += h * (a1 - a0)
                    if i0 + 2 < i1 - 1 {
                        for i in (i0 + 2)..<(i1 - 1) { line[i] += h * s }
                    }
                    let a2 = a1 + Double(i1 - i0 - 3) * s
                    line[i1 - 1] += h * (1 - a2 - am)
                }
                line[i1] += h * am
            }
        }
    }

    /// The part of a polygon on one side of the vertical line at `x` (Sutherland–Hodgman).
    static func clip(_ polygon: [CanvasPoint], x: Double, keepingRight: Bool) -> [CanvasPoint] {
        func inside(_ p: CanvasPoint) -> Bool { keepingRight ? p.x >= x : p.x <= x }
        var out: [CanvasPoint] = []
        for (k, current) in polygon.enumerated() {
            let previous = polygon[(k + polygon.count - 1) % polygon.count]
            if inside(current) != inside(previous) {
                let t = (x - previous.x) / (current.x - previous.x)
                out.append(CanvasPoint(x, previous.y + t * (current.y - previous.y)))
            }
            if inside(current) { out.append(current) }
        }
        return out
    }
}
