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
    /// `dataAspect` is the w2 span over the w1 span when the map keeps equal units (nil: fill).
    public init(width: Double, height: Double, style: FigureStyle, hasTitle: Bool,
                tickLabelWidth: Double, axisTitleWidth: Double, colorbarLabelWidth: Double, legendWidth: Double,
                dataAspect: Double? = nil) {
        let m = style.margin
        let titleHeight = hasTitle ? style.titleFont.size * 1.9 : 0
        titleBaseline = CanvasPoint(width / 2, m + style.titleFont.size)
        let top = m + titleHeight + style.tickFont.size * 0.6
        let bottom = height - m - style.axisTitleFont.size * 1.2 - style.tickFont.size * 1.5 - style.tickLength
        let left = m + axisTitleWidth + style.tickFont.size * 0.8 + tickLabelWidth + style.tickLength + 6 * style.unit
        let legendBlock = legendWidth > 0 ? legendWidth + 2 * m : 0
        let colorbarBlock = 1.5 * m + style.colorbarWidth + style.tickLength + 6 * style.unit + colorbarLabelWidth
        let right = width - m - legendBlock - colorbarBlock
        var plot = CanvasRect(x: left, y: top, width: max(right - left, 1), height: max(bottom - top, 1))
        var shift = 0.0
        // Equal units only while the map keeps at least 40% of its room either way: a window
        // 100 wide and 0.1 high would otherwise shrink to a sliver.
        let fits = dataAspect.map { a in
            a.isFinite && a > 0 && min(plot.width * a, plot.height) / plot.height >= 0.4
                && min(plot.height / a, plot.width) / plot.width >= 0.4
        } ?? false
        if fits, let aspect = dataAspect {
            if plot.height / plot.width > aspect {
                // Too tall for the data: shorten the map and centre it vertically.
                let h = plot.width * aspect
                plot.y += (plot.height - h) / 2
                plot.height = h
            } else {
                // Too wide: narrow the map and centre the map, colorbar and legend together.
                let w = plot.height / aspect
                shift = (plot.width - w) / 2
                plot.width = w
                plot.x += shift
            }
        }
        self.plot = plot
        colorbar = CanvasRect(x: plot.maxX + 1.5 * m, y: plot.minY, width: style.colorbarWidth, height: plot.height)
        legend = CanvasRect(x: width - m - legendWidth - shift, y: plot.minY, width: max(legendWidth, 0), height: plot.height)
    }
}
