import LossmapCanvas
import LossmapContour
import LossmapCore
import LossmapSpec

/// The frame around the map, nice ticks on both axes with their labels, and the axis titles.
struct Axes {
    let spec: FigureSpec
    let style: FigureStyle
    let transform: PlotTransform
    /// Whether to write the axis titles (in a grid only the outer maps do).
    var showsW1Title = true
    var showsW2Title = true

    func draw(on canvas: Canvas) {
        let rect = transform.rect
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(rect))

        let xTicks = NiceTicks.linear(spec.surface.w1, targetCount: max(3, Int(rect.width / (120 * style.unit))))
        let yTicks = NiceTicks.linear(spec.surface.w2, targetCount: max(3, Int(rect.height / (90 * style.unit))))
        let xLabels = NumberFormatting.tickLabels(xTicks).map(NumberFormatting.typographic)
        let yLabels = NumberFormatting.tickLabels(yTicks).map(NumberFormatting.typographic)

        var marks = CanvasPath()
        let gap = style.tickLength + 5 * style.unit
        for (tick, label) in zip(xTicks, xLabels) {
            let x = transform.x(tick)
            marks.move(to: CanvasPoint(x, rect.maxY))
            marks.line(to: CanvasPoint(x, rect.maxY + style.tickLength))
            canvas.drawText(label, at: CanvasPoint(x, rect.maxY + gap), font: style.tickFont, anchor: TextAnchor(.center, .top))
        }
        var widest = 0.0
        for (tick, label) in zip(yTicks, yLabels) {
            let y = transform.y(tick)
            marks.move(to: CanvasPoint(rect.minX, y))
            marks.line(to: CanvasPoint(rect.minX - style.tickLength, y))
            canvas.drawText(label, at: CanvasPoint(rect.minX - gap, y), font: style.tickFont, anchor: TextAnchor(.right, .middle))
            widest = max(widest, canvas.measureText(label, font: style.tickFont).width)
        }
        canvas.stroke(marks)

        if showsW1Title {
            let xTitleY = rect.maxY + gap + style.tickFont.size * 1.35 + style.axisTitleFont.size * 0.25
            canvas.drawText(spec.w1Label, at: CanvasPoint(rect.midX, xTitleY), font: style.axisTitleFont, anchor: TextAnchor(.center, .top))
        }
        if showsW2Title {
            let yTitleX = rect.minX - gap - widest - style.tickFont.size * 0.8
            canvas.drawText(spec.w2Label, at: CanvasPoint(yTitleX, rect.midY), font: style.axisTitleFont, anchor: TextAnchor(.right, .middle))
        }
    }
}
