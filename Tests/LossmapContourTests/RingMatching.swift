@testable import LossmapContour

// Helpers for comparing geometry in tests: rings ignoring start point and direction, floats with a tolerance.


/// Builds a grid on integer positions 0..<nx, 0..<ny from rows written top row first, as they read on the page.
func gridFromRows(_ rowsTopFirst: [[Double]]) -> Grid {
    let ny = rowsTopFirst.count
    let nx = rowsTopFirst[0].count
    let values = rowsTopFirst.reversed().flatMap { $0 }
    return Grid(xs: (0..<nx).map(Double.init), ys: (0..<ny).map(Double.init), values: values)
}

func p(_ x: Double, _ y: Double) -> Point2D { Point2D(x: x, y: y) }

func isClose(_ a: Point2D, _ b: Point2D, tolerance: Double = 1e-9) -> Bool {
    abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance
}

/// True if `a` and `b` are the same ring up to the starting point and, unless `sameDirection`, the direction.
func sameRing(_ a: [Point2D], _ b: [Point2D], sameDirection: Bool = false, tolerance: Double = 1e-9) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    let candidates = sameDirection ? [b] : [b, Array(b.reversed())]
    for candidate in candidates {
        for shift in 0..<candidate.count {
            if a.indices.allSatisfy({ isClose(a[$0], candidate[($0 + shift) % candidate.count], tolerance: tolerance) }) {
                return true
            }
        }
    }
    return false
}

/// True if some polygon of `polygons` contains `point`.
func anyContains(_ polygons: [ContourPolygon], _ point: Point2D) -> Bool {
    polygons.contains { $0.contains(point) }
}

func totalArea(_ polygons: [ContourPolygon]) -> Double {
    polygons.reduce(0) { $0 + $1.area }
}
