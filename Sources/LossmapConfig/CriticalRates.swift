import LossmapCore

extension ConfigDecoder {
    /// relative_to = "critical": makes every learning rate absolute by multiplying it by the
    /// critical learning rate η_crit of its run's method at the minimum nearest the run's
    /// start (`StabilityReport`), and the sweep's bounds by that of [optimizer]'s method at
    /// its start (the first run). Returns false, after reporting why at `offset` (the
    /// `relative_to` value), when some run has no η_crit; one problem is enough to explain it.
    mutating func scaleToCritical(_ runs: inout [PendingRun], sweep: inout SweepBounds?, surface: any LossSurface, at offset: Int) -> Bool {
        // Runs share starts: analyse each start once.
        var reports: [(start: Weights, result: Result<StabilityReport, StabilityError>)] = []
        func analysis(at start: Weights) -> Result<StabilityReport, StabilityError> {
            if let known = reports.first(where: { $0.start == start }) { return known.result }
            let result = Result(catching: { () throws(StabilityError) in try StabilityReport.analyse(surface, near: start) })
            reports.append((start, result))
            return result
        }
        for index in runs.indices {
            let run = runs[index]
            let critical: Double
            switch analysis(at: run.start) {
            case .failure(let error):
                report(Diagnostic(file: file, offset: offset,
                                  message: "relative_to = \"critical\" needs a critical learning rate, and none was found for \(run.name): \(error)",
                                  note: "write the learning rates as absolute values (relative_to = \"absolute\")"))
                return false
            case .success(let stability):
                guard let rate = stability.criticalLearningRate(for: run.method), rate.isFinite, rate > 0 else {
                    report(Diagnostic(file: file, offset: offset,
                                      message: "relative_to = \"critical\" needs a critical learning rate, and \(run.name) \(run.name.hasPrefix("the runs") ? "have" : "has") none: \(Self.whyNoCriticalRate(stability, run.method))",
                                      note: "write the learning rates as absolute values (relative_to = \"absolute\")"))
                    return false
                }
                critical = rate
            }
            let scaled = runs[index].learningRate * critical
            // A multiple of an extreme η_crit can leave the doubles (1e300 × 1e20) or underflow
            // to 0; the optimizer needs a finite positive rate.
            guard scaled.isFinite, scaled > 0 else {
                report(Diagnostic(file: file, offset: offset,
                                  message: "relative_to = \"critical\" makes a learning rate of \(run.name) \(runs[index].learningRate) × η_crit \(critical) = \(scaled), not a finite positive number",
                                  note: "choose multiples of η_crit nearer 1, or write absolute learning rates"))
                return false
            }
            runs[index].learningRate = scaled
            if index == 0, var bounds = sweep {
                bounds.from *= critical
                bounds.to *= critical
                guard bounds.from.isFinite, bounds.to.isFinite, bounds.from > 0, bounds.from < bounds.to else {
                    report(Diagnostic(file: file, offset: offset,
                                      message: "relative_to = \"critical\" turns the sweep's [\(bounds.from / critical), \(bounds.to / critical)] × η_crit \(critical) into [\(bounds.from), \(bounds.to)], not two finite positive rates",
                                      note: "choose `from` and `to` nearer 1, or write absolute learning rates"))
                    return false
                }
                sweep = bounds
            }
        }
        return true
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
