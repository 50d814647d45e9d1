// Polygons with holes, and the ring geometry (signed area, point in ring) they are built with.

/// A polygon: one outer ring (counter-clockwise) and its holes (clockwise).
///
/// Rings are not repeated-closed (the first point is not appended again at the end).
/// Orientation is in math coordinates with y up: a counter-clockwise ring has positive signed area.
public struct ContourPolygon: Sendable, Equatable {
    /// The outer boundary, counter-clockwise.
    public var exterior: [Point2D]
    /// The holes, each clockwise and inside `exterior`.
    public var holes: [[Point2D]]

    /// Creates a polygon from its outer ring and holes.
    public init(exterior: [Point2D], holes: [[Point2D]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// The area covered: the exterior's area minus the holes' areas.
    public var area: Double {
        holes.reduce(Self.signedArea(exterior)) { $0 + Self.signedArea($1) }
    }

    /// True if `point` is inside the exterior and outside every hole (even-odd rule; boundary points count as outside).
    public func contains(_ point: Point2D) -> Bool {
        guard Self.locate(point, in: exterior) == .inside else { return false }
        return holes.allSatisfy { Self.locate(point, in: $0) == .outside }
    }

    /// The signed area of a ring (shoelace formula): positive if counter-clockwise with y up.
    public static func signedArea(_ ring: [Point2D]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var twice = 0.0
        var previous = ring[ring.count - 1]
        for point in ring {
            twice += (previous.x - point.x) * (previous.y + point.y)
            previous = point
        }
        return twice / 2
    }

    /// Where a point lies relative to a ring.
    enum Location { case inside, outside, onBoundary }

    /// Locates `point` relative to `ring` by ray casting (even-odd), as d3-contour's `src/contains.js` does,
    /// reporting points exactly on an edge separately so that hole assignment can skip touching vertices.
    static func locate(_ point: Point2D, in ring: [Point2D]) -> Location {
        guard !ring.isEmpty else { return .outside }
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i]
            let b = ring[j]
            if isOnSegment(point, a, b) { return .onBoundary }
            // The edge straddles the horizontal line through `point` and crosses it to its right.
            if (a.y > point.y) != (b.y > point.y),
               point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x {
                inside.toggle()
            }
            j = i
        }
        return inside ? .inside : .outside
    }

    /// True if `p` lies exactly on the segment `a`–`b`. Exact arithmetic is enough here:
    /// rings of one surface only ever touch at crossings computed from the same numbers.
    static func isOnSegment(_ p: Point2D, _ a: Point2D, _ b: Point2D) -> Bool {
        let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
        guard cross == 0 else { return false }
        return min(a.x, b.x) <= p.x && p.x <= max(a.x, b.x)
            && min(a.y, b.y) <= p.y && p.y <= max(a.y, b.y)
    }
}
