import Foundation
import LossmapCanvas
import LossmapScene
import LossmapSpec

/// The descent paths on top of the map: per run a haloed line with a dot at every step, the
/// start ringed, and for a diverged run an arrow where it left the frame and a badge with
/// the step; then the surface's minima as stars.
struct RunLayer {
    let figure: Scene
    /// The runs on this map: all of them in an overlay, one in a grid panel.
    let runs: [SceneRun]
    let style: FigureStyle
    let transform: PlotTransform
    /// In an animation's frame: each run's current point drawn as a ball (the walker).
    var walkers = false
    /// In an animation's frame: how much of each path is shown.
    var trail: AnimationSpec.Trail = .full
    /// In an animation's frame: its step (the trail ends there).
    var step: Int?
    /// Whether runs that left get their exit arrow and badge (not in an inset, whose edges
    /// are not the map's).
    var exits = true

    init(figure: Scene, runs: [SceneRun], style: FigureStyle, transform: PlotTransform) {
        self.figure = figure
        self.runs = runs
        self.style = style
        self.transform = transform
    }

    /// Draws the layer; returns the boxes of its step-number tags and outcome badges, which
    /// callouts and tables drawn later keep clear of.
    @discardableResult
    func draw(on canvas: Canvas) -> [CanvasRect] {
        let frame = transform.rect
        canvas.save()
        canvas.clip(to: .rect(frame))
        // Segments are clipped to a slightly larger box so line caps at the edge stay whole.
        let clipBox = frame.insetBy(-4 * style.haloWidth)
        for run in drawingOrder {
            if case .steps(let n) = trail {
                drawTrail(run, steps: n, on: canvas)
                continue
            }
            // A long run puts many steps on one pixel, or zig-zags over the same few pixels
            // thousands of times; Cairo's stroker costs time quadratic in the crossings
            // within one path. So only what adds ink is drawn, in pieces of bounded size
            // (see `visibleStrokes` and `visibleDots`); points closer than a third of a
            // pixel to the last one kept add nothing either (the dots overlap there anyway).
            drawRepeats(run, within: clipBox, on: canvas)
            let walked = run.drawnWalk
            let points = Self.thinnedByDistance(walked.map(transform.point), minimumGap: 0.33)
            let cell = Self.coverageCell * style.unit
            let lines = Self.visibleStrokes(points, within: clipBox, cell: cell)
            let dots = Self.visibleDots(points, within: frame.insetBy(-style.stepDotRadius), cell: cell)

            canvas.setColor(style.halo)
            canvas.setLineWidth(style.haloWidth)
            for line in lines { canvas.stroke(line) }
            for group in dots { canvas.fillDiscs(group, radius: style.stepDotRadius + 1.4 * style.unit) }
            canvas.setColor(run.color)
            canvas.setLineWidth(style.pathWidth)
            for line in lines { canvas.stroke(line) }
            for group in dots { canvas.fillDiscs(group, radius: style.stepDotRadius) }

            if let start = points.first, frame.contains(start) {
                style.drawStartRing(at: start, color: run.color, on: canvas)
            }
        }
        drawArrows(within: clipBox, on: canvas)
        if walkers {
            for run in drawingOrder { drawWalker(run, on: canvas) }
        }
        let tags = drawStepNumbers(on: canvas)
        // Badges already placed, so that two runs leaving at the same spot stack theirs; the
        // step numbers' tags are in the way too.
        var badges = tags
        for run in runs where run.outcomeKnown && exits {
            switch run.trajectory.outcome {
            case .diverged: drawExit(run, badge: "diverged at step \(run.trajectory.stepsTaken)", badges: &badges, on: canvas)
            case .leftMap(let step): drawExit(run, badge: "left the map at step \(step)", badges: &badges, on: canvas)
            default: break
            }
        }
        for minimum in figure.surface.minima {
            let c = transform.point(minimum)
            guard frame.contains(c) else { continue }
            style.drawMinimumStar(at: c, on: canvas)
        }
        canvas.restore()
        return badges
    }

    /// A stochastic run's other seeds, under its own line: the band of their spread per step,
    /// or each as a thin translucent path.
    private func drawRepeats(_ run: SceneRun, within box: CanvasRect, on canvas: Canvas) {
        guard !run.repeats.isEmpty, let spread = run.spread else { return }
        switch run.spec.repeatsStyle {
        case .band:
            var band = CanvasPath()
            for polygon in RepeatBand.polygons(low: spread.low.map(transform.point), high: spread.high.map(transform.point)) {
                // A band past the frame (a diverging seed) is cut to it, so the fill stays bounded.
                let inside = polygon.map { CanvasPoint(min(max($0.x, box.minX), box.maxX), min(max($0.y, box.minY), box.maxY)) }
                band.addPolyline(inside, closed: true)
            }
            canvas.setColor(run.color.withAlpha(0.3))
            canvas.fill(band, rule: .nonZero)
        case .paths:
            canvas.setColor(run.color.withAlpha(0.35))
            canvas.setLineWidth(1.3 * style.unit)
            for walk in run.repeats {
                let points = Self.thinnedByDistance(walk.points.map(transform.point), minimumGap: 0.33)
                for line in Self.visibleStrokes(points, within: box, cell: Self.coverageCell * style.unit) { canvas.stroke(line) }
            }
        }
    }

    /// The last `steps` steps of a run's path, older segments fainter (opacity rising linearly
    /// from a fifth to full at the current point), each step's dot with its segment; the
    /// start ring stays. A trail is short, so it is drawn segment by segment.
    private func drawTrail(_ run: SceneRun, steps: Int, on canvas: Canvas) {
        let all = run.trajectory.points
        let first = max(0, all.count - 1 - steps)
        let points = all[first...].map(transform.point)
        let box = transform.rect.insetBy(-4 * style.haloWidth)
        let count = max(1, points.count - 1)
        for (i, (a, b)) in zip(points, points.dropFirst()).enumerated() {
            let opacity = 0.2 + 0.8 * Double(i + 1) / Double(count)
            guard let (c, d) = clipSegment(a, b, to: box) else { continue }
            var line = CanvasPath()
            line.move(to: c)
            line.line(to: d)
            canvas.setColor(style.halo.withAlpha(style.halo.alpha * opacity))
            canvas.setLineWidth(style.haloWidth)
            canvas.stroke(line)
            canvas.setColor(run.color.withAlpha(opacity))
            canvas.setLineWidth(style.pathWidth)
            canvas.stroke(line)
            if transform.rect.contains(b) {
                canvas.fill(Markers.circle(at: b, radius: style.stepDotRadius), rule: .nonZero)
            }
        }
        if let start = all.first.map(transform.point), transform.rect.contains(start) {
            style.drawStartRing(at: start, color: run.color, on: canvas)
        }
    }

    /// Each run's steps as arrows (`arrows = k`; `StepArrows`), over every path.
    private func drawArrows(within box: CanvasRect, on canvas: Canvas) {
        guard runs.contains(where: { $0.spec.arrowsEvery != nil }) else { return }
        for run in drawingOrder {
            guard let every = run.spec.arrowsEvery else { continue }
            for arrow in StepArrows.arrows(of: run, every: every) {
                style.drawStepArrow(from: transform.point(arrow.from), to: transform.point(arrow.to), color: run.color,
                                    dashed: arrow.part == .velocity, within: box, on: canvas)
            }
        }
    }

    /// The numbers of each run's first `step_numbers` steps, over every path (`StepNumbers`);
    /// returns the tags' boxes, which the outcome badges keep clear of.
    private func drawStepNumbers(on canvas: Canvas) -> [CanvasRect] {
        guard runs.contains(where: { $0.spec.stepNumbers > 0 }) else { return [] }
        let order = drawingOrder
        let counts = order.map { $0.spec.stepNumbers }
        guard counts.contains(where: { $0 > 0 }) else { return [] }
        // The points up to the last numbered one and the one after it (which way the path goes on).
        let paths = zip(order, counts).map { run, count in run.trajectory.points.prefix(count + 2).map(transform.point) }
        let tags = StepNumbers.place(paths: paths, counts: counts, radius: style.stepNumberRadius,
                                     clearance: style.stepDotRadius + 2 * style.unit, frame: transform.rect)
        for tag in tags { style.drawStepNumber(tag.step, at: tag.center, color: order[tag.run].color, on: canvas) }
        let r = style.stepNumberRadius
        return tags.map { CanvasRect(x: $0.center.x - r, y: $0.center.y - r, width: 2 * r, height: 2 * r) }
    }

    /// The walker at the run's current point, when it is on the map.
    /// The walker stands at the end of the line drawn (the median walk's, with a band).
    private func drawWalker(_ run: SceneRun, on canvas: Canvas) {
        guard let last = run.drawnWalk.last else { return }
        let c = transform.point(last)
        guard c.x.isFinite, c.y.isFinite, transform.rect.contains(c) else { return }
        style.drawWalker(at: c, color: run.color, on: canvas)
    }

    /// Runs with the longest visible paths first, so a short path (a tiny learning rate that
    /// barely moved) is drawn on top of the long one that started at the same place.
    var drawingOrder: [SceneRun] {
        let frame = transform.rect
        func visibleLength(_ run: SceneRun) -> Double {
            let points = run.trajectory.points.map(transform.point)
            var total = 0.0
            for (a, b) in zip(points, points.dropFirst()) {
                if let (c, d) = clipSegment(a, b, to: frame) { total += hypot(d.x - c.x, d.y - c.y) }
            }
            return total
        }
        let lengths = runs.map(visibleLength)
        return runs.indices.sorted { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
            .map { runs[$0] }
    }

    /// The arrow where a diverged run (or one that left the map still descending) left the
    /// frame, pointing the way it went, and a badge ("diverged at step k") beside it. A run
    /// that blew up inside the frame gets the badge at its last point.
    private func drawExit(_ run: SceneRun, badge: String, badges: inout [CanvasRect], on canvas: Canvas) {
        let frame = transform.rect
        var points = run.trajectory.points.map(transform.point)
        if let escaped = run.trajectory.escapedTo, escaped.isFinite {
            let p = transform.point(escaped)
            if p.x.isFinite && p.y.isFinite { points.append(p) }
        }
        var anchor = points.last(where: frame.contains) ?? CanvasPoint(frame.midX, frame.midY)
        if let exit = Self.firstExit(points, from: frame) {
            let arrow = Markers.arrowhead(tip: exit.point, direction: exit.direction, length: 22 * style.unit)
            canvas.setColor(style.halo)
            canvas.setLineWidth(4 * style.unit)
            canvas.stroke(arrow)
            canvas.setColor(run.color)
            canvas.fill(arrow, rule: .nonZero)
            anchor = exit.point
        }
        drawBadge(badge, near: anchor, color: run.color, badges: &badges, on: canvas)
    }

    /// A rounded label kept inside the frame, placed on the side of `point` facing the centre.
    private func drawBadge(_ text: String, near point: CanvasPoint, color: RGBA, badges: inout [CanvasRect], on canvas: Canvas) {
        let frame = transform.rect
        // Larger text may make the badge wider than a small map: then it is set smaller.
        let font = style.fontScale > 1 ? style.badgeFont(text, within: frame.width - 8, on: canvas) : style.legendNoteFont
        let (w, h) = style.badgeSize(text, font: font, on: canvas)
        var x = point.x < frame.midX ? point.x + 14 * style.unit : point.x - 14 * style.unit - w
        let y = point.y < frame.midY ? point.y + 14 * style.unit : point.y - 14 * style.unit - h
        x = min(max(x, frame.minX + 4), frame.maxX - w - 4)
        // Step away from the frame's nearer edge until no earlier badge is in the way.
        let step = (point.y < frame.midY ? 1.0 : -1.0) * (h + 4 * style.unit)
        var box = CanvasRect(x: x, y: min(max(y, frame.minY + 4), frame.maxY - h - 4), width: w, height: h)
        var tries = 0
        while badges.contains(where: { $0.intersects(box) }), tries < 20 {
            box.y += step
            tries += 1
        }
        badges.append(box)
        style.drawBadge(text, in: box, color: color, font: font, on: canvas)
    }

    /// The points without those closer than `minimumGap` pixels to the previous point kept;
    /// the first and last are always kept.
    ///
    /// A graph (x never decreasing, as on a loss curve) is first cut to at most four points
    /// per column `minimumGap` wide: the first, lowest, highest and last in it, in their
    /// order (M4: Jugel et al. 2014, "M4: A Visualization-Oriented Time Series Data
    /// Aggregation"). Every point dropped lies within the column of a kept line from the
    /// column's lowest to its highest point, so within `minimumGap` of the line; and a curve
    /// that swings up and down at every step, which distance alone would keep whole (one
    /// stroke crossing itself at every step, quadratic for Cairo), keeps a number of points
    /// bounded by its width instead of its steps.
    static func thinned(_ points: [CanvasPoint], minimumGap: Double) -> [CanvasPoint] {
        let isGraph = zip(points, points.dropFirst()).allSatisfy { $0.x <= $1.x }
        return thinnedByDistance(isGraph ? columnExtremes(points, width: minimumGap) : points, minimumGap: minimumGap)
    }

    /// The points without those closer than `minimumGap` pixels to the previous point kept;
    /// the first and last are always kept.
    static func thinnedByDistance(_ points: [CanvasPoint], minimumGap: Double) -> [CanvasPoint] {
        guard points.count > 2 else { return points }
        var kept = [points[0]]
        let gap2 = minimumGap * minimumGap
        for p in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            let dx = p.x - last.x, dy = p.y - last.y
            if !(dx * dx + dy * dy < gap2) { kept.append(p) }
        }
        kept.append(points[points.count - 1])
        return kept
    }

    /// Of points whose x never decreases, per column `width` wide the first, the lowest, the
    /// highest and the last, in their order (each once).
    static func columnExtremes(_ points: [CanvasPoint], width: Double) -> [CanvasPoint] {
        guard points.count > 4, width > 0 else { return points }
        var kept: [CanvasPoint] = []
        var first = 0, lowest = 0, highest = 0, last = 0
        var column = (points[0].x / width).rounded(.down)
        func flush() {
            var previous = -1
            for i in [first, lowest, highest, last].sorted() where i != previous {
                kept.append(points[i])
                previous = i
            }
        }
        for (i, p) in points.enumerated().dropFirst() {
            let c = (p.x / width).rounded(.down)
            if c != column {
                flush()
                (first, lowest, highest, column) = (i, i, i, c)
            }
            if p.y < points[lowest].y { lowest = i }
            if p.y > points[highest].y { highest = i }
            last = i
        }
        flush()
        return kept
    }

    /// The side, in pixels, of the cells that decide whether a segment or a dot adds ink,
    /// at the reference size (cells grow and shrink with the figure's lines, `style.unit`).
    ///
    /// What is left out lies within a cell's diagonal (0.57 px) of a centre line or dot
    /// that is drawn, and the thinning moves no point by more than 0.33 px, so every point
    /// of the run stays within 0.9 px of the drawn line's centre: inside its stroke
    /// (2.6 px wide, under a halo of 6.5).
    static let coverageCell = 0.4
    /// The most segments one stroke holds, and dots one fill: Cairo's cost for a path grows
    /// with its crossings (it sweeps them, Bentley & Ottmann), so a path that crosses itself
    /// everywhere costs the square of its length; in bounded pieces the total is linear.
    /// Far above the segments a run that does not revisit its own pixels keeps, so such a
    /// run is still one stroke.
    static let segmentsPerStroke = 2048
    static let dotsPerFill = 2048

    /// The polyline through `points` as it is drawn: each segment clipped to `box`, those
    /// that add no ink left out, in strokes of at most `segmentsPerStroke` segments.
    ///
    /// A segment adds no ink when every cell it passes through (`cell` wide) is
    /// already crossed by a segment drawn before it, or when one drawn before it joins the
    /// same two cells (the quick test for a path bouncing between two spots). So the
    /// segments drawn are bounded by the cells on the map, not by the steps, and a path
    /// drawn over and over costs one pass over its points.
    static func visibleStrokes(_ points: [CanvasPoint], within box: CanvasRect, cell: Double = coverageCell) -> [CanvasPath] {
        var coverage = PathCoverage(cell: cell, origin: CanvasPoint(box.minX, box.minY))
        var drawnPairs = Set<CellPair>()
        var strokes: [CanvasPath] = []
        var path = CanvasPath()
        var segments = 0
        var penAt: CanvasPoint?
        for (a, b) in zip(points, points.dropFirst()) {
            guard let (c, d) = clipSegment(a, b, to: box) else {
                penAt = nil
                continue
            }
            let pair = CellPair(coverage.cellOf(c), coverage.cellOf(d))
            if drawnPairs.contains(pair) || coverage.covers(c, d) {
                penAt = nil
                continue
            }
            drawnPairs.insert(pair)
            coverage.cover(c, d)
            if segments == segmentsPerStroke {
                strokes.append(path)
                path = CanvasPath()
                segments = 0
                penAt = nil
            }
            if penAt != c { path.move(to: c) }
            path.line(to: d)
            penAt = d
            segments += 1
        }
        if !path.isEmpty { strokes.append(path) }
        return strokes
    }

    /// The points that get a step dot: those inside `box` whose cell (`cell` wide)
    /// has no dot yet, in groups of at most `dotsPerFill`, one fill each.
    static func visibleDots(_ points: [CanvasPoint], within box: CanvasRect, cell: Double = coverageCell) -> [[CanvasPoint]] {
        var coverage = PathCoverage(cell: cell, origin: CanvasPoint(box.minX, box.minY))
        var groups: [[CanvasPoint]] = []
        var group: [CanvasPoint] = []
        for p in points where box.contains(p) && coverage.insert(p) {
            if group.count == dotsPerFill {
                groups.append(group)
                group = []
            }
            group.append(p)
        }
        if !group.isEmpty { groups.append(group) }
        return groups
    }

    /// The two cells a segment joins, in either order.
    struct CellPair: Hashable {
        let low: Int64, high: Int64

        init(_ a: (x: Int, y: Int), _ b: (x: Int, y: Int)) {
            let ka = Int64(a.x) << 32 ^ Int64(a.y) & 0xFFFF_FFFF, kb = Int64(b.x) << 32 ^ Int64(b.y) & 0xFFFF_FFFF
            (low, high) = ka <= kb ? (ka, kb) : (kb, ka)
        }
    }

    /// Where the path first crosses the frame from inside to outside, and its direction there.
    static func firstExit(_ points: [CanvasPoint], from frame: CanvasRect) -> (point: CanvasPoint, direction: CanvasPoint)? {
        for (a, b) in zip(points, points.dropFirst()) where frame.contains(a) && !frame.contains(b) {
            guard let (_, exit) = clipSegment(a, b, to: frame) else { continue }
            return (exit, CanvasPoint(b.x - a.x, b.y - a.y))
        }
        return nil
    }
}
