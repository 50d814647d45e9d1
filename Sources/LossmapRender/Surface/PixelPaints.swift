import LossmapCanvas

/// Shapes to paint into pixels, in order, in device pixels: filled polygons (nonzero winding)
/// and straight lines with round caps stroked as one (where a shape's lines overlap, the larger
/// coverage). All points live in one array, so thousands of small shapes cost no allocation
/// each.
struct PixelPaints: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case polygon
        /// Points taken in pairs, each a line from the first to the second, `width` wide.
        case lines(width: Double)
    }

    struct Shape: Sendable, Equatable {
        var kind: Kind
        /// Its points: `points[start..<start + count]`.
        var start: Int
        var count: Int
        var color: RGBA
    }

    var points: [CanvasPoint] = []
    var shapes: [Shape] = []

    var isEmpty: Bool { shapes.isEmpty }

    mutating func fill<S: Sequence>(_ polygon: S, _ color: RGBA) where S.Element == CanvasPoint {
        let start = points.count
        points.append(contentsOf: polygon)
        guard points.count - start >= 3 else { points.removeSubrange(start...); return }
        shapes.append(Shape(kind: .polygon, start: start, count: points.count - start, color: color))
    }

    mutating func stroke<S: Sequence>(_ pairs: S, width: Double, _ color: RGBA) where S.Element == CanvasPoint {
        let start = points.count
        points.append(contentsOf: pairs)
        guard points.count - start >= 2, width > 0 else { points.removeSubrange(start...); return }
        shapes.append(Shape(kind: .lines(width: width), start: start, count: points.count - start, color: color))
    }

    /// A shape's points.
    func points(of shape: Shape) -> ArraySlice<CanvasPoint> { points[shape.start..<(shape.start + shape.count)] }

    /// The device pixels a shape may touch: columns and rows, empty when it has no finite extent.
    func pixelBounds(of shape: Shape) -> (columns: Range<Int>, rows: Range<Int>) {
        var reach = 0.0
        if case .lines(let width) = shape.kind { reach = width / 2 + 0.5 }
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for k in shape.start..<(shape.start + shape.count) {
            let p = points[k]
            guard p.x.isFinite, p.y.isFinite else { return (0..<0, 0..<0) }
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        guard minX <= maxX, minY <= maxY, maxX - minX < 1e7, maxY - minY < 1e7 else { return (0..<0, 0..<0) }
        return (Int((minX - reach).rounded(.down))..<Int((maxX + reach).rounded(.up)),
                Int((minY - reach).rounded(.down))..<Int((maxY + reach).rounded(.up)))
    }
}
