import Foundation
import LossmapCanvas
import LossmapContour
import LossmapCore
import LossmapScene

/// The key to the band colours: one equal-height swatch per band, bottom (lowest loss) to
/// top, labelled with the level values at the boundaries between them. Equal heights make
/// the bar read linearly for linear levels and logarithmically for log levels alike.
struct Colorbar {
    let figure: Scene
    let style: FigureStyle

    /// The boundary labels, thinned so that they stand at least 1.6 font heights apart.
    func labels(height: Double) -> [(index: Int, text: String)] {
        let levels = figure.levels
        guard !levels.isEmpty else { return [] }
        let bandHeight = height / Double(levels.count + 1)
        let stride = max(1, Int((style.tickFont.size * 1.6 / max(bandHeight, 1e-9)).rounded(.up)))
        let texts = figure.levelLabelTexts
        // Thin from a power of ten above the minimum when there is one, so a log scale keeps
        // 1, 10, 100 labelled rather than 0.7, 7, 70; else from the roundest level (0 on a
        // scale through it), so −1, 0, 10 stay labelled rather than −0.98, 1, 20.
        let anchor = levels.firstIndex(where: isPowerOfTenAboveMinimum) ?? Self.roundestIndex(levels)
        return levels.indices.filter { ($0 - anchor) % stride == 0 }.map { ($0, texts[$0]) }
    }

    /// Whether `level` sits a power of ten above the surface's lowest sampled value.
    func isPowerOfTenAboveMinimum(_ level: Double) -> Bool {
        guard let range = figure.lossRange else { return false }
        let above = level - ContourLevels.logBase(of: range)
        guard above > 0 else { return false }
        let power = Foundation.log10(above)
        return abs(power - power.rounded()) < 1e-9
    }

    /// The index of the roundest level (see `ContourLevels.roundness`), the first of equals.
    static func roundestIndex(_ levels: [Double]) -> Int {
        let scores = levels.map(ContourLevels.roundness)
        return scores.max().flatMap { scores.firstIndex(of: $0) } ?? 0
    }

    /// Each level as it is, when it has at most six significant digits (the levels chosen
    /// from the data are round: "−1.03", "0.5", "20"); otherwise three significant digits for
    /// all, and more where needed to tell neighbouring levels apart.
    static func levelTexts(_ levels: [Double]) -> [String] {
        let exact = levels.map { level in
            (1...6).lazy.map { NumberFormatting.significant(level, digits: $0) }.first { Double($0) == level }
        }
        if exact.allSatisfy({ $0 != nil }) { return exact.map { $0! } }
        for digits in 3...8 {
            let texts = levels.map { NumberFormatting.significant($0, digits: digits) }
            if Set(texts).count == texts.count { return texts }
        }
        return levels.map { NumberFormatting.compact($0) }
    }

    func labelWidth(on canvas: Canvas) -> Double {
        var widths = labels(height: 800 * style.unit).map { canvas.measureText($0.text, font: style.tickFont).width }
        widths.append(canvas.measureText("loss", font: style.tickFont).width - style.colorbarWidth)
        return widths.max() ?? 0
    }

    func draw(on canvas: Canvas, in rect: CanvasRect) {
        let levels = figure.levels
        let bands = ContourLayer.bandColors(levelCount: levels.count, colormap: figure.spec.surface.colormap)
        var bar = rect
        if figure.hasMaskedCells {
            // Keep room below the bar for the "undefined" swatch; on a figure too small for
            // both, the bar shrinks to nothing rather than turn inside out.
            bar.height = max(0, bar.height - 3.2 * style.tickFont.size)
        }
        let bandHeight = bar.height / Double(bands.count)
        // With explicit levels the end bands hold everything below the first level and above
        // the last: they are drawn as pointed ends, as matplotlib's `extend="both"` does,
        // to say the scale is clipped there.
        let open = figure.levelsAreExplicit && bands.count >= 3
        for (k, color) in bands.enumerated() {
            let y = bar.maxY - Double(k + 1) * bandHeight
            canvas.setColor(color)
            if open && (k == 0 || k == bands.count - 1) {
                var tip = CanvasPath()
                let base = k == 0 ? y : y + bandHeight, apex = k == 0 ? y + bandHeight : y
                tip.addPolyline([CanvasPoint(bar.minX, base), CanvasPoint(bar.maxX, base), CanvasPoint(bar.midX, apex)], closed: true)
                canvas.fill(tip, rule: .nonZero)
                canvas.setColor(style.text)
                canvas.setLineWidth(style.frameWidth)
                canvas.stroke(tip)
            } else {
                // Overlap by half a pixel so the swatches show no hairline between them.
                canvas.fill(.rect(CanvasRect(x: bar.x, y: y - 0.5, width: bar.width, height: bandHeight + 1)), rule: .nonZero)
            }
        }
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        var outline = CanvasPath()
        if open {
            let inner = CanvasRect(x: bar.x, y: bar.y + bandHeight, width: bar.width, height: bar.height - 2 * bandHeight)
            outline.addRect(inner)
        } else {
            outline.addRect(bar)
        }
        canvas.stroke(outline)
        var marks = CanvasPath()
        for (index, text) in labels(height: bar.height) {
            let y = bar.maxY - Double(index + 1) * bandHeight
            marks.move(to: CanvasPoint(bar.maxX, y))
            marks.line(to: CanvasPoint(bar.maxX + style.tickLength, y))
            canvas.drawText(text, at: CanvasPoint(bar.maxX + style.tickLength + 5 * style.unit, y), font: style.tickFont,
                            anchor: TextAnchor(.left, .middle))
        }
        canvas.stroke(marks)
        canvas.drawText("loss", at: CanvasPoint(bar.minX, bar.minY - style.tickFont.size * 0.5), font: style.tickFont,
                        anchor: TextAnchor(.left, .bottom))

        if figure.hasMaskedCells {
            let swatch = CanvasRect(x: bar.minX, y: rect.maxY - 1.6 * style.tickFont.size, width: bar.width,
                                    height: 1.6 * style.tickFont.size)
            canvas.save()
            canvas.clip(to: .rect(swatch))
            canvas.setColor(style.maskFill)
            canvas.fill(.rect(swatch), rule: .nonZero)
            canvas.setColor(style.maskHatch)
            canvas.setLineWidth(1.2 * style.unit)
            canvas.stroke(ContourLayer.hatching(swatch, spacing: 8 * style.unit))
            canvas.restore()
            canvas.setColor(style.text)
            canvas.stroke(.rect(swatch))
            canvas.drawText("undefined", at: CanvasPoint(swatch.maxX + style.tickLength + 5 * style.unit, swatch.midY),
                            font: style.tickFont, anchor: TextAnchor(.left, .middle))
        }
    }
}
