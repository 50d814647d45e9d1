import LossmapCanvas
import LossmapSpec

/// The frame around a map and its two axes: w1 below, w2 on the left, nice ticks about every
/// 120 and 90 pixels (at the reference size), and the axis titles.
struct Axes {
    let spec: FigureSpec
    let style: FigureStyle
    let transform: PlotTransform
    /// Whether to write the axis titles (in a grid only the outer maps do).
    var showsW1Title = true
    var showsW2Title = true

    var w1Axis: AxisRenderer {
        AxisRenderer(side: .bottom, range: transform.w1, targetCount: max(3, Int(transform.rect.width / (120 * style.unit))),
                     title: showsW1Title ? spec.w1Label : "", style: style)
    }

    var w2Axis: AxisRenderer {
        AxisRenderer(side: .left, range: transform.w2, targetCount: max(3, Int(transform.rect.height / (90 * style.unit))),
                     title: showsW2Title ? spec.w2Label : "", style: style)
    }

    func draw(on canvas: Canvas) {
        drawFrame(on: canvas)
        drawTicks(on: canvas)
    }

    /// The two axes: ticks, labels and titles.
    func drawTicks(on canvas: Canvas) {
        w1Axis.draw(on: canvas, along: transform.rect)
        w2Axis.draw(on: canvas, along: transform.rect)
    }

    /// The line around the map.
    func drawFrame(on canvas: Canvas) {
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(transform.rect))
    }
}
