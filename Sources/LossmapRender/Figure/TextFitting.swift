import LossmapCanvas

/// Keeps a line of text inside a width: first a smaller font (down to 60% of the size asked
/// for), then an ellipsis. Titles, subtitles and footnotes go through it, so a long title is
/// shrunk rather than cut off at both edges of the figure.
enum TextFitting {
    static func fit(_ text: String, font: Font, width: Double, on canvas: Canvas) -> (text: String, font: Font) {
        let natural = canvas.measureText(text, font: font).width
        guard natural > width, width > 0 else { return (text, font) }
        let shrink = max(0.6, width / natural)
        var smaller = font
        smaller.size = font.size * shrink
        if canvas.measureText(text, font: smaller).width <= width { return (text, smaller) }
        // Glyph advances are rounded, so a width is not exactly proportional to the size: a
        // hair smaller still fits before the text is cut short.
        if shrink > 0.6 {
            var hair = smaller
            hair.size = font.size * max(0.6, shrink * 0.98)
            if canvas.measureText(text, font: hair).width <= width { return (text, hair) }
        }
        var characters = Array(text)
        while characters.count > 1 {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces + "…"
            if canvas.measureText(candidate, font: smaller).width <= width { return (candidate, smaller) }
        }
        return ("…", smaller)
    }

    /// Draws `text` fitted to `width` at `point` with `anchor`.
    static func draw(_ text: String, at point: CanvasPoint, font: Font, anchor: TextAnchor, width: Double, on canvas: Canvas) {
        let fitted = fit(text, font: font, width: width, on: canvas)
        canvas.drawText(fitted.text, at: point, font: fitted.font, anchor: anchor)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
