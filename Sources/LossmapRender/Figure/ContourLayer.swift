import LossmapContour

/// The contour map: hatching where the surface is undefined, filled bands, thin isolines.
///
/// Bands are painted as stacked superlevel sets (d3-contour's approach): first the whole
/// defined region in the lowest band's colour, then for each level the region at or above
/// it in the next colour. Each layer covers the one below, so neighbouring bands share no
/// antialiased seam, and holes come out right with the even-odd rule.
struct ContourLayer {
    let figure: ComputedFigure
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
        canvas.setColor(colors[0])
        canvas.fill(transform.path(figure.definedRegion), rule: .evenOdd)
        for (i, polygons) in figure.superlevelSets.enumerated() where !polygons.isEmpty {
            canvas.setColor(colors[i + 1])
            canvas.fill(transform.path(polygons), rule: .evenOdd)
        }
        canvas.setColor(style.isoline)
        canvas.setLineWidth(style.isolineWidth)
        for isoline in figure.isolines where !isoline.lines.isEmpty {
            canvas.stroke(transform.path(isoline))
        }
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
