/// Walks a surface from a start point with one method and one learning rate.
public struct Descent: Sendable {
    public var method: Method
    public var learningRate: Double
    public var start: Weights
    public var stopping: Stopping

    public init(method: Method = .gradientDescent, learningRate: Double, start: Weights, stopping: Stopping = Stopping()) {
        self.method = method
        self.learningRate = learningRate
        self.start = start
        self.stopping = stopping
    }

    /// Runs until converged, diverged, or out of steps.
    public func run(on surface: some LossSurface) -> Trajectory {
        var rule = method.makeRule()
        var w = start
        var loss = surface.value(at: w)
        var points: [Weights] = [w]
        var losses: [Double] = [loss]
        points.reserveCapacity(min(stopping.maxSteps, 100_000) + 1)
        losses.reserveCapacity(min(stopping.maxSteps, 100_000) + 1)

        func finish(_ outcome: RunOutcome, escapedTo: Weights? = nil) -> Trajectory {
            Trajectory(points: points, losses: losses, outcome: outcome, escapedTo: escapedTo)
        }

        if !w.isFinite || !loss.isFinite {
            return finish(.diverged(step: 0, reason: .nonFinite))
        }
        let lossLimit = max(abs(loss), 1) * stopping.lossGrowthLimit

        for step in 1...max(stopping.maxSteps, 1) where stopping.maxSteps > 0 {
            let g = surface.gradient(at: w)
            if !g.isFinite { return finish(.diverged(step: step, reason: .nonFinite), escapedTo: w - learningRate * g) }
            if g.length < stopping.gradientTolerance { return finish(.converged(step: step - 1)) }
            let next = rule.step(from: w, gradient: g, learningRate: learningRate, step: step)
            let nextLoss = surface.value(at: next)
            if !next.isFinite || !nextLoss.isFinite {
                return finish(.diverged(step: step, reason: .nonFinite), escapedTo: next)
            }
            if let box = stopping.escapeBox, !box.w1.contains(next.x) || !box.w2.contains(next.y) {
                return finish(.diverged(step: step, reason: .escaped), escapedTo: next)
            }
            if nextLoss > lossLimit {
                return finish(.diverged(step: step, reason: .lossExploded), escapedTo: next)
            }
            points.append(next)
            losses.append(nextLoss)
            if abs(nextLoss - loss) < stopping.lossChangeTolerance { return finish(.converged(step: step)) }
            w = next
            loss = nextLoss
        }
        return finish(Self.classifyUnfinished(points: points, losses: losses))
    }

    /// Tells "still descending" from "oscillating" for a run whose steps ran out: over the
    /// last window of steps, a run whose loss did not go down while its steps keep reversing
    /// direction is bouncing across the valley; anything else is still making progress.
    static func classifyUnfinished(points: [Weights], losses: [Double]) -> RunOutcome {
        let window = min(20, (points.count - 1) / 2)
        guard window >= 2 else { return .descending }
        let end = losses.count - 1
        let lossDropped = losses[end] < losses[end - window] * (1 - 1e-9) - 1e-300
        var reversals = 0
        for k in (end - window + 1)...end where k >= 2 {
            let a = points[k] - points[k - 1], b = points[k - 1] - points[k - 2]
            if (a * b).sum() < 0 { reversals += 1 }
        }
        return (!lossDropped && reversals * 2 > window) ? .oscillating : .descending
    }
}
