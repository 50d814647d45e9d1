import LossmapThreads
import LossmapCanvas
import LossmapScene
import LossmapSpec

/// The contour map: hatching where the surface is undefined, filled bands, thin isolines.
///
/// On a raster canvas the bands are looked up per pixel (`BandRaster`). On a vector canvas
/// they are painted as stacked superlevel sets (d3-contour's approach): first the whole
/// defined region in the lowest band's colour, then for each level the region at or above
/// it in the next colour. Each layer covers the one below, so neighbouring bands share no
/// antialiased seam, and holes come out right with the even-odd rule.
struct ContourLayer {
    let figure: Scene
    /// The runs drawn on this map, which labels must not cover.
    let runs: [SceneRun]
    let style: FigureStyle
    let transform: PlotTransform

    func draw(on canvas: Canvas) {
        let rect = transform.rect
        if figure.hasMaskedCells {
            canvas.setColor(style.maskFill)
            canvas.fill(.rect(rect), rule: .nonZero)
            canvas.setColor(style.maskHatch)
            canvas.setLineWidth(1.2 * style.unit)
            canvas.stroke(Self.hatching(rect, spacing: 12 * style.unit))
        }
        let colors = Self.bandColors(levelCount: figure.levels.count, colormap: figure.spec.surface.colormap)
        let labels = figure.spec.surface.contourLabels ? placeLabels(on: canvas) : []
        if let scale = canvas.pixelScale {
            PhaseTrace.mark("draw: contour start")
            // Isolines cut under labels need the canvas's clip; without labels they go into the
            // bands' pixels, in the same pass.
            let isolines = labels.isEmpty ? BandRaster.Isolines(width: style.isolineWidth * scale, color: style.isoline) : nil
            if !BandRaster.paint(grid: figure.grid, levels: figure.levels, colors: colors, transform: transform,
                                 scale: scale, isolines: isolines, on: canvas) {
                canvas.drawPixels(BandRaster.image(grid: figure.grid, levels: figure.levels, colors: colors,
                                                   transform: transform, scale: scale, isolines: isolines))
            }
            PhaseTrace.mark("draw: bands and isolines")
        } else {
            canvas.setColor(colors[0])
            canvas.fill(transform.path(figure.definedRegion), rule: .evenOdd)
            for (i, polygons) in figure.superlevelSets.enumerated() where !polygons.isEmpty {
                canvas.setColor(colors[i + 1])
                canvas.fill(transform.path(polygons), rule: .evenOdd)
            }
        }
        if canvas.pixelScale != nil && labels.isEmpty { return }
        if !labels.isEmpty {
            // Cut the isolines under the labels: clip to the frame minus the label boxes.
            var cut = CanvasPath.rect(rect.insetBy(-2))
            for label in labels { cut.addPolyline(label.box, closed: true) }
            canvas.save()
            canvas.clip(to: cut, rule: .evenOdd)
        }
        canvas.setColor(style.isoline)
        canvas.setLineWidth(style.isolineWidth)
        for isoline in figure.isolines where !isoline.lines.isEmpty {
            canvas.stroke(transform.path(isoline))
        }
        if !labels.isEmpty {
            canvas.restore()
            let levelIndex = Dictionary(figure.levelLabelTexts.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for label in labels {
                // Light text on the dark end of the colormap, dark text on the light end.
                let i = levelIndex[label.text] ?? 0
                let under = colors[min(i + 1, colors.count - 1)]
                canvas.setColor(under.luminance < 0.3 ? style.theme.labelOnDark : style.theme.labelOnLight)
                canvas.drawText(label.text, at: label.center, font: style.contourLabelFont, anchor: TextAnchor(.center, .middle),
                                angle: label.angle)
            }
        }
    }

    /// Labels for the isolines, kept clear of every descent path drawn on this map.
    func placeLabels(on canvas: Canvas) -> [ContourLabel] {
        let texts = figure.levelLabelTexts
        var obstacles: [(CanvasPoint, CanvasPoint)] = []
        for run in runs {
            let points = run.trajectory.points.map(transform.point)
            for (a, b) in zip(points, points.dropFirst()) {
                if let clipped = clipSegment(a, b, to: transform.rect.insetBy(-20)) { obstacles.append(clipped) }
            }
            if let p = points.first { obstacles.append((p, p)) }
        }
        // The minimum stars too: their bounding squares.
        for minimum in figure.surface.minima {
            let c = transform.point(minimum), r = style.starRadius
            let corners = [CanvasPoint(c.x - r, c.y - r), CanvasPoint(c.x + r, c.y - r), CanvasPoint(c.x + r, c.y + r), CanvasPoint(c.x - r, c.y + r)]
            for k in 0..<4 { obstacles.append((corners[k], corners[(k + 1) % 4])) }
        }
        // With many levels, label every other one so the map does not drown in numbers.
        let stride = figure.levels.count > 12 ? 2 : 1
        var lines: [(level: Int, points: [CanvasPoint])] = []
        for (i, isoline) in figure.isolines.enumerated() where i % stride == stride - 1 {
            for line in isoline.lines { lines.append((i, line.points.map(transform.point))) }
        }
        let placer = ContourLabelPlacer(spacing: 420 * style.unit, padding: 4 * style.unit, frame: transform.rect,
                                        obstacles: obstacles, clearance: style.haloWidth + 6 * style.unit)
        return placer.place(lines: lines, text: { texts[$0] }, size: { text in
            let extent = canvas.measureText(text, font: style.contourLabelFont)
            return (extent.width, extent.height)
        })
    }

    /// Colours of the levelCount + 1 bands, from the colormap's start to its end.
    static func bandColors(levelCount: Int, colormap: Colormap) -> [RGBA] {
        guard levelCount > 0 else { return [colormap.color(at: 0.5)] }
        return (0...levelCount).map { colormap.color(at: Double($0) / Double(levelCount)) }
    }

    /// Diagonal lines across `rect` every `spacing` pixels.
    static func hatching(_ rect: CanvasRect, spacing: Double) -> CanvasPath {
        var path = CanvasPath()
        var offset = -rect.height
        while offset < rect.width {
            path.move(to: CanvasPoint(rect.minX + offset, rect.maxY))
            path.line(to: CanvasPoint(rect.minX + offset + rect.height, rect.minY))
            offset += spacing
        }
        return path
    }
}
