import LossmapCanvas
import LossmapSpec

/// Sizes and colours of a figure's parts, derived from its pixel size so that text stays
/// readable on a projected slide: at the default 1600×1000, tick labels are 21 px high
/// (about 2% of the height, the size matplotlib's "talk" context gives a slide figure).
public struct FigureStyle: Sendable {
    /// Multiplier relative to the 1600×1000 reference layout.
    public var unit: Double
    /// The colours.
    public var theme: Theme
    /// Multiplies every text size (`font_scale`): every font below, and every font made from
    /// them, is `textUnit` based; lines, markers and margins keep `unit`.
    public var fontScale: Double

    public init(width: Int, height: Int, theme: Theme = .light, fontScale: Double = 1) {
        unit = max(0.35, min(Double(width) / 1600, Double(height) / 1000))
        self.theme = theme
        self.fontScale = fontScale
    }

    /// The figure's style, from its size, theme and font scale.
    public init(_ spec: FigureSpec) {
        self.init(width: spec.width, height: spec.height, theme: spec.theme, fontScale: spec.fontScale)
    }

    /// The multiplier of text sizes: `unit` times the font scale.
    public var textUnit: Double { unit * fontScale }

    public var titleFont: Font { Font(size: 34 * textUnit, bold: true) }
    public var subtitleFont: Font { Font(size: 23 * textUnit) }
    public var axisTitleFont: Font { Font(size: 28 * textUnit) }
    public var tickFont: Font { Font(size: 21 * textUnit) }
    public var legendFont: Font { Font(size: 21 * textUnit) }
    public var contourLabelFont: Font { Font(size: 16 * textUnit) }
    public var legendNoteFont: Font { Font(size: 17 * textUnit) }

    public var margin: Double { 28 * unit }
    public var tickLength: Double { 8 * unit }
    public var frameWidth: Double { 1.5 * unit }
    public var isolineWidth: Double { 0.9 * unit }
    public var pathWidth: Double { 2.6 * unit }
    public var haloWidth: Double { 6.5 * unit }
    public var stepDotRadius: Double { 3.6 * unit }
    public var startRadius: Double { 8 * unit }
    /// The ball at each run's current point in an animation's frame.
    public var walkerRadius: Double { 9 * unit }
    public var starRadius: Double { 15 * unit }
    public var colorbarWidth: Double { 30 * unit }

    public var text: RGBA { theme.text }
    public var mutedText: RGBA { theme.mutedText }
    public var isoline: RGBA { theme.isoline }
    public var halo: RGBA { theme.halo }
    public var maskFill: RGBA { theme.maskFill }
    public var maskHatch: RGBA { theme.maskHatch }
    public var diverged: RGBA { theme.diverged }
}

extension FigureStyle {
    /// A dashed line across a panel at height `y`: a reference level (the loss a step started
    /// from, η_crit), drawn alike in every side panel.
    func drawDashedLevel(at y: Double, across rect: CanvasRect, color: RGBA, width: Double, on canvas: Canvas) {
        var line = CanvasPath()
        line.move(to: CanvasPoint(rect.minX, y))
        line.line(to: CanvasPoint(rect.maxX, y))
        canvas.setColor(color)
        canvas.setLineWidth(width)
        canvas.setDash([7 * unit, 5 * unit], phase: 0)
        canvas.stroke(line)
        canvas.setDash([], phase: 0)
    }
}
