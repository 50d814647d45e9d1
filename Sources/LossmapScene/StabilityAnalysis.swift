import LossmapCore
import LossmapSpec

/// The stability analysis of a figure, done once per distinct start point: the curvature at
/// the minimum nearest each start and the critical learning rates it implies. The scene uses
/// it to make relative rates absolute, to label rates relative to η_crit and for the footnote.
struct StabilityAnalysis {
    /// The analysis at each distinct start, in the order the runs name them.
    private var results: [(start: Weights, result: Result<StabilityReport, StabilityError>)] = []
    /// The plotted window: a searched minimum must lie in or near it.
    private let window: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)

    /// Analyses at every run's start (and the first run's start first). Nothing is analysed
    /// when the figure neither shows nor needs η_crit.
    init(_ spec: FigureSpec, _ resolved: ResolvedSurface) {
        window = (resolved.w1, resolved.w2)
        let needed = spec.showsCriticalRate || spec.runs.contains { if case .critical = $0.learningRate { true } else { false } }
            || { if case .sweep(let from, _, _) = spec.kind, case .critical = from { return true } else { return false } }()
            || spec.surface.eigen || spec.kind.phase != nil
        guard needed else { return }
        // A recorded path has no start of its own to analyse from; a figure of recorded paths
        // alone is analysed at the surface's minimum, for the footnote and the eigen-directions.
        var starts = spec.runs.filter { !$0.isRecorded }.map(\.start) + (spec.kind.phase.map { [$0.start] } ?? [])
        if starts.isEmpty, let minimum = resolved.surface.minima.first { starts = [minimum] }
        for start in starts where !results.contains(where: { $0.start == start }) {
            let surface = resolved.surface
            let window = window
            let result = Result(catching: { () throws(StabilityError) in
                try StabilityReport.analyse(surface, near: start, within: window)
            })
            results.append((start, result))
        }
    }

    private func result(at start: Weights) -> Result<StabilityReport, StabilityError>? {
        results.first(where: { $0.start == start })?.result
    }

    /// The report at `start`, or why there is none (nil: not analysed).
    func report(at start: Weights) -> Result<StabilityReport, StabilityError>? { result(at: start) }

    /// The report at the first run's start, when there is one.
    var first: StabilityReport? { try? results.first?.result.get() }

    /// Why there is no report at the first run's start, in a sentence.
    var firstProblem: String? {
        guard case .failure(let error) = results.first?.result else { return nil }
        return "\(error)"
    }

    /// η_crit of the run's method at the minimum nearest its start, when finite and positive.
    func criticalRate(for run: RunSpec) -> Double? {
        guard !run.isRecorded, let report = try? result(at: run.start)?.get(),
              let rate = report.criticalLearningRate(for: run.method), rate.isFinite, rate > 0 else { return nil }
        return rate
    }

    /// The absolute learning rate of every run and the sweep's absolute bounds. A rate
    /// relative to η_crit is multiplied by its run's η_crit; it is an error, reported where
    /// `relative_to` was written, when that run has none or the product is not a finite
    /// positive number. One problem is enough to explain it.
    func absoluteRates(_ spec: FigureSpec) throws(DiagnosticList) -> (runs: [Double], sweep: (from: Double, to: Double, count: Int)?) {
        var runs: [Double] = []
        for run in spec.runs {
            runs.append(try absolute(run.learningRate, of: run))
        }
        guard case .sweep(let from, let to, let count) = spec.kind else { return (runs, nil) }
        guard let first = spec.runs.first else { return (runs, (from.written, to.written, count)) }
        let bounds = (from: try absolute(from, of: first), to: try absolute(to, of: first), count: count)
        guard bounds.from < bounds.to else {
            throw problem(first, "relative_to = \"critical\" turns the sweep's [\(NumberFormatting.compact(from.written)), \(NumberFormatting.compact(to.written))] × η_crit into [\(NumberFormatting.compact(bounds.from)), \(NumberFormatting.compact(bounds.to))], not two increasing positive rates",
                          note: "choose `from` and `to` nearer 1, or write absolute learning rates")
        }
        return (runs, bounds)
    }

    private func absolute(_ rate: LearningRate, of run: RunSpec) throws(DiagnosticList) -> Double {
        guard case .critical(let multiple) = rate else { return rate.written }
        let note = "write the learning rates as absolute values (relative_to = \"absolute\")"
        switch result(at: run.start) {
        case .failure(let error)?:
            throw problem(run, "relative_to = \"critical\" needs a critical learning rate, and none was found for \(run.name): \(error)", note: note)
        case nil:
            throw problem(run, "relative_to = \"critical\" needs a critical learning rate, and \(run.name) was not analysed", note: note)
        case .success(let report)?:
            guard let critical = criticalRate(for: run) else {
                let verb = run.name.hasPrefix("the runs") ? "have" : "has"
                throw problem(run, "relative_to = \"critical\" needs a critical learning rate, and \(run.name) \(verb) none: \(Self.whyNoCriticalRate(report, run.method))", note: note)
            }
            // A multiple of an extreme η_crit can leave the doubles (1e300 × 1e20) or underflow
            // to 0; the optimizer needs a finite positive rate.
            let scaled = multiple * critical
            guard scaled.isFinite, scaled > 0 else {
                throw problem(run, "relative_to = \"critical\" makes a learning rate of \(run.name) \(NumberFormatting.compact(multiple)) × η_crit \(NumberFormatting.compact(critical)) = \(NumberFormatting.compact(scaled)), not a finite positive number",
                              note: "choose multiples of η_crit nearer 1, or write absolute learning rates")
            }
            return scaled
        }
    }

    private func problem(_ run: RunSpec, _ message: String, note: String) -> DiagnosticList {
        let site = run.site ?? SpecSite.unknown
        return DiagnosticList(site.error(message, note: note))
    }

    /// Why `method` has no critical learning rate at the analysed point, in a sentence.
    static func whyNoCriticalRate(_ stability: StabilityReport, _ method: Method) -> String {
        if let why = stability.whyNoCriticalRate {
            let prefix = "no critical learning rate: "
            return why.hasPrefix(prefix) ? String(why.dropFirst(prefix.count)) : why
        }
        return "`\(method.name)` divides each step by a running size of the gradient, so no single learning rate bounds its steps"
    }
}
