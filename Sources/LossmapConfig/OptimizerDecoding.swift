import LossmapCanvas
import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// A method as a config gives it: its name and the hyperparameters written out (the
    /// method table supplies the rest), so a [[run]] can inherit them from [optimizer].
    struct MethodChoice {
        var name = OptimizerKeys.defaultMethod
        /// The hyperparameters written out, in the order they were read.
        var settings: [(key: String, value: Double)] = []

        /// The method itself; nil only if the table refuses what was checked already.
        var method: Method? { try? MethodCatalog.entry(named: name)?.method(settings) }
    }

    /// What [optimizer] sets for every run.
    struct OptimizerDefaults {
        /// Nil when [optimizer] names a method wrongly (reported there, not again per run).
        var method: MethodChoice? = MethodChoice()
        var start: Weights
        var steps = OptimizerKeys.defaultSteps
        /// How many of each run's first steps are numbered.
        var stepNumbers = 0
        /// Every how many steps an arrow is drawn; nil for none.
        var arrowsEvery: Int?
        /// The learning rate of [[run]] sections that name none.
        var learningRate: Double?
        /// One run each.
        var learningRates: [Double] = []
        /// With relative_to = "critical", the offset of that value (for errors about it):
        /// every learning rate is then a multiple of the run's critical learning rate.
        var relativeToCritical: Int?
        /// Stopping tests; nil keeps `Stopping`'s defaults.
        var gradientTolerance: Double?
        var lossChangeTolerance: Double?
        /// Schedule, line search and gradient noise for runs that set none of their own.
        var stepSize = StepSizeSettings()
        /// Whether the surface is a loss over data points (minibatches need one).
        var onData = false

        /// The method of runs that name none (gd as a placeholder when [optimizer]'s is
        /// wrong: that is reported, and no figure is made).
        var runMethod: Method { method?.method ?? .gradientDescent }

        /// A learning rate as written: η, or with relative_to = "critical" a multiple of
        /// η_crit, which the scene makes absolute once it knows η_crit.
        func rate(_ x: Double) -> LearningRate { relativeToCritical == nil ? .absolute(x) : .critical(multiple: x) }

        /// The specification of `run`, stopping by these tolerances. A rate relative to η_crit
        /// points at `relative_to` in `file`, where the scene reports a missing η_crit.
        func spec(of run: PendingRun, in file: SourceFile) -> RunSpec {
            if let recorded = run.recorded {
                return .recorded(.file(recorded), label: run.label.map(RunLabel.text) ?? .generated, color: run.color, name: run.name,
                                 stepNumbers: run.stepNumbers)
            }
            let stopping = Stopping(maxSteps: run.steps,
                                    gradientTolerance: gradientTolerance ?? Stopping.defaultGradientTolerance,
                                    lossChangeTolerance: lossChangeTolerance ?? Stopping.defaultLossChangeTolerance)
            var spec = RunSpec(label: run.label.map(RunLabel.text) ?? .generated, method: run.method, learningRate: rate(run.learningRate),
                               start: run.start, stopping: stopping, color: run.color, name: run.name,
                               site: relativeToCritical.map { SpecSite(file: file, offset: $0) }, stepNumbers: run.stepNumbers,
                               arrowsEvery: run.arrowsEvery)
            spec.schedule = run.stepSize.schedule(steps: run.steps)
            spec.scheduleSpansRun = run.stepSize.spansRun
            spec.lineSearch = run.method == .gradientDescent ? run.stepSize.search : nil
            spec.gradientNoise = run.stepSize.gradientNoise
            spec.minibatch = run.stepSize.minibatch
            if spec.minibatch != nil, let epochs = run.stepSize.epochs, !run.stepsWritten {
                spec.epochs = epochs
                spec.epochsSite = run.stepSize.epochsOffset.map { SpecSite(file: file, offset: $0) }
            }
            if spec.isStochastic {
                spec.repeats = run.stepSize.repeats ?? 1
                spec.repeatsStyle = run.stepSize.repeatsStyle.flatMap(RepeatsStyle.init(rawValue:)) ?? .band
            }
            return spec
        }
    }

    /// One run as the config gives it, before learning rates relative to the critical one
    /// are made absolute and the label is generated from the absolute rate.
    struct PendingRun {
        /// The label written in the config, if any.
        var label: String?
        var method: Method
        var learningRate: Double
        var start: Weights
        var steps: Int
        var color: RGBA?
        /// How messages name it: "[[run]] #2", "the runs of `learning_rates`".
        var name: String
        /// How many of its first steps are numbered.
        var stepNumbers = 0
        /// Every how many steps an arrow is drawn; nil for none.
        var arrowsEvery: Int?
        /// Its schedule, line search and gradient noise.
        var stepSize = StepSizeSettings()
        /// Whether the run's own section writes `steps` (which then wins over inherited `epochs`).
        var stepsWritten = false
        /// A path drawn as recorded (`path`): then nothing above but the label, colour and
        /// step numbers applies, and `steps` is 0 (its rows are counted when it is read).
        var recorded: DataFileReference?
        /// Where its section starts, for errors about the run as a whole.
        var offset = 0
    }

    /// The [optimizer] table.
    mutating func decodeOptimizer(_ reader: TableReader, defaults: OptimizerDefaults) -> OptimizerDefaults {
        report(reader.unknownKeys())
        var result = defaults
        result.method = decodeMethod(reader, inheriting: defaults.method)
        if let (a, b) = attempt({ () throws(Diagnostic) in try reader.pair("start", what: "a start point [w1, w2]") }) {
            result.start = Weights(a, b)
        }
        result.steps = attempt { () throws(Diagnostic) in try reader.integer("steps", in: OptimizerKeys.stepsRange) } ?? defaults.steps
        result.stepNumbers = attempt { () throws(Diagnostic) in
            try reader.integer("step_numbers", in: OptimizerKeys.stepNumbersRange)
        } ?? defaults.stepNumbers
        if let arrows = decodeArrows(reader) { result.arrowsEvery = arrows == 0 ? nil : arrows }
        result.stepSize = decodeStepSize(reader, inherited: defaults.stepSize, method: result.method?.method, onData: defaults.onData)
        result.learningRate = attempt { () throws(Diagnostic) in try reader.positive("learning_rate") }
        if let (name, value) = attempt({ () throws(Diagnostic) in try reader.choice("relative_to", among: OptimizerKeys.relativeToNames) }),
           name == "critical" {
            result.relativeToCritical = value.span.lowerBound
        }
        result.gradientTolerance = attempt { () throws(Diagnostic) in try reader.nonNegative("gradient_tolerance") }
        result.lossChangeTolerance = attempt { () throws(Diagnostic) in try reader.nonNegative("loss_change_tolerance") }
        if let (items, _) = attempt({ () throws(Diagnostic) in try reader.array("learning_rates", what: "an array of numbers, e.g. [0.01, 0.1]") }) {
            for (index, item) in items.enumerated() {
                if index == ConfigLimits.maxRuns {
                    report(tooManyRuns(at: item.span.lowerBound, fromRates: items.count))
                }
                guard let x = attempt({ () throws(Diagnostic) in try reader.element(item, of: "learning_rates") }) else { continue }
                guard x.isFinite, x > 0 else {
                    report(reader.error(item.span.lowerBound, "a learning rate must be a finite number greater than 0, found \(reader.written(item))"))
                    continue
                }
                result.learningRates.append(x)
            }
        }
        return result
    }

    /// `method` and its hyperparameters (`momentum`, `beta1` …). A [[run]] inherits the
    /// method of [optimizer] and those of its hyperparameters that its own method has.
    /// Every problem is reported; nil when the method itself is unknown (a hyperparameter
    /// that is wrong is left out, so later runs are still judged against the method).
    private mutating func decodeMethod(_ reader: TableReader, inheriting inherited: MethodChoice?) -> MethodChoice? {
        var choice = inherited ?? MethodChoice()
        var entry = inherited.flatMap { MethodCatalog.entry(named: $0.name) }
        if let (name, value) = attempt({ () throws(Diagnostic) in try reader.string("method") }) {
            entry = MethodCatalog.entry(named: name)
            if entry == nil {
                report(reader.error(value.span.lowerBound,
                                    "unknown method `\(ConfigLimits.shown(name))`\(Suggestion.phrase(for: name, among: Method.names))",
                                    note: "methods: " + Method.names.joined(separator: ", ")))
            }
            choice.name = name
        } else if reader.table["method"] != nil {
            entry = nil
        }
        if let entry {
            // Keep the inherited values the method has; the others belonged to another method.
            choice.settings = choice.settings.filter { entry.parameter($0.key) != nil }
        }
        for key in MethodCatalog.parameterKeys {
            guard let entryOfKey = reader.table.entry(key) else { continue }
            guard let (x, value) = attempt({ () throws(Diagnostic) in try reader.number(key) }) else { continue }
            guard let entry else { continue }
            guard let parameter = entry.parameter(key) else {
                let owners = MethodCatalog.entries.filter { $0.parameter(key) != nil }.map { "\"\($0.name)\"" }
                report(reader.error(entryOfKey.keySpan.lowerBound,
                                    "`\(key)` applies to method = \(owners.joined(separator: " or ")) only, not to \"\(entry.name)\""))
                continue
            }
            guard parameter.allowed.contains(x) else {
                report(reader.error(value.span.lowerBound, "`\(key)` must be in \(parameter.allowed), found \(reader.written(value))",
                                    note: "`\(key)` is \(parameter.doc)"))
                continue
            }
            choice.settings.removeAll { $0.key == key }
            choice.settings.append((key, x))
        }
        return entry == nil ? nil : choice
    }

    /// `arrows`: every how many steps, 0 for `false`; nil when not written or wrong (reported).
    private mutating func decodeArrows(_ reader: TableReader) -> Int? {
        guard let value = reader.table["arrows"] else { return nil }
        switch value.kind {
        case .boolean(let on): return on ? 1 : 0
        case .integer(let k) where OptimizerKeys.arrowsRange.contains(k):
            return Int(k)
        default:
            let range = OptimizerKeys.arrowsRange
            report(reader.error(value.span.lowerBound,
                                "`arrows` must be true (every step), a number of steps k between \(range.lowerBound) and "
                                    + "\(ConfigLimits.grouped(Int(range.upperBound))) (every k-th step) or false, found \(reader.written(value))"))
            return nil
        }
    }

    /// One [[run]] section, numbered from 1 in messages.
    mutating func decodeRun(_ t: TOMLTable, index: Int, headerOffset: Int, defaults: OptimizerDefaults) -> PendingRun? {
        var reader = TableReader(table: t, name: "[[run]] #\(index)", file: file, headerOffset: headerOffset, known: RunKeys.table.keys)
        reader.elsewhere = { ConfigKeys.home(of: $0, besides: RunKeys.table.name) }
        report(reader.unknownKeys())
        if t["path"] != nil { return decodeRecordedRun(reader, index: index, headerOffset: headerOffset) }
        let method = decodeMethod(reader, inheriting: defaults.method)?.method
        var rate = attempt { () throws(Diagnostic) in try reader.positive("learning_rate") }
        if rate == nil, t["learning_rate"] == nil {
            rate = defaults.learningRate
            if rate == nil {
                report(reader.error(headerOffset, "[[run]] #\(index) needs `learning_rate` (or set one in [optimizer])"))
            }
        }
        var start = defaults.start
        if let (a, b) = attempt({ () throws(Diagnostic) in try reader.pair("start", what: "a start point [w1, w2]") }) {
            start = Weights(a, b)
        }
        let steps = attempt { () throws(Diagnostic) in try reader.integer("steps", in: OptimizerKeys.stepsRange) }
        let stepNumbers = attempt { () throws(Diagnostic) in try reader.integer("step_numbers", in: OptimizerKeys.stepNumbersRange) }
        let arrows = decodeArrows(reader)
        let stepSize = decodeStepSize(reader, inherited: defaults.stepSize, method: method, onData: defaults.onData)
        let color = decodeRunColor(reader)
        let label = attempt { () throws(Diagnostic) in try reader.string("label")?.0 }
        guard let method, let rate else { return nil }
        return PendingRun(label: label, method: method, learningRate: rate, start: start, steps: steps ?? defaults.steps,
                          color: color, name: "[[run]] #\(index)", stepNumbers: stepNumbers ?? defaults.stepNumbers,
                          arrowsEvery: arrows.map { $0 == 0 ? nil : $0 } ?? defaults.arrowsEvery, stepSize: stepSize,
                          stepsWritten: steps != nil, offset: headerOffset)
    }

    /// `color = "#RRGGBB"` of a run.
    private mutating func decodeRunColor(_ reader: TableReader) -> RGBA? {
        attempt { () throws(Diagnostic) -> RGBA? in
            guard let (text, value) = try reader.string("color") else { return nil }
            // Hex digits only: the parser behind RGBA(hexString:) would also take a sign.
            let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
            guard digits.allSatisfy(\.isHexDigit), let color = RGBA(hexString: text) else {
                throw reader.error(value.span.lowerBound, "`color` must be a hex colour like \"#D55E00\", found \"\(ConfigLimits.shown(text))\"")
            }
            return color
        }
    }

    /// A [[run]] with `path`: a recorded path, drawn as it is. Only its label, colour and step
    /// numbers may be set; a key that shapes a walk is an error where it is written (inherited
    /// [optimizer] settings are simply not used).
    private mutating func decodeRecordedRun(_ reader: TableReader, index: Int, headerOffset: Int) -> PendingRun? {
        for entry in reader.table.entries where !RunKeys.recordedKeys.contains(entry.key) && RunKeys.table.keys.contains(entry.key) {
            report(reader.error(entry.keySpan.lowerBound, "`\(entry.key)` does not apply to a recorded path: [[run]] #\(index) has `path`, so it is drawn as recorded, not walked",
                                note: "a recorded run takes only " + RunKeys.recordedKeys.map { "`\($0)`" }.joined(separator: ", ")))
        }
        let file = dataFileReference(reader, key: "path", example: "\"runs/adam.csv\"")
        let color = decodeRunColor(reader)
        let label = attempt { () throws(Diagnostic) in try reader.string("label")?.0 }
        let stepNumbers = attempt { () throws(Diagnostic) in try reader.integer("step_numbers", in: OptimizerKeys.stepNumbersRange) }
        guard let file else { return nil }
        return PendingRun(label: label, method: .gradientDescent, learningRate: 0, start: Weights(0, 0), steps: 0, color: color,
                          name: "[[run]] #\(index)", stepNumbers: stepNumbers ?? 0, recorded: file, offset: headerOffset)
    }
}
