import LossmapCore
import LossmapSpec

extension FigureSpec {
    /// The spec with every run's `epochs` made steps over `pointCount` data points: an epoch
    /// is ⌈n / batch⌉ minibatches (a batch larger than the data is the data). Refused, at
    /// `epochs`, when a run would take more than `ConfigLimits.maxStepsPerRun` steps, and at
    /// the figure's `steps` when all runs together would pass `ConfigLimits.maxTotalSteps`.
    /// Without a point count (no data) the spec is returned as it is.
    public func resolvingEpochs(pointCount: Int?) throws(DiagnosticList) -> FigureSpec {
        guard let n = pointCount, n > 0, runs.contains(where: { $0.epochs != nil }) else { return self }
        var spec = self
        for i in spec.runs.indices {
            guard let epochs = spec.runs[i].epochs, let batches = spec.runs[i].minibatch else { continue }
            let perEpoch = Minibatch(batchSize: min(batches.batchSize, n)).batchesPerEpoch(count: n)
            let (steps, overflow) = epochs.multipliedReportingOverflow(by: perEpoch)
            guard !overflow, steps <= ConfigLimits.maxStepsPerRun else {
                throw DiagnosticList((spec.runs[i].epochsSite ?? .unknown).error(
                    "`epochs` = \(ConfigLimits.grouped(epochs)) of \(perEpoch) minibatch\(perEpoch == 1 ? "" : "es") (\(ConfigLimits.grouped(n)) points, \(batches.batchSize) a batch) is more than the \(ConfigLimits.grouped(ConfigLimits.maxStepsPerRun)) steps a run may take",
                    note: "use fewer epochs or a larger `batch_size`"))
            }
            spec.runs[i].stopping.maxSteps = steps
            if spec.runs[i].scheduleSpansRun { spec.runs[i].schedule = spec.runs[i].schedule.fitted(toSteps: steps) }
        }
        let total = spec.totalSteps
        if total > ConfigLimits.maxTotalSteps {
            throw DiagnosticList((spec.stepsSite ?? spec.runs.first { $0.epochs != nil }?.epochsSite ?? .unknown).error(
                "the runs of this figure take \(ConfigLimits.grouped(total)) steps together once their epochs are counted, more than the \(ConfigLimits.grouped(ConfigLimits.maxTotalSteps)) allowed",
                note: "use fewer epochs, fewer runs or fewer repeats"))
        }
        return spec
    }
}
