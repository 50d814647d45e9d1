/// Where each part of the figure goes, in canvas pixels: the title on top, the map with its
/// axes, the colorbar to its right, and the legend outside the map (so it never hides a
/// path), either right of the colorbar or below the map, whichever leaves the map bigger.
public struct FigureLayout: Sendable, Equatable {
    /// Where the legend sits.
    public enum LegendPlacement: Sendable, Equatable {
        case right
        /// Below the map, in `columns` columns.
        case below(columns: Int)
    }

    /// What the layout needs to know about the figure's texts, measured by the caller on the
    /// canvas that will draw them.
    public struct Measurements: Sendable, Equatable {
        public var hasTitle: Bool
        public var hasSubtitle: Bool = false
        public var hasFootnote: Bool = false
        /// The widest w2 tick label.
        public var tickLabelWidth: Double
        /// The w2 axis title's width.
        public var axisTitleWidth: Double
        /// The widest colorbar label.
        public var colorbarLabelWidth: Double
        /// The legend's size laid out in one column (width, height), and one entry's width
        /// and height for laying it out in columns.
        public var legendWidth: Double
        public var legendHeight: Double
        public var legendEntryCount: Int
        public var legendRowHeight: Double
        /// The w2 span over the w1 span when the map keeps equal units; nil: fill the room.
        public var dataAspect: Double?

        public init(hasTitle: Bool, hasSubtitle: Bool = false, hasFootnote: Bool = false, tickLabelWidth: Double, axisTitleWidth: Double, colorbarLabelWidth: Double,
                    legendWidth: Double, legendHeight: Double, legendEntryCount: Int, legendRowHeight: Double,
                    dataAspect: Double?) {
            self.hasTitle = hasTitle
            self.hasSubtitle = hasSubtitle
            self.hasFootnote = hasFootnote
            self.tickLabelWidth = tickLabelWidth
            self.axisTitleWidth = axisTitleWidth
            self.colorbarLabelWidth = colorbarLabelWidth
            self.legendWidth = legendWidth
            self.legendHeight = legendHeight
            self.legendEntryCount = legendEntryCount
            self.legendRowHeight = legendRowHeight
            self.dataAspect = dataAspect
        }
    }

    public var titleBaseline: CanvasPoint
    public var subtitleBaseline: CanvasPoint
    public var footnoteBaseline: CanvasPoint
    public var plot: CanvasRect
    public var colorbar: CanvasRect
    public var legend: CanvasRect
    public var legendPlacement: LegendPlacement

    /// The better of the two placements: the one whose map has the larger area.
    public init(width: Double, height: Double, style: FigureStyle, measurements: Measurements) {
        let right = FigureLayout(width: width, height: height, style: style, measurements: measurements, placement: .right)
        guard measurements.legendEntryCount > 0 else {
            self = right
            return
        }
        let below = FigureLayout(width: width, height: height, style: style, measurements: measurements, placement: .below(columns: 0))
        // Prefer the legend on the right unless below gives a clearly (10%) bigger map.
        self = below.plot.width * below.plot.height > 1.1 * right.plot.width * right.plot.height ? below : right
    }

    public init(width: Double, height: Double, style: FigureStyle, measurements: Measurements, placement: LegendPlacement) {
        let m = style.margin
        var titleHeight = measurements.hasTitle ? style.titleFont.size * 1.9 : 0
        titleBaseline = CanvasPoint(width / 2, m + style.titleFont.size)
        subtitleBaseline = CanvasPoint(width / 2, m + titleHeight + style.subtitleFont.size * 0.4)
        if measurements.hasSubtitle { titleHeight += style.subtitleFont.size * 1.5 }
        let top = m + titleHeight + style.tickFont.size * 0.6
        let axisBelow = style.axisTitleFont.size * 1.2 + style.tickFont.size * 1.5 + style.tickLength
        let footnoteHeight = measurements.hasFootnote ? style.legendNoteFont.size * 1.6 : 0
        footnoteBaseline = CanvasPoint(m, height - m * 0.6)
        var bottom = height - m - axisBelow - footnoteHeight
        let left = m + measurements.axisTitleWidth + style.tickFont.size * 0.8 + measurements.tickLabelWidth
            + style.tickLength + 6 * style.unit
        let colorbarBlock = 1.5 * m + style.colorbarWidth + style.tickLength + 6 * style.unit + measurements.colorbarLabelWidth
        var rightEdge = width - m - colorbarBlock
        var columns = 1
        var legendHeight = measurements.legendHeight
        switch placement {
        case .right:
            if measurements.legendWidth > 0 { rightEdge -= measurements.legendWidth + 2 * m }
        case .below:
            let room = width - 2 * m
            let columnWidth = measurements.legendWidth + 2 * m
            columns = max(1, min(measurements.legendEntryCount, Int(room / max(columnWidth, 1))))
            let rows = (measurements.legendEntryCount + columns - 1) / columns
            legendHeight = Double(rows) * measurements.legendRowHeight
            bottom -= legendHeight + m
        }
        var plot = CanvasRect(x: left, y: top, width: max(rightEdge - left, 1), height: max(bottom - top, 1))
        var shift = 0.0
        // Equal units only while the map keeps at least 40% of its room either way: a window
        // 100 wide and 0.1 high would otherwise shrink to a sliver.
        if let a = measurements.dataAspect, a.isFinite, a > 0,
           min(plot.width * a, plot.height) / plot.height >= 0.4, min(plot.height / a, plot.width) / plot.width >= 0.4 {
            if plot.height / plot.width > a {
                // Too tall for the data: shorten the map and centre it vertically.
                let h = plot.width * a
                plot.y += (plot.height - h) / 2
                plot.height = h
            } else {
                // Too wide: narrow the map and centre the map and what stands beside it.
                let w = plot.height / a
                shift = (plot.width - w) / 2
                plot.width = w
                plot.x += shift
            }
        }
        self.plot = plot
        colorbar = CanvasRect(x: plot.maxX + 1.5 * m, y: plot.minY, width: style.colorbarWidth, height: plot.height)
        switch placement {
        case .right:
            legendPlacement = .right
            legend = CanvasRect(x: width - m - measurements.legendWidth - shift, y: plot.minY,
                                width: max(measurements.legendWidth, 0), height: plot.height)
        case .below:
            legendPlacement = .below(columns: columns)
            let columnWidth = measurements.legendWidth + 2 * m
            let total = Double(columns) * columnWidth - 2 * m
            legend = CanvasRect(x: max(m, (width - total) / 2), y: plot.maxY + axisBelow + m * 0.7,
                                width: total, height: legendHeight)
        }
    }
}
