import LossmapCore

/// The key to the paths, beside the map: per run its colour and marker, its label with
/// its outcome ("η = 0.0021 · diverged at step 7"), and a muted line with its final loss;
/// then the start ring and the minimum star.
struct Legend {
    let figure: ComputedFigure
    let style: FigureStyle

    struct Entry {
        var title: String
        var note: String
    }

    var entries: [Entry] {
        figure.runs.map { run in
            let t = run.trajectory
            let note: String
            switch t.outcome {
            case .diverged(_, let reason):
                note = reason == .nonFinite ? "the loss overflowed" : (reason == .escaped ? "left the map for good" : "the loss exploded")
            default:
                note = "loss \(NumberFormatting.significant(t.initialLoss)) → \(NumberFormatting.significant(t.finalLoss)) in \(t.stepsTaken) steps"
            }
            return Entry(title: "\(run.spec.label) · \(t.outcome.phrase)", note: FigureRenderer.typographic(note))
        }
    }

    private var swatchWidth: Double { 44 * style.unit }
    private var rowHeight: Double { style.legendFont.size * 1.25 + style.legendNoteFont.size * 1.25 + 12 * style.unit }
    private var hasMinimum: Bool { !figure.spec.surface.surface.minima.isEmpty }

    func width(on canvas: Canvas) -> Double {
        var widest = 0.0
        for entry in entries {
            widest = max(widest, canvas.measureText(entry.title, font: style.legendFont).width,
                         canvas.measureText(entry.note, font: style.legendNoteFont).width)
        }
        widest = max(widest, canvas.measureText("minimum", font: style.legendFont).width)
        return swatchWidth + 12 * style.unit + widest
    }

    func draw(on canvas: Canvas, in rect: CanvasRect) {
        let textX = rect.minX + swatchWidth + 12 * style.unit
        var y = rect.minY
        for (entry, run) in zip(entries, figure.runs) {
            let mid = y + style.legendFont.size * 0.6
            var line = CanvasPath()
            line.move(to: CanvasPoint(rect.minX + 2 * style.unit, mid))
            line.line(to: CanvasPoint(rect.minX + swatchWidth - 2 * style.unit, mid))
            canvas.setColor(run.color)
            canvas.setLineWidth(style.pathWidth * 1.3)
            canvas.stroke(line)
            canvas.fill(Markers.circle(at: CanvasPoint(rect.minX + swatchWidth / 2, mid), radius: style.stepDotRadius * 1.3), rule: .nonZero)
            canvas.setColor(style.text)
            canvas.drawText(entry.title, at: CanvasPoint(textX, mid), font: style.legendFont, anchor: TextAnchor(.left, .middle))
            canvas.setColor(style.mutedText)
            canvas.drawText(entry.note, at: CanvasPoint(textX, mid + style.legendFont.size * 0.7), font: style.legendNoteFont,
                            anchor: TextAnchor(.left, .top))
            y += rowHeight
        }
        y += 8 * style.unit
        let ringCentre = CanvasPoint(rect.minX + swatchWidth / 2, y + style.legendFont.size * 0.6)
        let ring = Markers.circle(at: ringCentre, radius: style.startRadius)
        canvas.setColor(.white)
        canvas.fill(ring, rule: .nonZero)
        canvas.setColor(style.text)
        canvas.setLineWidth(3 * style.unit)
        canvas.stroke(ring)
        canvas.drawText("start", at: CanvasPoint(textX, ringCentre.y), font: style.legendFont, anchor: TextAnchor(.left, .middle))
        if hasMinimum {
            y += style.legendFont.size * 1.8
            let centre = CanvasPoint(rect.minX + swatchWidth / 2, y + style.legendFont.size * 0.6)
            let star = Markers.star(at: centre, radius: style.starRadius)
            canvas.setColor(.white)
            canvas.fill(star, rule: .nonZero)
            canvas.setColor(.black)
            canvas.setLineWidth(1.6 * style.unit)
            canvas.stroke(star)
            canvas.setColor(style.text)
            canvas.drawText("minimum", at: CanvasPoint(textX, centre.y), font: style.legendFont, anchor: TextAnchor(.left, .middle))
        }
    }
}
