import LossmapCore
import LossmapScene

extension FigureReport {
    /// The explained steps', insets', eigen-directions' and phase diagram's numbers of `figure`.
    mutating func addExplanations(of figure: Scene) {
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        func pair(_ w: Weights) -> [Double] { [w.x, w.y] }
        func finitePair(_ w: Weights) -> [Double?] { [finite(w.x), finite(w.y)] }
        if !figure.explanations.isEmpty {
            explanations = figure.explanations.map { e in
                ExplanationReport(run: e.spec.run, label: figure.runs[e.spec.run].label, step: e.step, stoppedAt: e.stoppedAt,
                                  point: finitePair(e.point), gradient: finitePair(e.gradient), stepTaken: finitePair(e.taken),
                                  next: finitePair(e.next),
                                  lossBefore: finite(e.lossBefore), lossAfter: finite(e.lossAfter),
                                  slice: e.slice.map { SliceReport(reach: $0.ts.last ?? 0, bestStep: $0.bestStep.flatMap(finite),
                                                                    uphillFrom: $0.uphillFrom.flatMap(finite)) })
            }
        }
        network = figure.training.map(NetworkReport.init)
        if !figure.insets.isEmpty {
            insets = figure.insets.map { inset in
                InsetReport(center: pair(inset.spec.center), zoom: inset.spec.zoom, w1: [inset.w1.lowerBound, inset.w1.upperBound],
                            w2: [inset.w2.lowerBound, inset.w2.upperBound])
            }
        }
        if let eigen = figure.eigen {
            self.eigen = EigenReport(point: pair(eigen.point), eigenvalues: [eigen.eigenvalues.smaller, eigen.eigenvalues.larger],
                                     eigenvectors: [pair(eigen.vectors.smaller), pair(eigen.vectors.larger)], level: eigen.level,
                                     semiAxes: [eigen.semiAxes.smaller, eigen.semiAxes.larger],
                                     factors: eigen.factors.map { [$0.smaller.flatMap(finite), $0.larger.flatMap(finite)] })
        }
        if let phase = figure.phase {
            let λ = (smaller: phase.report.smallestEigenvalue, larger: phase.report.largestEigenvalue)
            let radius = figure.runs.indices.map { i -> Double? in
                guard let place = phase.runPlaces.first(where: { $0.run == i }) else { return nil }
                return ConvergenceFactor.spectralRadius(of: .momentum(beta: place.momentum), rate: place.rate, eigenvalues: λ).flatMap(finite)
            }
            self.phase = PhaseReport(
                minimum: pair(phase.report.point), eigenvalues: [λ.smaller, λ.larger], criticalLearningRate: phase.criticalRate,
                rates: [phase.rates.lowerBound, phase.rates.upperBound],
                momenta: momentumRange(figure),
                optimum: PhaseOptimum(learningRate: phase.optimum.rate, momentum: phase.optimum.momentum, radius: phase.optimum.radius),
                runRadius: radius,
                realRuns: phase.lattice.map { lattice in
                    RealRunsReport(steps: lattice.steps, rates: lattice.rates, momenta: lattice.momenta,
                                   outcomes: (0..<lattice.rows).map { row in (0..<lattice.columns).map { lattice.outcome(column: $0, row: row).name } })
                })
        }
    }

    private func momentumRange(_ figure: Scene) -> [Double] {
        guard let spec = figure.spec.kind.phase else { return [] }
        return [spec.momentum.lowerBound, spec.momentum.upperBound]
    }
}
