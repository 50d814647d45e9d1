import LossmapCanvas
import LossmapCore

/// A learning rate as the user wrote it: the spec keeps it that way, and the scene makes it
/// absolute once η_crit is known, so nothing goes relative → absolute → relative.
public enum LearningRate: Sendable, Equatable {
    /// η itself.
    case absolute(Double)
    /// A multiple of the critical learning rate η_crit of the run's method at the minimum
    /// nearest its start (`relative_to = "critical"`).
    case critical(multiple: Double)

    /// The number as written: η, or the multiple of η_crit.
    public var written: Double {
        switch self {
        case .absolute(let η): return η
        case .critical(let multiple): return multiple
        }
    }
}

/// A run's legend text: generated from its method and rate, or the user's own words,
/// which are drawn exactly as written.
public enum RunLabel: Sendable, Equatable {
    case generated
    case text(String)
}

/// One descent drawn on the map, as specified: nothing here is computed yet.
public struct RunSpec: Sendable {
    /// The legend text.
    public var label: RunLabel
    /// The update rule and its hyperparameters.
    public var method: Method
    /// The step size, absolute or relative to η_crit.
    public var learningRate: LearningRate
    /// Where the walk starts.
    public var start: Weights
    /// When the walk stops (the escape box is set by the scene from the plotted window when nil).
    public var stopping: Stopping
    /// The path colour; nil picks the next palette colour.
    public var color: RGBA?
    /// How messages name it: "[[run]] #2", "the runs of `learning_rates`".
    public var name: String
    /// Where it was written, for errors found after decoding (no η_crit for a relative rate).
    public var site: SpecSite?
    /// How many of its first steps are numbered on the map (1, 2, 3 …); 0 for none.
    public var stepNumbers: Int
    /// Every how many steps an arrow shows the step taken (its gradient and velocity parts
    /// for momentum methods); nil for none.
    public var arrowsEvery: Int?
    /// How η changes from step to step.
    public var schedule: LearningRateSchedule = .constant
    /// True when a cosine schedule's length was not given: it then spans the run, whose length
    /// `epochs` may set only once the data is read (`LearningRateSchedule.fitted(toSteps:)`).
    public var scheduleSpansRun = false
    /// For gradient descent: the step length searched along −∇L at every step.
    public var lineSearch: LineSearch?
    /// Seeded Gaussian noise on every gradient the run steps from.
    public var gradientNoise: GradientNoise?
    /// On a perceptron: each step on the gradient of the next minibatch of points.
    public var minibatch: Minibatch?
    /// With minibatches: the run's length in passes over the data, made steps once the data
    /// is read (`FigureSpec.resolvingEpochs`); where it was written, for problems then.
    public var epochs: Int?
    public var epochsSite: SpecSite?

    /// How many seeded runs of this setting are drawn (seeds `seed`, `seed` + 1, …), for a
    /// stochastic run; 1 for one.
    public var repeats = 1
    /// How the repeats are drawn.
    public var repeatsStyle = RepeatsStyle.band
    /// A path drawn as recorded instead of walked (`path = "FILE.csv"`); nil for a descent.
    public var recorded: RecordedSource?

    /// This run with every seed moved on by `offset`: the repeat `offset` of `repeats`.
    public func reseeded(by offset: UInt64) -> RunSpec {
        var copy = self
        copy.gradientNoise?.seed &+= offset
        copy.minibatch?.seed &+= offset
        return copy
    }

    /// What one of its steps costs in plain gradient steps, for the figure's step limits: a
    /// line search evaluates the loss many times a step, Newton's method takes the Hessian
    /// (four gradients by central differences where the surface has none).
    public var costPerStep: Int { Self.costPerStep(method: method, lineSearch: lineSearch) }

    /// What a step of `method` with `lineSearch` costs (see `costPerStep`), for callers that
    /// have no RunSpec yet (the config's decoder checks the limits before making them).
    public static func costPerStep(method: Method, lineSearch: LineSearch?) -> Int {
        if let lineSearch, method == .gradientDescent { return lineSearch.costPerStep }
        return method == .newton ? 5 : 1
    }

    /// True when the step's gradient is not the full gradient at the point: noise or minibatches.
    public var isStochastic: Bool { gradientNoise != nil || minibatch != nil }

    /// True for a path drawn as recorded: it has no method, rate or steps of its own.
    public var isRecorded: Bool { recorded != nil }

    /// True when the step is exactly −η∇L at every point: plain descent with a constant η and
    /// no noise (arrows and the slice may then draw −η∇L from the recorded gradient).
    public var takesPlainGradientSteps: Bool {
        method == .gradientDescent && schedule.isConstant && lineSearch == nil && !isStochastic && !isRecorded
    }

    /// The most steps a run may number: more would cover the map in tags.
    public static let maxStepNumbers = 50

    public init(label: RunLabel = .generated, method: Method = .gradientDescent, learningRate: LearningRate, start: Weights,
                stopping: Stopping = Stopping(), color: RGBA? = nil, name: String = "the run", site: SpecSite? = nil,
                stepNumbers: Int = 0, arrowsEvery: Int? = nil) {
        self.label = label
        self.method = method
        self.learningRate = learningRate
        self.start = start
        self.stopping = stopping
        self.color = color
        self.name = name
        self.site = site
        self.stepNumbers = stepNumbers
        self.arrowsEvery = arrowsEvery
    }
}

/// How the seeded repeats of a stochastic run are drawn.
public enum RepeatsStyle: String, Sendable, CaseIterable {
    /// The median position at each step as the run's path, in a band from the 10th to the
    /// 90th percentile of each weight per step (nearest rank: 85% of 20 seeds).
    case band
    /// Every repeat as a thin path, the first seed's drawn as the run.
    case paths
}

/// A point to mark on the map (`[[marker]]`): drawn as a labelled dot with its loss, listed
/// in the legend and the report as a marker, never as a run.
public struct MarkerSpec: Sendable, Equatable {
    /// Where, in weights.
    public var at: Weights
    /// The text beside it; empty: the point and its loss alone.
    public var label: String

    public init(at: Weights, label: String = "") {
        self.at = at
        self.label = label
    }
}

/// Where something was written in a config, so that a later stage (the scene, resolving data
/// files) can report a problem as `FILE:LINE:COL: error: …` like the decoder does.
public struct SpecSite: Sendable {
    public var file: SourceFile
    public var offset: Int

    public init(file: SourceFile, offset: Int) {
        self.file = file
        self.offset = offset
    }

    /// A diagnostic at this site.
    public func error(_ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(file: file, offset: offset, message: message, note: note)
    }
}
