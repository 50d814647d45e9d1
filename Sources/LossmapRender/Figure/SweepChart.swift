import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene

/// The learning-rate sweep: the loss after a fixed number of steps against the learning
/// rate, both on log axes, with η_crit as a dashed vertical line and the rates that
/// diverged shaded. It answers "how large may the step be?" in one picture.
struct SweepChart {
    let figure: Scene
    let result: SweepResult
    let style: FigureStyle

    /// The plotted quantity: the loss itself, or its distance above the minimum when the
    /// minimum is not positive (a log axis needs positive values).
    var offset: Double {
        guard let minimum = lowestLoss, minimum <= 0 || result.samples.contains(where: { ($0.finalLoss ?? 1) <= 0 }) else { return 0 }
        return minimum
    }

    /// The surface's minimum loss: known, else at the analysed stationary point, else the
    /// lowest loss any rate reached (so negative losses never pile up on the axis floor).
    var lowestLoss: Double? {
        if let known = result.minimumLoss { return known }
        let reached = result.samples.compactMap(\.finalLoss).filter(\.isFinite).min()
        if let point = figure.stability?.point {
            let value = figure.surface.value(at: point)
            if value.isFinite { return min(value, reached ?? value) }
        }
        return reached
    }

    var yTitle: String {
        let steps = "after \(result.steps) steps"
        return offset == 0 ? "loss \(steps)" : "loss − minimum \(steps)"
    }

    /// Finite plotted values, floored at a tiny positive number so exact zeros stay on the axis.
    var values: [Double?] {
        result.samples.map { sample in sample.finalLoss.map { max($0 - offset, 1e-16) } }
    }

    var yRange: ClosedRange<Double> {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 1e-3...1 }
        return AxisRenderer.decades(lo, hi)
    }

    var xRange: ClosedRange<Double> {
        let rates = result.samples.map(\.learningRate)
        return (rates.min() ?? 1e-4)...(rates.max() ?? 1)
    }

    /// The learning rates, on a log axis below.
    var rateAxis: AxisRenderer {
        AxisRenderer(side: .bottom, scale: .log, range: xRange, targetCount: 8, title: "learning rate η (log scale)", style: style)
    }

    /// The losses, on a log axis on the left titled over its top.
    var lossAxis: AxisRenderer {
        AxisRenderer(side: .left, scale: .log, range: yRange, targetCount: 6, title: yTitle + " (log scale)",
                     titlePlacement: .atEnd, style: style)
    }

    /// The chart in `rect`, its plot area (the layout leaves room around it for the axes).
    func draw(on canvas: Canvas, in rect: CanvasRect) {
        let rateAxis = self.rateAxis
        drawDivergingRates(on: canvas, in: rect, rateAxis: rateAxis)
        drawCurve(on: canvas, in: rect, rateAxis: rateAxis, lossAxis: lossAxis)
        drawCriticalRate(on: canvas, in: rect, rateAxis: rateAxis)
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(rect))
        lossAxis.draw(on: canvas, along: rect)
        rateAxis.draw(on: canvas, along: rect)
    }

    /// The diverging region: from halfway (geometrically) between the last rate that held
    /// and the first that diverged, to the right edge.
    private func drawDivergingRates(on canvas: Canvas, in rect: CanvasRect, rateAxis: AxisRenderer) {
        guard let firstIndex = result.samples.firstIndex(where: \.isDiverged) else { return }
        let first = result.samples[firstIndex].learningRate
        // The geometric mean through logarithms: a product of rates near 1e300 overflows.
        let boundary = firstIndex > 0 ? exp((log(first) + log(result.samples[firstIndex - 1].learningRate)) / 2) : first
        let x = rateAxis.coordinate(boundary, in: rect)
        let shaded = CanvasRect(x: x, y: rect.minY, width: rect.maxX - x, height: rect.height)
        canvas.setColor(style.diverged.withAlpha(0.14))
        canvas.fill(.rect(shaded), rule: .nonZero)
        canvas.setColor(style.diverged)
        canvas.drawText("diverges", at: CanvasPoint(shaded.minX + 10 * style.unit, rect.maxY - 10 * style.unit),
                        font: style.legendFont, anchor: TextAnchor(.left, .bottom))
    }

    /// The curve and its samples; a rate whose loss is not finite gets a cross along the top.
    private func drawCurve(on canvas: Canvas, in rect: CanvasRect, rateAxis: AxisRenderer, lossAxis: AxisRenderer) {
        var line = CanvasPath(), crosses = CanvasPath(), dots = CanvasPath()
        var penDown = false
        for (sample, value) in zip(result.samples, values) {
            let px = rateAxis.coordinate(sample.learningRate, in: rect)
            if let value, value.isFinite {
                let p = CanvasPoint(px, lossAxis.coordinate(value, in: rect))
                if penDown { line.line(to: p) } else { line.move(to: p) }
                penDown = true
                dots.addCircle(center: p, radius: style.stepDotRadius)
            } else {
                penDown = false
                let d = 6 * style.unit, cy = rect.minY + 14 * style.unit
                crosses.move(to: CanvasPoint(px - d, cy - d)); crosses.line(to: CanvasPoint(px + d, cy + d))
                crosses.move(to: CanvasPoint(px - d, cy + d)); crosses.line(to: CanvasPoint(px + d, cy - d))
            }
        }
        canvas.save()
        canvas.clip(to: .rect(rect))
        canvas.setColor(style.theme.runColor(3))
        canvas.setLineWidth(style.pathWidth)
        canvas.stroke(line)
        canvas.fill(dots, rule: .nonZero)
        canvas.setColor(style.diverged)
        canvas.setLineWidth(2.5 * style.unit)
        canvas.stroke(crosses)
        canvas.restore()
    }

    /// η_crit as a dashed vertical line, labelled over the plot, when it is inside the rates swept.
    private func drawCriticalRate(on canvas: Canvas, in rect: CanvasRect, rateAxis: AxisRenderer) {
        guard let critical = figure.runs.first?.criticalLearningRate, xRange.contains(critical) else { return }
        let x = rateAxis.coordinate(critical, in: rect)
        var mark = CanvasPath()
        mark.move(to: CanvasPoint(x, rect.minY))
        mark.line(to: CanvasPoint(x, rect.maxY))
        canvas.setColor(style.text)
        canvas.setLineWidth(2 * style.unit)
        canvas.setDash([10 * style.unit, 7 * style.unit], phase: 0)
        canvas.stroke(mark)
        canvas.setDash([], phase: 0)
        let label = "η_crit = \(NumberFormatting.significant(critical, digits: 3))"
        // Over the line, unless that runs into the loss axis's title over the plot's left end
        // (large text, `font_scale`): then just right of the title, inside the plot's width.
        let width = canvas.measureText(label, font: style.legendFont).width
        let titleEnd = rect.minX + canvas.measureText(lossAxis.title, font: style.tickFont).width + style.tickFont.size
        var at = CanvasPoint(x, rect.minY - 6 * style.unit)
        if at.x - width / 2 < titleEnd { at.x = min(titleEnd + width / 2, rect.maxX - width / 2) }
        canvas.drawText(label, at: at, font: style.legendFont, anchor: TextAnchor(.center, .bottom))
    }
}
