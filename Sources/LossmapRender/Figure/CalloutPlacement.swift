import Foundation
import LossmapCanvas

/// Where a box of text goes on a map so that it hides no path and no other box: a callout
/// with a leader line to its point, a table, an inset. Geometry as data: callers draw what
/// this returns, and tests check it on tiny literal layouts.
///
/// Candidates are tried in order (around the anchor at three distances in eight directions,
/// then the frame's corners and edge midpoints); each is scored by how much it covers:
/// every path sample inside it (paths are sampled every `sampleSpacing` pixels, so a long
/// segment counts as much as many short ones), a heavy penalty for each box placed before
/// that it overlaps and for leaving the frame, and a small one for the leader's length. The
/// lowest score wins; ties keep the earlier candidate, so nearer places win.
struct CalloutPlacement {
    /// The frame the box must stay inside (a map's plot area).
    var frame: CanvasRect
    /// Points along every path on the map, in canvas pixels (see `samples(of:)`).
    var pathSamples: [CanvasPoint]
    /// Boxes already placed (earlier callouts, tables, badges, labels).
    var placed: [CanvasRect] = []
    /// Points a box must not hide: starts, minima, the explained steps' ends. Each counts as
    /// much as `keyPointWeight` path samples.
    var keyPoints: [CanvasPoint] = []
    static let keyPointWeight = 40.0
    /// Space kept between a box and what it avoids.
    var margin: Double

    /// Distance between path samples: small enough that a box of a line's height cannot slip
    /// between two samples of a segment it crosses.
    static let sampleSpacing = 6.0

    /// Points every `sampleSpacing` pixels along each polyline (its vertices included);
    /// non-finite points break a polyline.
    static func samples(of polylines: [[CanvasPoint]]) -> [CanvasPoint] {
        var out: [CanvasPoint] = []
        for line in polylines {
            var previous: CanvasPoint?
            for p in line {
                guard p.x.isFinite, p.y.isFinite else { previous = nil; continue }
                if let a = previous {
                    let length = hypot(p.x - a.x, p.y - a.y)
                    // A segment thousands of frames long (a diverged jump) is sampled only
                    // where it can be near the frame: cap the count, the ends are kept.
                    // (Clamped as a Double: a length near 1e308 does not fit an Int.)
                    let n = length.isFinite ? Int(min(length / sampleSpacing, 4000)) : 0
                    if n > 1 {
                        for i in 1..<n {
                            let t = Double(i) / Double(n)
                            out.append(CanvasPoint(a.x + t * (p.x - a.x), a.y + t * (p.y - a.y)))
                        }
                    }
                }
                out.append(p)
                previous = p
            }
        }
        return out
    }

    /// How much a box at `box` would cover (see the type's comment); 0 is a free place.
    func cost(of box: CanvasRect, leader: Double = 0) -> Double {
        var cost = 0.0
        let outside = !(box.minX >= frame.minX && box.maxX <= frame.maxX && box.minY >= frame.minY && box.maxY <= frame.maxY)
        if outside { cost += 10_000 }
        let grown = box.insetBy(-margin)
        for p in pathSamples where grown.contains(p) { cost += 1 }
        for p in keyPoints where grown.insetBy(-margin).contains(p) { cost += Self.keyPointWeight }
        for other in placed where grown.intersects(other) { cost += 1_000 }
        return cost + leader / 1_000
    }

    /// The place for a box of `size` whose leader points at `anchor`: the box, and the point
    /// of its edge nearest the anchor (where the leader starts).
    func place(size: (width: Double, height: Double), anchor: CanvasPoint?) -> (box: CanvasRect, leaderStart: CanvasPoint?) {
        var best: (box: CanvasRect, cost: Double)?
        for box in candidates(size: size, anchor: anchor) {
            let leader = anchor.map { Self.distance(from: $0, to: box) } ?? 0
            let c = cost(of: box, leader: leader)
            if best == nil || c < best!.cost { best = (box, c) }
        }
        let box = best!.box
        return (box, anchor.map { Self.nearestPoint(on: box, to: $0) })
    }

    /// The boxes tried, in order of preference.
    func candidates(size: (width: Double, height: Double), anchor: CanvasPoint?) -> [CanvasRect] {
        var boxes: [CanvasRect] = []
        let w = size.width, h = size.height
        if let a = anchor {
            for distance in [3.0, 6.0, 11.0].map({ $0 * margin }) {
                for k in 0..<8 {
                    let angle = Double(k) * .pi / 4 - .pi / 4  // upper right first, then clockwise
                    let dx = cos(angle), dy = sin(angle)
                    // The box's near corner or edge sits `distance` from the anchor in this direction.
                    let cx = a.x + dx * (distance + w / 2), cy = a.y + dy * (distance + h / 2)
                    boxes.append(CanvasRect(x: cx - w / 2, y: cy - h / 2, width: w, height: h))
                }
            }
        }
        let m = margin, f = frame
        let xs = [f.minX + m, f.midX - w / 2, f.maxX - m - w], ys = [f.minY + m, f.midY - h / 2, f.maxY - m - h]
        for y in ys { for x in xs where !(x == xs[1] && y == ys[1]) { boxes.append(CanvasRect(x: x, y: y, width: w, height: h)) } }
        return boxes
    }

    /// The distance from `p` to the nearest point of `box` (0 inside).
    static func distance(from p: CanvasPoint, to box: CanvasRect) -> Double {
        let q = nearestPoint(on: box, to: p)
        return hypot(q.x - p.x, q.y - p.y)
    }

    /// The point of `box` (its edge, or `p` itself inside it) nearest `p`.
    static func nearestPoint(on box: CanvasRect, to p: CanvasPoint) -> CanvasPoint {
        CanvasPoint(min(max(p.x, box.minX), box.maxX), min(max(p.y, box.minY), box.maxY))
    }
}
