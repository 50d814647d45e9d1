import Foundation

/// What happened to one config in a batch: the machine-readable record behind `report.json`.
public struct FigureReport: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case rendered, skipped, failed
    }

    /// The config's path as given on the command line.
    public var config: String
    /// The figure's path, relative to the output folder (empty when the config could not be read).
    public var output: String
    public var status: Status
    /// Every problem, one per line, when failed.
    public var error: String?
    /// The figure's title.
    public var title: String?
    /// The critical learning rate of plain gradient descent at the minimum, when known.
    public var criticalLearningRate: Double?
    /// How η_crit was found.
    public var criticalLearningRateSource: String?
    public var runs: [RunReport]
    /// The points marked with `[[marker]]`, with their losses (absent when there are none).
    public var markers: [MarkerReport]?
    /// Where the figure is drawn otherwise than the config asked, and why (absent when it
    /// is drawn as asked), e.g. equal units given up for a very wide window.
    public var notices: [String]?
    /// For an animated figure: its frames, how long one play lasts and the bytes written.
    public var animation: AnimationReport?
    /// The steps explained with `[[explain]]` (absent when there are none).
    public var explanations: [ExplanationReport]?
    /// The magnifiers' windows (absent when there are none).
    public var insets: [InsetReport]?
    /// The Hessian's eigen-directions, with `eigen = true`.
    public var eigen: EigenReport?
    /// A phase diagram's numbers, for `kind = "phase"`.
    public var phase: PhaseReport?
    /// For a network's slice (`model = "mlp"`): what its training came to.
    public var network: NetworkReport?
    /// The fingerprint of the inputs (see `Fingerprint`), for the up-to-date check.
    public var fingerprint: String?
    /// The hash of the file written, so a figure overwritten by something else since (another
    /// config naming the same output, an editor) is not taken as up to date.
    public var outputHash: String?

    enum CodingKeys: String, CodingKey {
        case config, output, status, error, title, runs, markers, notices, animation, fingerprint, explanations, insets, eigen, phase, network
        case outputHash = "output_hash"
        case criticalLearningRate = "critical_learning_rate"
        case criticalLearningRateSource = "critical_learning_rate_source"
    }

    public init(config: String, output: String, status: Status, error: String? = nil, title: String? = nil,
                criticalLearningRate: Double? = nil, criticalLearningRateSource: String? = nil, runs: [RunReport] = [],
                fingerprint: String? = nil) {
        self.config = config
        self.output = output
        self.status = status
        self.error = error
        self.title = title
        self.criticalLearningRate = criticalLearningRate
        self.criticalLearningRateSource = criticalLearningRateSource
        self.runs = runs
        self.fingerprint = fingerprint
    }
}

/// The frames of an animated figure, as the report gives them.
public struct AnimationReport: Codable, Sendable, Equatable {
    public var frames: Int
    /// Seconds one play lasts (the holds of the first and last frames included).
    public var duration: Double
    /// Bytes written: the file, or the frames folder's files together.
    public var bytes: Int
    /// The step each frame shows.
    public var steps: [Int]?

    enum CodingKeys: String, CodingKey {
        case frames, bytes, steps
        case duration = "duration_seconds"
    }

    public init(frames: Int, duration: Double, bytes: Int, steps: [Int]? = nil) {
        self.frames = frames
        self.duration = duration
        self.bytes = bytes
        self.steps = steps
    }
}

/// One run of a figure, as the report gives it.
public struct RunReport: Codable, Sendable, Equatable {
    public var label: String
    public var method: String
    public var learningRate: Double
    public var start: [Double]
    /// Non-finite losses are written as null (JSON has no NaN or infinity).
    public var initialLoss: Double?
    public var finalLoss: Double?
    public var steps: Int
    /// converged, descending, oscillating, left_map or diverged.
    public var outcome: String
    /// The step at which the run converged, left the map or diverged.
    public var outcomeStep: Int?
    public var finalPoint: [Double]
    /// The η of every step taken, when it varies (a schedule, a line search); absent for a
    /// constant η. At most `maxStepLengths` of them: the first ones (null where not finite).
    public var stepLengths: [Double?]?
    /// The schedule and the line search, as labels name them (absent when constant / none).
    public var schedule: String?
    public var lineSearch: String?
    /// The gradient noise's σ and its seed, for a noisy run.
    public var gradientNoise: Double?
    public var seed: UInt64?
    /// Minibatches: points per batch and whether they were shuffled.
    public var batchSize: Int?
    public var shuffle: Bool?
    /// With `repeats`: every seed's walk after the first (whose numbers are the run's own).
    public var repeats: [RepeatReport]?
    /// Newton's method: the steps that fell back to the gradient step (absent when none; the
    /// first `maxStepLengths` of them).
    public var newtonFallbackSteps: [Int]?

    /// The most step lengths a run's entry lists: a million doubles would make report.json
    /// 20 MB; the figure's story is told in its first steps.
    public static let maxStepLengths = 10_000

    enum CodingKeys: String, CodingKey {
        case label, method, start, steps, outcome, schedule, seed, shuffle, repeats
        case stepLengths = "step_lengths"
        case lineSearch = "line_search"
        case gradientNoise = "gradient_noise"
        case batchSize = "batch_size"
        case newtonFallbackSteps = "newton_fallback_steps"
        case learningRate = "learning_rate"
        case initialLoss = "initial_loss"
        case finalLoss = "final_loss"
        case outcomeStep = "outcome_step"
        case finalPoint = "final_point"
    }

    public init(label: String, method: String, learningRate: Double, start: [Double], initialLoss: Double?,
                finalLoss: Double?, steps: Int, outcome: String, outcomeStep: Int?, finalPoint: [Double]) {
        self.label = label
        self.method = method
        self.learningRate = learningRate
        self.start = start
        self.initialLoss = initialLoss
        self.finalLoss = finalLoss
        self.steps = steps
        self.outcome = outcome
        self.outcomeStep = outcomeStep
        self.finalPoint = finalPoint
    }
}

/// One seed's walk of a run with `repeats`, as the report gives it.
public struct RepeatReport: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var outcome: String
    public var steps: Int
    /// Null when not finite.
    public var finalLoss: Double?
    public var finalPoint: [Double?]

    enum CodingKeys: String, CodingKey {
        case seed, outcome, steps
        case finalLoss = "final_loss"
        case finalPoint = "final_point"
    }
}

/// One marked point of a figure, as the report gives it.
public struct MarkerReport: Codable, Sendable, Equatable {
    public var label: String
    /// [w1, w2].
    public var at: [Double]
    /// The loss there; null when not finite.
    public var loss: Double?

    public init(label: String, at: [Double], loss: Double?) {
        self.label = label
        self.at = at
        self.loss = loss
    }
}

/// A whole batch: `report.json`'s top level.
public struct BatchReport: Codable, Sendable, Equatable {
    /// The tool version that wrote it.
    public var version: String
    public var figures: [FigureReport]

    public init(version: String = LossmapVersion.current, figures: [FigureReport]) {
        self.version = version
        self.figures = figures
    }

    public var failures: [FigureReport] { figures.filter { $0.status == .failed } }

    /// Several shards' reports as one, figures sorted by config path; a config reported by
    /// two shards (under any spelling: `./a.toml` is `a.toml`) keeps the later report.
    public static func merged(_ reports: [BatchReport]) -> BatchReport {
        var byConfig: [String: FigureReport] = [:]
        for report in reports {
            for var figure in report.figures {
                figure.config = PathSpelling.reported(figure.config)
                byConfig[figure.config] = figure
            }
        }
        return BatchReport(figures: byConfig.values.sorted { $0.config < $1.config })
    }
}
