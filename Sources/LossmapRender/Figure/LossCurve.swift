import Foundation
import LossmapCanvas
import LossmapContour
import LossmapCore
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
        if lo > 0 {
            // Whole decades, so the ticks are powers of ten.
            let a = Foundation.pow(10, Foundation.floor(Foundation.log10(lo)))
            let b = Foundation.pow(10, Foundation.ceil(Foundation.log10(hi)))
            return (a...(b > a ? b : a * 10), true)
        }
        let pad = (hi - lo) * 0.05
        return hi > lo ? ((lo - pad)...(hi + pad), false) : ((lo - 1)...(hi + 1), false)
    }

    var steps: Int { max(1, figure.runs.map { $0.trajectory.points.count - 1 }.max() ?? 1) }

    func yTicks(height: Double) -> [Double] {
        let (range, log) = axis
        let count = max(2, Int(height / (90 * style.unit)))
        return log ? NiceTicks.log(range, targetCount: count) : NiceTicks.linear(range, targetCount: count)
    }

    func tickLabels(_ ticks: [Double]) -> [String] {
        axis.log ? Self.logLabels(ticks) : NumberFormatting.tickLabels(ticks).map(NumberFormatting.typographic)
    }

    /// Labels for a log axis: 10ⁿ when every tick is a power of ten, otherwise plain numbers
    /// for all of them (a mix of "10³, 500, 200, 10²" reads badly).
    static func logLabels(_ ticks: [Double]) -> [String] {
        let powers = ticks.map { Foundation.log10($0) }
        if powers.allSatisfy({ abs($0 - $0.rounded()) < 1e-9 }) {
            return powers.map { powerOfTen(Int($0.rounded())) }
        }
        return ticks.map { NumberFormatting.typographic(NumberFormatting.significant($0, digits: 3)) }
    }

    /// "10⁴", "10⁻²": powers of ten with superscript exponents, as on a printed log axis.
    static func powerOfTen(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let sign = exponent < 0 ? "⁻" : ""
        return "10" + sign + String(String(abs(exponent)).map { digits[Int(String($0))!] })
    }

    func tickLabelWidth(on canvas: Canvas) -> Double {
        tickLabels(yTicks(height: 700 * style.unit)).map { canvas.measureText($0, font: style.tickFont).width }.max() ?? 0
    }

    func draw(on canvas: Canvas, in rect: CanvasRect) {
        let (range, log) = axis
        func y(_ v: Double) -> Double {
            let t = log ? (Foundation.log10(v) - Foundation.log10(range.lowerBound)) / (Foundation.log10(range.upperBound) - Foundation.log10(range.lowerBound))
                        : (v - range.lowerBound) / (range.upperBound - range.lowerBound)
            return rect.maxY - t * rect.height
        }
        func x(_ step: Double) -> Double { rect.minX + step / Double(steps) * rect.width }

        canvas.save()
        canvas.clip(to: .rect(rect))
        for run in figure.runs {
            let points = RunLayer.thinned(run.trajectory.losses.enumerated().compactMap { k, loss -> CanvasPoint? in
                loss.isFinite && (!log || loss > 0) ? CanvasPoint(x(Double(k)), y(loss)) : nil
            }, minimumGap: 0.33)
            var path = CanvasPath()
            path.addPolyline(points, closed: false)
            canvas.setColor(run.color)
            canvas.setLineWidth(style.pathWidth)
            canvas.stroke(path)
            if run.trajectory.outcome.isDiverged, let end = points.last {
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
        var marks = CanvasPath()
        let gap = style.tickLength + 5 * style.unit
        let yt = yTicks(height: rect.height)
        for (tick, label) in zip(yt, tickLabels(yt)) {
            let py = y(tick)
            marks.move(to: CanvasPoint(rect.minX, py)); marks.line(to: CanvasPoint(rect.minX - style.tickLength, py))
            canvas.drawText(label, at: CanvasPoint(rect.minX - gap, py), font: style.tickFont, anchor: TextAnchor(.right, .middle))
        }
        let xt = NiceTicks.linear(0...Double(steps), targetCount: max(2, Int(rect.width / (110 * style.unit))))
        for (tick, label) in zip(xt, NumberFormatting.tickLabels(xt)) {
            let px = x(tick)
            marks.move(to: CanvasPoint(px, rect.maxY)); marks.line(to: CanvasPoint(px, rect.maxY + style.tickLength))
            canvas.drawText(label, at: CanvasPoint(px, rect.maxY + gap), font: style.tickFont, anchor: TextAnchor(.center, .top))
        }
        canvas.stroke(marks)
        canvas.drawText("step", at: CanvasPoint(rect.midX, rect.maxY + gap + style.tickFont.size * 1.35 + style.axisTitleFont.size * 0.25),
                        font: style.axisTitleFont, anchor: TextAnchor(.center, .top))
        canvas.drawText(log ? "loss (log scale)" : "loss", at: CanvasPoint(rect.minX, rect.minY - style.tickFont.size * 0.5),
                        font: style.tickFont, anchor: TextAnchor(.left, .bottom))
    }
}
