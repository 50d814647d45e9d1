/// Walks a surface from a start point with one method and one learning rate.
public struct Descent: Sendable {
    /// The update rule and its hyperparameters.
    public var method: Method
    /// The learning rate η, > 0.
    public var learningRate: Double
    /// Where the run starts.
    public var start: Weights
    /// When the run stops, and when it counts as diverged.
    public var stopping: Stopping
    /// How η changes from step to step (constant by default).
    public var schedule: LearningRateSchedule = .constant
    /// For gradient descent: the step length chosen by a search along −∇L at every step, the
    /// scheduled η being the first trial.
    public var lineSearch: LineSearch?
    /// Seeded Gaussian noise added to each gradient the step is taken from.
    public var gradientNoise: GradientNoise?
    /// On a loss over data points: each step's gradient from the next minibatch only.
    public var minibatch: Minibatch?

    public init(method: Method = .gradientDescent, learningRate: Double, start: Weights, stopping: Stopping = Stopping(),
                schedule: LearningRateSchedule = .constant, lineSearch: LineSearch? = nil, gradientNoise: GradientNoise? = nil,
                minibatch: Minibatch? = nil) {
        self.method = method
        self.learningRate = learningRate
        self.start = start
        self.stopping = stopping
        self.schedule = schedule
        self.lineSearch = method == .gradientDescent ? lineSearch : nil
        self.gradientNoise = gradientNoise
        self.minibatch = minibatch
    }

    /// Runs until converged, diverged, off the map, or out of steps; the trajectory's outcome
    /// is exactly one of converged(step), descending, oscillating, leftMap(step),
    /// diverged(step, reason).
    ///
    /// Every step is bounded work and the number of steps by `stopping.maxSteps`, so any
    /// learning rate (1e300 included) ends; non-finite values end the run as diverged before
    /// they are recorded, as `undefined` or `overflowed` (see `DivergenceReason.nonFinite`).
    public func run(on surface: some LossSurface) -> Trajectory {
        var rule = method.makeRule()
        let η = learningRate
        var w = start
        var loss = surface.value(at: w)
        var points: [Weights] = [w]
        var losses: [Double] = [loss]
        // gradients[k] is ∇L at points[k]: the descent needs each one anyway, so recording
        // them costs nothing, and views (step arrows, explanations) never recompute them.
        var gradients: [Weights] = []
        let capacity = min(max(stopping.maxSteps, 0), 100_000) + 1
        points.reserveCapacity(capacity)
        losses.reserveCapacity(capacity)
        gradients.reserveCapacity(capacity)

        // The step lengths, when they vary; Newton's fallback steps.
        let recordsLengths = !schedule.isConstant || lineSearch != nil
        var stepLengths: [Double] = []
        var fallbacks: [Int] = []
        var noise = gradientNoise?.makeSource()
        // Minibatches only where the loss is a mean over points (the perceptron's).
        let pointwise = minibatch == nil ? nil : surface as? any PointwiseLoss
        var batches = pointwise.flatMap { p in minibatch?.makeSource(count: p.pointCount) }
        let stochastic = noise != nil || batches != nil

        func finish(_ outcome: RunOutcome, escapedTo: Weights? = nil) -> Trajectory {
            // A run that stops right after recording a point has not evaluated its gradient yet.
            while gradients.count < points.count { gradients.append(surface.gradient(at: points[gradients.count])) }
            var trajectory = Trajectory(points: points, losses: losses, gradients: gradients, outcome: outcome, escapedTo: escapedTo)
            if recordsLengths { trajectory.stepLengths = stepLengths }
            trajectory.newtonFallbackSteps = fallbacks
            return trajectory
        }

        if !w.isFinite || !loss.isFinite {
            return finish(.diverged(step: 0, reason: .nonFinite(at: w, loss: loss, from: nil, on: surface)))
        }
        let lossLimit = max(abs(loss), 1) * stopping.lossGrowthLimit
        var g = surface.gradient(at: w)
        gradients.append(g)

        for step in 1...max(stopping.maxSteps, 1) where stopping.maxSteps > 0 {
            if !g.isFinite {
                let reason = DivergenceReason.nonFinite(at: w, loss: loss, gradient: g, from: nil, on: surface)
                return finish(.diverged(step: step, reason: reason), escapedTo: w - η * g)
            }
            // Convergence is judged by the gradient at the point itself for every method, also
            // for Nesterov's, whose step uses the gradient elsewhere.
            if g.length < stopping.gradientTolerance { return finish(.converged(step: step - 1)) }
            // Nesterov's rule evaluates the gradient at a look-ahead point; the others at w.
            let probe = rule.gradientPoint(from: w)
            var stepGradient = probe == w ? g : surface.gradient(at: probe)
            if let pointwise, batches != nil { stepGradient = pointwise.gradient(at: probe, overPoints: batches!.next()) }
            if noise != nil { stepGradient += noise!.next() }
            if !stepGradient.isFinite {
                let reason = DivergenceReason.nonFinite(at: probe, loss: surface.value(at: probe), gradient: stepGradient,
                                                        from: w, on: surface)
                return finish(.diverged(step: step, reason: reason), escapedTo: probe - η * stepGradient)
            }
            var ηt = schedule.rate(at: step, base: η)
            if let lineSearch {
                let first = ηt
                ηt = lineSearch.stepLength(on: surface, at: w, loss: loss, gradient: stepGradient, first: first)
                // No length along −∇L lowers the loss: the walk is at the bottom of its line, to
                // rounding, and every further step would search in vain. (A schedule that has run
                // down to 0 is not that: its steps are simply nothing.)
                if ηt == 0, first > 0, !stochastic { return finish(.converged(step: step - 1)) }
            }
            if rule.usesCurvature {
                // Newton's direction H⁻¹∇L where H is positive definite; the gradient elsewhere.
                if let h = MinimumSearch.hessian(surface, at: w), h.eigenvalues.smaller > 0,
                   let d = MinimumSearch.solve(h, stepGradient) {
                    stepGradient = d
                } else {
                    fallbacks.append(step)
                }
            }
            if recordsLengths { stepLengths.append(ηt) }
            let next = rule.step(from: w, gradient: stepGradient, learningRate: ηt, step: step)
            let nextLoss = surface.value(at: next)
            if !next.isFinite || !nextLoss.isFinite {
                let reason = DivergenceReason.nonFinite(at: next, loss: nextLoss, from: w, on: surface)
                return finish(.diverged(step: step, reason: reason), escapedTo: next)
            }
            if let box = stopping.escapeBox, !box.w1.contains(next.x) || !box.w2.contains(next.y) {
                let outcome: RunOutcome = Self.leftDownhill(losses: losses, exitLoss: nextLoss)
                    ? .leftMap(step: step) : .diverged(step: step, reason: .escaped)
                return finish(outcome, escapedTo: next)
            }
            if abs(nextLoss) > lossLimit {
                return finish(.diverged(step: step, reason: .lossExploded), escapedTo: next)
            }
            points.append(next)
            losses.append(nextLoss)
            // Under noise or minibatches consecutive losses can match by chance: only the full
            // gradient at the point itself says such a run has converged.
            if !stochastic, stopping.lossStopped(from: loss, to: nextLoss) { return finish(.converged(step: step)) }
            w = next
            loss = nextLoss
            g = surface.gradient(at: w)
            gradients.append(g)
        }
        // The last point's gradient has not been tested yet: a run that reached the minimum
        // on its very last step has converged, not run out of steps.
        if g.isFinite && g.length < stopping.gradientTolerance {
            return finish(.converged(step: points.count - 1))
        }
        // A step too small to change the weights in floating point (η = 1e-20) is the "barely
        // moves" end of the story, not a bounce: call it still descending.
        if points.count > 1, points[points.count - 1] == points[points.count - 2] { return finish(.descending) }
        return finish(Self.classifyUnfinished(losses: losses))
    }

    /// How many of the last steps must each have lowered the loss for a run leaving the escape
    /// box to count as leaving downhill (see `leftDownhill`).
    public static let downhillStepsToLeave = 3

    /// True when a run that leaves the escape box with loss `exitLoss` after `losses` is going
    /// downhill, and so has left the map (`RunOutcome.leftMap`) rather than diverged.
    ///
    /// The rule: the exit loss is below the start loss, and each of the last
    /// `downhillStepsToLeave` steps (all of them when fewer were taken), the leaving step
    /// included, lowered the loss. A run sliding off a saddle lowers its loss at every step.
    /// A run that diverges on a bowl is far above its start loss by the time it is three map
    /// widths away; one that bounces across a valley with growing amplitude can have a single
    /// downhill hop, which is why one step down is not enough. A NaN exit loss fails the
    /// first test, so a run leaving into a region where the loss is undefined stays diverged.
    static func leftDownhill(losses: [Double], exitLoss: Double) -> Bool {
        guard let start = losses.first, exitLoss < start else { return false }
        let path = losses + [exitLoss]
        let recent = min(downhillStepsToLeave, path.count - 1)
        return (path.count - recent..<path.count).allSatisfy { path[$0] < path[$0 - 1] }
    }

    /// Tells "still descending" from "oscillating" for a run whose steps ran out and that
    /// has neither converged nor diverged.
    ///
    /// The run is descending when its last window of steps (a tenth of the run, 10 to 50
    /// steps) reached a new low below every loss before the window, by more than rounding;
    /// otherwise it is bouncing without getting lower: oscillating. Comparing lows rather
    /// than the window's two end points keeps a run that hops around (Adam hovering at the
    /// scale of η, η = 2/λ flipping across a valley) from counting as progress by the luck of
    /// where the last hop landed, and a slowly zig-zagging run that does get lower
    /// (|1 − ηλ| < 1) from counting as oscillating.
    static func classifyUnfinished(losses: [Double]) -> RunOutcome {
        let steps = losses.count - 1
        let window = min(50, max(10, steps / 10), steps / 2)
        guard window >= 1 else { return .descending }
        let split = losses.count - window
        let before = losses[..<split].min()!, recent = losses[split...].min()!
        // 1e-13 relative: a few hundred ulps, above the rounding of a sum of a few terms.
        let margin = 1e-13 * max(abs(before), abs(recent), .leastNormalMagnitude)
        return recent < before - margin ? .descending : .oscillating
    }
}
