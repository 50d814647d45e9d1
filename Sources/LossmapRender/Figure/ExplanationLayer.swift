import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene

/// The `[[explain]]` callouts on a map: for each explained step a box with its numbers
/// (`ExplanationText`), placed where it covers no path and no other callout
/// (`CalloutPlacement`), a leader line to the point w_k, rings on w_k and w_k+1, and, for
/// the step whose slice has a panel, the slice's line drawn faintly across the map.
struct ExplanationLayer {
    let figure: Scene
    let style: FigureStyle
    let transform: PlotTransform
    /// The runs on this map, by index (all in an overlay, one in a grid's panel): only their
    /// steps are explained here, and only their paths avoided.
    var shownRuns: [Int]
    /// Boxes already on the map that callouts keep clear of (the eigen table).
    var avoid: [CanvasRect] = []

    init(figure: Scene, style: FigureStyle, transform: PlotTransform, shownRuns: [Int]? = nil) {
        self.figure = figure
        self.style = style
        self.transform = transform
        self.shownRuns = shownRuns ?? Array(figure.runs.indices)
    }

    /// In an animation's frame: its step. A step's callout appears once the walk has taken
    /// it (from frame k + 1 on), as the frame shows the walk only so far.
    var step: Int?

    /// The explanations of the runs on this map (in a frame, of the steps taken by then).
    var explanations: [StepExplanation] {
        figure.explanations.filter { e in shownRuns.contains(e.spec.run) && (step.map { $0 > e.step } ?? true) }
    }

    /// The callouts' text size relative to the legend's notes: below 1 when the widest callout
    /// would not fit the map (a grid's small panels), never below `smallestTextScale`.
    var textScale = 1.0
    static let smallestTextScale = 0.6

    var font: Font { Font(size: style.legendNoteFont.size * textScale) }
    var headingFont: Font { Font(size: style.legendNoteFont.size * textScale, bold: true) }
    var padding: Double { 8 * style.unit * textScale }
    var lineHeight: Double { style.legendNoteFont.size * 1.3 * textScale }

    /// A callout laid out: its box, where its leader starts and ends, and its text.
    struct Callout {
        var explanation: StepExplanation
        var box: CanvasRect
        var leader: (from: CanvasPoint, to: CanvasPoint)
        var heading: String
        var lines: [String]
    }

    /// The paths on the map as canvas polylines: what callouts must not cover.
    func pathPolylines() -> [[CanvasPoint]] {
        shownRuns.map { figure.runs[$0] }.map { run in
            var points = run.trajectory.points.map(transform.point)
            if let escaped = run.trajectory.escapedTo { points.append(transform.point(escaped)) }
            return points
        }
    }

    /// What no box may hide: every run's start, the minima, each explained step's two ends.
    static func keyPoints(_ figure: Scene, transform: PlotTransform) -> [CanvasPoint] {
        figure.runs.compactMap { $0.trajectory.points.first }.map(transform.point)
            + figure.surface.minima.map(transform.point)
            + figure.explanations.flatMap { [transform.point($0.point), transform.point($0.next)] }
    }

    /// This layer with its text shrunk so the widest callout fits the map's width.
    func fitted(on canvas: Canvas) -> ExplanationLayer {
        var layer = self
        layer.textScale = 1
        let widest = explanations.map { e -> Double in
            let text = ExplanationText.lines(e, runLabel: figure.runs[e.spec.run].label)
            return ([canvas.measureText(text.heading, font: layer.headingFont).width]
                + text.lines.map { canvas.measureText($0, font: layer.font).width }).max()! + 2 * layer.padding + 4 * style.unit
        }.max() ?? 0
        let room = transform.rect.width - 4 * 6 * style.unit
        // Larger text (`font_scale`) may shrink as far as the text at font scale 1 may.
        if widest > room, widest > 0 { layer.textScale = max(room / widest, Self.smallestTextScale / max(style.fontScale, 1)) }
        return layer
    }

    /// The callouts, placed one after another (each avoids those before it).
    func callouts(on canvas: Canvas) -> [Callout] {
        var placement = CalloutPlacement(frame: transform.rect, pathSamples: CalloutPlacement.samples(of: pathPolylines()),
                                         placed: avoid, margin: 6 * style.unit)
        placement.keyPoints = Self.keyPoints(figure, transform: transform)
        var result: [Callout] = []
        for explanation in explanations {
            let run = figure.runs[explanation.spec.run]
            let text = ExplanationText.lines(explanation, runLabel: run.label)
            let width = ([canvas.measureText(text.heading, font: headingFont).width]
                + text.lines.map { canvas.measureText($0, font: font).width }).max()! + 2 * padding + 4 * style.unit
            let height = Double(text.lines.count + 1) * lineHeight + 2 * padding
            let anchor = transform.point(explanation.point)
            let visible = transform.rect.contains(anchor)
            let placed = placement.place(size: (min(width, transform.rect.width), height), anchor: visible ? anchor : nil)
            let from = placed.leaderStart ?? CanvasPoint(placed.box.midX, placed.box.midY)
            result.append(Callout(explanation: explanation, box: placed.box, leader: (from, anchor),
                                  heading: text.heading, lines: text.lines))
            placement.placed.append(placed.box)
        }
        return result
    }

    func draw(on canvas: Canvas) {
        let frame = transform.rect
        canvas.save()
        canvas.clip(to: .rect(frame))
        for explanation in explanations {
            if let slice = explanation.slice { drawSliceLine(slice, on: canvas) }
        }
        for callout in callouts(on: canvas) {
            let run = figure.runs[callout.explanation.spec.run]
            let a = transform.point(callout.explanation.point), b = transform.point(callout.explanation.next)
            // The leader, haloed so it reads over any band and path.
            var leader = CanvasPath()
            leader.move(to: callout.leader.from)
            leader.line(to: a)
            canvas.setColor(style.halo)
            canvas.setLineWidth(4 * style.unit)
            canvas.stroke(leader)
            canvas.setColor(style.text)
            canvas.setLineWidth(1.6 * style.unit)
            canvas.stroke(leader)
            for (point, radius) in [(a, 9.0), (b, 7.0)] where frame.contains(point) {
                let ring = Markers.circle(at: point, radius: radius * style.unit)
                canvas.setColor(style.halo)
                canvas.setLineWidth(4.5 * style.unit)
                canvas.stroke(ring)
                canvas.setColor(style.text)
                canvas.setLineWidth(2 * style.unit)
                canvas.stroke(ring)
            }
            drawBox(callout, color: run.color, on: canvas)
        }
        canvas.restore()
    }

    /// The callout's box: a card in the marker fill, a bar in the run's colour down its left,
    /// the heading in bold and the lines beneath.
    private func drawBox(_ callout: Callout, color: RGBA, on canvas: Canvas) {
        let box = callout.box
        canvas.setColor(style.theme.markerFill.withAlpha(0.94))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(style.mutedText)
        canvas.setLineWidth(style.unit)
        canvas.stroke(.rect(box))
        canvas.setColor(color)
        canvas.fill(.rect(CanvasRect(x: box.minX, y: box.minY, width: 5 * style.unit, height: box.height)), rule: .nonZero)
        let x = box.minX + padding + 4 * style.unit
        var y = box.minY + padding + lineHeight * 0.8
        canvas.setColor(style.text)
        canvas.drawText(callout.heading, at: CanvasPoint(x, y), font: headingFont, anchor: TextAnchor(.left, .baseline))
        for line in callout.lines {
            y += lineHeight
            canvas.drawText(line, at: CanvasPoint(x, y), font: font, anchor: TextAnchor(.left, .baseline))
        }
    }

    /// The slice's line, w_k − t∇L(w_k) for t over the slice, dashed and faint: the line the
    /// panel beside the map cuts the surface along.
    private func drawSliceLine(_ slice: LineSlice, on canvas: Canvas) {
        guard let reach = slice.ts.last else { return }
        let a = transform.point(slice.start), b = transform.point(slice.start + reach * slice.direction)
        guard let clipped = clipSegment(a, b, to: transform.rect.insetBy(-10)) else { return }
        var line = CanvasPath()
        line.move(to: clipped.0)
        line.line(to: clipped.1)
        canvas.setColor(style.text.withAlpha(0.55))
        canvas.setLineWidth(1.5 * style.unit)
        canvas.setDash([6 * style.unit, 5 * style.unit], phase: 0)
        canvas.stroke(line)
        canvas.setDash([], phase: 0)
    }
}
