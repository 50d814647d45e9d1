import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The step-size keys (schedule, line search, gradient noise) as one table writes them;
    /// nil where it does not. A [[run]] takes each key it does not write from [optimizer].
    struct StepSizeSettings {
        var schedule: String?
        /// A listed schedule, `[[step, η], …]`, in the config's units.
        var pieces: [(step: Int, rate: Double)]?
        var decayFactor: Double?
        var decayEvery: Int?
        var decayRate: Double?
        var decaySteps: Int?
        var finalRate: Double?
        var warmup: Int?
        var lineSearch: String?
        var armijoC: Double?
        var shrink: Double?
        var noise: Double?
        var seed: UInt64?
        var batchSize: Int?
        var shuffle: Bool?
        var repeats: Int?
        var repeatsStyle: String?
        var epochs: Int?
        /// Where `epochs` was written (for problems found once the data is read).
        var epochsOffset: Int?

        /// These settings, each key left out taken from `base`. A table that writes
        /// `schedule` starts a schedule of its own: its listed pieces are not inherited.
        func over(_ base: StepSizeSettings) -> StepSizeSettings {
            var merged = StepSizeSettings()
            merged.schedule = schedule ?? (pieces == nil ? base.schedule : nil)
            merged.pieces = pieces ?? (schedule == nil ? base.pieces : nil)
            merged.decayFactor = decayFactor ?? base.decayFactor
            merged.decayEvery = decayEvery ?? base.decayEvery
            merged.decayRate = decayRate ?? base.decayRate
            merged.decaySteps = decaySteps ?? base.decaySteps
            merged.finalRate = finalRate ?? base.finalRate
            merged.warmup = warmup ?? base.warmup
            merged.lineSearch = lineSearch ?? base.lineSearch
            merged.armijoC = armijoC ?? base.armijoC
            merged.shrink = shrink ?? base.shrink
            merged.noise = noise ?? base.noise
            merged.seed = seed ?? base.seed
            merged.batchSize = batchSize ?? base.batchSize
            merged.shuffle = shuffle ?? base.shuffle
            merged.repeats = repeats ?? base.repeats
            merged.repeatsStyle = repeatsStyle ?? base.repeatsStyle
            merged.epochs = epochs ?? base.epochs
            merged.epochsOffset = epochs != nil ? epochsOffset : base.epochsOffset
            return merged
        }

        /// The schedule of a run of `steps` steps, its rates (cosine's end, the pieces) in the
        /// config's units: the scene scales them with the learning rate (`LearningRateSchedule.scaled`).
        func schedule(steps: Int) -> LearningRateSchedule {
            let form: LearningRateSchedule.Form
            if let pieces {
                form = .pieces(pieces)
            } else {
                switch schedule ?? "constant" {
                case "step": form = .step(every: decayEvery ?? StepSizeKeys.defaultDecayEvery, factor: decayFactor ?? StepSizeKeys.defaultDecayFactor)
                case "exponential": form = .exponential(factor: decayFactor ?? StepSizeKeys.defaultDecayFactor)
                case "inverse_time": form = .inverseTime(decay: decayRate ?? StepSizeKeys.defaultDecayRate)
                // By default the run's last step takes the end rate (`fitted(toSteps:)`: η_t
                // reaches the end at t = T + 1, as PyTorch's CosineAnnealingLR at T_cur = T_max).
                case "cosine": form = .cosine(steps: decaySteps ?? max(steps - 1, 1), finalRate: finalRate ?? 0)
                default: form = .constant
                }
            }
            let schedule = LearningRateSchedule(form, warmup: warmup ?? 0)
            return spansRun ? schedule.fitted(toSteps: steps) : schedule
        }

        /// True for a cosine schedule without `decay_steps`: it spans the run.
        var spansRun: Bool { pieces == nil && schedule == "cosine" && decaySteps == nil }

        var search: LineSearch? {
            switch lineSearch {
            case "armijo": return .armijo(c: armijoC ?? 1e-4, shrink: shrink ?? 0.5)
            case "exact": return .exact
            default: return nil
            }
        }

        var gradientNoise: GradientNoise? {
            guard let noise, noise > 0 else { return nil }
            return GradientNoise(deviation: noise, seed: seed ?? 0)
        }

        var minibatch: Minibatch? {
            batchSize.map { Minibatch(batchSize: $0, shuffle: shuffle ?? true, seed: seed ?? 0) }
        }
    }

    /// The step-size keys of one table over `inherited`, for runs of `method` (nil: unknown,
    /// reported already). Each key's value and its fit with the others are checked where it
    /// is written: a schedule parameter of another schedule, a line search for a method other
    /// than gd, Armijo's constants without Armijo, a seed without noise.
    mutating func decodeStepSize(_ reader: TableReader, inherited: StepSizeSettings, method: Method?, onData: Bool) -> StepSizeSettings {
        var own = StepSizeSettings()
        if let value = reader.table["schedule"] {
            if case .array = value.kind {
                own.pieces = attempt { () throws(Diagnostic) in try Self.pieces(reader, value) }
            } else {
                own.schedule = attempt { () throws(Diagnostic) in try reader.choice("schedule", among: StepSizeKeys.scheduleNames) }?.0
            }
        }
        own.decayFactor = attempt { () throws(Diagnostic) -> Double? in
            guard let (x, value) = try reader.number("decay_factor") else { return nil }
            guard x.isFinite, x > 0, x <= 1 else { throw reader.error(value.span.lowerBound, "`decay_factor` must be in 0 < γ ≤ 1, found \(reader.written(value))") }
            return x
        }
        own.decayEvery = attempt { () throws(Diagnostic) in try reader.integer("decay_every", in: StepSizeKeys.decayEveryRange) }
        own.decayRate = attempt { () throws(Diagnostic) in try reader.nonNegative("decay_rate") }
        own.decaySteps = attempt { () throws(Diagnostic) in try reader.integer("decay_steps", in: StepSizeKeys.decayEveryRange) }
        own.finalRate = attempt { () throws(Diagnostic) in try reader.nonNegative("final_learning_rate") }
        own.warmup = attempt { () throws(Diagnostic) in try reader.integer("warmup_steps", in: StepSizeKeys.warmupRange) }
        own.lineSearch = attempt { () throws(Diagnostic) in try reader.choice("line_search", among: StepSizeKeys.lineSearchNames) }?.0
        own.armijoC = attempt { () throws(Diagnostic) in try Self.openUnit(reader, "armijo_c", "c") }
        own.shrink = attempt { () throws(Diagnostic) in try Self.openUnit(reader, "shrink", "ρ") }
        own.noise = attempt { () throws(Diagnostic) in try reader.nonNegative("gradient_noise") }
        own.seed = attempt { () throws(Diagnostic) in try reader.integer("seed", in: StepSizeKeys.seedRange) }.map { UInt64($0) }
        own.batchSize = attempt { () throws(Diagnostic) in try reader.integer("batch_size", in: StepSizeKeys.batchSizeRange) }
        own.shuffle = attempt { () throws(Diagnostic) in try reader.boolean("shuffle")?.0 }
        own.repeats = attempt { () throws(Diagnostic) in try reader.integer("repeats", in: StepSizeKeys.repeatsRange) }
        own.epochs = attempt { () throws(Diagnostic) in try reader.integer("epochs", in: StepSizeKeys.epochsRange) }
        if own.epochs != nil { own.epochsOffset = reader.keyOffset("epochs") }
        own.repeatsStyle = attempt { () throws(Diagnostic) in try reader.choice("repeats_style", among: RepeatsStyle.allCases.map(\.rawValue)) }?.0
        if reader.table["batch_size"] != nil, !onData {
            report(reader.error(reader.keyOffset("batch_size"), "`batch_size` draws minibatches of data points; this surface has no data",
                                note: "use model = \"perceptron\" with data, or gradient_noise = σ for a noisy gradient on a formula"))
        }
        if reader.table["shuffle"] != nil, !refused("batch_size", own.batchSize), own.over(inherited).batchSize == nil {
            report(reader.error(reader.keyOffset("shuffle"), "`shuffle` orders the minibatches of `batch_size`, and there is none here",
                                note: "set batch_size = n, or remove `shuffle`"))
        }

        let merged = own.over(inherited)
        // A key written here but refused has been reported; the keys that depend on it are not
        // judged against a value the user did not mean.
        func refused(_ key: String, _ value: Any?) -> Bool { reader.table[key] != nil && value == nil }
        let scheduleRefused = refused("schedule", own.schedule ?? own.pieces.map { _ in "" })
        // Each schedule parameter written here must belong to the schedule in force here.
        let scheduleName = merged.pieces != nil ? "listed" : (merged.schedule ?? "constant")
        for (key, owners) in StepSizeKeys.owners.sorted(by: { $0.key < $1.key })
            where !scheduleRefused && reader.table[key] != nil && !owners.contains(scheduleName) {
            report(reader.error(reader.keyOffset(key), "`\(key)` applies to schedule = \(owners.map { "\"\($0)\"" }.joined(separator: " or ")) only; the schedule here is \(scheduleName == "listed" ? "a list of [step, η] pairs" : "\"\(scheduleName)\"")",
                                note: "set schedule = \"\(owners[0])\", or remove `\(key)`"))
        }
        if let search = merged.lineSearch, search != "none", let method, method != .gradientDescent {
            let offset = reader.table["line_search"] != nil ? reader.keyOffset("line_search") : (reader.table["method"] != nil ? reader.keyOffset("method") : reader.headerOffset)
            report(reader.error(offset, "line_search = \"\(search)\" chooses gradient descent's step; \(reader.name) runs method = \"\(method.name)\"",
                                note: "use method = \"gd\" with a line search, or line_search = \"none\""))
        }
        for key in ["armijo_c", "shrink"] where !refused("line_search", own.lineSearch) && reader.table[key] != nil && merged.lineSearch != "armijo" {
            report(reader.error(reader.keyOffset(key), "`\(key)` applies to line_search = \"armijo\" only", note: "set line_search = \"armijo\", or remove `\(key)`"))
        }
        if reader.table["repeats"] != nil, !refused("gradient_noise", own.noise), !refused("batch_size", own.batchSize),
           (merged.repeats ?? 1) > 1, (merged.noise ?? 0) == 0, merged.batchSize == nil || merged.shuffle == false {
            report(reader.error(reader.keyOffset("repeats"), "`repeats` runs the same setting with other seeds; without `gradient_noise` or shuffled `batch_size` every repeat would take the same path",
                                note: "add gradient_noise = σ (or batch_size = n on a perceptron), or remove `repeats`"))
        }
        if reader.table["epochs"] != nil, !refused("batch_size", own.batchSize), merged.batchSize == nil {
            report(reader.error(reader.keyOffset("epochs"), "`epochs` counts passes over the data in minibatches of `batch_size`, and there is none here",
                                note: "set batch_size = n, or give the run's length in `steps`"))
        }
        if reader.table["epochs"] != nil, reader.table["steps"] != nil {
            report(reader.error(reader.keyOffset("epochs"), "give a run's length as `epochs` or as `steps`, not both",
                                note: "remove one of them"))
        }
        if reader.table["repeats_style"] != nil, (merged.repeats ?? 1) < 2 {
            report(reader.error(reader.keyOffset("repeats_style"), "`repeats_style` draws the repeats of `repeats`, and there are none here",
                                note: "set repeats = N (2 or more), or remove `repeats_style`"))
        }
        if reader.table["seed"] != nil, !refused("gradient_noise", own.noise), !refused("batch_size", own.batchSize), (merged.noise ?? 0) == 0, merged.batchSize == nil || merged.shuffle == false {
            report(reader.error(reader.keyOffset("seed"), "`seed` seeds `gradient_noise` and shuffled minibatches, and there are none here",
                                note: "set gradient_noise = σ (> 0) or batch_size = n, or remove `seed`"))
        }
        return merged
    }

    /// A number in 0 < x < 1.
    private static func openUnit(_ reader: TableReader, _ key: String, _ symbol: String) throws(Diagnostic) -> Double? {
        guard let (x, value) = try reader.number(key) else { return nil }
        guard x.isFinite, x > 0, x < 1 else { throw reader.error(value.span.lowerBound, "`\(key)` must be in 0 < \(symbol) < 1, found \(reader.written(value))") }
        return x
    }

    /// `schedule = [[1, 0.1], [50, 0.01]]`: steps increasing from 1, each η finite and > 0.
    private static func pieces(_ reader: TableReader, _ value: TOMLValue) throws(Diagnostic) -> [(step: Int, rate: Double)] {
        guard case .array(let items) = value.kind, !items.isEmpty else {
            throw reader.error(value.span.lowerBound, "`schedule` must name a schedule or list [step, η] pairs, e.g. [[1, 0.1], [50, 0.01]], found an empty array")
        }
        guard items.count <= StepSizeKeys.maxPieces else {
            throw reader.error(value.span.lowerBound, "`schedule` may list at most \(StepSizeKeys.maxPieces) pairs, found \(items.count)")
        }
        var pieces: [(step: Int, rate: Double)] = []
        for item in items {
            guard case .array(let pair) = item.kind, pair.count == 2, case .integer(let step) = pair[0].kind,
                  let rate = TableReader.double(pair[1]) else {
                throw reader.error(item.span.lowerBound, "each pair of `schedule` must be [step, η]: an integer step and a number, found \(reader.written(item))")
            }
            let previous = pieces.last?.step ?? 0
            let limit = OptimizerKeys.stepsRange.upperBound
            guard step <= limit else {
                throw reader.error(pair[0].span.lowerBound, "a step of `schedule` must be at most \(ConfigLimits.grouped(Int(limit))), the most steps a run takes, found \(step)")
            }
            guard step > previous else {
                throw reader.error(pair[0].span.lowerBound, pieces.isEmpty
                    ? "the first pair of `schedule` must start at step 1 or later, found \(step)"
                    : "the steps of `schedule` must increase: \(step) follows \(previous)")
            }
            guard rate.isFinite, rate > 0 else {
                throw reader.error(pair[1].span.lowerBound, "a learning rate of `schedule` must be a finite number greater than 0, found \(reader.written(pair[1]))")
            }
            pieces.append((Int(step), rate))
        }
        if pieces[0].step != 1 {
            throw reader.error(items[0].span.lowerBound, "the first pair of `schedule` must start at step 1 (the first step), found \(pieces[0].step)",
                               note: "for example: schedule = [[1, 0.1], [50, 0.01]]")
        }
        return pieces
    }
}
