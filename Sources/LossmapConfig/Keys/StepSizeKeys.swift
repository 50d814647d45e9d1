import LossmapSpec
import LossmapCore

/// The keys of [optimizer] and [[run]] that choose the step size beyond a constant η: a
/// learning-rate schedule, a line search, and noise on the gradient.
enum StepSizeKeys {
    /// `schedule` names.
    static let scheduleNames = ["constant", "step", "exponential", "inverse_time", "cosine"]
    /// `line_search` names.
    static let lineSearchNames = ["none", "armijo", "exact"]
    /// Which schedule each parameter belongs to.
    static let owners: [String: [String]] = [
        "decay_factor": ["step", "exponential"], "decay_every": ["step"], "decay_rate": ["inverse_time"],
        "decay_steps": ["cosine"], "final_learning_rate": ["cosine"],
    ]
    static let decayEveryRange: ClosedRange<Int64> = 1...1_000_000
    static let warmupRange: ClosedRange<Int64> = 0...1_000_000
    static let defaultDecayFactor = 0.5
    static let defaultDecayEvery = 10
    static let defaultDecayRate = 0.1
    static let seedRange: ClosedRange<Int64> = 0...Int64.max
    /// `epochs`: passes over the data.
    static let epochsRange: ClosedRange<Int64> = 1...1_000_000
    /// `repeats`: seeded runs of one stochastic setting.
    static let repeatsRange: ClosedRange<Int64> = 1...100
    /// `batch_size`: points a step's gradient is taken over.
    static let batchSizeRange: ClosedRange<Int64> = 1...1_000_000
    /// At most this many pieces in a listed schedule.
    static let maxPieces = 100

    static let keys = ["schedule", "decay_factor", "decay_every", "decay_rate", "decay_steps", "final_learning_rate",
                       "warmup_steps", "line_search", "armijo_c", "shrink", "gradient_noise", "batch_size", "shuffle", "epochs", "seed", "repeats", "repeats_style"]

    static let entries: [ConfigKey] = [
        ConfigKey(["schedule"], .value(type: "string, or an array of `[step, η]` pairs", defaultValue: "`\"constant\"`",
                                       allowed: ConfigKeys.code(scheduleNames) + "; pairs with increasing steps from 1, each η finite, > 0, at most \(maxPieces)",
                                       example: "`schedule = \"cosine\"`, `schedule = [[1, 0.1], [50, 0.01]]`"),
                  doc: "How the learning rate changes from step to step, η_t for step t = 1, 2, …",
                  details: """

                      | schedule | η_t | its keys |
                      | --- | --- | --- |
                      | `constant` | η | |
                      | `step` | η · γ^⌊(t − 1)/k⌋ | `decay_factor` γ (\(NumberFormatting.compact(defaultDecayFactor))), `decay_every` k (\(defaultDecayEvery)) |
                      | `exponential` | η · γ^(t − 1) | `decay_factor` γ (\(NumberFormatting.compact(defaultDecayFactor))) |
                      | `inverse_time` | η / (1 + d·(t − 1)) | `decay_rate` d (\(NumberFormatting.compact(defaultDecayRate))) |
                      | `cosine` | η_end + (η − η_end)(1 + cos(π(t − 1)/T))/2, then η_end | `decay_steps` T (the run's length − 1 − `warmup_steps`: its last step takes η_end), `final_learning_rate` η_end (0) |
                      | `[[1, 0.1], [50, 0.01]]` | the η of the last pair whose step is ≤ t | |

                      These are PyTorch's `StepLR`, `ExponentialLR`, `CosineAnnealingLR` and Keras's \
                      `InverseTimeDecay`, counted in steps. `learning_rate` is η (with `relative_to = "critical"` a \
                      multiple of η_crit, as are `final_learning_rate` and the pairs' rates). The legend says what the \
                      schedule does: `η 0.1 → 0.001, cosine`; report.json lists every step's η.
                      """),
        .value("decay_factor", type: "number", default: NumberFormatting.compact(defaultDecayFactor), allowed: "0 < γ ≤ 1",
               example: "`decay_factor = 0.9`", doc: "The factor γ of `step` and `exponential` schedules."),
        .value("decay_every", type: "integer", default: "\(defaultDecayEvery)",
               allowed: "\(decayEveryRange.lowerBound) … \(ConfigLimits.grouped(Int(decayEveryRange.upperBound)))",
               example: "`decay_every = 25`", doc: "How many steps a `step` schedule keeps each rate."),
        .value("decay_rate", type: "number", default: NumberFormatting.compact(defaultDecayRate), allowed: "finite, ≥ 0",
               example: "`decay_rate = 0.05`", doc: "The d of an `inverse_time` schedule."),
        .value("decay_steps", type: "integer", default: "the run's length − 1 − `warmup_steps` (its last step takes the end rate)",
               allowed: "\(decayEveryRange.lowerBound) … \(ConfigLimits.grouped(Int(decayEveryRange.upperBound)))",
               example: "`decay_steps = 100`", doc: "Over how many steps a `cosine` schedule falls to `final_learning_rate`."),
        .value("final_learning_rate", type: "number", default: "0", allowed: "finite, ≥ 0",
               example: "`final_learning_rate = 0.001`", doc: "Where a `cosine` schedule ends."),
        .value("warmup_steps", type: "integer", default: "0 (none)",
               allowed: "\(warmupRange.lowerBound) … \(ConfigLimits.grouped(Int(warmupRange.upperBound)))",
               example: "`warmup_steps = 5`",
               doc: "Steps of linear warm-up before the schedule: step t ≤ n takes t/n of the schedule's first η (Goyal et al. 2017)."),
        .choice("line_search", among: lineSearchNames, default: "none", example: "`line_search = \"armijo\"`",
                doc: "For `method = \"gd\"`: the step length chosen at every step by a search along −∇L, not a fixed η.",
                details: """
                    `armijo`: backtracking from t = η (the learning rate is the first trial), multiplying t by \
                    `shrink` until L(w − t∇L) ≤ L(w) − c·t·‖∇L‖² (Nocedal & Wright, Algorithm 3.1). `exact`: the t that \
                    minimises L along the line (on a quadratic gᵀg/gᵀHg). report.json lists each step's length. \
                    Towards the figure's limit of steps an exact search's step counts as 100, an Armijo step as 4 \
                    (and a `newton` step as 5): what they cost.
                    """),
        .value("armijo_c", type: "number", default: "0.0001", allowed: "0 < c < 1", example: "`armijo_c = 0.1`",
               doc: "The sufficient-decrease constant c of `line_search = \"armijo\"`."),
        .value("shrink", type: "number", default: "0.5", allowed: "0 < ρ < 1", example: "`shrink = 0.8`",
               doc: "The factor ρ that `line_search = \"armijo\"` shortens a rejected trial step by."),
        .value("gradient_noise", type: "number", default: "0 (none)", allowed: "finite, ≥ 0", example: "`gradient_noise = 2.5`",
               doc: "Adds Gaussian noise of this standard deviation to each component of every gradient a step is taken from.",
               details: """
                   The stochastic gradient of a surface without data to sample: the walker feels only part of \
                   the mountain. The noise is drawn from `seed`, so the same config gives the same path (and \
                   bytes) every time. A noisy run never counts as converged by a small change of the loss, only \
                   by a small (true) gradient; one bouncing about the minimum is `oscillating`, not diverged.
                   """),
        .value("batch_size", type: "integer", default: "none (every point)",
               allowed: "\(batchSizeRange.lowerBound) … \(ConfigLimits.grouped(Int(batchSizeRange.upperBound))); `model = \"perceptron\"` only",
               example: "`batch_size = 2`",
               doc: "Minibatch SGD on the perceptron's data: each step follows the gradient of the next `batch_size` points only.",
               details: """
                   The points are taken `batch_size` at a time until all have been used (an epoch; the last \
                   batch takes the remainder), then again, in a fresh random order each epoch with `shuffle` \
                   (drawn from `seed`). A batch as large as the data is the full gradient. As with noise, such a \
                   run is judged converged only by its true gradient.
                   """),
        .value("shuffle", type: "boolean", default: "`true`", allowed: "`true`, `false`", example: "`shuffle = false`",
               doc: "Whether `batch_size`'s minibatches take the points in a fresh random order every epoch, or in file order."),
        .value("epochs", type: "integer", default: "none (`steps` sets the length)",
               allowed: "\(epochsRange.lowerBound) … \(ConfigLimits.grouped(Int(epochsRange.upperBound))), with `batch_size`; not with `steps` in the same table",
               example: "`epochs = 5`",
               doc: "The run's length in passes over the data: epochs × ⌈points / `batch_size`⌉ steps, counted once the data is read.",
               details: """
                   A [[run]] that writes its own `steps` takes that instead of [optimizer]'s `epochs`. The steps \
                   count towards the limits like any others (at most \(ConfigLimits.grouped(ConfigLimits.maxStepsPerRun)) a run).
                   """),
        .value("seed", type: "integer", default: "0", allowed: "0 … 2⁶³ − 1", example: "`seed = 7`",
               doc: "The seed of `gradient_noise` and of shuffled minibatches: another seed, another path."),
        .value("repeats", type: "integer", default: "1", allowed: "\(repeatsRange.lowerBound) … \(repeatsRange.upperBound), with `gradient_noise` or shuffled `batch_size`",
               example: "`repeats = 20`",
               doc: "Runs a stochastic run with this many seeds (`seed`, `seed` + 1, …) and draws them together.",
               details: """
                   The legend, the badges and the step numbers belong to the first seed's run; report.json lists every \
                   seed's outcome, final loss and final point (`repeats`). The steps of all repeats count towards \
                   the figure's limit.
                   """),
        .choice("repeats_style", among: RepeatsStyle.allCases.map(\.rawValue), default: RepeatsStyle.band.rawValue,
                example: "`repeats_style = \"paths\"`",
                doc: "`band`: the median position at each step as the run's path, in a band from the 10th to the 90th percentile of each weight per step (nearest rank: with 20 seeds the 2nd to the 18th, 85% of them; the legend gives the share); `paths`: every seed's path thin, the first seed's as the run."),
    ]
}
