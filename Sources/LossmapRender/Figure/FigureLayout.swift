/// Where each part of the figure goes, in canvas pixels: title on top, the map in the
/// middle with its axes, then to its right the colorbar and the legend (outside the plot,
/// so the legend never hides a path).
public struct FigureLayout: Sendable, Equatable {
    public var titleBaseline: CanvasPoint
    public var plot: CanvasRect
    public var colorbar: CanvasRect
    public var legend: CanvasRect

    /// Lays the figure out. `tickLabelWidth` is the widest w2 tick label, `colorbarLabelWidth`
    /// the widest colorbar label and `legendWidth` the legend's content width, all measured
    /// by the caller on the canvas that will draw them.
    public init(width: Double, height: Double, style: FigureStyle, hasTitle: Bool,
                tickLabelWidth: Double, axisTitleWidth: Double, colorbarLabelWidth: Double, legendWidth: Double) {
        let m = style.margin
        let titleHeight = hasTitle ? style.titleFont.size * 1.9 : 0
        titleBaseline = CanvasPoint(width / 2, m + style.titleFont.size)
        let top = m + titleHeight + style.tickFont.size * 0.6
        let bottom = height - m - style.axisTitleFont.size * 1.2 - style.tickFont.size * 1.5 - style.tickLength
        let left = m + axisTitleWidth + style.tickFont.size * 0.8 + tickLabelWidth + style.tickLength + 6 * style.unit
        let legendBlock = legendWidth > 0 ? legendWidth + 2 * m : 0
        let colorbarBlock = 1.5 * m + style.colorbarWidth + style.tickLength + 6 * style.unit + colorbarLabelWidth
        let right = width - m - legendBlock - colorbarBlock
        plot = CanvasRect(x: left, y: top, width: max(right - left, 1), height: max(bottom - top, 1))
        colorbar = CanvasRect(x: plot.maxX + 1.5 * m, y: plot.minY, width: style.colorbarWidth, height: plot.height)
        legend = CanvasRect(x: width - m - legendWidth, y: plot.minY, width: max(legendWidth, 0), height: plot.height)
    }
}
