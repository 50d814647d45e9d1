import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene

/// Draws a computed figure on any Canvas: layout first (one `FigureLayout` for every kind of
/// figure), then the layers from the back (contour bands) to the front (paths, markers), then
/// axes, colorbar, legend, and the title, subtitle and footnote last.
public struct FigureRenderer {
    public let figure: Scene
    public let style: FigureStyle

    public init(_ figure: Scene) {
        self.figure = figure
        self.style = FigureStyle(width: figure.spec.width, height: figure.spec.height, theme: figure.spec.theme)
    }

    /// The layout this figure gets on `canvas` (text is measured there): maps with their
    /// colorbar and legend, or the single plot of a sweep.
    public func layout(on canvas: Canvas) -> FigureLayout {
        let spec = figure.spec
        if let sweep = figure.sweep {
            let chart = SweepChart(figure: figure, result: sweep, style: style)
            let measurements = FigureLayout.PlotMeasurements(
                hasTitle: !spec.title.isEmpty, hasSubtitle: !spec.subtitle.isEmpty, hasFootnote: !footnote.isEmpty,
                tickLabelWidth: chart.lossAxis.labelWidth(on: canvas))
            return FigureLayout(width: Double(spec.width), height: Double(spec.height), style: style, plot: measurements)
        }
        // Measured on six ticks: the widest label hardly depends on the count the map gets.
        let w2Axis = AxisRenderer(side: .left, range: figure.w2, targetCount: 6, style: style)
        let legend = Legend(figure: figure, style: style)
        let grid = spec.layout == .grid && figure.runs.count > 1
        let measurements = FigureLayout.Measurements(
            hasTitle: !spec.title.isEmpty, hasSubtitle: !spec.subtitle.isEmpty, hasFootnote: !footnote.isEmpty,
            tickLabelWidth: w2Axis.labelWidth(on: canvas),
            axisTitleWidth: canvas.measureText(spec.w2Label, font: style.axisTitleFont).width,
            colorbarLabelWidth: Colorbar(figure: figure, style: style).labelWidth(on: canvas),
            legendWidth: legend.width(on: canvas), legendHeight: legend.height,
            legendEntryCount: legend.entries.count, legendRowHeight: legend.rowHeight,
            dataAspect: spec.equalAspect ? dataAspect : nil,
            mapCount: grid ? figure.runs.count : 1, mapTitles: grid, lossCurve: spec.lossCurve,
            lossTickLabelWidth: spec.lossCurve ? LossCurve(figure: figure, style: style).tickLabelWidth(on: canvas) : 0)
        return FigureLayout(width: Double(spec.width), height: Double(spec.height), style: style, measurements: measurements)
    }

    /// The window's w2 span over its w1 span: the height of a map over its width in equal units.
    var dataAspect: Double {
        let w1 = figure.w1, w2 = figure.w2
        return (w2.upperBound - w2.lowerBound) / (w1.upperBound - w1.lowerBound)
    }

    /// Lays the figure out, draws its body (the maps and their keys, or the sweep chart), then
    /// the title, subtitle and footnote where the layout's page puts them.
    public func draw(on canvas: Canvas) {
        let layout = layout(on: canvas)
        if let sweep = figure.sweep {
            SweepChart(figure: figure, result: sweep, style: style).draw(on: canvas, in: layout.plot)
        } else {
            drawMaps(layout, on: canvas)
            Colorbar(figure: figure, style: style).draw(on: canvas, in: layout.colorbar)
            if let panel = layout.lossCurve {
                LossCurve(figure: figure, style: style).draw(on: canvas, in: panel)
            }
            Legend(figure: figure, style: style).draw(on: canvas, in: layout.legend, placement: layout.legendPlacement)
        }
        drawPageText(layout, on: canvas)
    }

    /// Each map: bands, paths, markers, axes, and in a grid the map's own title.
    private func drawMaps(_ layout: FigureLayout, on canvas: Canvas) {
        let grid = layout.maps.count > 1
        for (i, rect) in layout.maps.enumerated() {
            let transform = PlotTransform(w1: figure.w1, w2: figure.w2, rect: rect)
            canvas.save()
            canvas.clip(to: .rect(rect))
            let runs = grid ? [figure.runs[i]] : figure.runs
            ContourLayer(figure: figure, runs: runs, style: style, transform: transform).draw(on: canvas)
            canvas.restore()
            RunLayer(figure: figure, runs: runs, style: style, transform: transform).draw(on: canvas)
            MarkerLayer(figure: figure, style: style, transform: transform).draw(on: canvas)
            Axes(spec: figure.spec, style: style, transform: transform,
                 showsW1Title: layout.showsW1Title[i], showsW2Title: layout.showsW2Title[i]).draw(on: canvas)
            if grid {
                // The panel's title: its run and outcome, or the label alone if both do not
                // fit over the map (the legend still gives the outcome).
                let run = figure.runs[i]
                let font = Font(size: style.tickFont.size, bold: true)
                let label = run.label
                let full = "\(label) · \(run.trajectory.outcome.phrase)"
                let title = canvas.measureText(full, font: font).width <= rect.width ? full : label
                canvas.setColor(style.text)
                canvas.drawText(title, at: CanvasPoint(rect.minX, rect.minY - style.tickFont.size * 0.5),
                                font: font, anchor: TextAnchor(.left, .bottom))
            }
        }
    }

    /// The title, subtitle and footnote, each shrunk to fit the width between the margins.
    private func drawPageText(_ layout: FigureLayout, on canvas: Canvas) {
        let spec = figure.spec
        let width = Double(spec.width) - 2 * style.margin
        if !spec.title.isEmpty {
            canvas.setColor(style.text)
            TextFitting.draw(spec.title, at: layout.titleBaseline, font: style.titleFont,
                             anchor: TextAnchor(.center, .baseline), width: width, on: canvas)
        }
        if !spec.subtitle.isEmpty {
            canvas.setColor(style.mutedText)
            TextFitting.draw(spec.subtitle, at: layout.subtitleBaseline, font: style.subtitleFont,
                             anchor: TextAnchor(.center, .baseline), width: width, on: canvas)
        }
        if !footnote.isEmpty {
            canvas.setColor(style.mutedText)
            TextFitting.draw(footnote, at: layout.footnoteBaseline, font: style.legendNoteFont,
                             anchor: TextAnchor(.left, .baseline), width: width, on: canvas)
        }
    }

    /// The footnote: the config's, else the critical learning rate and how it was found when
    /// the legend shows rates relative to it.
    var footnote: String {
        if !figure.spec.footnote.isEmpty { return figure.spec.footnote }
        if figure.stability == nil, let problem = figure.stabilityProblem {
            // Say why rates are labelled absolutely rather than leave the reader guessing.
            return "η_crit unknown: " + problem
        }
        guard let report = figure.stability, figure.runs.contains(where: { $0.criticalLearningRate != nil }) else {
            return ""
        }
        return report.footnote
    }


}

extension Scene {
    /// The levels as written on the colorbar and on isolines (typographic minus signs).
    var levelLabelTexts: [String] {
        Colorbar.levelTexts(levels).map(NumberFormatting.typographic)
    }
}
