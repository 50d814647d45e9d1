import LossmapCanvas
import LossmapCore
import LossmapScene

/// "step 12 of 100" in a corner of an animation's map (or of a lone mountain's panel), on a
/// box of the marker fill so it reads on any band. On a map the corner is the one the
/// finished paths cross least, so it is the same in every frame and hides as little of the
/// walk as it can.
struct StepCounter {
    let figure: Scene
    let style: FigureStyle
    let transform: PlotTransform

    static let pointsPerRun = 4096

    static func text(step: Int, of last: Int) -> String {
        "step \(NumberFormatting.grouped(step)) of \(NumberFormatting.grouped(last))"
    }

    /// On a map: in the corner the paths cross least.
    func draw(step: Int, of last: Int, on canvas: Canvas) {
        let box = corner(for: Self.size(of: last, style: style, on: canvas))
        Self.draw(step: step, of: last, in: box, style: style, on: canvas)
    }

    /// The box's size: for the widest text it will show, so it does not change between frames.
    static func size(of last: Int, style: FigureStyle, on canvas: Canvas) -> (width: Double, height: Double) {
        let widest = canvas.measureText(text(step: last, of: last), font: style.legendFont)
        return (widest.width + 2 * padding(style), widest.height + 2 * padding(style))
    }

    static func padding(_ style: FigureStyle) -> Double { 7 * style.unit }

    /// The counter in `box` (of `size`): the text right-aligned on the marker fill.
    static func draw(step: Int, of last: Int, in box: CanvasRect, style: FigureStyle, on canvas: Canvas) {
        let ascent = canvas.measureText(text(step: last, of: last), font: style.legendFont).ascent
        canvas.setColor(style.theme.markerFill.withAlpha(0.88))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(style.text)
        canvas.drawText(text(step: step, of: last), at: CanvasPoint(box.maxX - padding(style), box.minY + padding(style) + ascent),
                        font: style.legendFont, anchor: TextAnchor(.right, .baseline))
    }

    /// The box of `size` in the map's corner (inset by a margin) that the fewest points of the
    /// finished paths fall in; top right on a tie (where a reader looks for it).
    func corner(for size: (width: Double, height: Double)) -> CanvasRect {
        let frame = transform.rect, inset = 8 * style.unit
        let left = frame.minX + inset, right = frame.maxX - inset - size.width
        let top = frame.minY + inset, bottom = frame.maxY - inset - size.height
        let candidates = [CanvasPoint(right, top), CanvasPoint(left, top), CanvasPoint(right, bottom), CanvasPoint(left, bottom)]
            .map { CanvasRect(x: $0.x, y: $0.y, width: size.width, height: size.height) }
        // A margin around each box: a path just beside the counter is hidden by it too.
        let reach = 2 * style.walkerRadius
        // At most a few thousand points a run: enough to tell which corner the paths cross,
        // and the same for every frame however long the runs are.
        let points = figure.runs.flatMap { run -> [CanvasPoint] in
            let all = run.trajectory.points
            let stride = max(1, all.count / Self.pointsPerRun)
            return Swift.stride(from: 0, to: all.count, by: stride).map { transform.point(all[$0]) }
        }
        let counts = candidates.map { box in
            points.reduce(0) { $0 + (box.insetBy(-reach).contains($1) ? 1 : 0) }
        }
        let best = counts.indices.min { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 < $1) } ?? 0
        return candidates[best]
    }
}
