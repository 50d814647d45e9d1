import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene

/// The Hessian's eigen-directions on the map (`eigen = true`): two axes through the minimum,
/// each as long as the contour ellipse it spans and labelled λ₁ (shallow) or λ₂ (steep) at
/// its end, and a table of every run's factor |1 − ηλᵢ| per step along each, a factor above
/// 1 marked ▲: along that direction the run is thrown further out every step.
struct EigenLayer {
    let figure: Scene
    let eigen: EigenDirections
    let style: FigureStyle
    let transform: PlotTransform
    /// The runs on this map, by index: all in an overlay, one in a grid's panel.
    var shownRuns: [Int]

    init(figure: Scene, eigen: EigenDirections, style: FigureStyle, transform: PlotTransform, shownRuns: [Int]? = nil) {
        self.figure = figure
        self.eigen = eigen
        self.style = style
        self.transform = transform
        self.shownRuns = shownRuns ?? Array(figure.runs.indices)
    }

    /// The table's text size relative to the legend's notes: below 1 when the table would not
    /// fit the map's width (a grid's small panels), never below `smallestTextScale`.
    var textScale = 1.0
    static let smallestTextScale = 0.6

    var font: Font { Font(size: style.legendNoteFont.size * textScale) }
    var boldFont: Font { Font(size: style.legendNoteFont.size * textScale, bold: true) }
    var noteFont: Font { Font(size: style.legendNoteFont.size * 0.85 * textScale) }
    static let note = "▲ above 1: thrown further out along that direction every step"
    var padding: Double { 8 * style.unit * textScale }
    var rowHeight: Double { style.legendNoteFont.size * 1.35 * textScale }

    /// This layer with its text shrunk so the table fits the map's width.
    func fitted(on canvas: Canvas) -> EigenLayer {
        var layer = self
        layer.textScale = 1
        let width = layer.tableGeometry(on: canvas).size.width
        let room = transform.rect.width - 20 * style.unit
        // Larger text (`font_scale`) may shrink as far as the text at font scale 1 may.
        if width > room, width > 0 { layer.textScale = max(room / width, Self.smallestTextScale / max(style.fontScale, 1)) }
        return layer
    }

    /// The axes' ends in canvas pixels: (shallow −, shallow +), (steep −, steep +).
    var axes: [(CanvasPoint, CanvasPoint)] {
        let p = eigen.point
        return [(eigen.vectors.smaller, eigen.semiAxes.smaller), (eigen.vectors.larger, eigen.semiAxes.larger)].map { v, a in
            (transform.point(p - a * v), transform.point(p + a * v))
        }
    }

    /// "λ₁ = 0.4" and "λ₂ = 20".
    var eigenvalueLabels: [String] {
        ["λ₁ = \(ExplanationText.number(eigen.eigenvalues.smaller))", "λ₂ = \(ExplanationText.number(eigen.eigenvalues.larger))"]
    }

    /// A factor as the table writes it: three significant digits, ▲ above 1, "–" for none.
    static func factorText(_ factor: Double?) -> String {
        guard let f = factor else { return "–" }
        // 1 − ηλ at η = 1/λ is 0 up to rounding (1e-17): written as the 0 it is.
        let text = abs(f) < 1e-9 ? "0" : ExplanationText.number(f)
        return f > 1 ? text + " ▲" : text
    }

    /// The table's rows: the heading, then one per run (label, factor along λ₁, along λ₂).
    var rows: [[String]] {
        // Momentum's factor is its iteration's spectral radius, not |1 − ηλ|: the heading says so.
        let momentum = shownRuns.contains { i in
            switch figure.runs[i].spec.method { case .momentum, .nesterov: return true; default: return false }
        }
        return [[momentum ? "factor per step (|1 − ηλ|; momentum: ρ)" : "|1 − ηλ| per step"] + eigenvalueLabels.map { "along " + $0 }]
            + shownRuns.map { i in
                let f = eigen.factors[i]
                return [figure.runs[i].label, Self.factorText(f.smaller), Self.factorText(f.larger)]
            }
    }

    /// The table's size and its columns' left edges (relative to the box).
    func tableGeometry(on canvas: Canvas) -> (size: (width: Double, height: Double), columns: [Double]) {
        let rows = self.rows
        let swatch = 18 * style.unit * textScale
        var widths = [0.0, 0.0, 0.0]
        for (i, row) in rows.enumerated() {
            for (j, cell) in row.enumerated() {
                let w = canvas.measureText(cell, font: i == 0 ? boldFont : font).width + (j == 0 && i > 0 ? swatch : 0)
                widths[j] = max(widths[j], w)
            }
        }
        let gap = 18 * style.unit * textScale
        let columns = [padding, padding + widths[0] + gap, padding + widths[0] + gap + widths[1] + gap]
        let note = canvas.measureText(Self.note, font: noteFont).width + 2 * padding
        let width = max(columns[2] + widths[2] + padding, note)
        let footnote = 1
        return ((width, Double(rows.count + footnote) * rowHeight + 2 * padding - rowHeight * 0.3), columns)
    }

    /// Draws the axes, under the paths (their labels and the table are drawn over them).
    func drawAxes(on canvas: Canvas) {
        canvas.save()
        canvas.clip(to: .rect(transform.rect))
        for end in axes {
            var line = CanvasPath()
            line.move(to: end.0)
            line.line(to: end.1)
            canvas.setColor(style.halo)
            canvas.setLineWidth(5.5 * style.unit)
            canvas.stroke(line)
            canvas.setColor(style.text)
            canvas.setLineWidth(2.2 * style.unit)
            canvas.stroke(line)
            // Arrowheads at both ends: a direction, not a segment.
            for (tip, tail) in [(end.1, end.0), (end.0, end.1)] {
                let d = CanvasPoint(tip.x - tail.x, tip.y - tail.y)
                canvas.fill(Markers.arrowhead(tip: tip, direction: d, length: 12 * style.unit), rule: .nonZero)
            }
        }
        canvas.restore()
    }

    /// The eigenvalues' labels at the axes' ends, drawn over the paths.
    func drawLabels(on canvas: Canvas) {
        for (end, label) in zip(axes, eigenvalueLabels) { drawLabel(label, beyond: end.1, from: end.0, on: canvas) }
    }

    /// The eigenvalue labels' cards, where `drawAxes` puts them.
    func labelBoxes(on canvas: Canvas) -> [CanvasRect] {
        zip(axes, eigenvalueLabels).map { end, label in labelGeometry(label, beyond: end.1, from: end.0, on: canvas).box }
    }

    /// A label just past `tip` along the axis, on a halo card, kept inside the frame.
    private func drawLabel(_ text: String, beyond tip: CanvasPoint, from tail: CanvasPoint, on canvas: Canvas) {
        let (c, box) = labelGeometry(text, beyond: tip, from: tail, on: canvas)
        canvas.setColor(style.theme.markerFill.withAlpha(0.9))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(style.text)
        canvas.drawText(text, at: c, font: boldFont, anchor: TextAnchor(.center, .middle))
    }

    private func labelGeometry(_ text: String, beyond tip: CanvasPoint, from tail: CanvasPoint,
                               on canvas: Canvas) -> (center: CanvasPoint, box: CanvasRect) {
        let extent = canvas.measureText(text, font: boldFont)
        let dx = tip.x - tail.x, dy = tip.y - tail.y, length = max(hypot(dx, dy), 1e-9)
        let gap = 10 * style.unit + max(extent.width, extent.height) / 2
        var c = CanvasPoint(tip.x + dx / length * gap, tip.y + dy / length * gap)
        let frame = transform.rect.insetBy(4 * style.unit)
        c.x = min(max(c.x, frame.minX + extent.width / 2 + 3 * style.unit), frame.maxX - extent.width / 2 - 3 * style.unit)
        c.y = min(max(c.y, frame.minY + extent.height / 2 + 2 * style.unit), frame.maxY - extent.height / 2 - 2 * style.unit)
        let box = CanvasRect(x: c.x - extent.width / 2 - 4 * style.unit, y: c.y - extent.height / 2 - 3 * style.unit,
                             width: extent.width + 8 * style.unit, height: extent.height + 6 * style.unit)
        return (c, box)
    }

    /// Where the table goes: the free place nearest a corner, clear of the paths.
    func tableBox(on canvas: Canvas, avoiding placed: [CanvasRect] = []) -> CanvasRect {
        let geometry = tableGeometry(on: canvas)
        let polylines = shownRuns.map { figure.runs[$0].trajectory.points.map(transform.point) } + axes.map { [$0.0, $0.1] }
        var placement = CalloutPlacement(frame: transform.rect, pathSamples: CalloutPlacement.samples(of: polylines),
                                         placed: placed, margin: 8 * style.unit)
        placement.keyPoints = ExplanationLayer.keyPoints(figure, transform: transform)
        return placement.place(size: geometry.size, anchor: nil).box
    }

    func drawTable(in box: CanvasRect, on canvas: Canvas) {
        let geometry = tableGeometry(on: canvas)
        canvas.setColor(style.theme.markerFill.withAlpha(0.94))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(style.mutedText)
        canvas.setLineWidth(style.unit)
        canvas.stroke(.rect(box))
        var y = box.minY + padding + rowHeight * 0.75
        let swatch = 18 * style.unit * textScale
        for (i, row) in rows.enumerated() {
            for (j, cell) in row.enumerated() {
                var x = box.minX + geometry.columns[j]
                if j == 0, i > 0 {
                    let run = figure.runs[shownRuns[i - 1]]
                    canvas.setColor(run.color)
                    canvas.fill(Markers.circle(at: CanvasPoint(x + 6 * style.unit * textScale, y - font.size * 0.33), radius: 6 * style.unit * textScale),
                                rule: .nonZero)
                    x += swatch
                }
                canvas.setColor(cell.hasSuffix("▲") ? style.diverged : style.text)
                canvas.drawText(cell, at: CanvasPoint(x, y), font: i == 0 ? boldFont : font, anchor: TextAnchor(.left, .baseline))
            }
            y += rowHeight
        }
        canvas.setColor(style.mutedText)
        canvas.drawText(Self.note, at: CanvasPoint(box.minX + padding, y - rowHeight * 0.15), font: noteFont,
                        anchor: TextAnchor(.left, .baseline))
    }
}
