import Foundation
import LossmapCanvas
import LossmapScene

/// The loss-per-step panel: each run's loss against the step number, in its colour, on a
/// log axis when every loss is positive (so a tiny step's slow decline and a huge step's
/// explosion both show), on a linear one otherwise. A diverged run ends in a cross.
struct LossCurve {
    let figure: Scene
    let style: FigureStyle

    /// The y range and whether it is logarithmic.
    var axis: (range: ClosedRange<Double>, log: Bool) {
        let losses = figure.runs.flatMap { $0.trajectory.losses }.filter(\.isFinite)
        guard let lo = losses.min(), let hi = losses.max() else { return (0...1, false) }
        // Whole decades, so the ticks are powers of ten; else 5% of room above and below.
        // Both stay finite with a length at the ends of the doubles (losses of 1e-320, 1e308,
        // or all equal past 2⁵³).
        return lo > 0 ? (AxisRenderer.decades(lo, hi), true) : (AxisRenderer.padded(lo, hi), false)
    }

    var steps: Int { max(1, figure.runs.map { $0.trajectory.points.count - 1 }.max() ?? 1) }

    /// The loss axis on the left, a tick about every 90 pixels (at the reference size) of `height`.
    func lossAxis(height: Double) -> AxisRenderer {
        let (range, log) = axis
        return AxisRenderer(side: .left, scale: log ? .log : .linear, range: range,
                            targetCount: max(2, Int(height / (90 * style.unit))),
                            title: log ? "loss (log scale)" : "loss", titlePlacement: .atEnd, style: style)
    }

    /// The step axis below, a tick about every 110 pixels (at the reference size) of `width`.
    func stepAxis(width: Double) -> AxisRenderer {
        AxisRenderer(side: .bottom, range: 0...Double(steps), targetCount: max(2, Int(width / (110 * style.unit))),
                     title: "step", style: style)
    }

    func tickLabelWidth(on canvas: Canvas) -> Double {
        lossAxis(height: 700 * style.unit).labelWidth(on: canvas)
    }

    func draw(on canvas: Canvas, in rect: CanvasRect) {
        drawAxes(on: canvas, in: rect)
        drawCurves(figure.runs, on: canvas, in: rect)
    }

    /// The panel's axes (its frame is drawn with the curves), ranged over the whole runs (so they stay put while the
    /// curves of an animation grow).
    func drawAxes(on canvas: Canvas, in rect: CanvasRect) {
        lossAxis(height: rect.height).draw(on: canvas, along: rect)
        stepAxis(width: rect.width).draw(on: canvas, along: rect)
    }

    /// Each of `runs`' losses so far; a run known to have diverged ends in a cross. The frame
    /// line is drawn again over them, as it lies over the curves in a figure drawn whole.
    func drawCurves(_ runs: [SceneRun], on canvas: Canvas, in rect: CanvasRect) {
        let lossAxis = lossAxis(height: rect.height), stepAxis = stepAxis(width: rect.width)
        canvas.save()
        canvas.clip(to: .rect(rect))
        for run in runs {
            let points = RunLayer.thinned(run.trajectory.losses.enumerated().compactMap { k, loss -> CanvasPoint? in
                guard loss.isFinite, lossAxis.scale == .linear || loss > 0 else { return nil }
                return CanvasPoint(stepAxis.coordinate(Double(k), in: rect), lossAxis.coordinate(loss, in: rect))
            }, minimumGap: 0.33)
            var path = CanvasPath()
            path.addPolyline(points, closed: false)
            canvas.setColor(run.color)
            canvas.setLineWidth(style.pathWidth)
            canvas.stroke(path)
            if run.outcomeKnown, run.trajectory.outcome.isDiverged, let end = points.last {
                let d = 7 * style.unit
                var cross = CanvasPath()
                cross.move(to: CanvasPoint(end.x - d, end.y - d)); cross.line(to: CanvasPoint(end.x + d, end.y + d))
                cross.move(to: CanvasPoint(end.x - d, end.y + d)); cross.line(to: CanvasPoint(end.x + d, end.y - d))
                canvas.setLineWidth(3 * style.unit)
                canvas.stroke(cross)
            }
        }
        canvas.restore()
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(rect))
    }
}
