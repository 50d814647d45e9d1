import LossmapCanvas
import LossmapCore
import LossmapScene

/// "step 12 of 100" in a corner of an animation's map, on a box of the marker fill so it
/// reads on any band. The corner is the one the finished paths cross least, so it is the
/// same in every frame and hides as little of the walk as it can.
struct StepCounter {
    let figure: Scene
    let style: FigureStyle
    let transform: PlotTransform

    static let pointsPerRun = 4096

    func text(step: Int, of last: Int) -> String {
        "step \(NumberFormatting.grouped(step)) of \(NumberFormatting.grouped(last))"
    }

    func draw(step: Int, of last: Int, on canvas: Canvas) {
        let font = style.legendFont
        // Sized for the widest text it will show, so the box does not change between frames.
        let widest = canvas.measureText(text(step: last, of: last), font: font)
        let padding = 7 * style.unit
        let size = (width: widest.width + 2 * padding, height: widest.height + 2 * padding)
        let box = corner(for: size)
        canvas.setColor(style.theme.markerFill.withAlpha(0.88))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(style.text)
        canvas.drawText(text(step: step, of: last), at: CanvasPoint(box.maxX - padding, box.minY + padding + widest.ascent),
                        font: font, anchor: TextAnchor(.right, .baseline))
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
