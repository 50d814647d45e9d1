import Foundation
import LossmapCanvas
import LossmapContour
import LossmapCore

/// One axis of a plot area, on any side of it: tick marks pointing out of the frame, their
/// labels (true minus signs; 10ⁿ on a log axis of powers of ten) and the axis title. The
/// maps, the loss panel and the sweep chart all draw their axes with it, so ticks, labels
/// and titles stand the same way in every kind of figure.
struct AxisRenderer {
    /// The side of the plot area the axis runs along.
    enum Side: Sendable {
        case bottom, left, top, right

        var isHorizontal: Bool { self == .bottom || self == .top }
    }

    /// How values are spread along the axis.
    enum Scale: Sendable, Equatable {
        /// Equal differences take equal lengths; nice ticks at 1, 2, 5 × 10ᵏ steps.
        case linear
        /// Equal ratios take equal lengths; the range must be positive.
        case log
    }

    /// Where the axis title goes.
    enum TitlePlacement: Sendable {
        /// Centred along the axis beyond the tick labels, in the axis-title font: "w₁", "step".
        case outside
        /// In the tick font just past the axis's far end, flush with the frame: "loss (log
        /// scale)" over a left axis, where a long title reads without being turned.
        case atEnd
    }

    var side: Side
    var scale: Scale
    var range: ClosedRange<Double>
    var ticks: [Double]
    /// Empty: no title (the inner maps of a grid).
    var title: String
    var titlePlacement: TitlePlacement
    let style: FigureStyle

    /// An axis over `range` with about `targetCount` nice ticks.
    init(side: Side, scale: Scale = .linear, range: ClosedRange<Double>, targetCount: Int, title: String = "",
         titlePlacement: TitlePlacement = .outside, style: FigureStyle) {
        self.side = side
        self.scale = scale
        self.range = range
        self.ticks = Self.ticks(range, scale: scale, targetCount: targetCount)
        self.title = title
        self.titlePlacement = titlePlacement
        self.style = style
    }

    static func ticks(_ range: ClosedRange<Double>, scale: Scale, targetCount: Int) -> [Double] {
        switch scale {
        case .linear: return NiceTicks.linear(range, targetCount: targetCount)
        case .log: return NiceTicks.log(range, targetCount: targetCount)
        }
    }

    /// The tick labels as drawn: one format for the whole axis, true minus signs.
    static func labels(_ ticks: [Double], scale: Scale) -> [String] {
        let plain = scale == .log ? NumberFormatting.logTickLabels(ticks) : NumberFormatting.tickLabels(ticks)
        return plain.map(NumberFormatting.typographic)
    }

    var labels: [String] { Self.labels(ticks, scale: scale) }

    /// The whole decades around the positive values `lo...hi`, for a log axis whose ticks are
    /// powers of ten: from the power at or below `lo` to the one at or above `hi` (one decade
    /// when both are the same power). Kept inside the positive finite doubles, where the
    /// powers leave them: 10⁻³²⁴ is 0 and 10³⁰⁹ is inf, so below 1e-323 the axis starts at `lo`
    /// and above 1e308 it ends at `hi` (a log axis from 0 or to inf puts every value at NaN).
    static func decades(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
        guard lo > 0, lo.isFinite, hi.isFinite, lo <= hi else { return 1e-3...1 }
        var a = Foundation.pow(10, Foundation.floor(Foundation.log10(lo)))
        var b = Foundation.pow(10, Foundation.ceil(Foundation.log10(hi)))
        if !(a > 0 && a <= lo) { a = lo }
        if !(b.isFinite && b >= hi) { b = hi }
        if b <= a {
            if (a * 10).isFinite { b = a * 10 } else { a = b / 10 }
        }
        return a...b
    }

    /// `lo...hi` with 5% of its span added at each end, for a linear axis; a single value
    /// gets ±1, or ±5% of itself where 1 is lost to rounding (past 2⁵³, x + 1 == x, and the
    /// axis had no height: every value at NaN, and Cairo's "invalid matrix"). The span is
    /// measured in halves, so that −1e308…1e308 does not overflow, and the ends are kept
    /// finite.
    static func padded(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
        guard lo.isFinite, hi.isFinite, lo <= hi else { return 0...1 }
        let pad = hi > lo ? (hi / 2 - lo / 2) * 0.1 : Swift.max(1, Swift.abs(lo) * 0.05)
        let largest = Double.greatestFiniteMagnitude
        return Swift.max(lo - pad, -largest)...Swift.min(hi + pad, largest)
    }

    /// Where `value` sits along the axis, 0 at the range's lower end and 1 at its upper end;
    /// 0 for a range without length.
    func fraction(_ value: Double) -> Double {
        switch scale {
        case .linear:
            let lo = range.lowerBound, hi = range.upperBound
            guard hi > lo else { return 0 }
            let span = hi - lo
            // A span past the largest double (an axis from −1e308 to 1e308) is measured in halves.
            return span.isFinite ? (value - lo) / span : (value / 2 - lo / 2) / (hi / 2 - lo / 2)
        case .log:
            let low = Foundation.log10(range.lowerBound), span = Foundation.log10(range.upperBound) - low
            return span > 0 ? (Foundation.log10(value) - low) / span : 0
        }
    }

    /// The pixel coordinate of `value` along this axis of `rect`: x growing to the right for
    /// a horizontal axis, y growing upwards (pixels downwards) for a vertical one.
    func coordinate(_ value: Double, in rect: CanvasRect) -> Double {
        side.isHorizontal ? rect.minX + fraction(value) * rect.width : rect.maxY - fraction(value) * rect.height
    }

    /// The room between the frame and the tick labels.
    var labelGap: Double { style.tickLength + 5 * style.unit }

    /// The widest tick label.
    func labelWidth(on canvas: Canvas) -> Double {
        labels.map { canvas.measureText($0, font: style.tickFont).width }.max() ?? 0
    }

    /// Tick marks, labels and title along `rect`'s side, in the text colour.
    func draw(on canvas: Canvas, along rect: CanvasRect) {
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        let font = style.tickFont, length = style.tickLength, gap = labelGap
        var marks = CanvasPath()
        var widest = 0.0
        let labels = self.labels
        let every = labelStride(labels, along: rect, on: canvas)
        for (index, (tick, label)) in zip(ticks, labels).enumerated() {
            let p = coordinate(tick, in: rect)
            let (edge, out, anchor): (CanvasPoint, CanvasPoint, TextAnchor)
            switch side {
            case .bottom: (edge, out, anchor) = (CanvasPoint(p, rect.maxY), CanvasPoint(0, 1), TextAnchor(.center, .top))
            case .top: (edge, out, anchor) = (CanvasPoint(p, rect.minY), CanvasPoint(0, -1), TextAnchor(.center, .bottom))
            case .left: (edge, out, anchor) = (CanvasPoint(rect.minX, p), CanvasPoint(-1, 0), TextAnchor(.right, .middle))
            case .right: (edge, out, anchor) = (CanvasPoint(rect.maxX, p), CanvasPoint(1, 0), TextAnchor(.left, .middle))
            }
            marks.move(to: edge)
            marks.line(to: CanvasPoint(edge.x + out.x * length, edge.y + out.y * length))
            if index % every == 0, !reachesCorner(p, along: rect) {
                canvas.drawText(label, at: CanvasPoint(edge.x + out.x * gap, edge.y + out.y * gap), font: font, anchor: anchor)
            }
            if !side.isHorizontal { widest = max(widest, canvas.measureText(label, font: font).width) }
        }
        canvas.stroke(marks)
        drawTitle(on: canvas, along: rect, widestLabel: widest)
    }

    /// Whether a vertical axis's label at `p` would reach below the frame into the row of the
    /// labels under it (from `labelGap` below the frame on): a tick near the bottom corner
    /// with large text (`font_scale`), whose label would collide with the bottom axis's
    /// first one. Half a label is 0.5 em, within the 13 px gap at the reference size, so only
    /// larger text loses such a label.
    func reachesCorner(_ p: Double, along rect: CanvasRect) -> Bool {
        !side.isHorizontal && p + style.tickFont.size / 2 > rect.maxY + labelGap
    }

    /// Every how many ticks a label is written: 1, unless the labels would run into each other
    /// along the axis (large text, `font_scale`, on a short axis), and then the smallest
    /// stride that leaves a third of an em between neighbours; the ticks stay, unlabelled.
    func labelStride(_ labels: [String], along rect: CanvasRect, on canvas: Canvas) -> Int {
        guard labels.count > 2 else { return 1 }
        let font = style.tickFont, clearance = font.size / 3
        // Each label's extent along the axis: its width across a horizontal axis, its
        // height up a vertical one; centred on its tick either way.
        let spans = zip(ticks, labels).map { tick, label -> (Double, Double) in
            let p = coordinate(tick, in: rect)
            let extent = canvas.measureText(label, font: font)
            let half = (side.isHorizontal ? extent.width : extent.height) / 2
            return (p - half, p + half)
        }
        // In tick order, which runs either way along the axis (upwards on a vertical one).
        for stride in 1..<labels.count {
            let kept = spans.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
            if zip(kept, kept.dropFirst()).allSatisfy({ a, b in a.1 + clearance <= b.0 || b.1 + clearance <= a.0 }) { return stride }
        }
        return labels.count
    }

    private func drawTitle(on canvas: Canvas, along rect: CanvasRect, widestLabel: Double) {
        guard !title.isEmpty else { return }
        let gap = labelGap
        // Below or above a horizontal axis: past the labels' line, a quarter of the title's
        // size further; beside a vertical axis: past the widest label.
        let across = gap + style.tickFont.size * 1.35
        // A title along the axis keeps within the axis's length (and a title at its end within
        // the plot's width): large text (`font_scale`) on a narrow panel is made smaller rather
        // than run into what stands beside the panel.
        let along = rect.width
        switch (titlePlacement, side) {
        case (.outside, .bottom):
            TextFitting.draw(title, at: CanvasPoint(rect.midX, rect.maxY + across + style.axisTitleFont.size * 0.25),
                             font: style.axisTitleFont, anchor: TextAnchor(.center, .top), width: along, on: canvas)
        case (.outside, .top):
            TextFitting.draw(title, at: CanvasPoint(rect.midX, rect.minY - across - style.axisTitleFont.size * 0.25),
                             font: style.axisTitleFont, anchor: TextAnchor(.center, .bottom), width: along, on: canvas)
        case (.outside, .left):
            canvas.drawText(title, at: CanvasPoint(rect.minX - gap - widestLabel - style.tickFont.size * 0.8, rect.midY),
                            font: style.axisTitleFont, anchor: TextAnchor(.right, .middle))
        case (.outside, .right):
            canvas.drawText(title, at: CanvasPoint(rect.maxX + gap + widestLabel + style.tickFont.size * 0.8, rect.midY),
                            font: style.axisTitleFont, anchor: TextAnchor(.left, .middle))
        case (.atEnd, .left):
            TextFitting.draw(title, at: CanvasPoint(rect.minX, rect.minY - style.tickFont.size * 0.5), font: style.tickFont,
                             anchor: TextAnchor(.left, .bottom), width: along, on: canvas)
        case (.atEnd, .right):
            TextFitting.draw(title, at: CanvasPoint(rect.maxX, rect.minY - style.tickFont.size * 0.5), font: style.tickFont,
                             anchor: TextAnchor(.right, .bottom), width: along, on: canvas)
        case (.atEnd, .bottom):
            TextFitting.draw(title, at: CanvasPoint(rect.maxX, rect.maxY + across), font: style.tickFont,
                             anchor: TextAnchor(.right, .top), width: along, on: canvas)
        case (.atEnd, .top):
            TextFitting.draw(title, at: CanvasPoint(rect.maxX, rect.minY - across), font: style.tickFont,
                             anchor: TextAnchor(.right, .bottom), width: along, on: canvas)
        }
    }
}
