import Foundation
import LossmapCanvas
import LossmapContour
import LossmapCore
import LossmapScene
import LossmapSpec

/// The mountain: the loss surface as a shaded height field in 3-D, coloured with the map's
/// colormap and levels, with every run's path draped on it and drawn in the faces' depth
/// order (so what passes behind a ridge is hidden), a box with three labelled axes, the
/// minimum's star, each run's start ring and, in an animation's frame, its walker.
///
/// The geometry (projection, painter's order, draping, the cut) is `SurfaceGeometry`'s; this
/// view only paints it.
struct SurfaceView {
    /// Height over width of the panel a lone mountain gets: a box seen from 30° above.
    static let panelAspect = 0.78

    let figure: Scene
    /// The runs as shown (a frame's, or the figure's own).
    let runs: [SceneRun]
    let style: FigureStyle
    let rect: CanvasRect
    /// Each run's current point as a ball (in an animation's frame).
    var walkers = false
    /// Degrees added to the camera's azimuth (an animation's orbit, frame by frame).
    var azimuthOffset = 0.0
    /// In an animation's frame of a lone mountain: the step for the "step k of n" counter.
    var counterStep: Int?

    init(figure: Scene, runs: [SceneRun], style: FigureStyle, rect: CanvasRect) {
        self.figure = figure
        self.runs = runs
        self.style = Self.fitted(style, to: rect)
        self.rect = rect
    }

    /// The mountain's axis labels stand inside its panel, 3.2 em of it on either side of the
    /// box: with large text (`font_scale`) in a small panel they would leave the mountain no
    /// room. Its text then grows only until the margins take 40% of the panel's width (the
    /// reference figure's take 17%), and never shrinks below the size it has at font scale 1.
    static func fitted(_ style: FigureStyle, to rect: CanvasRect) -> FigureStyle {
        guard style.fontScale > 1 else { return style }
        var fitted = style
        let reference = 2 * 3.2 * FigureStyle(width: 1600, height: 1000).tickFont.size * style.unit
        fitted.fontScale = max(1, min(style.fontScale, 0.4 * rect.width / reference))
        return fitted
    }

    /// The box inside the panel, leaving room for the axes' tick labels and titles.
    var boxRect: CanvasRect {
        let side = 3.2 * style.tickFont.size
        return CanvasRect(x: rect.minX + side, y: rect.minY + style.tickFont.size, width: rect.width - 2 * side,
                          height: rect.height - side - style.tickFont.size)
    }

    func draw(on canvas: Canvas) {
        guard let mesh = figure.mesh else { return }
        let height = SurfaceHeight(figure)
        let camera = SurfaceCamera(azimuth: figure.spec.camera.azimuth + azimuthOffset, elevation: figure.spec.camera.elevation)
        let projection = SurfaceProjection(w1: figure.w1, w2: figure.w2, z: height.range, camera: camera, rect: boxRect)
        // Marks to place: the minima, the markers, each run's start and current point.
        let minima = figure.surface.minima
        let marks = minima + figure.markers.map(\.spec.at) + runs.flatMap { run in
            [run.drawnWalk.first ?? Weights(.nan, .nan), run.drawnWalk.last ?? Weights(.nan, .nan)]
        }
        let geometry = SurfaceGeometry.build(xs: mesh.xs, ys: mesh.ys, zs: mesh.values.map(height.z),
                                             paths: runs.map(Self.walk), marks: marks,
                                             zMax: figure.spec.camera.cut.map(height.z), projection: projection)
        let box = SurfaceBox.build(projection: projection, w1: figure.w1, w2: figure.w2, z: height.range)

        drawBackEdges(box, on: canvas)
        let bands = ContourLayer.bandColors(levelCount: figure.levels.count, colormap: figure.spec.surface.colormap)
        let levelHeights = figure.levels.map(height.z)
        var cut = CanvasPath()
        // On a raster canvas the faces and paths are painted into pixels, in the same order, and
        // composited once (`PixelPainter`): Cairo's cost per fill, times thousands of slices,
        // was most of the view's time. Vector canvases get the shapes.
        let scale = canvas.pixelScale
        var paints = PixelPaints()
        var projected: [CanvasPoint] = []
        for item in geometry.items {
            switch item {
            case .face(let face):
                // Sliced at the levels, so the bands' edges run where the map's isolines do
                // rather than in steps from cell to cell.
                for slice in Self.slices(of: face.corners, at: levelHeights) {
                    // Grown by a third of a pixel: neighbours overlap, which closes the hairline
                    // seams antialiasing leaves between them (the next face in depth order
                    // covers the overlap), at the cost of a fill, not a fill and a stroke.
                    let color = shaded(bands[min(slice.band, bands.count - 1)], by: face.shade)
                    if let scale {
                        projected.removeAll(keepingCapacity: true)
                        for corner in slice.polygon { projected.append(projection.project(corner).point) }
                        Self.grow(&projected, by: Self.seamOverlap)
                        paints.fill(projected.lazy.map { CanvasPoint($0.x * scale, $0.y * scale) }, color)
                    } else {
                        let polygon = Self.grown(slice.polygon.map { projection.project($0).point }, by: Self.seamOverlap)
                        var path = CanvasPath()
                        path.addPolyline(polygon, closed: true)
                        canvas.setColor(color)
                        canvas.fill(path, rule: .nonZero)
                    }
                }
                if figure.spec.camera.isolines {
                    let pairs = Self.levelCrossings(of: face.corners, at: levelHeights).flatMap { a, b in
                        [projection.project(a).point, projection.project(b).point]
                    }
                    draw(lines: pairs, width: style.isolineWidth, color: style.isoline, on: canvas, or: &paints)
                }
                if let k = figure.spec.camera.meshLines {
                    draw(lines: Self.meshLines(face, every: k), width: 0.8 * style.unit, color: style.isoline, on: canvas, or: &paints)
                }
            case .cut(let edge):
                // Collected and drawn over everything: the cut is the mountain's top edge.
                cut.move(to: edge.from)
                cut.line(to: edge.to)
            case .segment(let segment):
                // A path ends where it first climbs over the cut.
                if let exit = geometry.cutExits[segment.run], segment.step > exit.step { continue }
                // The halo as a band with square ends, the colour with round ones: a path is
                // many short pieces, and a round-ended halo would cover the colour of the
                // piece before it at every joint.
                if let scale {
                    let band = Self.bandCorners(from: segment.from, to: segment.to, width: Self.haloWidth(style))
                    paints.fill(band.lazy.map { CanvasPoint($0.x * scale, $0.y * scale) }, style.halo)
                } else {
                    canvas.setColor(style.halo)
                    canvas.fill(Self.band(from: segment.from, to: segment.to, width: Self.haloWidth(style)), rule: .nonZero)
                }
                draw(lines: [segment.from, segment.to], width: Self.pathWidth(style), color: runs[segment.run].color,
                     on: canvas, or: &paints)
            }
        }
        if let scale {
            // Room around the panel for anything reaching out of it, as the canvas would show it.
            let outer = rect.insetBy(-max(rect.width, rect.height) / 2)
            let bounds = (Int((outer.minX * scale).rounded(.down))..<Int((outer.maxX * scale).rounded(.up)),
                          Int((outer.minY * scale).rounded(.down))..<Int((outer.maxY * scale).rounded(.up)))
            canvas.drawPixels(PixelPainter.image(paints, within: bounds))
        }
        if !cut.isEmpty {
            canvas.setColor(style.text)
            canvas.setLineWidth(1.6 * style.unit)
            canvas.stroke(cut)
        }
        drawMarks(geometry, minima: minima.count, on: canvas)
        drawAxes(box, height, on: canvas)
        if let step = counterStep { drawCounter(step: step, on: canvas) }
    }

    /// "step 12 of 100" in the panel's top right corner (the box's top leaves it free).
    private func drawCounter(step: Int, on canvas: Canvas) {
        let last = figure.frames?.lastStep ?? step
        let size = StepCounter.size(of: last, style: style, on: canvas)
        StepCounter.draw(step: step, of: last, in: CanvasRect(x: rect.maxX - size.width, y: rect.minY, width: size.width, height: size.height),
                         style: style, on: canvas)
    }


    /// A run's walk as drawn on the mountain: the line the map draws (its points, or the
    /// median of its seeds' with a band), and once its outcome is known the point it jumped
    /// to when it diverged or left the map (the map draws that step too).
    static func walk(_ run: SceneRun) -> [Weights] {
        let walked = run.drawnWalk
        let ownWalk = run.spread == nil || run.spec.repeatsStyle != .band
        guard ownWalk, run.outcomeKnown, let escaped = run.trajectory.escapedTo,
              escaped.x.isFinite, escaped.y.isFinite else {
            return walked
        }
        return walked + [escaped]
    }

    /// The rectangle `width` wide around the segment from `a` to `b`, square at both ends.
    static func band(from a: CanvasPoint, to b: CanvasPoint, width: Double) -> CanvasPath {
        var path = CanvasPath()
        let corners = bandCorners(from: a, to: b, width: width)
        if !corners.isEmpty { path.addPolyline(corners, closed: true) }
        return path
    }

    /// `band`'s four corners; none for a segment of no length.
    static func bandCorners(from a: CanvasPoint, to b: CanvasPoint, width: Double) -> [CanvasPoint] {
        let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return [] }
        let nx = -dy / length * width / 2, ny = dx / length * width / 2
        return [CanvasPoint(a.x + nx, a.y + ny), CanvasPoint(b.x + nx, b.y + ny),
                CanvasPoint(b.x - nx, b.y - ny), CanvasPoint(a.x - nx, a.y - ny)]
    }

    /// Lines between pairs of points, round-capped: stroked on a vector canvas, added to the
    /// pixels' paints (in device pixels) on a raster one.
    private func draw(lines pairs: [CanvasPoint], width: Double, color: RGBA, on canvas: Canvas, or paints: inout PixelPaints) {
        guard pairs.count >= 2 else { return }
        if let scale = canvas.pixelScale {
            paints.stroke(pairs.lazy.map { CanvasPoint($0.x * scale, $0.y * scale) }, width: width * scale, color)
            return
        }
        var path = CanvasPath()
        var k = 0
        while k + 1 < pairs.count {
            path.move(to: pairs[k])
            path.line(to: pairs[k + 1])
            k += 2
        }
        canvas.setColor(color)
        canvas.setLineWidth(width)
        canvas.stroke(path)
    }

    /// A path on the mountain is wider than on the map and its halo narrower: the faces drawn
    /// after a piece (nearer the viewer) cover the half of its stroke that overhangs its cell,
    /// so a thin line would lose much of its colour where it runs near a cell's edge.
    static func pathWidth(_ style: FigureStyle) -> Double { style.pathWidth * 1.5 }
    static func haloWidth(_ style: FigureStyle) -> Double { style.pathWidth * 1.5 + 2 * style.unit }

    /// How far each face is grown, in pixels, to close antialiasing seams.
    static let seamOverlap = 0.35

    /// A convex polygon with each corner moved `d` pixels away from the centroid.
    static func grown(_ polygon: [CanvasPoint], by d: Double) -> [CanvasPoint] {
        var polygon = polygon
        grow(&polygon, by: d)
        return polygon
    }

    /// `grown`, in place.
    static func grow(_ polygon: inout [CanvasPoint], by d: Double) {
        guard polygon.count >= 3 else { return }
        let cx = polygon.reduce(0) { $0 + $1.x } / Double(polygon.count), cy = polygon.reduce(0) { $0 + $1.y } / Double(polygon.count)
        for k in polygon.indices {
            let p = polygon[k]
            let dx = p.x - cx, dy = p.y - cy, length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            polygon[k] = CanvasPoint(p.x + dx / length * d, p.y + dy / length * d)
        }
    }

    /// A face cut into the parts between consecutive levels (heights, increasing), each with
    /// its band (0 below the first level, as the map counts them): Sutherland–Hodgman against
    /// the planes z = level, one band at a time. A face within one band is itself.
    static func slices(of corners: [SIMD3<Double>], at levels: [Double]) -> [(band: Int, polygon: [SIMD3<Double>])] {
        guard !corners.isEmpty else { return [] }
        var low = corners[0].z, high = low
        for c in corners { low = min(low, c.z); high = max(high, c.z) }
        func band(_ z: Double) -> Int { levels.firstIndex { z < $0 } ?? levels.count }
        let first = band(low), last = band(high)
        guard first != last else { return [(first, corners)] }
        var result: [(band: Int, polygon: [SIMD3<Double>])] = []
        for b in first...last {
            var polygon = corners
            if b > 0 { polygon = clip(polygon, keepingAbove: true, levels[b - 1]) }
            if b < levels.count { polygon = clip(polygon, keepingAbove: false, levels[b]) }
            if polygon.count >= 3 { result.append((b, polygon)) }
        }
        return result
    }

    /// The part of a convex polygon with z ≥ h (`keepingAbove`) or z ≤ h.
    static func clip(_ polygon: [SIMD3<Double>], keepingAbove: Bool, _ h: Double) -> [SIMD3<Double>] {
        func inside(_ p: SIMD3<Double>) -> Bool { keepingAbove ? p.z >= h : p.z <= h }
        var out: [SIMD3<Double>] = []
        for (k, current) in polygon.enumerated() {
            let previous = polygon[(k + polygon.count - 1) % polygon.count]
            if inside(current) != inside(previous) {
                let t = (h - previous.z) / (current.z - previous.z)
                out.append(previous + (current - previous) * t)
            }
            if inside(current) { out.append(current) }
        }
        return out
    }

    /// A colour darkened by a shade in 0…1 (1: facing the light).
    func shaded(_ color: RGBA, by shade: Double) -> RGBA {
        RGBA(red: color.red * shade, green: color.green * shade, blue: color.blue * shade)
    }

    /// For each level strictly inside a convex face's height range, the segment where the
    /// plane z = level crosses it (the two points where its edges cross the plane).
    static func levelCrossings(of corners: [SIMD3<Double>], at levels: [Double]) -> [(SIMD3<Double>, SIMD3<Double>)] {
        guard let low = corners.map(\.z).min(), let high = corners.map(\.z).max(), low < high else { return [] }
        var segments: [(SIMD3<Double>, SIMD3<Double>)] = []
        for level in levels where level > low && level < high {
            var points: [SIMD3<Double>] = []
            for (k, a) in corners.enumerated() {
                let b = corners[(k + 1) % corners.count]
                // Each edge crossing the plane once (half-open, so a corner on it counts once).
                if (a.z < level) != (b.z < level) {
                    points.append(a + (b - a) * ((level - a.z) / (b.z - a.z)))
                }
            }
            if points.count == 2 { segments.append((points[0], points[1])) }
        }
        return segments
    }

    /// The edges of a face that lie on a mesh line (every k-th grid line), as pairs of points.
    static func meshLines(_ face: SurfaceFace, every k: Int) -> [CanvasPoint] {
        // A whole, uncut face runs (i, j) → (i+1, j) → (i+1, j+1) → (i, j+1); a cut or split one
        // has no such order and gets no mesh line.
        guard face.part == .whole, face.polygon.count == 4 else { return [] }
        let polygon = face.polygon, cell = face.cell
        var lines: [CanvasPoint] = []
        if cell.row % k == 0 { lines += [polygon[0], polygon[1]] }
        if (cell.column + 1) % k == 0 { lines += [polygon[1], polygon[2]] }
        if (cell.row + 1) % k == 0 { lines += [polygon[2], polygon[3]] }
        if cell.column % k == 0 { lines += [polygon[3], polygon[0]] }
        return lines
    }

    /// Minimum stars, markers with their labels, start rings and walkers, on top of the
    /// surface where they are in sight (a mark behind a ridge is left out); and for a run
    /// that diverged, a badge at its last point on the mountain.
    private func drawMarks(_ geometry: SurfaceGeometry, minima: Int, on canvas: Canvas) {
        let marks = geometry.marks
        func visible(_ i: Int) -> CanvasPoint? {
            guard i < marks.count, let mark = marks[i], !mark.isHidden else { return nil }
            return mark.point
        }
        for i in 0..<minima {
            if let p = visible(i) { style.drawMinimumStar(at: p, on: canvas) }
        }
        for (k, marker) in figure.markers.enumerated() {
            guard let p = visible(minima + k) else { continue }
            style.drawMarkerDiamond(at: p, on: canvas)
            // Within the box: the axes' labels stand in the panel around it.
            MarkerLayer.drawLabel(for: marker, beside: p, within: boxRect, style: style, on: canvas)
        }
        let base = minima + figure.markers.count
        var badges = 0
        for (r, run) in runs.enumerated() {
            if let p = visible(base + 2 * r) { style.drawStartRing(at: p, color: run.color, on: canvas) }
            let current = base + 2 * r + 1
            if walkers, let p = visible(current) { style.drawWalker(at: p, color: run.color, on: canvas) }
            // A run that diverged or left the map: the arrow where its path first leaves the
            // mountain (over its edge, or over the cut), pointing the way it went, and its badge.
            guard run.outcomeKnown else { continue }
            let badge: String
            switch run.trajectory.outcome {
            case .diverged(let step, _): badge = "diverged at step \(step)"
            case .leftMap(let step): badge = "left the map at step \(step)"
            default: continue
            }
            let exitStep = geometry.cutExits[r]?.step ?? firstExitStep(of: run)
            let piece = exitStep.flatMap { lastSegment(of: r, step: $0, in: geometry) } ?? lastSegment(of: r, step: nil, in: geometry)
            guard let anchor = geometry.cutExits[r]?.point ?? piece?.to else { continue }
            if let piece, hypot(piece.to.x - piece.from.x, piece.to.y - piece.from.y) > 0 {
                let arrow = Markers.arrowhead(tip: anchor, direction: CanvasPoint(piece.to.x - piece.from.x, piece.to.y - piece.from.y),
                                              length: 18 * style.unit)
                canvas.setColor(style.halo)
                canvas.setLineWidth(4 * style.unit)
                canvas.stroke(arrow)
                canvas.setColor(run.color)
                canvas.fill(arrow, rule: .nonZero)
            }
            drawBadge(badge, near: anchor, color: run.color, index: badges, on: canvas)
            badges += 1
        }
    }

    /// The step whose end first lies outside the window (the map's first exit), if any.
    private func firstExitStep(of run: SceneRun) -> Int? {
        let walk = Self.walk(run)
        func inside(_ w: Weights) -> Bool { figure.w1.contains(w.x) && figure.w2.contains(w.y) }
        return zip(walk, walk.dropFirst()).enumerated().first { inside($0.element.0) && !inside($0.element.1) }?.offset
    }

    /// The last piece of run `r`'s path on the mountain along step `step` (of its latest step
    /// when nil): pieces come in depth order, so the one that starts farthest along the step.
    private func lastSegment(of r: Int, step: Int?, in geometry: SurfaceGeometry) -> SurfacePathSegment? {
        let points = Self.walk(runs[r])
        func along(_ s: SurfacePathSegment) -> Double {
            guard s.step < points.count else { return 0 }
            return hypot(s.start.x - points[s.step].x, s.start.y - points[s.step].y)
        }
        var best: SurfacePathSegment?
        for case .segment(let segment) in geometry.items where segment.run == r && (step == nil || segment.step == step) {
            if let b = best, segment.step < b.step || (segment.step == b.step && along(segment) <= along(b)) { continue }
            best = segment
        }
        return best
    }

    /// A badge above and right of `p`, inside the panel; the `index`-th one stacked above.
    private func drawBadge(_ text: String, near p: CanvasPoint, color: RGBA, index: Int, on canvas: Canvas) {
        let (width, height) = style.badgeSize(text, on: canvas)
        let x = min(max(p.x + 12 * style.unit, rect.minX), rect.maxX - width)
        let y = min(max(p.y - height - 12 * style.unit - Double(index) * (height + 4 * style.unit), rect.minY), rect.maxY - height)
        style.drawBadge(text, in: CanvasRect(x: x, y: y, width: width, height: height), color: color, on: canvas)
    }

    /// The box's back edges and outline, faint, before the surface (which hides what it
    /// covers). The three front edges at the nearest corner are left out, as mplot3d does:
    /// drawn over the surface they would cross it.
    private func drawBackEdges(_ box: SurfaceBox, on canvas: Canvas) {
        var edges = CanvasPath()
        for edge in box.edges where edge.placement != .front {
            edges.move(to: edge.from)
            edges.line(to: edge.to)
        }
        canvas.setColor(style.mutedText.withAlpha(0.5))
        canvas.setLineWidth(style.frameWidth * 0.7)
        canvas.stroke(edges)
    }

    /// The three axes with nice ticks, labels and titles: w₁ and w₂ along the bottom edges
    /// nearest the viewer, the loss up a vertical edge on the silhouette.
    private func drawAxes(_ box: SurfaceBox, _ height: SurfaceHeight, on canvas: Canvas) {
        let spec = figure.spec
        let w1Ticks = NiceTicks.linear(figure.w1, targetCount: 5)
        let w2Ticks = NiceTicks.linear(figure.w2, targetCount: 5)
        let zTicks = height.ticks(count: 5)
        let axes: [(SurfaceBox.Axis, [Double], (Double) -> Double, [String], String)] = [
            (box.w1Axis, w1Ticks, { $0 }, NumberFormatting.tickLabels(w1Ticks), spec.w1Label),
            (box.w2Axis, w2Ticks, { $0 }, NumberFormatting.tickLabels(w2Ticks), spec.w2Label),
            (box.zAxis, zTicks, height.z,
             height.scale == .log ? NumberFormatting.logTickLabels(zTicks) : NumberFormatting.tickLabels(zTicks), "loss"),
        ]
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        for (axis, ticks, position, labels, title) in axes {
            // An axis seen end-on (the height straight from above, a w axis edge-on) is left
            // out: its labels would pile up on one spot.
            let length = hypot(axis.end.x - axis.start.x, axis.end.y - axis.start.y)
            guard length >= 2 * style.tickFont.size else { continue }
            var line = CanvasPath()
            line.move(to: axis.start)
            line.line(to: axis.end)
            canvas.stroke(line)
            let out = axis.outward
            var lastLabel: CanvasPoint?
            for (value, label) in zip(ticks, labels) {
                let p = axis.point(at: position(value))
                // A label closer than a line's height to the one before is skipped.
                if let q = lastLabel, hypot(p.x - q.x, p.y - q.y) < 1.2 * style.tickFont.size { continue }
                lastLabel = p
                var tick = CanvasPath()
                tick.move(to: p)
                tick.line(to: CanvasPoint(p.x + out.x * style.tickLength, p.y + out.y * style.tickLength))
                canvas.stroke(tick)
                let at = CanvasPoint(p.x + out.x * style.tickLength * 2.2, p.y + out.y * style.tickLength * 2.2)
                canvas.drawText(NumberFormatting.typographic(label), at: at, font: style.tickFont,
                                anchor: TextAnchor(out.x < -0.3 ? .right : (out.x > 0.3 ? .left : .center),
                                                   out.y < -0.3 ? .bottom : (out.y > 0.3 ? .top : .middle)))
            }
            if axis == box.zAxis {
                // The height's title above its axis, clear of the tick labels beside it.
                let top = axis.end.y < axis.start.y ? axis.end : axis.start
                canvas.drawText(title, at: CanvasPoint(top.x, top.y - 0.9 * style.tickFont.size), font: style.axisTitleFont,
                                anchor: TextAnchor(.center, .bottom))
                continue
            }
            // Beyond the tick labels along the outward direction: their widest, across.
            let widest = labels.map { canvas.measureText(NumberFormatting.typographic($0), font: style.tickFont).width }.max() ?? 0
            let reach = style.tickLength * 2.2 + widest * abs(out.x) + style.tickFont.size * abs(out.y) + 0.9 * style.axisTitleFont.size
            let mid = axis.point(at: (axis.range.lowerBound + axis.range.upperBound) / 2)
            canvas.drawText(title, at: CanvasPoint(mid.x + out.x * reach, mid.y + out.y * reach), font: style.axisTitleFont,
                            anchor: TextAnchor(.center, .middle))
        }
    }
}
