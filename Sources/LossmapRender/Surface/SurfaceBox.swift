import Foundation
import LossmapCanvas

/// The box around the data in the 3-D view, as data: its twelve edges, each told whether it lies
/// behind the surface, and the three edges that carry the w1, w2 and loss axes.
public struct SurfaceBox: Sendable, Equatable {
    /// Which data axis an edge runs along.
    public enum Direction: Sendable, Equatable { case w1, w2, z }

    /// Where an edge lies for the viewer, from the two box faces that meet on it: a face is in
    /// front when its outward normal points toward the viewer.
    public enum Placement: Sendable, Equatable {
        /// Both faces behind: the three edges at the farthest corner. Drawn before the surface,
        /// which then hides what it covers (mplot3d's panes and their edges).
        case back
        /// One face in front, one behind: the box's outline. Drawn before the surface too.
        case outline
        /// Both faces in front: the three edges at the nearest corner, in front of the surface.
        /// mplot3d leaves them out; a caller that draws them draws them last.
        case front
    }

    public struct Edge: Sendable, Equatable {
        public var from: CanvasPoint
        public var to: CanvasPoint
        public var direction: Direction
        public var placement: Placement
    }

    /// An edge that carries ticks and a label.
    public struct Axis: Sendable, Equatable {
        public var range: ClosedRange<Double>
        /// The edge's end at `range.lowerBound`.
        public var start: CanvasPoint
        /// The edge's end at `range.upperBound`.
        public var end: CanvasPoint
        /// Unit vector on the canvas, across the edge and away from the box: where tick marks and
        /// labels go.
        public var outward: CanvasPoint

        /// The canvas point of a value along the edge (ticks; orthographic, so evenly spaced).
        public func point(at value: Double) -> CanvasPoint {
            let span = range.upperBound - range.lowerBound
            let t = span > 0 ? (value - range.lowerBound) / span : 0
            return CanvasPoint(start.x + t * (end.x - start.x), start.y + t * (end.y - start.y))
        }
    }

    public var edges: [Edge]
    /// Along the bottom w1 edge nearest the viewer.
    public var w1Axis: Axis
    /// Along the bottom w2 edge nearest the viewer; it meets the w1 axis at the nearest bottom corner.
    public var w2Axis: Axis
    /// Along the vertical edge at the box's left silhouette, where a map's vertical axis is. Seen
    /// from straight above it shrinks to a point: the caller leaves it out.
    public var zAxis: Axis

    /// The box w1 × w2 × z as `projection` shows it (usually the projection's own box).
    public static func build(projection: SurfaceProjection, w1: ClosedRange<Double>, w2: ClosedRange<Double>,
                             z: ClosedRange<Double>) -> SurfaceBox {
        let ranges = [w1, w2, z]
        // Corner k has bit b set when it is at the upper end of axis b (w1, w2, z).
        let corners = (0..<8).map { k in
            SIMD3((0..<3).map { b in k & (1 << b) == 0 ? ranges[b].lowerBound : ranges[b].upperBound })
        }
        let projected = corners.map { projection.project($0) }
        let centre = projection.project((corners[0] + corners[7]) / 2).point
        let toward = -projection.viewDirection
        // A face (axis b, upper side or not) is in front when its outward normal, ±axis b in the
        // normalised box, points toward the viewer; equality (a side face seen from straight
        // above) counts as behind.
        func inFront(_ b: Int, upper: Bool) -> Bool { (upper ? toward[b] : -toward[b]) > 1e-12 }
        let directions: [Direction] = [.w1, .w2, .z]

        var edges: [Edge] = []
        for k in 0..<8 {
            for b in 0..<3 where k & (1 << b) == 0 {
                let faces = (0..<3).filter { $0 != b }.map { inFront($0, upper: k & (1 << $0) != 0) }
                let placement: Placement = faces.allSatisfy { $0 } ? .front : faces.contains(true) ? .outline : .back
                edges.append(Edge(from: projected[k].point, to: projected[k | (1 << b)].point,
                                  direction: directions[b], placement: placement))
            }
        }

        // Nearest first; ties (seen from straight above, or from square on) go to the edge
        // lower on the canvas, then to the left one.
        let tolerance = 1e-9 * max(projection.scale, 1)
        func nearer(_ a: Int, _ b: Int, along axis: Int) -> Bool {
            let (pa, qa) = (projected[a], projected[a | (1 << axis)]), (pb, qb) = (projected[b], projected[b | (1 << axis)])
            let da = pa.depth + qa.depth, db = pb.depth + qb.depth
            if abs(da - db) > tolerance { return da < db }
            let ya = pa.point.y + qa.point.y, yb = pb.point.y + qb.point.y
            if abs(ya - yb) > tolerance { return ya > yb }
            return pa.point.x + qa.point.x < pb.point.x + qb.point.x
        }
        func axis(_ b: Int, from k: Int) -> Axis {
            let start = projected[k].point, end = projected[k | (1 << b)].point
            return Axis(range: ranges[b], start: start, end: end, outward: outward(start, end, from: centre))
        }
        // Bottom corners at the lower end of w1 (for the w1 axis) and of w2 (for the w2 axis).
        let w1Axis = axis(0, from: [0, 2].min { nearer($0, $1, along: 0) }!)
        let w2Axis = axis(1, from: [0, 1].min { nearer($0, $1, along: 1) }!)
        // A vertical edge is a vertical line on the canvas: the leftmost is a silhouette; of two
        // in line (seen square on), the nearer.
        let zCorner = [0, 1, 2, 3].min { a, b in
            let xa = projected[a].point.x, xb = projected[b].point.x
            return abs(xa - xb) > tolerance ? xa < xb : nearer(a, b, along: 2)
        }!
        return SurfaceBox(edges: edges, w1Axis: w1Axis, w2Axis: w2Axis, zAxis: axis(2, from: zCorner))
    }

    /// The unit normal of the segment start–end on the side away from `centre`; for an edge
    /// seen end on, the direction from the centre, or left.
    static func outward(_ start: CanvasPoint, _ end: CanvasPoint, from centre: CanvasPoint) -> CanvasPoint {
        let dx = end.x - start.x, dy = end.y - start.y
        let away = CanvasPoint((start.x + end.x) / 2 - centre.x, (start.y + end.y) / 2 - centre.y)
        let length = (dx * dx + dy * dy).squareRoot()
        if length > 1e-9 {
            let normal = CanvasPoint(-dy / length, dx / length)
            return normal.x * away.x + normal.y * away.y >= 0 ? normal : CanvasPoint(-normal.x, -normal.y)
        }
        let distance = (away.x * away.x + away.y * away.y).squareRoot()
        return distance > 1e-9 ? CanvasPoint(away.x / distance, away.y / distance) : CanvasPoint(-1, 0)
    }
}
