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
            path.addPolyline(polygon.exterior.map(point), closed: true)
            for hole in polygon.holes { path.addPolyline(hole.map(point), closed: true) }
        }
        return path
    }

    /// The pixel path of an isoline's pieces.
    public func path(_ isoline: Isoline) -> CanvasPath {
        var path = CanvasPath()
        for line in isoline.lines { path.addPolyline(line.points.map(point), closed: line.isClosed) }
        return path
    }
}
