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
            Self.drawLabel(for: marker, beside: c, within: frame, style: style, on: canvas)
        }
    }

    /// A marker's text beside its diamond at `c`, on the side of `frame` with more room, on
    /// a halo of the background so it reads on any band (the map's and the mountain's alike).
    static func drawLabel(for marker: SceneMarker, beside c: CanvasPoint, within frame: CanvasRect, style: FigureStyle,
                          on canvas: Canvas) {
        // A text wider than the frame (large text, `font_scale`, on a grid's small maps) is
        // made smaller, then cut short, rather than run over the next map.
        let (text, font) = TextFitting.fit(NumberFormatting.typographic(Self.text(for: marker)), font: style.legendNoteFont,
                                           width: frame.width - 6 * style.unit, on: canvas)
        let extent = canvas.measureText(text, font: font)
        let gap = style.starRadius + 4 * style.unit
        // Right of the diamond if the text fits there, else left; a text too long for either
        // side is moved along until it lies inside the frame (over the diamond, not off the map).
        let rightFits = c.x + gap + extent.width <= frame.maxX
        let leftFits = c.x - gap - extent.width >= frame.minX
        var left = rightFits || !leftFits ? c.x + gap : c.x - gap - extent.width
        if !rightFits && !leftFits { left = max(frame.minX + 3 * style.unit, min(c.x - extent.width / 2, frame.maxX - extent.width - 3 * style.unit)) }
        let anchorPoint = CanvasPoint(left, c.y - gap * 0.6)
        let box = CanvasRect(x: anchorPoint.x - 3 * style.unit, y: anchorPoint.y - extent.height - 2 * style.unit,
                             width: extent.width + 6 * style.unit, height: extent.height + 4 * style.unit)
        canvas.setColor(style.theme.markerFill.withAlpha(0.85))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(style.text)
        canvas.drawText(text, at: anchorPoint, font: font, anchor: TextAnchor(.left, .bottom))
    }
}
