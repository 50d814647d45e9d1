import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec

/// The slice panel (`slice = true` on an `[[explain]]`): the loss along the line of one
/// step, L(w_k − t∇L(w_k)) against the step length t, which is a learning rate: gradient
/// descent with η = t lands at t on this curve. Marked: the loss where the step started
/// (dashed), the best step along the line t*, the point beyond which the step ends higher
/// than it began (2t* on a quadratic), and where each run's η lands, in its colour. A good
/// step lands near the bottom; a step twice too long lands higher than it started.
struct SlicePanel {
    let figure: Scene
    let explanation: StepExplanation
    let slice: LineSlice
    let style: FigureStyle

    init?(figure: Scene, style: FigureStyle) {
        guard let explained = figure.explanations.first(where: { $0.slice != nil }), let slice = explained.slice else { return nil }
        self.figure = figure
        self.explanation = explained
        self.slice = slice
        self.style = style
    }

    /// The y range and whether it is logarithmic: log when every loss is positive and they
    /// span more than a factor of 30 (a huge η's landing point is far up the wall).
    var axis: (range: ClosedRange<Double>, log: Bool) {
        let values = slice.values.filter(\.isFinite)
        guard let lo = values.min(), let hi = values.max(), lo < hi else {
            let v = slice.startLoss.isFinite ? slice.startLoss : 0
            return (AxisRenderer.padded(v - 1, v + 1), false)
        }
        return lo > 0 && hi / lo > 30 ? (AxisRenderer.decades(lo, hi), true) : (AxisRenderer.padded(lo, hi), false)
    }

    var subscripted: String { ExplanationText.subscripted(explanation.step) }

    func lossAxis(height: Double) -> AxisRenderer {
        let (range, log) = axis
        let k = subscripted
        return AxisRenderer(side: .left, scale: log ? .log : .linear, range: range,
                            targetCount: max(2, Int(height / (90 * style.unit))),
                            title: "L(w\(k) − t∇L(w\(k)))" + (log ? " (log scale)" : ""), titlePlacement: .atEnd, style: style)
    }

    func stepAxis(width: Double) -> AxisRenderer {
        AxisRenderer(side: .bottom, range: 0...(slice.ts.last ?? 1), targetCount: max(2, Int(width / (110 * style.unit))),
                     title: "step length t (= η)", style: style)
    }

    /// Whether a run of `spec` at step `k` would step from w_k by −η∇L(w_k) with its own η:
    /// plain descent with a constant η and no noise, and momentum's first step.
    static func stepsAlongTheLine(_ spec: RunSpec, step k: Int) -> Bool {
        switch spec.method {
        case .gradientDescent: return spec.takesPlainGradientSteps
        case .momentum, .nesterov: return k == 0 && spec.schedule.isConstant && !spec.isStochastic
        default: return false
        }
    }

    func tickLabelWidth(on canvas: Canvas) -> Double {
        lossAxis(height: 500 * style.unit).labelWidth(on: canvas)
    }

    func draw(on canvas: Canvas, in rect: CanvasRect) {
        let lossAxis = lossAxis(height: rect.height), stepAxis = stepAxis(width: rect.width)
        func point(_ t: Double, _ v: Double) -> CanvasPoint? {
            guard v.isFinite, lossAxis.scale == .linear || v > 0 else { return nil }
            return CanvasPoint(stepAxis.coordinate(t, in: rect), lossAxis.coordinate(v, in: rect))
        }
        canvas.save()
        canvas.clip(to: .rect(rect))
        // Where the step started: a step ending above this line went uphill.
        if let y = point(0, slice.startLoss)?.y {
            style.drawDashedLevel(at: y, across: rect, color: style.mutedText, width: 1.4 * style.unit, on: canvas)
        }
        // The best step and where the line climbs back to the start's loss.
        let marks: [(Double?, String)] = [(slice.bestStep, "best t* = \(ExplanationText.number(slice.bestStep ?? 0))"),
                                          (slice.uphillFrom, "back to L(w\(subscripted)) at t = \(ExplanationText.number(slice.uphillFrom ?? 0))")]
        for (index, (t, text)) in marks.enumerated() {
            guard let t else { continue }
            let x = stepAxis.coordinate(t, in: rect)
            var line = CanvasPath()
            line.move(to: CanvasPoint(x, rect.minY))
            line.line(to: CanvasPoint(x, rect.maxY))
            canvas.setColor(index == 0 ? style.text : style.diverged)
            canvas.setLineWidth(1.6 * style.unit)
            canvas.setDash([4 * style.unit, 4 * style.unit], phase: 0)
            canvas.stroke(line)
            canvas.setDash([], phase: 0)
            let right = x + 6 * style.unit + canvas.measureText(text, font: style.legendNoteFont).width < rect.maxX
            // Lines 22 px apart at the reference text size; a text too long for either side of
            // its line (large text on a narrow panel) is fitted to the wider side.
            let at = CanvasPoint(right ? x + 5 * style.unit : x - 5 * style.unit,
                                 rect.minY + 8 * style.unit + 22 * Double(index) * style.textUnit)
            let room = right ? rect.maxX - at.x : (style.fontScale > 1 ? at.x - rect.minX : .infinity)
            // A note that would reach below the panel (a short one) is left out: clipped, it
            // would be cut in half.
            guard at.y + style.legendNoteFont.size <= rect.maxY else { continue }
            TextFitting.draw(text, at: at, font: style.legendNoteFont, anchor: TextAnchor(right ? .left : .right, .top),
                             width: room, on: canvas)
        }
        // The curve.
        var curve = CanvasPath()
        var penDown = false
        for (t, v) in zip(slice.ts, slice.values) {
            guard let p = point(t, v) else { penDown = false; continue }
            if penDown { curve.line(to: p) } else { curve.move(to: p) }
            penDown = true
        }
        canvas.setColor(style.text)
        canvas.setLineWidth(style.pathWidth)
        canvas.stroke(curve)
        // Where each run's η lands on this line, the explained run's ringed: the runs whose
        // step from w_k would be −η∇L (plain descent; momentum's first step, its velocity
        // still zero). An adaptive method's step is not along this line at η.
        for (index, run) in figure.runs.enumerated() where Self.stepsAlongTheLine(run.spec, step: explanation.step) {
            let t = run.learningRate
            let v = figure.surface.value(at: slice.start + t * slice.direction)
            guard let p = point(t, v), rect.insetBy(-1).contains(p) else { continue }
            canvas.setColor(style.halo)
            canvas.fill(Markers.circle(at: p, radius: 8 * style.unit), rule: .nonZero)
            canvas.setColor(run.color)
            canvas.fill(Markers.circle(at: p, radius: 6 * style.unit), rule: .nonZero)
            if index == explanation.spec.run {
                canvas.setColor(style.text)
                canvas.setLineWidth(2 * style.unit)
                canvas.stroke(Markers.circle(at: p, radius: 11 * style.unit))
            }
        }
        canvas.restore()
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(rect))
        lossAxis.draw(on: canvas, along: rect)
        stepAxis.draw(on: canvas, along: rect)
    }
}
