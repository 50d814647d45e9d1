import LossmapCanvas

/// Where each part of the figure goes, in canvas pixels, for every kind of figure: the title
/// and subtitle on top and the footnote at the bottom (the same `Page` for all kinds), and
/// between them either
///
/// - maps: the maps (one, or one per run in a grid) with their axes; the colorbar right of
///   the maps; an optional loss-per-step panel right of the colorbar; and the legend outside
///   the maps (so it never hides a path), right of everything or below, whichever leaves the
///   maps bigger; or
/// - a single plot (the learning-rate sweep): one plot area with its axes, `plot`; the
///   colorbar and legend rectangles are then empty.
public struct FigureLayout: Sendable, Equatable {
    /// Where the legend sits.
    public enum LegendPlacement: Sendable, Equatable {
        case right
        /// Below the maps, in `columns` columns.
        case below(columns: Int)
    }

    /// The window spans (w2 over w1) for which maps keep equal units when asked to: outside
    /// it a window 100 wide and 0.1 high would shrink to a sliver, so the maps fill the room.
    public static let equalAspectLimits: ClosedRange<Double> = 0.25...4

    /// What the map layout needs to know about the figure, with texts measured by the caller
    /// on the canvas that will draw them.
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
        /// The widest tick label of the loss panel's y axis (of the slice panel's, when wider).
        public var lossTickLabelWidth: Double
        /// Whether the panel of the loss along an explained step's line is wanted (below the
        /// loss panel when both are).
        public var slice: Bool = false
        /// Whether the learning-rate-per-step panel is wanted (between the loss and slice panels).
        public var rateCurve: Bool = false
        /// Maps in this many columns, whatever makes them largest (`view = "both"`: the map and
        /// the mountain side by side); nil: the arrangement that makes each map largest.
        public var columns: Int?
        /// The legend wrapped (each run's outcome at the head of its note, `Legend.wrapped`);
        /// nil: the legend is not wrapped.
        public var wrappedLegend: LegendSize?
        /// The legend with smaller text, largest first, for when large text (`font_scale`)
        /// leaves no room on the page for the legend at its size: never smaller than at
        /// font scale 1.
        public var smallerLegends: [SmallerLegend] = []

        /// The legend's measurements, as one value.
        var legend: LegendSize {
            get { LegendSize(width: legendWidth, height: legendHeight, rowHeight: legendRowHeight) }
            set {
                legendWidth = newValue.width
                legendHeight = newValue.height
                legendRowHeight = newValue.rowHeight
            }
        }

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

    /// The legend's measurements with its text at `fontScale` instead of the figure's.
    public struct SmallerLegend: Sendable, Equatable {
        public var fontScale: Double
        public var plain: LegendSize
        public var wrapped: LegendSize

        public init(fontScale: Double, plain: LegendSize, wrapped: LegendSize) {
            self.fontScale = fontScale
            self.plain = plain
            self.wrapped = wrapped
        }
    }

    /// A legend's measurements in one of its forms.
    public struct LegendSize: Sendable, Equatable {
        /// One column's width, the single-column height, and one entry's height in rows.
        public var width: Double
        public var height: Double
        public var rowHeight: Double

        public init(width: Double, height: Double, rowHeight: Double) {
            self.width = width
            self.height = height
            self.rowHeight = rowHeight
        }
    }

    /// What the single-plot layout needs to know, measured on the canvas that will draw it.
    public struct PlotMeasurements: Sendable, Equatable {
        public var hasTitle: Bool
        public var hasSubtitle: Bool
        public var hasFootnote: Bool
        /// The widest tick label of the left axis.
        public var tickLabelWidth: Double

        public init(hasTitle: Bool, hasSubtitle: Bool = false, hasFootnote: Bool = false, tickLabelWidth: Double) {
            self.hasTitle = hasTitle
            self.hasSubtitle = hasSubtitle
            self.hasFootnote = hasFootnote
            self.tickLabelWidth = tickLabelWidth
        }
    }

    /// The frame every kind of figure shares: the title and subtitle lines centred on top, the
    /// footnote line at the bottom left, and the room between them inside the margins.
    public struct Page: Sendable, Equatable {
        public var titleBaseline: CanvasPoint
        public var subtitleBaseline: CanvasPoint
        public var footnoteBaseline: CanvasPoint
        /// Just below the title lines (the top margin when there are none).
        public var contentTop: Double
        /// Just above the footnote line (the bottom margin when there is none).
        public var contentBottom: Double
        /// The figure's width.
        public var width: Double

        public init(width: Double, height: Double, style: FigureStyle, hasTitle: Bool, hasSubtitle: Bool, hasFootnote: Bool) {
            let m = style.margin
            self.width = width
            var titleHeight = hasTitle ? style.titleFont.size * 1.9 : 0
            titleBaseline = CanvasPoint(width / 2, m + style.titleFont.size)
            subtitleBaseline = CanvasPoint(width / 2, m + titleHeight + style.subtitleFont.size * 0.4)
            if hasSubtitle { titleHeight += style.subtitleFont.size * 1.5 }
            contentTop = m + titleHeight
            footnoteBaseline = CanvasPoint(m, height - m * 0.6)
            contentBottom = height - m - (hasFootnote ? style.legendNoteFont.size * 1.6 : 0)
        }
    }

    public var page: Page
    public var titleBaseline: CanvasPoint { page.titleBaseline }
    public var subtitleBaseline: CanvasPoint { page.subtitleBaseline }
    public var footnoteBaseline: CanvasPoint { page.footnoteBaseline }
    /// The maps' plot areas, in run order for a grid; the one plot area of a single-plot figure.
    public var maps: [CanvasRect]
    /// Which maps show the w1 axis title (the bottom row) and the w2 title (the left column).
    public var showsW1Title: [Bool]
    public var showsW2Title: [Bool]
    /// Empty (zero width) in a single-plot figure.
    public var colorbar: CanvasRect
    /// The loss-per-step panel's plot area, when there is one.
    public var lossCurve: CanvasRect?
    /// The slice panel's plot area (the loss along an explained step's line), when there is one.
    public var slice: CanvasRect?
    /// The learning-rate panel's plot area, when there is one.
    public var rateCurve: CanvasRect?
    /// Empty (zero size) in a single-plot figure.
    public var legend: CanvasRect
    public var legendPlacement: LegendPlacement
    /// Whether the legend gives each run's outcome a line of its own (`Legend.wrapped`).
    public var legendWrapped = false
    /// The font scale the legend's text is drawn at, when smaller than the figure's
    /// (`Measurements.smallerLegends`); nil: the figure's.
    public var legendFontScale: Double?
    /// The height of the legend's entries in one column (a legend on the right may be taller
    /// than the maps beside it).
    var legendContentHeight = 0.0
    /// False when the room left could not hold the maps asked for (`grid` found no
    /// arrangement, and gave the whole room to one map).
    var mapsFit = true
    /// True when the maps were asked to keep equal units (`aspect = "equal"`) but fill the
    /// room instead, because the window's w2 span over its w1 span is outside
    /// `equalAspectLimits`.
    public var gaveUpEqualAspect: Bool

    /// The first (for an overlay, the only) map; the plot of a single-plot figure.
    public var plot: CanvasRect { maps[0] }

    /// Whether maps with this data aspect (w2 span over w1 span) keep equal units.
    public static func keepsEqualAspect(_ aspect: Double) -> Bool {
        aspect.isFinite && equalAspectLimits.contains(aspect)
    }
}

// MARK: - Maps

extension FigureLayout {
    /// The better of the two legend placements: the one whose maps are larger, and that keeps
    /// the legend on the page. When large text (`font_scale`) makes the legend take the
    /// maps' room, the legend wrapped (each run's outcome on a line of its own), if that
    /// gives clearly larger maps or is the only way to keep the legend on the page.
    public init(width: Double, height: Double, style: FigureStyle, measurements: Measurements) {
        let right = FigureLayout(width: width, height: height, style: style, measurements: measurements, placement: .right)
        guard measurements.legendEntryCount > 0 else {
            self = right
            return
        }
        func better(_ measurements: Measurements) -> FigureLayout {
            let right = FigureLayout(width: width, height: height, style: style, measurements: measurements, placement: .right)
            let below = FigureLayout(width: width, height: height, style: style, measurements: measurements, placement: .below(columns: 0))
            if right.legendOverflow > 0.5, below.legendOverflow < right.legendOverflow { return below }
            // Prefer the legend on the right unless below gives clearly (10%) bigger maps.
            return below.mapArea > 1.1 * right.mapArea ? below : right
        }
        /// The better of the legend on one line an entry (`plain`) and wrapped.
        func best(plain size: LegendSize?, wrapped: LegendSize?) -> FigureLayout {
            var plainMeasurements = measurements
            if let size { plainMeasurements.legend = size }
            let plain = better(plainMeasurements)
            guard let wrapped else { return plain }
            var wrappedMeasurements = measurements
            wrappedMeasurements.legend = wrapped
            var wrappedLayout = better(wrappedMeasurements)
            wrappedLayout.legendWrapped = true
            // One line an entry reads best: wrapped only for a quarter more map, or to stay on the page.
            let keepsPage = plain.legendOverflow > 0.5 && wrappedLayout.legendOverflow < plain.legendOverflow
            return keepsPage || (wrappedLayout.legendOverflow <= 0.5 && wrappedLayout.mapArea > 1.25 * plain.mapArea) ? wrappedLayout : plain
        }
        var chosen = best(plain: nil, wrapped: measurements.wrappedLegend)
        // No room on the page for the legend at its size, or none left for the maps: its text
        // smaller, as little as will do.
        for smaller in measurements.smallerLegends where !chosen.leavesRoom {
            var candidate = best(plain: smaller.plain, wrapped: smaller.wrapped)
            candidate.legendFontScale = smaller.fontScale
            if (candidate.mapsFit && !chosen.mapsFit) || candidate.legendOverflow < chosen.legendOverflow - 0.5
                || (candidate.legendOverflow <= chosen.legendOverflow + 0.5 && candidate.mapArea > chosen.mapArea) {
                chosen = candidate
            }
        }
        self = chosen
    }

    /// The least share of the page's content the maps are given before the legend's text is
    /// made smaller (with `Measurements.smallerLegends`): a twelfth. The reference figure's map
    /// takes about a third of it, a map beside a loss panel and a slice panel a seventh; below
    /// a twelfth large text has taken the room the figure is for.
    static let leastMapShare = 1.0 / 12

    /// Whether the legend stays on the page and leaves the maps `leastMapShare` of it.
    var leavesRoom: Bool {
        let content = (page.contentBottom - page.contentTop) * page.width
        return mapsFit && legendOverflow <= 0.5 && mapArea >= Self.leastMapShare * content
    }

    /// The area of the maps together.
    var mapArea: Double { maps.reduce(0) { $0 + $1.width * $1.height } }

    /// How far the legend reaches below the page's content (under the footnote, or off the
    /// figure); 0 when it stays on the page.
    var legendOverflow: Double { max(0, legendBottom - page.contentBottom) }

    /// The bottom of the legend's entries: a legend on the right may be taller than the maps.
    var legendBottom: Double {
        if case .right = legendPlacement { return legend.minY + legendContentHeight }
        return legend.maxY
    }

    public init(width: Double, height: Double, style: FigureStyle, measurements: Measurements, placement: LegendPlacement) {
        page = Page(width: width, height: height, style: style, hasTitle: measurements.hasTitle,
                    hasSubtitle: measurements.hasSubtitle, hasFootnote: measurements.hasFootnote)
        let room = MapRoom(width: width, page: page, style: style, measurements: measurements, placement: placement)
        let grid = Self.grid(in: room.area, count: measurements.mapCount, columns: measurements.columns, aspect: measurements.dataAspect,
                             gapX: room.tickLeft + 2 * style.margin,
                             gapY: room.tickBelow + (measurements.mapTitles ? style.tickFont.size * 1.8 : 0) + style.margin,
                             titleHeight: measurements.mapTitles ? style.tickFont.size * 1.6 : 0)
        maps = grid.rects
        mapsFit = grid.rects.count == measurements.mapCount
        gaveUpEqualAspect = measurements.dataAspect.map { !Self.keepsEqualAspect($0) } ?? false
        colorbar = CanvasRect(x: 0, y: 0, width: 0, height: 0)
        legend = colorbar
        legendPlacement = placement
        legendContentHeight = measurements.legendHeight
        showsW1Title = grid.rects.indices.map { $0 + grid.columns >= grid.rects.count }
        showsW2Title = grid.rects.indices.map { $0 % grid.columns == 0 }
        let rowRight = placePanels(beside: room, width: width, style: style, measurements: measurements)
        centre(in: width, rowRight: rowRight, room: room, style: style)
    }

    /// The room the maps get: the page's content less the axes, the colorbar, the loss panel
    /// and the legend, with the sizes of those blocks.
    struct MapRoom {
        var area: CanvasRect
        /// Left of a map: tick marks and labels. Below a map: tick labels, and those with the title.
        var tickLeft: Double
        var tickBelow: Double
        var axisBelow: Double
        /// From the maps' right edge to the colorbar labels' right edge.
        var colorbarBlock: Double
        var lossPanelWidth: Double
        var lossTickLeft: Double
        var legendColumns: Int
        var legendHeight: Double

        init(width: Double, page: Page, style: FigureStyle, measurements: Measurements, placement: LegendPlacement) {
            let m = style.margin
            let top = page.contentTop + style.tickFont.size * 1.1
            tickBelow = style.tickFont.size * 1.5 + style.tickLength
            axisBelow = style.axisTitleFont.size * 1.2 + tickBelow
            var bottom = page.contentBottom - axisBelow
            // Left of a map: the axis title, then tick labels.
            tickLeft = measurements.tickLabelWidth + style.tickLength + 6 * style.unit
            let left = m + measurements.axisTitleWidth + style.tickFont.size * 0.8 + tickLeft
            colorbarBlock = 1.5 * m + style.colorbarWidth + style.tickLength + 6 * style.unit + measurements.colorbarLabelWidth
            var rightEdge = width - m - colorbarBlock
            legendColumns = 1
            legendHeight = measurements.legendHeight
            switch placement {
            case .right:
                if measurements.legendWidth > 0 { rightEdge -= measurements.legendWidth + 2 * m }
            case .below:
                let columnWidth = measurements.legendWidth + 2 * m
                legendColumns = max(1, min(measurements.legendEntryCount, Int((width - 2 * m) / max(columnWidth, 1))))
                let rows = (measurements.legendEntryCount + legendColumns - 1) / legendColumns
                legendHeight = Double(rows) * measurements.legendRowHeight
                bottom -= legendHeight + m
            }
            // The loss panel takes about a third of the width left for maps, its tick labels included.
            lossTickLeft = measurements.lossTickLabelWidth + style.tickLength + 6 * style.unit
            lossPanelWidth = 0
            if measurements.lossCurve || measurements.slice || measurements.rateCurve {
                lossPanelWidth = max((rightEdge - left) * 0.34, lossTickLeft + 1)
                rightEdge -= lossPanelWidth + m
            }
            area = CanvasRect(x: left, y: top, width: max(rightEdge - left, 1), height: max(bottom - top, 1))
        }
    }

    /// The colorbar, the loss panel and the legend, beside (or below) the maps just placed;
    /// returns the right end of the row they make with the maps.
    private mutating func placePanels(beside room: MapRoom, width: Double, style: FigureStyle,
                                      measurements: Measurements) -> Double {
        let m = style.margin
        let mapsRight = maps.map(\.maxX).max() ?? room.area.maxX
        let mapsTop = maps.map(\.minY).min() ?? room.area.minY, mapsBottom = maps.map(\.maxY).max() ?? room.area.maxY
        var x = mapsRight + room.colorbarBlock
        colorbar = CanvasRect(x: mapsRight + 1.5 * m, y: mapsTop, width: style.colorbarWidth, height: mapsBottom - mapsTop)
        let wanted = [measurements.lossCurve, measurements.rateCurve, measurements.slice]
        let count = wanted.filter { $0 }.count
        if count > 0 {
            let panelX = x + m + room.lossTickLeft
            let column = CanvasRect(x: panelX, y: mapsTop, width: max(room.lossPanelWidth - room.lossTickLeft, 1),
                                    height: mapsBottom - mapsTop)
            // Stacked, top to bottom: loss, learning rate, slice. Between two, the upper one's
            // tick labels and axis title, then the lower one's title over its top.
            let gap = room.axisBelow + style.tickFont.size * 2.2
            let each = max((column.height - Double(count - 1) * gap) / Double(count), 1)
            var top = column.y
            for (index, on) in wanted.enumerated() where on {
                let rect = CanvasRect(x: column.x, y: top, width: column.width, height: each)
                switch index {
                case 0: lossCurve = rect
                case 1: rateCurve = rect
                default: slice = rect
                }
                top += each + gap
            }
            x = panelX + room.lossPanelWidth - room.lossTickLeft
        }
        switch legendPlacement {
        case .right:
            legend = CanvasRect(x: x + 2 * m, y: mapsTop, width: max(measurements.legendWidth, 0), height: mapsBottom - mapsTop)
            x = legend.maxX
        case .below:
            legendPlacement = .below(columns: room.legendColumns)
            let total = Double(room.legendColumns) * (measurements.legendWidth + 2 * m) - 2 * m
            legend = CanvasRect(x: max(m, (width - total) / 2), y: mapsBottom + room.axisBelow + m * 0.7,
                                width: total, height: room.legendHeight)
        }
        return x
    }

    /// Centres the row (maps, colorbar, loss panel, legend) when it does not fill the width,
    /// and everything vertically between the title and the footnote when the maps kept their
    /// aspect and left height unused (a grid of square maps on a wide canvas).
    private mutating func centre(in width: Double, rowRight: Double, room: MapRoom, style: FigureStyle) {
        let shift = max(0, (width - style.margin - rowRight) / 2)
        for i in maps.indices { maps[i].x += shift }
        colorbar.x += shift
        lossCurve?.x += shift
        slice?.x += shift
        rateCurve?.x += shift
        if case .right = legendPlacement { legend.x += shift }
        let mapsBottom = maps.map(\.maxY).max() ?? room.area.maxY
        let usedBottom: Double
        if case .below = legendPlacement { usedBottom = legend.maxY } else { usedBottom = mapsBottom + room.axisBelow }
        var drop = max(0, (page.contentBottom - usedBottom) / 2)
        // A legend on the right taller than the maps keeps its last entry on the page.
        if case .right = legendPlacement, legendContentHeight > legend.height {
            drop = min(drop, max(0, page.contentBottom - (legend.minY + legendContentHeight)))
        }
        if drop > 1 {
            for i in maps.indices { maps[i].y += drop }
            colorbar.y += drop
            lossCurve?.y += drop
            slice?.y += drop
            rateCurve?.y += drop
            legend.y += drop
        }
    }

    /// `count` maps in the rows × columns arrangement that makes each as large as possible,
    /// each keeping the data aspect (when given and within `equalAspectLimits`), top-aligned in `area`.
    static func grid(in area: CanvasRect, count: Int, columns fixed: Int? = nil, aspect: Double?, gapX: Double, gapY: Double,
                     titleHeight: Double) -> (rects: [CanvasRect], rows: Int, columns: Int) {
        var best: (rects: [CanvasRect], rows: Int, columns: Int, size: Double)?
        for columns in fixed.map({ [$0] }) ?? Array(1...max(count, 1)) {
            let rows = (count + columns - 1) / columns
            let cellWidth = (area.width - Double(columns - 1) * gapX) / Double(columns)
            let cellHeight = (area.height - Double(rows - 1) * gapY) / Double(rows) - titleHeight
            guard cellWidth > 1, cellHeight > 1 else { continue }
            var w = cellWidth, h = cellHeight
            if let a = aspect, keepsEqualAspect(a) {
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

// MARK: - A single plot

extension FigureLayout {
    /// One plot filling the page's content: room on the left for the tick labels, above for
    /// the y axis title and notes over the plot (η_crit), below for the tick labels and the x
    /// axis title.
    public init(width: Double, height: Double, style: FigureStyle, plot measurements: PlotMeasurements) {
        page = Page(width: width, height: height, style: style, hasTitle: measurements.hasTitle,
                    hasSubtitle: measurements.hasSubtitle, hasFootnote: measurements.hasFootnote)
        let m = style.margin
        let top = page.contentTop + style.tickFont.size * 2.2
        // Below the plot: the tick labels and the axis title, which `AxisRenderer` sets 5 px
        // further down than text-sized room allows for when the text is small (`font_scale` < 1).
        let textGap = max(0, 5 * style.unit - 0.15 * (style.tickFont.size + style.axisTitleFont.size))
        let bottom = page.contentBottom - style.axisTitleFont.size * 1.4 - style.tickFont.size * 1.5 - style.tickLength - textGap
        let left = m + style.axisTitleFont.size * 1.6 + measurements.tickLabelWidth + style.tickLength + 8 * style.unit
        let plot = CanvasRect(x: left, y: top, width: max(width - m * 2 - left, 1), height: max(bottom - top, 1))
        maps = [plot]
        showsW1Title = [true]
        showsW2Title = [true]
        colorbar = CanvasRect(x: plot.maxX, y: plot.minY, width: 0, height: plot.height)
        lossCurve = nil
        slice = nil
        rateCurve = nil
        legend = CanvasRect(x: plot.maxX, y: plot.minY, width: 0, height: 0)
        legendPlacement = .right
        gaveUpEqualAspect = false
    }
}
