import LossmapCore
import LossmapScene

/// One explained step (`[[explain]]`), as the report gives it: the callout's numbers.
public struct ExplanationReport: Codable, Sendable, Equatable {
    /// The run's index in `runs` (from 0) and its label.
    public var run: Int
    public var label: String
    /// The step explained, from `point` (w_k) to `next` (w_k+1); `stoppedAt` when the run
    /// stopped before the step asked for and its last step is explained instead.
    public var step: Int
    public var stoppedAt: Int?
    /// Pairs [w1, w2]; a coordinate that is not finite (a diverged jump) is null.
    public var point: [Double?]
    public var gradient: [Double?]
    /// The step taken, w_k+1 − w_k (−η∇L for gradient descent).
    public var stepTaken: [Double?]
    public var next: [Double?]
    /// Null when not finite.
    public var lossBefore: Double?
    public var lossAfter: Double?
    /// For the step with `slice = true`: the line's reach, the best step along it and where
    /// it climbs back to the start's loss (null when not within the reach).
    public var slice: SliceReport?

    enum CodingKeys: String, CodingKey {
        case run, label, step, point, gradient, next, slice
        case stoppedAt = "stopped_at"
        case stepTaken = "step_taken"
        case lossBefore = "loss_before"
        case lossAfter = "loss_after"
    }
}

/// The slice along an explained step, as the report gives it.
public struct SliceReport: Codable, Sendable, Equatable {
    public var reach: Double
    public var bestStep: Double?
    public var uphillFrom: Double?

    enum CodingKeys: String, CodingKey {
        case reach
        case bestStep = "best_step"
        case uphillFrom = "uphill_from"
    }
}

/// The Hessian's eigen-directions (`eigen = true`), as the report gives them.
public struct EigenReport: Codable, Sendable, Equatable {
    public var point: [Double]
    /// Smaller first, with their unit vectors in the same order.
    public var eigenvalues: [Double]
    public var eigenvectors: [[Double]]
    /// The contour level whose ellipse the axes span, and its semi-axes along each vector.
    public var level: Double
    public var semiAxes: [Double]
    /// Per run, in run order: its factor per step along each direction (null for a method
    /// that has none).
    public var factors: [[Double?]]

    enum CodingKeys: String, CodingKey {
        case point, eigenvalues, eigenvectors, level, factors
        case semiAxes = "semi_axes"
    }
}

/// A phase diagram (`kind = "phase"`), as the report gives it.
public struct PhaseReport: Codable, Sendable, Equatable {
    public var minimum: [Double]
    public var eigenvalues: [Double]
    /// Gradient descent's η_crit = 2/λmax.
    public var criticalLearningRate: Double
    /// The learning rates and momenta on the axes (absolute rates).
    public var rates: [Double]
    public var momenta: [Double]
    /// Polyak's fastest setting.
    public var optimum: PhaseOptimum
    /// ρ of each configured gradient-descent or momentum run, in run order (null for others).
    public var runRadius: [Double?]
    /// With `real_runs`: the lattice's rates and momenta and each run's outcome, row by row
    /// (a row per momentum).
    public var realRuns: RealRunsReport?

    enum CodingKeys: String, CodingKey {
        case minimum, eigenvalues, rates, momenta, optimum
        case criticalLearningRate = "critical_learning_rate"
        case runRadius = "run_radius"
        case realRuns = "real_runs"
    }
}

public struct PhaseOptimum: Codable, Sendable, Equatable {
    public var learningRate: Double
    public var momentum: Double
    public var radius: Double

    enum CodingKeys: String, CodingKey {
        case momentum, radius
        case learningRate = "learning_rate"
    }
}

public struct RealRunsReport: Codable, Sendable, Equatable {
    public var steps: Int
    public var rates: [Double]
    public var momenta: [Double]
    public var outcomes: [[String]]
}

/// A magnifier (`[[inset]]`), as the report gives it.
public struct InsetReport: Codable, Sendable, Equatable {
    public var center: [Double]
    public var zoom: Double
    /// The window it shows, [low, high] per axis.
    public var w1: [Double]
    public var w2: [Double]
}

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
