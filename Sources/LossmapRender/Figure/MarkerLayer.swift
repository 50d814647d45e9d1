import LossmapCanvas
import LossmapCore
import LossmapScene

/// The `[[marker]]` points on top of the map: a diamond at each point inside the frame, with
/// its label and loss beside it ("W1 = 40, W2 = 10 · loss 800"), on the side with more room.
struct MarkerLayer {
    let figure: Scene
    let style: FigureStyle
    let transform: PlotTransform

    /// The text of a marker, on the map and in the legend.
    static func text(for marker: SceneMarker) -> String {
        let loss = "loss " + NumberFormatting.significant(marker.loss)
        return marker.spec.label.isEmpty ? loss : "\(marker.spec.label) · \(loss)"
    }

    func draw(on canvas: Canvas) {
        let frame = transform.rect
        for marker in figure.markers {
            let c = transform.point(marker.spec.at)
            // A point outside the window is listed in the legend only.
            guard frame.contains(c) else { continue }
            style.drawMarkerDiamond(at: c, on: canvas)
            let text = NumberFormatting.typographic(Self.text(for: marker))
            let width = canvas.measureText(text, font: style.legendNoteFont).width
            let gap = style.starRadius + 4 * style.unit
            let rightFits = c.x + gap + width <= frame.maxX
            let anchorPoint = CanvasPoint(rightFits ? c.x + gap : c.x - gap, c.y - gap * 0.6)
            let anchor = TextAnchor(rightFits ? .left : .right, .bottom)
            // A halo of the background under the text keeps it legible on any band.
            let extent = canvas.measureText(text, font: style.legendNoteFont)
            let box = CanvasRect(x: rightFits ? anchorPoint.x - 3 * style.unit : anchorPoint.x - width - 3 * style.unit,
                                 y: anchorPoint.y - extent.height - 2 * style.unit,
                                 width: width + 6 * style.unit, height: extent.height + 4 * style.unit)
            canvas.setColor(style.theme.markerFill.withAlpha(0.85))
            canvas.fill(.rect(box), rule: .nonZero)
            canvas.setColor(style.text)
            canvas.drawText(text, at: anchorPoint, font: style.legendNoteFont, anchor: anchor)
        }
    }
}
