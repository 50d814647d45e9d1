import LossmapCanvas
import LossmapCore
import LossmapScene

/// The key to the paths, outside the map: per run its colour and marker, its label with its
/// outcome ("η = 0.0021 · diverged at step 7") and a muted line with its losses; then the
/// start ring and the minimum star. Laid out in one column, or in several below the map.
/// Wrapped, a run's outcome moves from its label's line to the head of its note's, so that a
/// legend of large text (`font_scale`) takes less of the width the maps need, in as many lines.
struct Legend {
    let figure: Scene
    let style: FigureStyle
    /// The runs as shown: the figure's, or a frame's (whose outcomes may not be known yet).
    var runs: [SceneRun]
    /// Each run's outcome at the head of its note rather than after its label.
    var wrapped = false

    init(figure: Scene, style: FigureStyle, runs: [SceneRun]? = nil, wrapped: Bool = false) {
        self.figure = figure
        self.style = style
        self.runs = runs ?? figure.runs
        self.wrapped = wrapped
    }

    enum Marker {
        case run(RGBA)
        case start
        case minimum
        case point
        /// A step's arrow (`arrows`), solid, or the velocity kept, dashed.
        case arrow(dashed: Bool)
    }

    struct Entry {
        var marker: Marker
        /// What the entry is: a run's label, "start".
        var label: String
        /// A run's outcome, once known: "diverged at step 7".
        var outcome: String?
        var note: String?

        init(marker: Marker, title: String, outcome: String? = nil, note: String?) {
            self.marker = marker
            self.label = title
            self.outcome = outcome
            self.note = note
        }

        /// The label and the outcome on one line: "η = 0.0021 · diverged at step 7".
        var title: String { outcome.map { "\(label) · \($0)" } ?? label }

        /// The line in the legend font and the one in the note font: the title and the note,
        /// or wrapped, the label alone and the outcome before the note ("diverged at step 7 ·
        /// left the map for good").
        func lines(wrapped: Bool) -> (title: String, note: String?) {
            guard wrapped, let outcome else { return (title, note) }
            return (label, [outcome, note].compactMap { $0 }.joined(separator: " · "))
        }
    }

    var entries: [Entry] {
        var entries = runs.map { run in
            let t = run.trajectory
            guard run.outcomeKnown else {
                // A frame before the run stopped: no outcome yet, only how far it got.
                let steps = t.points.count - 1
                let note = steps == 0 ? "loss \(NumberFormatting.significant(t.initialLoss)) at the start"
                    : "loss \(NumberFormatting.significant(t.initialLoss)) → \(NumberFormatting.significant(t.finalLoss)) after \(steps) step\(steps == 1 ? "" : "s")"
                return Entry(marker: .run(run.color), title: run.label, note: NumberFormatting.typographic(note))
            }
            if t.outcome == .recorded {
                // A recorded path's points need not be single steps (a snapshot every k):
                // counted as points, and the title says what it is without repeating it.
                let note = "recorded path: loss \(NumberFormatting.significant(t.initialLoss)) → \(NumberFormatting.significant(t.finalLoss)) over \(NumberFormatting.grouped(t.points.count)) points"
                return Entry(marker: .run(run.color), title: run.label, note: NumberFormatting.typographic(note))
            }
            let note: String
            switch t.outcome {
            case .diverged(_, let reason):
                switch reason {
                case .undefined: note = "the loss is undefined there"
                case .overflowed: note = "the loss overflowed"
                case .escaped: note = "left the map for good"
                case .lossExploded: note = "the loss exploded"
                }
            case .leftMap:
                note = "loss \(NumberFormatting.significant(t.initialLoss)) → \(NumberFormatting.significant(t.finalLoss)), then off the map"
            default:
                note = "loss \(NumberFormatting.significant(t.initialLoss)) → \(NumberFormatting.significant(t.finalLoss)) in \(t.stepsTaken) step\(t.stepsTaken == 1 ? "" : "s")"
            }
            return Entry(marker: .run(run.color), title: run.label, outcome: t.outcome.phrase,
                         note: NumberFormatting.typographic(Self.repeatsNote(run, note)))
        }
        for marker in figure.markers {
            entries.append(Entry(marker: .point, title: NumberFormatting.typographic(MarkerLayer.text(for: marker)), note: nil))
        }
        entries += arrowEntries
        if !runs.isEmpty { entries.append(Entry(marker: .start, title: "start", note: nil)) }
        if !figure.surface.minima.isEmpty {
            entries.append(Entry(marker: .minimum, title: "minimum", note: nil))
        }
        return entries
    }

    /// A run's note with what its repeats look like on the map: the numbers are its first
    /// seed's. Kept short, so the legend stays beside the map.
    static func repeatsNote(_ run: SceneRun, _ note: String) -> String {
        guard !run.repeats.isEmpty else { return note }
        let seed = run.spec.gradientNoise?.seed ?? run.spec.minibatch?.seed ?? 0
        let count = run.repeats.count + 1
        switch run.spec.repeatsStyle {
        case .band:
            let share = RepeatSpread.share(of: count)
            let shaded = share >= 1 ? "all shaded" : "middle \(Int((share * 100).rounded()))% shaded"
            return "seed \(seed): \(note) · median of \(count), \(shaded)"
        case .paths: return "seed \(seed): \(note) · thin: the other \(count - 1) seeds"
        }
    }

    /// The key to `arrows`: the solid arrow, −η∇L where every arrowed run's step is made of
    /// it (plain descent, and momentum's gradient part); and, with momentum, the dashed one.
    var arrowEntries: [Entry] {
        let arrowedRuns = runs.filter { $0.spec.arrowsEvery != nil }
        let arrowed = arrowedRuns.map(\.spec.method)
        guard !arrowed.isEmpty else { return [] }
        let gradientOnly = arrowedRuns.allSatisfy { run in
            switch run.spec.method {
            case .gradientDescent: return run.spec.takesPlainGradientSteps
            case .momentum, .nesterov: return run.spec.schedule.isConstant && !run.spec.isStochastic
            default: return false
            }
        }
        var entries = [Entry(marker: .arrow(dashed: false), title: gradientOnly ? "arrow: −η∇L" : "arrow: the step taken", note: nil)]
        if arrowed.contains(where: { if case .momentum = $0 { true } else if case .nesterov = $0 { true } else { false } }) {
            entries.append(Entry(marker: .arrow(dashed: true), title: "dashed: the velocity kept, β × the last step", note: nil))
        }
        return entries
    }

    var swatchWidth: Double { 44 * style.unit }
    /// The height of an entry with a note; entries without one take the same, so columns align.
    var rowHeight: Double { style.legendFont.size * 1.25 + style.legendNoteFont.size * 1.25 + 12 * style.unit }
    /// The height of an entry without a note, in the single-column layout: room for its line,
    /// and with smaller text (`font_scale`) still for the minimum's star and a gap.
    var shortRowHeight: Double { max(style.legendFont.size * 1.8, 2 * style.starRadius + 6 * style.unit) }

    /// Width of one column: of the widest entry of the finished figure, so a frame of an
    /// animation has the still figure's layout (a note there, while its run still walks, is
    /// fitted into this width).
    func width(on canvas: Canvas) -> Double {
        swatchWidth + 12 * style.unit + textWidth(on: canvas)
    }

    /// The width of the widest line of the finished figure's entries: the room each entry's
    /// text gets (measured, not taken back out of `width`, whose rounding would make the
    /// widest line a hair too wide for it and cut it short).
    func textWidth(on canvas: Canvas) -> Double {
        var widest = 0.0
        let all = Legend(figure: figure, style: style).entries
        for entry in all {
            let (title, note) = entry.lines(wrapped: wrapped)
            widest = max(widest, canvas.measureText(title, font: style.legendFont).width)
            if let note { widest = max(widest, canvas.measureText(note, font: style.legendNoteFont).width) }
        }
        return widest
    }

    /// Height of the single-column layout.
    var height: Double {
        entries.reduce(0) { $0 + ($1.lines(wrapped: wrapped).note == nil ? shortRowHeight : rowHeight) } + 8 * style.unit
    }

    func draw(on canvas: Canvas, in rect: CanvasRect, placement: FigureLayout.LegendPlacement) {
        let entries = self.entries
        // Room for the text of an entry: what the finished figure's widest entry takes.
        let textWidth = textWidth(on: canvas)
        switch placement {
        case .right:
            var y = rect.minY
            var previousHadNote = true
            for entry in entries {
                let short = entry.lines(wrapped: wrapped).note == nil
                if short && previousHadNote { y += 8 * style.unit }
                draw(entry, at: CanvasPoint(rect.minX, y), textWidth: textWidth, on: canvas)
                y += short ? shortRowHeight : rowHeight
                previousHadNote = !short
            }
        case .below(let columns):
            let columnWidth = (rect.width + 2 * style.margin) / Double(max(columns, 1))
            let rows = (entries.count + columns - 1) / max(columns, 1)
            for (i, entry) in entries.enumerated() {
                let column = i / max(rows, 1), row = i % max(rows, 1)
                draw(entry, at: CanvasPoint(rect.minX + Double(column) * columnWidth, rect.minY + Double(row) * rowHeight),
                     textWidth: textWidth, on: canvas)
            }
        }
    }

    private func draw(_ entry: Entry, at origin: CanvasPoint, textWidth: Double, on canvas: Canvas) {
        let mid = origin.y + style.legendFont.size * 0.6
        let centre = CanvasPoint(origin.x + swatchWidth / 2, mid)
        let textX = origin.x + swatchWidth + 12 * style.unit
        switch entry.marker {
        case .run(let color):
            var line = CanvasPath()
            line.move(to: CanvasPoint(origin.x + 2 * style.unit, mid))
            line.line(to: CanvasPoint(origin.x + swatchWidth - 2 * style.unit, mid))
            canvas.setColor(color)
            canvas.setLineWidth(style.pathWidth * 1.3)
            canvas.stroke(line)
            canvas.fill(Markers.circle(at: centre, radius: style.stepDotRadius * 1.3), rule: .nonZero)
        case .start:
            style.drawStartRing(at: centre, color: style.text, on: canvas)
        case .minimum:
            style.drawMinimumStar(at: centre, on: canvas)
        case .point:
            style.drawMarkerDiamond(at: centre, on: canvas)
        case .arrow(let dashed):
            let from = CanvasPoint(origin.x, mid), to = CanvasPoint(origin.x + swatchWidth, mid)
            style.drawStepArrow(from: from, to: to, color: style.text, dashed: dashed,
                                within: CanvasRect(x: from.x - 1, y: mid - swatchWidth, width: swatchWidth + 2, height: 2 * swatchWidth),
                                on: canvas)
        }
        canvas.setColor(style.text)
        let (title, note) = entry.lines(wrapped: wrapped)
        TextFitting.draw(title, at: CanvasPoint(textX, mid), font: style.legendFont, anchor: TextAnchor(.left, .middle),
                         width: textWidth, on: canvas)
        if let note {
            canvas.setColor(style.mutedText)
            TextFitting.draw(note, at: CanvasPoint(textX, mid + style.legendFont.size * 0.7), font: style.legendNoteFont,
                             anchor: TextAnchor(.left, .top), width: textWidth, on: canvas)
        }
    }
}
