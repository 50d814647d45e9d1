import LossmapCore
import LossmapSpec

/// The keys of [optimizer]: the settings every run starts from, and the runs of
/// `learning_rates`. The method hyperparameters come from the method table.
enum OptimizerKeys {
    static let defaultMethod = GradientDescentRule.name
    /// `steps`: the most steps one run may take.
    static let stepsRange: ClosedRange<Int64> = 1...1_000_000
    static let defaultSteps = 500
    /// `relative_to` values: learning rates as written, or as multiples of η_crit.
    static let relativeToNames = ["absolute", "critical"]
    static let defaultRelativeTo = "absolute"

    static let table = ConfigTable(name: "[optimizer]", id: "[optimizer]", entries: [
        .value("method", type: "string", default: "`\(defaultMethod)`", allowed: "a method below", example: "`method = \"adam\"`",
               doc: "How each step is taken.", details: methodTable),
        start,
        .value("steps", type: "integer", default: "\(defaultSteps)",
               allowed: "\(stepsRange.lowerBound) … \(ConfigLimits.grouped(Int(stepsRange.upperBound)))", example: "`steps = 200`",
               doc: "The most steps a run takes."),
        .value("learning_rates", type: "array of numbers", default: "`[]` (no runs)",
               allowed: "each finite, > 0; at most \(ConfigLimits.maxRuns) runs in all",
               example: "`learning_rates = [0.001, 0.01, 0.1]`",
               doc: "One run per learning rate η, labelled \"η = 0.001\"."),
        .value("learning_rate", type: "number", default: "none", allowed: "finite, > 0", example: "`learning_rate = 0.01`",
               doc: "The learning rate of the `[[run]]` sections that give none."),
        relativeTo,
        .value("gradient_tolerance", type: "number", default: NumberFormatting.compact(Stopping.defaultGradientTolerance),
               allowed: "finite, ≥ 0", example: "`gradient_tolerance = 1e-6`",
               doc: "A run has converged once the gradient's length ‖∇L‖ falls below this."),
        .value("loss_change_tolerance", type: "number",
               default: NumberFormatting.compact(Stopping.defaultLossChangeTolerance) + " (off)",
               allowed: "finite, ≥ 0", example: "`loss_change_tolerance = 1e-9`",
               doc: "A run has converged once one step changes the loss by at most this fraction of max(|L|, 1).",
               details: """
                   Off by default: a run bouncing across a valley, or crawling with a tiny η, also barely changes \
                   the loss.
                   """),
        stepNumbers,
        arrows,
    ] + StepSizeKeys.entries + [
        ConfigKey(MethodCatalog.parameterKeys, .hyperparameters,
                  doc: "The method's hyperparameters, all numbers; a key is an error with a method that does not have it.",
                  details: "Example: `method = \"adam\"` with `beta2 = 0.99`."),
    ])

    static let stepNumbersRange: ClosedRange<Int64> = 0...Int64(RunSpec.maxStepNumbers)
    static let stepNumbers = ConfigKey.value(
        "step_numbers", type: "integer", default: "0 (none)", allowed: "\(stepNumbersRange.lowerBound) … \(stepNumbersRange.upperBound)",
        example: "`step_numbers = 8`",
        doc: "Numbers each run's first n steps on the map (1, 2, 3 …), so the order of a huge step's jumps can be followed.",
        details: """
            Step k's number sits beside the point the walker reached after k steps, on the side away from the \
            path where there is room, clear of every other number; steps off the map are not numbered. On the \
            map only, not on the mountain (`view = "surface"`).
            """)

    /// `arrows = k`: an arrow every k steps.
    static let arrowsRange: ClosedRange<Int64> = 1...1_000_000
    static let arrows = ConfigKey(
        ["arrows"], .value(type: "boolean or integer", defaultValue: "`false`",
                           allowed: "`true` (every step), \(arrowsRange.lowerBound) … \(ConfigLimits.grouped(Int(arrowsRange.upperBound))) (every k-th step), `false`",
                           example: "`arrows = true`"),
        doc: "Shows each step as the arrow it is: −η∇L from the point where it was taken.",
        details: """
            For `momentum` and `nesterov` a step is two arrows, tip to tail: the velocity kept from \
            the last step (βv, dashed) and the gradient's part (solid; for `nesterov`, the gradient at \
            the point looked ahead to), which end where the step ends. For `adagrad`, `rmsprop` and \
            `adam` the arrow is the step taken. Arrows are clipped at the map's frame, as paths are; on the \
            map only, not on the mountain (`view = "surface"`).
            """)

    static let start = ConfigKey.value(
        "start", type: "array of two numbers `[w1, w2]`", default: "the surface's start point (table above)",
        allowed: "finite", example: "`start = [-1.5, 2.0]`", doc: "Where every run starts.")

    /// The methods with their rules and hyperparameters, then what each notes.
    static var methodTable: String {
        let rows = MethodCatalog.entries.map { entry in
            let keys = entry.parameters.isEmpty ? "none" : ConfigKeys.code(entry.parameters.map(\.key))
            return "| `\(entry.name)` | \(entry.summary) | \(keys) |"
        }
        let notes = MethodCatalog.entries.filter { !$0.details.isEmpty }.map { "- `\($0.name)`: \($0.details)" }
        return "\n\n" + (["| method | rule | hyperparameters |", "| --- | --- | --- |"] + rows).joined(separator: "\n")
            + (notes.isEmpty ? "" : "\n\n" + notes.joined(separator: "\n"))
    }

    static let relativeTo = ConfigKey.choice(
        "relative_to", among: relativeToNames, default: defaultRelativeTo, example: "`relative_to = \"critical\"`",
        doc: """
            `critical`: every learning rate in the file (`learning_rates`, `learning_rate` here and in each \
            `[[run]]`, and the `[sweep]` bounds) is a multiple of the critical learning rate η_crit of its \
            run's method, at the minimum nearest the run's start.
            """,
        details: """
            `learning_rates = [0.05, 0.5, 0.9, 1.1]` draws runs just below and just above the largest stable \
            step. η_crit = 2/λmax for `gd`, 2(1 + β)/λmax for `momentum` and 2(1 + μ)/((1 + 2μ)λmax) for \
            `nesterov`, λmax the largest curvature (Hessian eigenvalue) at the minimum. Generated labels show \
            the absolute η and the legend adds the multiple: "η = 0.082 (0.9 η_crit)". An error where there \
            is no η_crit: at a saddle or where no minimum is found, and for `adagrad`, `rmsprop` and `adam`, \
            whose steps no single η bounds.
            """)
}

/// The keys of a [[run]] section: one extra run, any key left out coming from [optimizer].
enum RunKeys {
    static let table = ConfigTable(name: "[[run]]", id: "[[run]]", entries: [
        .value("label", type: "string", default: "\"η = 0.001\", or with the method: \"adam, η = 0.001\"",
               allowed: "any text but NUL and Unicode noncharacters", example: "`label = \"a huge step goes crazy\"`",
               doc: "The run's name in the legend, drawn exactly as written.",
               details: """
                   A generated label also gives the rate relative to η_crit where η_crit is known: \
                   `η = 0.19 (0.95 η_crit)`; with `relative_to = "critical"` the multiple reads back as typed: \
                   `η = 0.1 (0.5 η_crit)`.
                   """),
        ConfigKey(["method"], .sameAs(table: "[optimizer]"),
                  doc: """
                      A run that names no method takes the one of `[optimizer]`, with those of its \
                      hyperparameters that the run's method has.
                      """),
        .value("learning_rate", type: "number", default: "`[optimizer]`'s `learning_rate`; required if that is not set",
               allowed: "finite, > 0", example: "`learning_rate = 0.0015`",
               doc: "The step size η."),
        ConfigKey(["start", "steps", "step_numbers", "arrows"] + StepSizeKeys.keys, .sameAs(table: "[optimizer]"), doc: ""),
        .value("color", type: "string", default: "the next colour of the palette",
               allowed: "a hex colour `#RRGGBB`, or `#RRGGBBAA` with opacity", example: "`color = \"#D55E00\"`",
               doc: "The colour of the run's path."),
        ConfigKey(MethodCatalog.parameterKeys, .sameAs(table: "[optimizer]"), doc: ""),
        .value("path", type: "string", default: "none (the run is walked)",
               allowed: "a CSV file, relative to the config's folder, inside the working directory unless `--allow-outside-data` is given",
               example: "`path = \"runs/adam-projected.csv\"`",
               doc: "A recorded path, drawn as it is rather than walked: lines of `w1, w2` or `w1, w2, loss`.",
               details: """
                   The way to overlay a real optimizer's trajectory, projected onto the plotted plane (see \
                   `grid` in [surface]). A header line, `#` comments and blank lines are skipped, as in `data`; \
                   every line has the same number of values. Without a `loss` column the loss at each point is \
                   read off the surface. Its outcome is "recorded"; only `label`, `color` and `step_numbers` \
                   may be set with it (any other run key is an error), and it is not counted in the \
                   figure's steps (its lines, at most \(ConfigLimits.grouped(ConfigLimits.maxStepsPerRun)), are \
                   checked when it is read). Maps only.
                   """),
    ])

    /// The keys a recorded run (`path`) takes.
    static let recordedKeys = ["path", "label", "color", "step_numbers"]
}
