import Foundation
import LossmapCore
import LossmapSpec

/// A phase diagram's numbers (`kind = "phase"`): the heavy-ball convergence rate over
/// learning rate and momentum for the quadratic model at the minimum, the configured runs'
/// places on it and, when asked, real runs' outcomes on a coarse lattice.
public struct PhaseDiagram: Sendable {
    /// The minimum analysed and its curvature.
    public var report: StabilityReport
    /// ρ(η, β) on a fine lattice, for the colours and the ρ = 1 contour.
    public var grid: PhaseGrid
    /// The learning rates on x, absolute.
    public var rates: ClosedRange<Double>
    /// Whether the x axis reads η/η_crit (the config gave rates relative to η_crit).
    public var relative: Bool
    /// Gradient descent's η_crit = 2/λmax.
    public var criticalRate: Double
    /// The model's fastest setting (Polyak's).
    public var optimum: (rate: Double, momentum: Double, radius: Double)
    /// The runs that are heavy-ball or plain descent, as (run index, η, β).
    public var runPlaces: [(run: Int, rate: Double, momentum: Double)]
    /// Real runs on the surface, when `real_runs` is on.
    public var lattice: PhaseLattice?

    /// The fine lattice's size: enough for a smooth colour field and contour at slide size.
    static let columns = 240, rows = 160

    /// The strict minimum a diagram of `spec` is drawn for (the one nearest its start), or why
    /// there is none, at the config's `kind` or [phase]: `render` and `check` alike.
    static func minimum(_ spec: PhaseSpec, _ stability: StabilityAnalysis) throws(DiagnosticList) -> StabilityReport {
        let site = spec.site ?? .unknown
        switch stability.report(at: spec.start) {
        case .success(let report)?:
            let λ = report.smallestEigenvalue
            guard let critical = report.criticalLearningRate, critical.isFinite, critical > 0, λ > 0, report.curvature == .bowl else {
                let why = report.whyNoCriticalRate ?? "the minimum is flat along one direction (λmin = \(NumberFormatting.significant(λ))), so no momentum makes descent converge along it"
                throw DiagnosticList(site.error("kind = \"phase\" needs a minimum that curves upward in both directions: \(why)",
                                                note: "choose a surface or a start near a strict minimum"))
            }
            return report
        case .failure(let error)?:
            throw DiagnosticList(site.error("kind = \"phase\" needs the curvature at a minimum, and none was found: \(error)",
                                            note: "choose a start ([optimizer] `start`) near a minimum of the surface"))
        case nil:
            throw DiagnosticList(site.error("kind = \"phase\" needs the curvature at a minimum, and the surface was not analysed"))
        }
    }

    /// The learning rates on x, absolute: `from` and `to` (multiples of gradient descent's
    /// η_crit when relative), by default from 1% of η_crit to 1.5 × the largest rate the top
    /// momentum keeps stable. Refused, at [phase], when relative bounds leave the doubles
    /// (1e-323 × η_crit is 0, 1e308 × η_crit may be infinite).
    static func rateRange(_ spec: PhaseSpec, report: StabilityReport) throws(DiagnosticList) -> ClosedRange<Double> {
        let critical = 2 / report.largestEigenvalue
        func absolute(_ rate: LearningRate) -> Double {
            switch rate {
            case .absolute(let η): return η
            case .critical(let multiple): return multiple * critical
            }
        }
        let from = spec.from.map(absolute) ?? critical / 100
        let to = spec.to.map(absolute) ?? 1.5 * PhaseGrid.criticalRate(momentum: spec.momentum.upperBound, largestEigenvalue: report.largestEigenvalue)
        guard from.isFinite, to.isFinite, from > 0, from < to, (log(to) - log(from)).isFinite else {
            throw DiagnosticList((spec.site ?? .unknown).error(
                "the phase diagram's learning rates, \(NumberFormatting.significant(from)) to \(NumberFormatting.significant(to)) (η_crit = \(NumberFormatting.significant(critical))), are not two increasing positive finite numbers",
                note: "choose `from` and `to` nearer 1 with relative_to = \"critical\", or write absolute rates"))
        }
        return from...to
    }

    init(spec: PhaseSpec, report: StabilityReport, surface: any LossSurface, runs: [SceneRun],
         window: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)) throws(DiagnosticList) {
        let λ = (smaller: report.smallestEigenvalue, larger: report.largestEigenvalue)
        let critical = 2 / λ.larger
        self.report = report
        criticalRate = critical
        relative = { if case .critical = spec.from { true } else { false } }()
        rates = try Self.rateRange(spec, report: report)
        grid = PhaseGrid(eigenvalues: λ, rates: rates, logRates: true, momenta: spec.momentum,
                         columns: Self.columns, rows: Self.rows)
        optimum = PhaseGrid.optimal(eigenvalues: λ)
        runPlaces = runs.enumerated().compactMap { index, run in
            switch run.spec.method {
            case .gradientDescent: return (index, run.learningRate, 0)
            case .momentum(let β): return (index, run.learningRate, β)
            default: return nil
            }
        }
        lattice = nil
        if spec.realRuns {
            let rateAxis = Self.logSpaced(rates, count: spec.lattice.columns)
            let momenta = PhaseGrid.centres(spec.momentum, count: spec.lattice.rows)
            lattice = PhaseLattice(surface: surface, start: spec.start, steps: spec.steps, rates: rateAxis, momenta: momenta, window: window)
        }
    }

    /// `count` rates spaced evenly in log between the range's ends, at the cells' centres
    /// (as `PhaseGrid` places its columns).
    static func logSpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        PhaseGrid.centres(log(range.lowerBound)...log(range.upperBound), count: count).map { exp($0) }
    }
}
