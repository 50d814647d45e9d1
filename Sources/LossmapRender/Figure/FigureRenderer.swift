import LossmapThreads
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
    /// The layout to draw with instead of laying the figure out on each call: an animation
    /// lays it out once for all its frames (it is the same for every frame).
    public var fixedLayout: FigureLayout?

    public init(_ figure: Scene) {
        self.figure = figure
        self.style = FigureStyle(figure.spec)
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
        if let phase = figure.phase {
            let chart = PhaseChart(figure: figure, phase: phase, style: style)
            let measurements = FigureLayout.PlotMeasurements(
                hasTitle: !spec.title.isEmpty, hasSubtitle: !spec.subtitle.isEmpty, hasFootnote: !footnote.isEmpty,
                tickLabelWidth: chart.momentumAxis.labelWidth(on: canvas))
            return FigureLayout(width: Double(spec.width), height: Double(spec.height), style: style, plot: measurements)
        }
        // Measured on six ticks: the widest label hardly depends on the count the map gets.
        let w2Axis = AxisRenderer(side: .left, range: figure.w2, targetCount: 6, style: style)
        let legend = Legend(figure: figure, style: style)
        let grid = spec.layout == .grid && figure.runs.count > 1
        // The mountain is fitted into its panel, whose shape suits a box seen from the side.
        let aspect = spec.view == .surface ? SurfaceView.panelAspect : (spec.equalAspect ? dataAspect : nil)
        let measurements = FigureLayout.Measurements(
            hasTitle: !spec.title.isEmpty, hasSubtitle: !spec.subtitle.isEmpty, hasFootnote: !footnote.isEmpty,
            tickLabelWidth: w2Axis.labelWidth(on: canvas),
            axisTitleWidth: canvas.measureText(spec.w2Label, font: style.axisTitleFont).width,
            colorbarLabelWidth: Colorbar(figure: figure, style: style).labelWidth(on: canvas),
            legendWidth: legend.width(on: canvas), legendHeight: legend.height,
            legendEntryCount: legend.entries.count, legendRowHeight: legend.rowHeight,
            dataAspect: aspect,
            mapCount: grid ? figure.runs.count : (spec.view == .both ? 2 : 1), mapTitles: grid, lossCurve: spec.lossCurve,
            lossTickLabelWidth: max(spec.lossCurve ? LossCurve(figure: figure, style: style).tickLabelWidth(on: canvas) : 0,
                                    slicePanel?.tickLabelWidth(on: canvas) ?? 0,
                                    spec.rateCurve ? RateCurve(figure: figure, style: style).tickLabelWidth(on: canvas) : 0))
        var laidOut = measurements
        // Larger text than the reference's may need the legend wrapped to leave the maps room,
        // or where even that leaves it no room on the page, smaller: from the figure's font
        // scale down to 1 in tenths of it.
        if style.fontScale > 1 {
            func size(_ legend: Legend) -> FigureLayout.LegendSize {
                FigureLayout.LegendSize(width: legend.width(on: canvas), height: legend.height, rowHeight: legend.rowHeight)
            }
            laidOut.wrappedLegend = size(Legend(figure: figure, style: style, wrapped: true))
            var scales = stride(from: 0.9, to: 1 / style.fontScale, by: -0.1).map { style.fontScale * $0 }
            scales.append(1)
            laidOut.smallerLegends = scales.map { scale in
                var smaller = style
                smaller.fontScale = scale
                return FigureLayout.SmallerLegend(fontScale: scale, plain: size(Legend(figure: figure, style: smaller)),
                                                  wrapped: size(Legend(figure: figure, style: smaller, wrapped: true)))
            }
        }
        laidOut.slice = slicePanel != nil
        laidOut.rateCurve = spec.rateCurve && spec.kind.isMap && spec.view != .surface
        if spec.view == .both { laidOut.columns = 2 }
        return FigureLayout(width: Double(spec.width), height: Double(spec.height), style: style, measurements: laidOut)
    }

    /// The panel of the loss along an explained step's line, when one asks for it (maps only).
    var slicePanel: SlicePanel? {
        figure.spec.kind.isMap && figure.spec.view != .surface ? SlicePanel(figure: figure, style: style) : nil
    }

    /// The window's w2 span over its w1 span: the height of a map over its width in equal units.
    var dataAspect: Double {
        let w1 = figure.w1, w2 = figure.w2
        return (w2.upperBound - w2.lowerBound) / (w1.upperBound - w1.lowerBound)
    }

    /// Lays the figure out, draws its body (the maps and their keys, or the sweep chart), then
    /// the title, subtitle and footnote where the layout's page puts them.
    public func draw(on canvas: Canvas) {
        draw(on: canvas, frame: nil)
    }

    /// What a frame of an animation draws: all of it, or the part that is the same in every
    /// frame (bands, isolines, axes, colorbar, the loss panel's axes, page text), or the part
    /// that changes (paths, walkers, markers, badges, legend, loss curves, counter).
    /// Drawn on the background, the foreground gives exactly the frame drawn whole.
    public enum FrameLayers: Sendable {
        case all, background, foreground

        var background: Bool { self != .foreground }
        var foreground: Bool { self != .background }
    }

    /// The frame at `step` of an animated figure: what the still figure would show if every
    /// run had stopped at that step, plus the walkers (each run's current point) and the
    /// step counter. Laid out as the whole figure is, so nothing moves between frames: the
    /// legend keeps its width and the loss panel its axes, and contour labels stay where
    /// the finished paths leave room for them.
    public func drawFrame(step: Int, layers: FrameLayers = .all, on canvas: Canvas) {
        draw(on: canvas, frame: FrameState(step: step, layers: layers))
    }

    /// A frame to draw: its step and which of its layers.
    struct FrameState {
        var step: Int
        var layers: FrameLayers
    }

    private func draw(on canvas: Canvas, frame: FrameState?) {
        PhaseTrace.mark("draw: layout")
        let layout = fixedLayout ?? layout(on: canvas)
        let layers = frame?.layers ?? .all
        if let sweep = figure.sweep {
            SweepChart(figure: figure, result: sweep, style: style).draw(on: canvas, in: layout.plot)
        } else if let phase = figure.phase {
            PhaseChart(figure: figure, phase: phase, style: style).draw(on: canvas, in: layout.plot)
        } else {
            let runs = frame.map { f in figure.runs.map { $0.atStep(f.step) } } ?? figure.runs
            drawMaps(layout, runs: runs, frame: frame, on: canvas)
            PhaseTrace.mark("draw: maps done")
            if layers.background { Colorbar(figure: figure, style: style).draw(on: canvas, in: layout.colorbar) }
            if let panel = layout.lossCurve {
                let curve = LossCurve(figure: figure, style: style)
                if layers.background { curve.drawAxes(on: canvas, in: panel) }
                if layers.foreground { curve.drawCurves(runs, on: canvas, in: panel) }
            }
            if let panel = layout.slice, layers.background { slicePanel?.draw(on: canvas, in: panel) }
            if let panel = layout.rateCurve, layers.foreground { RateCurve(figure: figure, style: style).draw(runs, on: canvas, in: panel) }
            if layers.foreground {
                var legendStyle = style
                if let scale = layout.legendFontScale { legendStyle.fontScale = scale }
                Legend(figure: figure, style: legendStyle, runs: runs, wrapped: layout.legendWrapped)
                    .draw(on: canvas, in: layout.legend, placement: layout.legendPlacement)
            }
        }
        if layers.background { drawPageText(layout, on: canvas) }
    }

    /// Each map: bands, paths, markers, axes, and in a grid the map's own title. `runs` are
    /// the runs as the frame shows them (the figure's own in the still figure).
    private func drawMaps(_ layout: FigureLayout, runs frameRuns: [SceneRun], frame: FrameState?, on canvas: Canvas) {
        let grid = layout.maps.count > 1 && figure.spec.view == .map
        let layers = frame?.layers ?? .all
        for (i, rect) in layout.maps.enumerated() {
            // The mountain: drawn whole with what moves, since its paths lie between its faces.
            if figure.spec.view == .surface || (figure.spec.view == .both && i == 1) {
                if layers.foreground {
                    var view = SurfaceView(figure: figure, runs: frameRuns, style: style, rect: rect)
                    view.walkers = frame != nil && figure.spec.animation != nil
                    if let frame, let steps = figure.frames?.steps, steps.count > 1 {
                        // The orbit turns evenly frame by frame and ends at the camera's azimuth.
                        let index = steps.firstIndex { $0 >= frame.step } ?? steps.count - 1
                        view.azimuthOffset = -figure.spec.camera.orbit * (1 - Double(index) / Double(steps.count - 1))
                    }
                    view.counterStep = frame.flatMap { f in figure.spec.animation?.counter == true && figure.spec.view == .surface ? f.step : nil }
                    view.draw(on: canvas)
                }
                continue
            }
            let transform = PlotTransform(w1: figure.w1, w2: figure.w2, rect: rect)
            let runs = grid ? [frameRuns[i]] : frameRuns
            if layers.background {
                canvas.save()
                canvas.clip(to: .rect(rect))
                // Labels are placed away from the finished paths, in every frame alike.
                ContourLayer(figure: figure, runs: grid ? [figure.runs[i]] : figure.runs, style: style, transform: transform)
                    .draw(on: canvas)
                canvas.restore()
            }
            // The eigen-directions lie under the paths; their table and the callouts over them.
            let eigen = figure.eigen.map {
                EigenLayer(figure: figure, eigen: $0, style: style, transform: transform, shownRuns: grid ? [i] : nil).fitted(on: canvas)
            }
            if layers.foreground { eigen?.drawAxes(on: canvas) }
            if layers.foreground {
                var layer = RunLayer(figure: figure, runs: runs, style: style, transform: transform)
                if let frame, let animation = figure.spec.animation {
                    layer.walkers = true
                    layer.trail = animation.trail
                    layer.step = frame.step
                }
                PhaseTrace.mark("draw: contour layer done")
                let badges = layer.draw(on: canvas)
                PhaseTrace.mark("draw: runs")
                MarkerLayer(figure: figure, style: style, transform: transform).draw(on: canvas)
                // Insets over the paths; the eigen table and the callouts keep clear of them.
                eigen?.drawLabels(on: canvas)
                let labels = eigen?.labelBoxes(on: canvas) ?? []
                var counter: [CanvasRect] = []
                if figure.spec.animation?.counter == true, !figure.insets.isEmpty {
                    let last = figure.frames?.lastStep ?? 0
                    counter = [StepCounter(figure: figure, style: style, transform: transform)
                        .corner(for: StepCounter.size(of: last, style: style, on: canvas))]
                }
                let insets = grid ? [] : InsetLayer(figure: figure, style: style, transform: transform).placed(avoiding: counter + badges + labels)
                InsetLayer(figure: figure, style: style, transform: transform).draw(insets, runs: runs, walkers: layer, on: canvas)
                var avoid = badges + insets.map(\.panel) + labels
                if let eigen {
                    let box = eigen.tableBox(on: canvas, avoiding: avoid)
                    eigen.drawTable(in: box, on: canvas)
                    avoid.append(box)
                }
                var explained = ExplanationLayer(figure: figure, style: style, transform: transform, shownRuns: grid ? [i] : nil)
                explained.avoid = avoid
                explained.step = frame?.step
                explained.fitted(on: canvas).draw(on: canvas)
            }
            let axes = Axes(spec: figure.spec, style: style, transform: transform,
                            showsW1Title: layout.showsW1Title[i], showsW2Title: layout.showsW2Title[i])
            // The ticks lie outside the map and belong to the background; the frame line lies
            // over the paths, so it is drawn with them (once: a line stroked twice darkens).
            if layers.background { axes.drawTicks(on: canvas) }
            if layers.foreground { axes.drawFrame(on: canvas) }
            if layers.foreground {
                if grid { drawPanelTitle(runs[0], over: rect, on: canvas) }
                if let frame, figure.spec.animation?.counter ?? false, !grid || i == 0 {
                    StepCounter(figure: figure, style: style, transform: transform)
                        .draw(step: frame.step, of: figure.frames?.lastStep ?? frame.step, on: canvas)
                }
            }
        }
    }

    /// A grid panel's title: its run and outcome, or the label alone if both do not fit over
    /// the map (the legend still gives the outcome), or while the outcome is not known.
    private func drawPanelTitle(_ run: SceneRun, over rect: CanvasRect, on canvas: Canvas) {
        let font = Font(size: style.tickFont.size, bold: true)
        let label = run.label
        let full = "\(label) · \(run.trajectory.outcome.phrase)"
        let title = run.outcomeKnown && canvas.measureText(full, font: font).width <= rect.width ? full : label
        canvas.setColor(style.text)
        // Shrunk to the map's width: a long label must not run into the next panel's title.
        TextFitting.draw(title, at: CanvasPoint(rect.minX, rect.minY - style.tickFont.size * 0.5),
                         font: font, anchor: TextAnchor(.left, .bottom), width: rect.width, on: canvas)
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

extension FigureRenderer {
    /// The colours the figure is made of, opaque, as they land on its background: the theme's
    /// (background, text, muted text, halo, marker fill and outline, isoline), every run's and
    /// every band's. An indexed format (GIF) keeps these exactly in its palette.
    public var keyColors: [RGBA] {
        let theme = figure.spec.theme
        let bands = ContourLayer.bandColors(levelCount: figure.levels.count, colormap: figure.spec.surface.colormap)
        let furniture = [theme.background, theme.text, theme.mutedText, theme.markerFill, theme.markerOutline, theme.halo,
                         theme.isoline, theme.diverged]
        return (furniture + figure.runs.map(\.color) + bands).map { $0.over(theme.background) }
    }
}

extension RGBA {
    /// This colour painted over an opaque `base`: what a translucent colour looks like there.
    func over(_ base: RGBA) -> RGBA {
        RGBA(red: red * alpha + base.red * (1 - alpha), green: green * alpha + base.green * (1 - alpha),
             blue: blue * alpha + base.blue * (1 - alpha))
    }
}
