import LossmapCanvas

/// Where each part of the figure goes, in canvas pixels: the title on top; the maps (one,
/// or one per run in a grid) with their axes; the colorbar right of the maps; an optional
/// loss-per-step panel right of the colorbar; and the legend outside the maps (so it never
/// hides a path), right of everything or below, whichever leaves the maps bigger.
public struct FigureLayout: Sendable, Equatable {
    /// Where the legend sits.
    public enum LegendPlacement: Sendable, Equatable {
        case right
        /// Below the maps, in `columns` columns.
        case below(columns: Int)
    }

    /// What the layout needs to know about the figure, with texts measured by the caller on
    /// the canvas that will draw them.
    public struct Measurements: Sendable, Equatable {
        public var hasTitle: Bool
        public var hasSubtitle: Bool
        public var hasFootnote: Bool
        /// The widest w2 tick label.
        public var tickLabelWidth: Double
        /// The w2 axis title's width.
        public var axisTitleWidth: Double
        /// The widest colorbar label.
        public var colorbarLabelWidth: Double
        /// One legend column's width, the single-column height, the entry count and the
        /// height of one entry when laid out in rows.
        public var legendWidth: Double
        public var legendHeight: Double
        public var legendEntryCount: Int
        public var legendRowHeight: Double
        /// The w2 span over the w1 span when maps keep equal units; nil: fill the room.
        public var dataAspect: Double?
        /// Number of maps: 1 for an overlay, one per run for a grid.
        public var mapCount: Int
        /// Whether maps carry a title line each (the grid layout).
        public var mapTitles: Bool
        /// Whether a loss-per-step panel is wanted.
        public var lossCurve: Bool
        /// The widest tick label of the loss panel's y axis.
        public var lossTickLabelWidth: Double

        public init(hasTitle: Bool, hasSubtitle: Bool = false, hasFootnote: Bool = false, tickLabelWidth: Double,
                    axisTitleWidth: Double, colorbarLabelWidth: Double, legendWidth: Double, legendHeight: Double,
                    legendEntryCount: Int, legendRowHeight: Double, dataAspect: Double?, mapCount: Int = 1,
                    mapTitles: Bool = false, lossCurve: Bool = false, lossTickLabelWidth: Double = 0) {
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
            self.mapCount = max(mapCount, 1)
            self.mapTitles = mapTitles
            self.lossCurve = lossCurve
            self.lossTickLabelWidth = lossTickLabelWidth
        }
    }

    public var titleBaseline: CanvasPoint
    public var subtitleBaseline: CanvasPoint
    public var footnoteBaseline: CanvasPoint
    /// The maps' plot areas, in run order for a grid.
    public var maps: [CanvasRect]
    /// Which maps show the w1 axis title (the bottom row) and the w2 title (the left column).
    public var showsW1Title: [Bool]
    public var showsW2Title: [Bool]
    public var colorbar: CanvasRect
    /// The loss-per-step panel's plot area, when there is one.
    public var lossCurve: CanvasRect?
    public var legend: CanvasRect
    public var legendPlacement: LegendPlacement

    /// The first (for an overlay, the only) map.
    public var plot: CanvasRect { maps[0] }

    /// The better of the two legend placements: the one whose maps are larger.
    public init(width: Double, height: Double, style: FigureStyle, measurements: Measurements) {
        let right = FigureLayout(width: width, height: height, style: style, measurements: measurements, placement: .right)
        guard measurements.legendEntryCount > 0 else {
            self = right
            return
        }
        let below = FigureLayout(width: width, height: height, style: style, measurements: measurements, placement: .below(columns: 0))
        // Prefer the legend on the right unless below gives clearly (10%) bigger maps.
        self = below.plot.width * below.plot.height > 1.1 * right.plot.width * right.plot.height ? below : right
    }

    public init(width: Double, height: Double, style: FigureStyle, measurements: Measurements, placement: LegendPlacement) {
        let m = style.margin
        var titleHeight = measurements.hasTitle ? style.titleFont.size * 1.9 : 0
        titleBaseline = CanvasPoint(width / 2, m + style.titleFont.size)
        subtitleBaseline = CanvasPoint(width / 2, m + titleHeight + style.subtitleFont.size * 0.4)
        if measurements.hasSubtitle { titleHeight += style.subtitleFont.size * 1.5 }
        let top = m + titleHeight + style.tickFont.size * 1.1
        // Below a map: tick labels, then the axis title.
        let tickBelow = style.tickFont.size * 1.5 + style.tickLength
        let axisBelow = style.axisTitleFont.size * 1.2 + tickBelow
        let footnoteHeight = measurements.hasFootnote ? style.legendNoteFont.size * 1.6 : 0
        footnoteBaseline = CanvasPoint(m, height - m * 0.6)
        var bottom = height - m - axisBelow - footnoteHeight
        // Left of a map: the axis title, then tick labels.
        let tickLeft = measurements.tickLabelWidth + style.tickLength + 6 * style.unit
        let left = m + measurements.axisTitleWidth + style.tickFont.size * 0.8 + tickLeft
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
        // The loss panel takes about a third of the width left for maps, its tick labels included.
        let lossTickLeft = measurements.lossTickLabelWidth + style.tickLength + 6 * style.unit
        var lossPanelWidth = 0.0
        if measurements.lossCurve {
            lossPanelWidth = max((rightEdge - left) * 0.34, lossTickLeft + 1)
            rightEdge -= lossPanelWidth + m
        }
        let area = CanvasRect(x: left, y: top, width: max(rightEdge - left, 1), height: max(bottom - top, 1))
        let grid = Self.grid(in: area, count: measurements.mapCount, aspect: measurements.dataAspect,
                             gapX: tickLeft + 2 * m, gapY: tickBelow + (measurements.mapTitles ? style.tickFont.size * 1.8 : 0) + m,
                             titleHeight: measurements.mapTitles ? style.tickFont.size * 1.6 : 0)
        var maps = grid.rects
        let mapsTop = maps.map(\.minY).min() ?? area.minY, mapsBottom = maps.map(\.maxY).max() ?? area.maxY
        var x = (maps.map(\.maxX).max() ?? area.maxX) + colorbarBlock
        var colorbar = CanvasRect(x: (maps.map(\.maxX).max() ?? area.maxX) + 1.5 * m, y: mapsTop,
                                  width: style.colorbarWidth, height: mapsBottom - mapsTop)
        var lossCurve: CanvasRect?
        if measurements.lossCurve {
            let panelX = x + m + lossTickLeft
            lossCurve = CanvasRect(x: panelX, y: mapsTop, width: max(lossPanelWidth - lossTickLeft, 1), height: mapsBottom - mapsTop)
            x = panelX + lossPanelWidth - lossTickLeft
        }
        var legend: CanvasRect
        switch placement {
        case .right:
            legendPlacement = .right
            legend = CanvasRect(x: x + 2 * m, y: mapsTop, width: max(measurements.legendWidth, 0), height: mapsBottom - mapsTop)
            x = legend.maxX
        case .below:
            legendPlacement = .below(columns: columns)
            let columnWidth = measurements.legendWidth + 2 * m
            let total = Double(columns) * columnWidth - 2 * m
            legend = CanvasRect(x: max(m, (width - total) / 2), y: mapsBottom + axisBelow + m * 0.7,
                                width: total, height: legendHeight)
        }
        // Centre the whole row (maps, colorbar, loss panel, legend) when it does not fill the width.
        let shift = max(0, (width - m - x) / 2)
        for i in maps.indices { maps[i].x += shift }
        colorbar.x += shift
        lossCurve?.x += shift
        if case .right = placement { legend.x += shift }
        // And centre it all vertically between the title and the footnote when the maps kept
        // their aspect and left height unused (a grid of square maps on a wide canvas).
        let usedBottom: Double
        if case .below = placement { usedBottom = legend.maxY } else { usedBottom = mapsBottom + axisBelow }
        let roomBottom = height - m - footnoteHeight
        let drop = max(0, (roomBottom - usedBottom) / 2)
        if drop > 1 {
            for i in maps.indices { maps[i].y += drop }
            colorbar.y += drop
            lossCurve?.y += drop
            legend.y += drop
        }
        self.maps = maps
        self.colorbar = colorbar
        self.lossCurve = lossCurve
        self.legend = legend
        showsW1Title = maps.indices.map { $0 + grid.columns >= maps.count }
        showsW2Title = maps.indices.map { $0 % grid.columns == 0 }
    }

    /// `count` maps in the rows × columns arrangement that makes each as large as possible,
    /// each keeping the data aspect (when given and not absurd), top-aligned in `area`.
    static func grid(in area: CanvasRect, count: Int, aspect: Double?, gapX: Double, gapY: Double, titleHeight: Double)
        -> (rects: [CanvasRect], rows: Int, columns: Int) {
        var best: (rects: [CanvasRect], rows: Int, columns: Int, size: Double)?
        for columns in 1...max(count, 1) {
            let rows = (count + columns - 1) / columns
            let cellWidth = (area.width - Double(columns - 1) * gapX) / Double(columns)
            let cellHeight = (area.height - Double(rows - 1) * gapY) / Double(rows) - titleHeight
            guard cellWidth > 1, cellHeight > 1 else { continue }
            var w = cellWidth, h = cellHeight
            // Equal units only for windows between 1:4 and 4:1: one 100 wide and 0.1 high
            // would otherwise shrink to a sliver.
            if let a = aspect, a.isFinite, a >= 0.25, a <= 4 {
                if h / w > a { h = w * a } else { w = h / a }
            }
            let totalHeight = Double(rows) * (h + titleHeight) + Double(rows - 1) * gapY
            let yOffset = count == 1 ? (area.height - totalHeight) / 2 : 0
            var rects: [CanvasRect] = []
            for i in 0..<count {
                let r = i / columns, c = i % columns
                rects.append(CanvasRect(x: area.minX + Double(c) * (w + gapX),
                                        y: area.minY + yOffset + titleHeight + Double(r) * (h + titleHeight + gapY),
                                        width: w, height: h))
            }
            if w * h > (best?.size ?? 0) { best = (rects, rows, columns, w * h) }
        }
        if let best { return (best.rects, best.rows, best.columns) }
        return ([area], 1, 1)
    }
}
