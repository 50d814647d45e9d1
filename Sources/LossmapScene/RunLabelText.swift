import LossmapCore
import LossmapSpec

/// The legend text of a run. A label the user wrote is drawn exactly as written; a generated
/// one names the method (unless plain descent) and the rate, and, where η_crit is known,
/// the rate relative to it: "η = 0.19 (0.95 η_crit)", "momentum, η = 0.01 (0.5 η_crit)".
enum RunLabelText {
    static func text(for run: SceneRun) -> String {
        if case .text(let written) = run.spec.label { return written }
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
        return run.spec.method == .gradientDescent ? rate : "\(run.spec.method.name), \(rate)"
    }

    /// A rate typed in a config reads back as typed (0.0021); one computed from η_crit
    /// (0.004559962546824689) is cut to three significant digits.
    static func rateText(_ η: Double, typed: LearningRate) -> String {
        if case .absolute = typed { return NumberFormatting.compact(η) }
        return NumberFormatting.significant(η, digits: 3)
    }
}
