import LossmapCore
import LossmapSpec

/// The legend text of a run. A label the user wrote is drawn exactly as written; a generated
/// one names the method (unless plain descent) and the rate, and, where η_crit is known,
/// the rate relative to it: "η = 0.19 (0.95 η_crit)", "momentum, η = 0.01 (0.5 η_crit)".
enum RunLabelText {
    /// `pointCount`: the data's size, for a minibatch as large as the data ("full batch").
    static func text(for run: SceneRun, pointCount: Int? = nil) -> String {
        if case .text(let written) = run.spec.label { return written }
        if let source = run.spec.recorded {
            // "recorded: adam.csv": the file's name, as the user would call it.
            guard case .file(let file) = source else { return "recorded path" }
            return "recorded: " + (file.written.split(separator: "/").last.map(String.init) ?? file.written)
        }
        var rate = "η = " + rateText(run.learningRate, typed: run.spec.learningRate)
        if let multiple = run.criticalMultiple {
            // Two digits, three near 1, where 0.98 and 1.03 are the whole story; a multiple the
            // user typed reads back as typed.
            let shown: String
            if case .critical(let typed) = run.spec.learningRate {
                shown = NumberFormatting.compact(typed)
            } else {
                shown = NumberFormatting.significant(multiple, digits: abs(multiple - 1) < 0.1 ? 3 : 2)
            }
            rate += " (\(shown) η_crit)"
        }
        let spec = run.spec
        if !spec.schedule.isConstant {
            // "η 0.1 (0.5 η_crit) → 0.001, cosine": where the schedule starts, ends, and how.
            let schedule = spec.schedule.scaled(by: run.learningRate / spec.learningRate.written)
            let first = schedule.rate(at: 1, base: run.learningRate)
            let last = schedule.rate(at: max(spec.stopping.maxSteps, 1), base: run.learningRate)
            rate = rate.replacingOccurrences(of: "η = ", with: "η ")
            if case .pieces = schedule.form {
                // The pieces give η themselves: the first one, and its multiple of η_crit.
                rate = "η " + NumberFormatting.significant(first, digits: 3)
                if let critical = run.criticalLearningRate, critical > 0 {
                    rate += " (\(NumberFormatting.significant(first / critical, digits: 2)) η_crit)"
                }
            }
            rate += " → \(NumberFormatting.significant(last, digits: 3)), \(schedule.name)"
        }
        if let search = spec.lineSearch {
            // The learning rate (scheduled or not) is only the search's first trial.
            rate = "\(search.name) from " + rate
        }
        if let batches = spec.minibatch {
            if let n = pointCount, batches.batchSize >= n {
                // Every point in every batch: the full gradient, shuffled or not.
                rate += ", full batch"
            } else {
                rate += ", batches of \(batches.batchSize)" + (batches.shuffle ? " (seed \(batches.seed))" : " in order")
            }
        }
        if let noise = spec.gradientNoise {
            rate += ", noise σ = \(NumberFormatting.compact(noise.deviation))" + (spec.minibatch?.shuffle == true ? "" : " (seed \(noise.seed))")
        }
        return spec.method == .gradientDescent ? rate : "\(spec.method.name), \(rate)"
    }

    /// A rate typed in a config reads back as typed (0.0021); one computed from η_crit
    /// (0.004559962546824689) is cut to three significant digits.
    static func rateText(_ η: Double, typed: LearningRate) -> String {
        if case .absolute = typed { return NumberFormatting.compact(η) }
        return NumberFormatting.significant(η, digits: 3)
    }
}
