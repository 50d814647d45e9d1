import LossmapCanvas

/// The band of a stochastic run's repeats on the map: for each step, the box from the 10th
/// to the 90th percentile of each weight, joined to the next step's box by the convex hull
/// of the two, so the band is continuous where the walk moves further than its spread.
/// Filled with the non-zero rule, the hulls (all wound the same way) paint their union once.
/// Geometry as data: `RunLayer` fills what this returns.
enum RepeatBand {
    /// The most boxes a band is drawn from (see `polygons`).
    static let maxBoxes = 2_000

    /// One convex polygon per pair of consecutive steps (one box alone for a single step), in
    /// canvas pixels, each counter-clockwise on the canvas.
    static func polygons(low: [CanvasPoint], high: [CanvasPoint]) -> [[CanvasPoint]] {
        // A box that moved less than a third of a pixel from the last one kept adds no ink; a
        // million steps would otherwise be a million overlapping hulls in one fill (quadratic
        // work for the rasteriser). The last box is always kept.
        var kept: [(CanvasPoint, CanvasPoint)] = []
        for (i, (a, b)) in zip(low, high).enumerated() {
            if let (la, lb) = kept.last, i < low.count - 1,
               abs(a.x - la.x) < 0.33, abs(a.y - la.y) < 0.33, abs(b.x - lb.x) < 0.33, abs(b.y - lb.y) < 0.33 { continue }
            kept.append((a, b))
        }
        // A jittering band (noise about the minimum) moves every step: beyond `maxBoxes` the
        // boxes are taken at an even stride, the last kept, so the fill stays a few thousand
        // polygons whatever the run's length.
        if kept.count > maxBoxes {
            let stride = (kept.count + maxBoxes - 1) / maxBoxes
            kept = kept.enumerated().filter { $0.offset % stride == 0 || $0.offset == kept.count - 1 }.map(\.element)
        }
        let boxes = kept.map { a, b -> [CanvasPoint] in
            let x0 = min(a.x, b.x), x1 = max(a.x, b.x), y0 = min(a.y, b.y), y1 = max(a.y, b.y)
            return [CanvasPoint(x0, y0), CanvasPoint(x1, y0), CanvasPoint(x1, y1), CanvasPoint(x0, y1)]
        }
        guard boxes.count > 1 else { return boxes.map(hull) }
        return zip(boxes, boxes.dropFirst()).map { hull($0 + $1) }
    }

    /// The convex hull of `points` by Andrew's monotone chain (Andrew 1979), counter-clockwise
    /// in the usual orientation (cross products > 0 turn left); collinear points dropped.
    static func hull(_ points: [CanvasPoint]) -> [CanvasPoint] {
        let sorted = points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard sorted.count > 2 else { return sorted }
        func cross(_ o: CanvasPoint, _ a: CanvasPoint, _ b: CanvasPoint) -> Double {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var lower: [CanvasPoint] = [], upper: [CanvasPoint] = []
        for p in sorted {
            while lower.count >= 2, cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        for p in sorted.reversed() {
            while upper.count >= 2, cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }
}
