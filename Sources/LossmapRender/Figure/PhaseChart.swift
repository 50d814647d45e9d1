import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene

/// The momentum phase diagram (`kind = "phase"`): learning rate on x (log), momentum β on y,
/// each (η, β) coloured by ρ, the factor by which heavy-ball descent shrinks the distance to
/// the minimum per step on the quadratic model there (banded by tenths, as a contour map
/// is); the region ρ ≥ 1, where it diverges, shaded; its edge η = 2(1 + β)/λmax drawn; the
/// fastest setting starred; the configured runs as rings; and, with `real_runs`, the outcome
/// of real runs on the actual surface as symbols.
struct PhaseChart {
    let figure: Scene
    let phase: PhaseDiagram
    let style: FigureStyle

    /// ρ's bands. Steps to shrink the distance tenfold are ln 0.1 / ln ρ ≈ 2.3/(1 − ρ), so
    /// what a reader needs is 1 − ρ on a log scale: even tenths would paint every ill-
    /// conditioned surface (κ = 2508 for Rosenbrock, fastest ρ = 0.961) in one band.
    static let bandEdges = [0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 1]

    /// The x axis reads η, or η/η_crit when the config gave rates relative to it.
    var rateScale: Double { phase.relative ? phase.criticalRate : 1 }

    var rateAxis: AxisRenderer {
        let range = (phase.rates.lowerBound / rateScale)...(phase.rates.upperBound / rateScale)
        return AxisRenderer(side: .bottom, scale: .log, range: range, targetCount: 8,
                            title: phase.relative ? "learning rate η / η_crit (log scale)" : "learning rate η (log scale)", style: style)
    }

    var momentumAxis: AxisRenderer {
        AxisRenderer(side: .left, range: phase.grid.momenta.first.map { _ in momentumRange } ?? 0...1, targetCount: 6,
                     title: "momentum β", titlePlacement: .atEnd, style: style)
    }

    var momentumRange: ClosedRange<Double> {
        guard case .phase(let spec) = figure.spec.kind else { return 0...1 }
        return spec.momentum
    }

    /// The band of a convergence rate: 0 … 9 for ρ in [0, 1) by `bandEdges`, 10 for ρ ≥ 1 (diverges).
    static func band(_ ρ: Double) -> Int {
        guard ρ.isFinite, ρ < 1 else { return 10 }
        return max(0, (bandEdges.lastIndex { $0 <= ρ } ?? 0))
    }

    func bandColor(_ band: Int) -> RGBA {
        band >= 10 ? style.diverged.withAlpha(0.28).over(style.theme.background)
            : figure.spec.surface.colormap.color(at: (Double(band) + 0.5) / 10)
    }

    /// Room at the right of the plot for the ρ colour key.
    var keyWidth: Double { 140 * style.textUnit }

    func draw(on canvas: Canvas, in full: CanvasRect) {
        let rect = CanvasRect(x: full.minX, y: full.minY, width: max(full.width - keyWidth, 1), height: full.height)
        let rateAxis = self.rateAxis, momentumAxis = self.momentumAxis
        func x(_ η: Double) -> Double { rateAxis.coordinate(η / rateScale, in: rect) }
        func y(_ β: Double) -> Double { momentumAxis.coordinate(β, in: rect) }
        canvas.save()
        canvas.clip(to: .rect(rect))
        drawField(on: canvas, in: rect)
        if let lattice = phase.lattice { drawLattice(lattice, on: canvas, x: x, y: y) }
        var placed: [CanvasRect] = []
        drawBoundary(on: canvas, in: rect, x: x, y: y, placed: &placed)
        drawOptimum(on: canvas, in: rect, x: x, y: y, placed: &placed)
        drawRuns(on: canvas, in: rect, x: x, y: y, placed: &placed)
        canvas.restore()
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(rect))
        momentumAxis.draw(on: canvas, along: rect)
        rateAxis.draw(on: canvas, along: rect)
        drawKey(on: canvas, beside: rect)
    }

    /// The bands, a rectangle per run of equal band along each row of the grid (a few
    /// thousand rectangles, where a cell each would be 38,400), each a hair wider and taller
    /// than its cells so antialiased edges leave no seams.
    private func drawField(on canvas: Canvas, in rect: CanvasRect) {
        let grid = phase.grid
        let cellWidth = rect.width / Double(grid.columns), cellHeight = rect.height / Double(grid.rows)
        var byBand = [CanvasPath](repeating: CanvasPath(), count: 11)
        for row in 0..<grid.rows {
            // Row 0 is the lowest momentum: at the bottom.
            let top = rect.maxY - Double(row + 1) * cellHeight
            var column = 0
            while column < grid.columns {
                let band = Self.band(grid.radius(column: column, row: row))
                var end = column + 1
                while end < grid.columns, Self.band(grid.radius(column: end, row: row)) == band { end += 1 }
                byBand[band].addRect(CanvasRect(x: rect.minX + Double(column) * cellWidth, y: top - 0.4,
                                                width: Double(end - column) * cellWidth + 0.4, height: cellHeight + 0.8))
                column = end
            }
        }
        for (band, path) in byBand.enumerated() where !path.isEmpty {
            canvas.setColor(bandColor(band))
            canvas.fill(path, rule: .nonZero)
        }
    }

    /// ρ = 1: η = 2(1 + β)/λmax, the edge of convergence (exact for the quadratic model), and
    /// gradient descent's η_crit on it at β = 0.
    private func drawBoundary(on canvas: Canvas, in rect: CanvasRect, x: (Double) -> Double, y: (Double) -> Double,
                              placed: inout [CanvasRect]) {
        let range = momentumRange
        var edge = CanvasPath()
        let points = (0...100).map { i -> CanvasPoint in
            let β = range.lowerBound + (range.upperBound - range.lowerBound) * Double(i) / 100
            return CanvasPoint(x(PhaseGrid.criticalRate(momentum: β, largestEigenvalue: phase.report.largestEigenvalue)), y(β))
        }
        edge.addPolyline(points, closed: false)
        canvas.setColor(style.halo)
        canvas.setLineWidth(6 * style.unit)
        canvas.stroke(edge)
        canvas.setColor(style.text)
        canvas.setLineWidth(2.6 * style.unit)
        canvas.stroke(edge)
        // Labelled only where the edge is in view: a range that converges throughout has none.
        let inView = points.filter { rect.insetBy(1).contains($0) }
        guard !inView.isEmpty else { return }
        // Its label, along the middle of the visible edge, on the diverging side.
        let mid = inView[inView.count / 2]
        let text = "ρ = 1: η = 2(1 + β)/λmax"
        let extent = canvas.measureText(text, font: style.legendNoteFont)
        let at = CanvasPoint(min(mid.x + 10 * style.unit, rect.maxX - extent.width - 6 * style.unit), mid.y)
        placed.append(drawCard(text, at: at, anchor: TextAnchor(.left, .middle), on: canvas))
        let diverges = "diverges: ρ > 1"
        let dx = min(x(phase.rates.upperBound) - 10 * style.unit, rect.maxX - 10 * style.unit)
        placed.append(drawCard(diverges, at: CanvasPoint(dx, rect.maxY - 12 * style.unit), anchor: TextAnchor(.right, .bottom), on: canvas))
    }

    /// Polyak's optimum: the (η, β) with the smallest ρ, (√κ − 1)/(√κ + 1).
    private func drawOptimum(on canvas: Canvas, in chartRect: CanvasRect, x: (Double) -> Double, y: (Double) -> Double,
                             placed: inout [CanvasRect]) {
        let o = phase.optimum
        guard momentumRange.contains(o.momentum), phase.rates.contains(o.rate) else { return }
        let c = CanvasPoint(x(o.rate), y(o.momentum))
        style.drawMinimumStar(at: c, on: canvas)
        placed.append(CanvasRect(x: c.x - style.starRadius, y: c.y - style.starRadius, width: 2 * style.starRadius, height: 2 * style.starRadius))
        placed.append(placeCard("fastest: ρ = \(ExplanationText.number(o.radius))", around: c, within: chartRect, avoiding: placed,
                                on: canvas))
    }

    /// The configured runs: a ring in the run's colour at its (η, β), labelled.
    private func drawRuns(on canvas: Canvas, in rect: CanvasRect, x: (Double) -> Double, y: (Double) -> Double,
                          placed: inout [CanvasRect]) {
        for place in phase.runPlaces {
            let run = figure.runs[place.run]
            let c = CanvasPoint(x(place.rate), y(place.momentum))
            guard rect.insetBy(-2).contains(c) else { continue }
            let ring = Markers.circle(at: c, radius: 10 * style.unit)
            canvas.setColor(style.halo)
            canvas.setLineWidth(7 * style.unit)
            canvas.stroke(ring)
            canvas.setColor(run.color)
            canvas.setLineWidth(4 * style.unit)
            canvas.stroke(ring)
            let ρ = ConvergenceFactor.spectralRadius(of: .momentum(beta: place.momentum), rate: place.rate,
                                                     eigenvalues: (phase.report.smallestEigenvalue, phase.report.largestEigenvalue))
            let text = "\(Self.label(run, place: place, criticalRate: phase.criticalRate)), ρ = \(ρ.map { ExplanationText.number($0) } ?? "–")"
            placed.append(placeCard(text, around: c, within: rect, avoiding: placed, on: canvas))
        }
    }

    /// A run's label on the diagram: the user's own, else its method and rates in the
    /// diagram's terms. The legend's "0.5 η_crit" of a momentum run is a multiple of its own
    /// limit 2(1 + β)/λmax; here every rate is read against the x axis's η_crit = 2/λmax.
    static func label(_ run: SceneRun, place: (run: Int, rate: Double, momentum: Double), criticalRate: Double) -> String {
        if case .text(let text) = run.spec.label { return text }
        let η = "η = \(NumberFormatting.significant(place.rate)) (\(NumberFormatting.significant(place.rate / criticalRate)) η_crit)"
        return place.momentum == 0 && run.spec.method == .gradientDescent ? "gd, \(η)"
            : "β = \(NumberFormatting.compact(place.momentum)), \(η)"
    }

    /// Real runs: ● converged, ○ still moving (descending or oscillating), × diverged or left
    /// the map.
    private func drawLattice(_ lattice: PhaseLattice, on canvas: Canvas, x: (Double) -> Double, y: (Double) -> Double) {
        let r = 5 * style.unit
        var converged = CanvasPath(), moving = CanvasPath(), failed = CanvasPath()
        for row in 0..<lattice.rows {
            for column in 0..<lattice.columns {
                let c = CanvasPoint(x(lattice.rates[column]), y(lattice.momenta[row]))
                switch lattice.outcome(column: column, row: row) {
                case .converged: converged.addCircle(center: c, radius: r)
                case .descending, .oscillating, .recorded: moving.addCircle(center: c, radius: r)
                case .diverged, .leftMap:
                    failed.move(to: CanvasPoint(c.x - r, c.y - r)); failed.line(to: CanvasPoint(c.x + r, c.y + r))
                    failed.move(to: CanvasPoint(c.x - r, c.y + r)); failed.line(to: CanvasPoint(c.x + r, c.y - r))
                }
            }
        }
        canvas.setColor(style.halo)
        canvas.setLineWidth(4 * style.unit)
        canvas.stroke(converged); canvas.stroke(moving); canvas.stroke(failed)
        canvas.setColor(style.text)
        canvas.fill(converged, rule: .nonZero)
        canvas.setLineWidth(1.8 * style.unit)
        canvas.stroke(moving)
        canvas.setColor(style.diverged)
        canvas.setLineWidth(2.4 * style.unit)
        canvas.stroke(failed)
    }

    /// The key right of the plot: the ρ bands as a bar, and the real runs' symbols.
    private func drawKey(on canvas: Canvas, beside rect: CanvasRect) {
        // The real runs' key under the bar: two lines and three, in the notes' font.
        let runsKey = phase.lattice == nil ? 0 : 40 * style.textUnit + style.legendNoteFont.size * (1.3 + 3 * 1.5)
        let bar = CanvasRect(x: rect.maxX + 24 * style.unit, y: rect.minY + 30 * style.textUnit, width: 24 * style.unit,
                             height: max(min(rect.height * 0.6, 420 * style.unit, rect.height - 30 * style.textUnit - runsKey), 11))
        canvas.setColor(style.text)
        canvas.drawText("ρ per step", at: CanvasPoint(bar.minX, bar.minY - 30 * style.textUnit), font: style.legendFont,
                        anchor: TextAnchor(.left, .bottom))
        let bandHeight = bar.height / 11
        for band in 0...10 {
            // ρ ≥ 1 on top, then 0.9 … 0 downwards.
            let top = bar.minY + Double(10 - band) * bandHeight
            canvas.setColor(bandColor(band))
            canvas.fill(.rect(CanvasRect(x: bar.minX, y: top, width: bar.width, height: bandHeight + 0.3)), rule: .nonZero)
        }
        canvas.setColor(style.text)
        canvas.setLineWidth(style.frameWidth)
        canvas.stroke(.rect(bar))
        // Each edge at the boundary it is: band i spans edges i and i + 1, drawn upwards.
        for (i, edge) in Self.bandEdges.enumerated() {
            canvas.drawText(NumberFormatting.compact(edge), at: CanvasPoint(bar.maxX + 6 * style.unit, bar.maxY - Double(i) * bandHeight),
                            font: style.legendNoteFont, anchor: TextAnchor(.left, .middle))
        }
        canvas.drawText("> 1", at: CanvasPoint(bar.maxX + 6 * style.unit, bar.minY), font: style.legendNoteFont,
                        anchor: TextAnchor(.left, .bottom))
        guard let lattice = phase.lattice else { return }
        var y = bar.maxY + 40 * style.textUnit
        // Two short lines: the key's column is narrow.
        canvas.drawText("real runs,", at: CanvasPoint(bar.minX, y), font: style.legendNoteFont, anchor: TextAnchor(.left, .baseline))
        y += style.legendNoteFont.size * 1.3
        canvas.drawText("\(lattice.steps) steps:", at: CanvasPoint(bar.minX, y), font: style.legendNoteFont,
                        anchor: TextAnchor(.left, .baseline))
        for (symbol, text) in [("●", "converged"), ("○", "still moving"), ("×", "diverged")] {
            y += style.legendNoteFont.size * 1.5
            canvas.setColor(symbol == "×" ? style.diverged : style.text)
            canvas.drawText("\(symbol) \(text)", at: CanvasPoint(bar.minX, y), font: style.legendNoteFont,
                            anchor: TextAnchor(.left, .baseline))
        }
    }

    /// A card beside the point `c`: the first of eight places around it that stays inside
    /// `rect` and overlaps no card in `placed`, else the one that overlaps fewest. Returns it.
    private func placeCard(_ text: String, around c: CanvasPoint, within rect: CanvasRect, avoiding placed: [CanvasRect],
                           on canvas: Canvas) -> CanvasRect {
        let d = 16 * style.unit
        let places: [(CanvasPoint, TextAnchor)] = [
            (CanvasPoint(c.x + d, c.y - d), TextAnchor(.left, .bottom)), (CanvasPoint(c.x + d, c.y + d), TextAnchor(.left, .top)),
            (CanvasPoint(c.x - d, c.y - d), TextAnchor(.right, .bottom)), (CanvasPoint(c.x - d, c.y + d), TextAnchor(.right, .top)),
            (CanvasPoint(c.x, c.y - 1.6 * d), TextAnchor(.center, .bottom)), (CanvasPoint(c.x, c.y + 1.6 * d), TextAnchor(.center, .top)),
            (CanvasPoint(c.x + d, c.y - 3 * d), TextAnchor(.left, .bottom)), (CanvasPoint(c.x - d, c.y + 3 * d), TextAnchor(.right, .top)),
        ]
        let inner = rect.insetBy(2)
        func cost(_ p: (CanvasPoint, TextAnchor)) -> Int {
            let box = cardBox(text, at: p.0, anchor: p.1, on: canvas)
            let inside = box.minX >= inner.minX && box.maxX <= inner.maxX && box.minY >= inner.minY && box.maxY <= inner.maxY
            return (inside ? 0 : 100) + placed.filter { $0.intersects(box) }.count
        }
        let best = places.min { cost($0) < cost($1) }!
        return drawCard(text, at: best.0, anchor: best.1, on: canvas)
    }

    /// Text on a card of the marker fill, so it reads on any band; returns the card.
    @discardableResult
    private func drawCard(_ text: String, at point: CanvasPoint, anchor: TextAnchor, on canvas: Canvas) -> CanvasRect {
        let box = cardBox(text, at: point, anchor: anchor, on: canvas)
        canvas.setColor(style.theme.markerFill.withAlpha(0.88))
        canvas.fill(.rect(box), rule: .nonZero)
        canvas.setColor(style.text)
        canvas.drawText(text, at: point, font: style.legendNoteFont, anchor: anchor)
        return box
    }

    private func cardBox(_ text: String, at point: CanvasPoint, anchor: TextAnchor, on canvas: Canvas) -> CanvasRect {
        let extent = canvas.measureText(text, font: style.legendNoteFont)
        var x = point.x, y = point.y
        switch anchor.horizontal {
        case .left: break
        case .center: x -= extent.width / 2
        case .right: x -= extent.width
        }
        switch anchor.vertical {
        case .top: break
        case .middle: y -= extent.height / 2
        default: y -= extent.height
        }
        return CanvasRect(x: x - 4 * style.unit, y: y - 3 * style.unit, width: extent.width + 8 * style.unit,
                          height: extent.height + 6 * style.unit)
    }
}
