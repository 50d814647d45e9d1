import LossmapCanvas
import LossmapThreads

/// Paints shapes (`PixelPaints`) in order, each OVER the ones before, into premultiplied ARGB
/// pixels: what a raster canvas shows after filling and stroking them one by one, in one pass
/// and one composite. Polygons get their exact area per pixel (`PolygonCoverage`); lines the
/// coverage the map's isolines use (`PixelBlend.lineCoverage`), clamp(w/2 − d + ½, 0, 1), d the distance from the pixel's
/// centre to the nearest line.
///
/// The rows are painted in blocks, one per thread the figure has, each block painting every shape over its own
/// rows only: the same pixels as one pass, since a shape's coverage of a pixel depends on
/// nothing but the shape.
enum PixelPainter {
    /// The shapes in a transparent image just covering them, within `bounds` (device pixels:
    /// columns and rows).
    static func image(_ paints: PixelPaints, within bounds: (columns: Range<Int>, rows: Range<Int>)) -> PixelImage {
        let prepared = prepare(paints)
        var x0 = Int.max, x1 = Int.min, y0 = Int.max, y1 = Int.min
        for shape in prepared {
            x0 = min(x0, shape.columns.lowerBound); x1 = max(x1, shape.columns.upperBound)
            y0 = min(y0, shape.rows.lowerBound); y1 = max(y1, shape.rows.upperBound)
        }
        x0 = max(x0, bounds.columns.lowerBound); x1 = min(x1, bounds.columns.upperBound)
        y0 = max(y0, bounds.rows.lowerBound); y1 = min(y1, bounds.rows.upperBound)
        guard x0 < x1, y0 < y1 else { return PixelImage(x: 0, y: 0, width: 0, height: 0, pixels: []) }
        var image = PixelImage(x: x0, y: y0, width: x1 - x0, height: y1 - y0,
                               pixels: [UInt32](repeating: 0, count: (x1 - x0) * (y1 - y0)))
        paint(prepared, points: paints.points, into: &image)
        return image
    }

    /// Paints the shapes over `image`'s pixels.
    static func paint(_ paints: PixelPaints, into image: inout PixelImage) {
        paint(prepare(paints), points: paints.points, into: &image)
    }

    private static func prepare(_ paints: PixelPaints) -> [Prepared] {
        paints.shapes.compactMap { shape in
            let bounds = paints.pixelBounds(of: shape)
            guard !bounds.columns.isEmpty, !bounds.rows.isEmpty, shape.color.alpha > 0 else { return nil }
            let width: Double
            switch shape.kind {
            case .polygon: width = 0
            case .lines(let w): width = w
            }
            return Prepared(start: shape.start, count: shape.count, lineWidth: width, columns: bounds.columns,
                            rows: bounds.rows, blend: PixelBlend(shape.color))
        }
    }

    private static func paint(_ shapes: [Prepared], points: [CanvasPoint], into image: inout PixelImage) {
        guard image.width > 0, image.height > 0, !shapes.isEmpty else { return }
        let width = image.width, height = image.height, originX = image.x, originY = image.y
        let blocks = min(height, Parallelism.threads)
        points.withUnsafeBufferPointer { points in
            image.pixels.withUnsafeMutableBufferPointer { buffer in
                // Each block writes only its own rows.
                nonisolated(unsafe) let pixels = buffer.baseAddress!
                nonisolated(unsafe) let points = points
                Parallelism.perform(iterations: blocks) { block in
                    let rows = (originY + block * height / blocks)..<(originY + (block + 1) * height / blocks)
                    let columns = originX..<(originX + width)
                    var polygons = PolygonCoverage()
                    for shape in shapes where shape.rows.overlaps(rows) && shape.columns.overlaps(columns) {
                        let blend = shape.blend
                        let own = UnsafeBufferPointer(rebasing: points[shape.start..<(shape.start + shape.count)])
                        if shape.lineWidth > 0 {
                            coverLines(own, width: shape.lineWidth, columns: shape.columns.clamped(to: columns),
                                       rows: shape.rows.clamped(to: rows)) { i, j, coverage in
                                let k = (j - originY) * width + (i - originX)
                                pixels[k] = blend.over(pixels[k], coverage: coverage)
                            }
                        } else {
                            polygons.cover(own, columns: columns, rows: rows) { i, j, coverage in
                                let k = (j - originY) * width + (i - originX)
                                pixels[k] = blend.over(pixels[k], coverage: coverage)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body(column, row, coverage)` for the pixels within `columns` × `rows` that lines
    /// of `width` with round caps between `pairs` of points cover any of.
    @inline(__always)
    static func coverLines(_ pairs: UnsafeBufferPointer<CanvasPoint>, width: Double, columns: Range<Int>, rows: Range<Int>,
                           _ body: (_ column: Int, _ row: Int, _ coverage: Double) -> Void) {
        guard pairs.count >= 2, width > 0 else { return }
        let reach = width / 2 + 0.5, reachSquared = reach * reach
        for j in rows {
            let py = Double(j) + 0.5
            for i in columns {
                let px = Double(i) + 0.5
                var nearest = Double.infinity
                var k = 0
                while k + 1 < pairs.count {
                    let a = pairs[k], b = pairs[k + 1]
                    k += 2
                    let dx = b.x - a.x, dy = b.y - a.y, lengthSquared = dx * dx + dy * dy
                    let t = lengthSquared > 0 ? min(max(((px - a.x) * dx + (py - a.y) * dy) / lengthSquared, 0), 1) : 0
                    let ex = px - (a.x + t * dx), ey = py - (a.y + t * dy)
                    nearest = min(nearest, ex * ex + ey * ey)
                }
                guard nearest < reachSquared else { continue }
                let coverage = PixelBlend.lineCoverage(distance: nearest.squareRoot(), width: width)
                if coverage > 0 { body(i, j, coverage) }
            }
        }
    }

    /// A shape with its pixel bounds and blend worked out once; `lineWidth` 0 for a polygon.
    struct Prepared {
        let start: Int, count: Int
        let lineWidth: Double
        let columns: Range<Int>, rows: Range<Int>
        let blend: PixelBlend
    }
}
