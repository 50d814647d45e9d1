import Foundation
import LossmapCanvas

/// A level's value written along its isoline.
struct ContourLabel: Equatable {
    var text: String
    var center: CanvasPoint
    /// Radians, within (−π/2, π/2], so the text never reads upside down.
    var angle: Double
    var width: Double
    var height: Double

    /// The label's box as a closed polygon, for cutting the isoline under it.
    var box: [CanvasPoint] {
        let c = cos(angle), s = sin(angle), hw = width / 2, hh = height / 2
        return [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)].map { dx, dy in
            CanvasPoint(center.x + dx * c - dy * s, center.y + dx * s + dy * c)
        }
    }
}

/// Places level labels on isolines the way a cartographer would: evenly spaced along each
/// line, only where the line runs nearly straight under the text, turned to follow it but
/// never upside down, and never on top of another label, a descent path or the frame.
struct ContourLabelPlacer {
    /// Labels stand at least this far apart along a line (and never closer than 3 widths).
    var spacing: Double
    /// Extra room kept around every label.
    var padding: Double
    /// The plot area labels must stay inside.
    var frame: CanvasRect
    /// Descent path segments labels must keep clear of.
    var obstacles: [(CanvasPoint, CanvasPoint)]
    /// Clearance from obstacles.
    var clearance: Double

    /// Labels for each line of each level; `text(level)` and `size(text)` come from the caller.
    func place(lines: [(level: Int, points: [CanvasPoint])], text: (Int) -> String,
               size: (String) -> (width: Double, height: Double)) -> [ContourLabel] {
        var placed: [ContourLabel] = []
        for (level, points) in lines where points.count >= 2 {
            let label = text(level)
            let (w, h) = size(label)
            let boxWidth = w + 2 * padding, boxHeight = h + padding
            var lengths = [0.0]
            for (a, b) in zip(points, points.dropFirst()) { lengths.append(lengths.last! + hypot(b.x - a.x, b.y - a.y)) }
            let total = lengths.last!
            let step = max(spacing, 3 * boxWidth)
            guard total >= 2 * boxWidth else { continue }
            var s = min(step / 2, total / 2)
            while s + boxWidth / 2 <= total {
                defer { s += step }
                let a = Self.point(at: s - boxWidth / 2, points, lengths), b = Self.point(at: s + boxWidth / 2, points, lengths)
                // The line must run nearly straight under the text: chord ≥ 95% of the arc.
                guard hypot(b.x - a.x, b.y - a.y) >= 0.95 * boxWidth else { continue }
                var angle = atan2(b.y - a.y, b.x - a.x)
                if angle > .pi / 2 { angle -= .pi } else if angle <= -.pi / 2 { angle += .pi }
                let candidate = ContourLabel(text: label, center: Self.point(at: s, points, lengths), angle: angle,
                                             width: boxWidth, height: boxHeight)
                if fits(candidate, among: placed) { placed.append(candidate) }
            }
        }
        return placed
    }

    func fits(_ label: ContourLabel, among placed: [ContourLabel]) -> Bool {
        let radius = hypot(label.width, label.height) / 2
        guard label.box.allSatisfy(frame.insetBy(2).contains) else { return false }
        for other in placed {
            let otherRadius = hypot(other.width, other.height) / 2
            if hypot(other.center.x - label.center.x, other.center.y - label.center.y) < radius + otherRadius { return false }
        }
        for (a, b) in obstacles where Self.distance(from: label.center, toSegment: a, b) < radius + clearance {
            return false
        }
        return true
    }

    /// The point at arc length `s` along the polyline.
    static func point(at s: Double, _ points: [CanvasPoint], _ lengths: [Double]) -> CanvasPoint {
        let target = min(max(s, 0), lengths.last!)
        var lo = 0, hi = lengths.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if lengths[mid] <= target { lo = mid } else { hi = mid }
        }
        let span = lengths[hi] - lengths[lo]
        let t = span > 0 ? (target - lengths[lo]) / span : 0
        return CanvasPoint(points[lo].x + t * (points[hi].x - points[lo].x), points[lo].y + t * (points[hi].y - points[lo].y))
    }

    static func distance(from p: CanvasPoint, toSegment a: CanvasPoint, _ b: CanvasPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let t = lengthSquared > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0), 1) : 0
        return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
    }
}
