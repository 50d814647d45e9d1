import Foundation
import LossmapThreads

/// The data of a `kind = "sweep"` figure: the loss after a fixed number of steps for many
/// learning rates, spaced evenly on a log axis between two bounds.
///
/// Each rate is one ordinary `Descent` with the same method, start and stopping rule, so a
/// point of the sweep is exactly the run the contour figure would draw at that rate.
public struct LearningRateSweep: Sendable {
    /// The method every run uses.
    public var method: Method
    /// The learning rates, in increasing order.
    public var learningRates: [Double]
    /// The start of every run.
    public var start: Weights
    /// Steps and tolerances of every run (`maxSteps` is the "N steps" of the figure).
    public var stopping: Stopping

    /// A sweep over given rates.
    public init(method: Method = .gradientDescent, learningRates: [Double], start: Weights, stopping: Stopping = Stopping()) {
        self.method = method
        self.learningRates = learningRates
        self.start = start
        self.stopping = stopping
    }

    /// A sweep over `count` rates log-spaced from `lower` to `upper`, both included.
    public init(method: Method = .gradientDescent, from lower: Double, to upper: Double, count: Int,
                start: Weights, stopping: Stopping = Stopping()) {
        self.init(method: method, learningRates: Self.logSpaced(from: lower, to: upper, count: count),
                  start: start, stopping: stopping)
    }

    /// `count` numbers from `lower` to `upper` (both > 0) with equal ratios between
    /// neighbours; the ends are exact. One number (`lower`) when count is 1, none when 0.
    public static func logSpaced(from lower: Double, to upper: Double, count: Int) -> [Double] {
        precondition(lower > 0 && upper > 0 && lower.isFinite && upper.isFinite, "log-spaced bounds must be finite and > 0")
        guard count > 1 else { return count == 1 ? [lower] : [] }
        let a = log(lower), b = log(upper)
        return (0..<count).map { i in
            i == 0 ? lower : i == count - 1 ? upper : exp(a + (b - a) * Double(i) / Double(count - 1))
        }
    }

    /// Runs every rate on `surface`, in parallel, and returns one sample per rate in the
    /// order of `learningRates`.
    public func run(on surface: some LossSurface) -> SweepResult {
        let rates = learningRates
        let samples = [SweepSample](unsafeUninitializedCapacity: rates.count) { buffer, initialized in
            let slots = Slots(buffer: buffer)
            Parallelism.perform(iterations: rates.count) { i in
                let trajectory = Descent(method: method, learningRate: rates[i], start: start, stopping: stopping).run(on: surface)
                slots.initialize(i, to: SweepSample(learningRate: rates[i], trajectory: trajectory))
            }
            initialized = rates.count
        }
        let knownMinimum = surface.minima.map { surface.value(at: $0) }.filter(\.isFinite).min()
        return SweepResult(samples: samples, minimumLoss: knownMinimum, steps: stopping.maxSteps)
    }
}

/// The result array's storage, shared by the parallel runs. Unchecked Sendable is sound
/// here: each run initialises only its own slot, exactly once, and the buffer outlives
/// `concurrentPerform`, which returns only after every run has finished.
private struct Slots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<SweepSample>

    func initialize(_ i: Int, to sample: SweepSample) {
        (buffer.baseAddress! + i).initialize(to: sample)
    }
}

/// What one learning rate of a sweep did.
public struct SweepSample: Sendable, Equatable {
    /// The learning rate η.
    public var learningRate: Double
    /// How the run ended.
    public var outcome: RunOutcome
    /// The loss at the run's last kept point: after all the steps, at convergence, or just
    /// before it diverged or left the map (never NaN or infinite).
    public var lastLoss: Double
    /// Steps actually taken.
    public var stepsTaken: Int

    public init(learningRate: Double, outcome: RunOutcome, lastLoss: Double, stepsTaken: Int) {
        self.learningRate = learningRate
        self.outcome = outcome
        self.lastLoss = lastLoss
        self.stepsTaken = stepsTaken
    }

    init(learningRate: Double, trajectory t: Trajectory) {
        self.init(learningRate: learningRate, outcome: t.outcome, lastLoss: t.finalLoss, stepsTaken: t.stepsTaken)
    }

    /// True when the run diverged: the figure marks it instead of plotting a loss. A run that
    /// left the map downhill (`RunOutcome.leftMap`) did not diverge: its last loss is plotted.
    public var isDiverged: Bool { outcome.isDiverged }

    /// The loss after the steps, nil for a diverged run: what the sweep figure plots.
    public var finalLoss: Double? { isDiverged ? nil : lastLoss }
}

/// The result of a sweep: one sample per learning rate, in increasing rate order.
public struct SweepResult: Sendable, Equatable {
    /// One sample per learning rate.
    public var samples: [SweepSample]
    /// The lowest loss at the surface's known minima, nil when none is known. A log loss
    /// axis needs loss − this for surfaces whose minimum is not 0 (the six-hump camel's is
    /// −1.03).
    public var minimumLoss: Double?
    /// The number of steps each run was allowed.
    public var steps: Int

    public init(samples: [SweepSample], minimumLoss: Double?, steps: Int) {
        self.samples = samples
        self.minimumLoss = minimumLoss
        self.steps = steps
    }

    /// The smallest learning rate of the sweep whose run diverged, nil when none did: where
    /// the figure's shaded region begins.
    public var firstDivergingRate: Double? { samples.first(where: \.isDiverged)?.learningRate }
}
