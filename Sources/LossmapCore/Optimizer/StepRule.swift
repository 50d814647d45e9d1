/// How one optimisation method turns a gradient into a step.
///
/// Every method is one type conforming to this protocol; `Method` maps config names to them,
/// so adding a method touches one file and one table. A rule is a value: it carries its own
/// state (a velocity, running averages) and is copied fresh for every run.
public protocol StepRule: Sendable {
    /// The new weights after one step from `w`, whose gradient is `g`, with learning rate η.
    /// `step` counts from 1.
    mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights
}

/// Plain gradient descent: w ← w − η∇L. No clipping, ever: a step that is too big must be
/// allowed to go wrong, since showing that is the point of the figure.
public struct GradientDescentRule: StepRule {
    public init() {}

    @inlinable
    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        w - η * g
    }
}

/// Heavy-ball momentum (Polyak 1964): v ← βv − η∇L, w ← w + v.
public struct MomentumRule: StepRule {
    /// The fraction β of the previous velocity that is kept, in [0, 1).
    public var momentum: Double
    private var velocity = Weights(0, 0)

    public init(momentum: Double = 0.9) { self.momentum = momentum }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        velocity = momentum * velocity - η * g
        return w + velocity
    }
}
