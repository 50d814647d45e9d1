import Foundation
import LossmapCanvas

/// Where the numbers of runs' first steps go (`step_numbers = n`): a small round tag beside
/// each step's point, so the order of a huge step's jumps across the valley can be read.
///
/// Tags are placed one at a time, run by run in drawing order and step by step: each tries
/// directions around its point, starting with the one pointing away from the path there
/// (the reverse of the sum of the unit vectors to the previous and next points, so a tag
/// sits outside the angle the path makes) and turning by 30° either way, first at the
/// nearest distance and then further out. A direction is taken when its tag lies inside the
/// frame, overlaps no tag placed before and covers no numbered point. Where none fits, the
/// direction that overlaps least is taken: every numbered step keeps its number.
/// Geometry as data: `RunLayer` draws what this returns.
enum StepNumbers {
    struct Tag: Equatable {
        /// The run's index in the list given, and the step k (its point is the walker's after k steps).
        var run: Int
        var step: Int
        /// The step's point and the tag's centre, in canvas pixels.
        var point: CanvasPoint
        var center: CanvasPoint
    }

    /// Tags for steps 1 … `counts[r]` of each run's `paths[r]` (point k after k steps, the
    /// start first), for the points inside `frame`. Tags are circles of `radius`; `clearance`
    /// is how far a tag's edge keeps from any numbered point (the dot's radius and a margin).
    static func place(paths: [[CanvasPoint]], counts: [Int], radius: Double, clearance: Double,
                      frame: CanvasRect) -> [Tag] {
        precondition(paths.count == counts.count, "StepNumbers: \(counts.count) counts for \(paths.count) paths")
        // Every point that gets a number: no tag may cover one.
        var numbered: [CanvasPoint] = []
        for (path, count) in zip(paths, counts) where count > 0 && path.count > 1 {
            for k in 1...min(count, path.count - 1) where isInside(path[k], frame) { numbered.append(path[k]) }
        }
        var tags: [Tag] = []
        let distances = [radius + clearance, 1.7 * (radius + clearance), 2.6 * (radius + clearance)]
        for (r, (path, count)) in zip(paths, counts).enumerated() where count > 0 && path.count > 1 {
            for k in 1...min(count, path.count - 1) {
                let p = path[k]
                guard isInside(p, frame) else { continue }
                let away = awayDirection(path, k)
                var best: (center: CanvasPoint, conflicts: Int)?
                search: for distance in distances {
                    for turn in [0.0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180] {
                        let angle = away + turn * .pi / 180
                        let c = CanvasPoint(p.x + distance * cos(angle), p.y + distance * sin(angle))
                        let conflicts = self.conflicts(c, radius: radius, clearance: clearance, frame: frame,
                                                       tags: tags, numbered: numbered)
                        if conflicts == 0 {
                            best = (c, 0)
                            break search
                        }
                        if best == nil || conflicts < best!.conflicts { best = (c, conflicts) }
                    }
                }
                tags.append(Tag(run: r, step: k, point: p, center: best!.center))
            }
        }
        return tags
    }

    /// How many things a tag centred at `c` would get in the way of: leaving the frame, each
    /// tag it overlaps, each numbered point it covers.
    static func conflicts(_ c: CanvasPoint, radius: Double, clearance: Double, frame: CanvasRect,
                          tags: [Tag], numbered: [CanvasPoint]) -> Int {
        var n = frame.insetBy(radius).contains(c) ? 0 : 1
        for tag in tags where hypot(tag.center.x - c.x, tag.center.y - c.y) < 2 * radius + 1 { n += 1 }
        for p in numbered where hypot(p.x - c.x, p.y - c.y) < radius + clearance - 0.5 { n += 1 }
        return n
    }

    /// The angle (radians, canvas coordinates) pointing away from the path at point k.
    static func awayDirection(_ path: [CanvasPoint], _ k: Int) -> Double {
        func unit(_ from: CanvasPoint, _ to: CanvasPoint) -> (x: Double, y: Double) {
            let dx = to.x - from.x, dy = to.y - from.y, length = hypot(dx, dy)
            return length > 1e-9 && length.isFinite ? (dx / length, dy / length) : (0, 0)
        }
        let p = path[k]
        let back = unit(p, path[k - 1])
        let ahead = k + 1 < path.count ? unit(p, path[k + 1]) : (x: 0.0, y: 0.0)
        let sum = (x: back.x + ahead.x, y: back.y + ahead.y)
        if hypot(sum.x, sum.y) > 1e-6 { return atan2(-sum.y, -sum.x) }
        // A straight stretch (or the last point): to the path's left.
        let along = ahead.x == 0 && ahead.y == 0 ? (x: -back.x, y: -back.y) : ahead
        return atan2(-along.x, along.y)
    }

    static func isInside(_ p: CanvasPoint, _ frame: CanvasRect) -> Bool {
        p.x.isFinite && p.y.isFinite && frame.contains(p)
    }
}

extension FigureStyle {
    /// A step number's tag: the number in the text colour on the marker fill, ringed in the
    /// run's colour.
    var stepNumberFont: Font { Font(size: 14 * textUnit, bold: true) }
    var stepNumberRadius: Double { 11 * textUnit }

    func drawStepNumber(_ k: Int, at center: CanvasPoint, color: RGBA, on canvas: Canvas) {
        let circle = Markers.circle(at: center, radius: stepNumberRadius)
        canvas.setColor(theme.markerFill.withAlpha(0.92))
        canvas.fill(circle, rule: .nonZero)
        canvas.setColor(color)
        canvas.setLineWidth(2 * unit)
        canvas.stroke(circle)
        canvas.setColor(text)
        canvas.drawText(String(k), at: center, font: stepNumberFont, anchor: TextAnchor(.center, .middle), angle: 0)
    }
}
