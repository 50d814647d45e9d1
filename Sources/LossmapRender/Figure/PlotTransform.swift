import LossmapCanvas
import LossmapContour
import LossmapCore

/// Maps data coordinates (w1, w2) into the plot rectangle's pixels: w1 grows to the right,
/// w2 grows upwards (so pixel y is flipped).
public struct PlotTransform: Sendable, Equatable {
    public var w1: ClosedRange<Double>
    public var w2: ClosedRange<Double>
    public var rect: CanvasRect

    public init(w1: ClosedRange<Double>, w2: ClosedRange<Double>, rect: CanvasRect) {
        self.w1 = w1
        self.w2 = w2
        self.rect = rect
    }

    public func x(_ value: Double) -> Double {
        rect.minX + (value - w1.lowerBound) / (w1.upperBound - w1.lowerBound) * rect.width
    }

    public func y(_ value: Double) -> Double {
        rect.maxY - (value - w2.lowerBound) / (w2.upperBound - w2.lowerBound) * rect.height
    }

    public func point(_ w: Weights) -> CanvasPoint { CanvasPoint(x(w.x), y(w.y)) }
    public func point(_ p: Point2D) -> CanvasPoint { CanvasPoint(x(p.x), y(p.y)) }

    /// The pixel path of contour polygons (exteriors and holes as sub-paths), for an
    /// even-odd fill.
    public func path(_ polygons: [ContourPolygon]) -> CanvasPath {
        var path = CanvasPath()
        for polygon in polygons {
            path.addPolyline(Self.simplified(polygon.exterior.map(point)), closed: true)
            for hole in polygon.holes { path.addPolyline(Self.simplified(hole.map(point)), closed: true) }
        }
        return path
    }

    /// The pixel path of an isoline's pieces.
    public func path(_ isoline: Isoline) -> CanvasPath {
        var path = CanvasPath()
        for line in isoline.lines { path.addPolyline(Self.simplified(line.points.map(point)), closed: line.isClosed) }
        return path
    }

    /// The polyline without the vertices that bend it by less than `tolerance` pixels: a
    /// 400×400 grid puts a contour vertex every pixel or two, and Cairo's cost grows with the
    /// number of edges, not with what they look like. Every dropped vertex stays within
    /// `tolerance` of the segment that replaces it (checked against all of them, so the error
    /// never accumulates along a gentle curve); ends are kept. At 0.1 px the change cannot be seen.
    static func simplified(_ points: [CanvasPoint], tolerance: Double = 0.1) -> [CanvasPoint] {
        guard points.count > 3 else { return points }
        var kept: [CanvasPoint] = [points[0]]
        kept.reserveCapacity(points.count / 2)
        var anchor = points[0]
        var skipped: [CanvasPoint] = []
        for i in 1..<(points.count - 1) {
            let candidate = points[i], next = points[i + 1]
            // Drop `candidate` if it and every vertex dropped since the anchor lie within the
            // tolerance of the segment anchor → next; at most 64 in a row.
            let fits = skipped.count < 64 && distance(candidate, anchor, next) <= tolerance
                && skipped.allSatisfy { distance($0, anchor, next) <= tolerance }
            if fits {
                skipped.append(candidate)
            } else {
                kept.append(candidate)
                anchor = candidate
                skipped.removeAll(keepingCapacity: true)
            }
        }
        kept.append(points[points.count - 1])
        return kept
    }

    /// Distance from `p` to the segment a–b.
    static func distance(_ p: CanvasPoint, _ a: CanvasPoint, _ b: CanvasPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let t = lengthSquared > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0), 1) : 0
        let ex = p.x - (a.x + t * dx), ey = p.y - (a.y + t * dy)
        return (ex * ex + ey * ey).squareRoot()
    }
}
