import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene

/// The learning-rate panel (`rate_curve = true`): each run's η_t against the step, in its
/// colour, on a log axis when the rates span more than a factor of ten (a schedule that
/// decays 100-fold); η_crit of gradient descent as a dashed line labelled so (Newton's and
/// momentum's limits differ), so where a schedule crosses it can be read. A run whose η is
/// constant is a flat line.
struct RateCurve {
    let figure: Scene
    let style: FigureStyle

    /// η_t of `run` at each step it took (t from 1).
    static func rates(_ run: SceneRun) -> [Double] {
        let taken = max(run.trajectory.points.count - 1, 0)
        if let lengths = run.trajectory.stepLengths { return Array(lengths.prefix(taken)) }
        return Array(repeating: run.learningRate, count: taken)
    }

    /// The η_crit line: gradient descent's at the first run's minimum, when known.
    var criticalRate: Double? { figure.stability?.criticalLearningRate }

    var axis: (range: ClosedRange<Double>, log: Bool) {
        var values = figure.runs.flatMap(Self.rates).filter { $0.isFinite && $0 > 0 }
        if let critical = criticalRate { values.append(critical) }
        guard let lo = values.min(), let hi = values.max() else { return (0...1, false) }
        return hi / lo > 10 ? (AxisRenderer.decades(lo, hi), true) : (AxisRenderer.padded(0, hi), false)
    }

    var steps: Int { max(1, figure.runs.map { Self.rates($0).count }.max() ?? 1) }

    func rateAxis(height: Double) -> AxisRenderer {
        let (range, log) = axis
        return AxisRenderer(side: .left, scale: log ? .log : .linear, range: range, targetCount: max(2, Int(height / (90 * style.unit))),
                            title: log ? "learning rate η_t (log scale)" : "learning rate η_t", titlePlacement: .atEnd, style: style)
    }

    func stepAxis(width: Double) -> AxisRenderer {
        AxisRenderer(side: .bottom, range: 1...Double(max(steps, 2)), targetCount: max(2, Int(width / (110 * style.unit))),
                     title: "step", style: style)
    }

    func tickLabelWidth(on canvas: Canvas) -> Double { rateAxis(height: 500 * style.unit).labelWidth(on: canvas) }

    func draw(_ runs: [SceneRun], on canvas: Canvas, in rect: CanvasRect) {
        let rateAxis = rateAxis(height: rect.height), stepAxis = stepAxis(width: rect.width)
        canvas.save()
        canvas.clip(to: .rect(rect))
        if let critical = criticalRate, axis.range.contains(critical) {
            let y = rateAxis.coordinate(critical, in: rect)
            style.drawDashedLevel(at: y, across: rect, color: style.text, width: 1.6 * style.unit, on: canvas)
            // Above the line, or below it when the line runs along the panel's top.
            let above = y - rect.minY > style.legendNoteFont.size * 1.6
            canvas.drawText("η_crit (gd)", at: CanvasPoint(rect.maxX - 6 * style.unit, above ? y - 4 * style.unit : y + 4 * style.unit),
                            font: style.legendNoteFont, anchor: TextAnchor(.right, above ? .bottom : .top))
        }
        for run in runs {
            let points = RunLayer.thinned(Self.rates(run).enumerated().compactMap { k, η -> CanvasPoint? in
                guard η.isFinite, rateAxis.scale == .linear || η > 0 else { return nil }
                return CanvasPoint(stepAxis.coordinate(Double(k + 1), in: rect), rateAxis.coordinate(η, in: rect))
            }, minimumGap: 0.33)
            var path = CanvasPath()
            path.addPolyline(points, closed: false)
            canvas.setColor(run.color)
            canvas.setLineWidth(style.pathWidth)
            canvas.stroke(path)
            // A run of one step is a point, not a line.
            if points.count == 1 { canvas.fill(Markers.circle(at: points[0], radius: 4 * style.unit), rule: .nonZero) }
        }
        canvas.restore()
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(rect))
        rateAxis.draw(on: canvas, along: rect)
        stepAxis.draw(on: canvas, along: rect)
    }
}
