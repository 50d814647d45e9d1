import LossmapCore

/// A momentum phase diagram (`kind = "phase"`): for the quadratic model at the minimum, the
/// convergence rate of heavy-ball descent over learning rate (x) and momentum β (y), with the
/// boundary ρ = 1 beyond which it diverges and the configured runs as markers.
public struct PhaseSpec: Sendable, Equatable {
    /// The learning rates on x: absolute, or multiples of η_crit of gradient descent; nil:
    /// from 1% of η_crit to 1.5 × the largest rate the top momentum keeps stable.
    public var from: LearningRate?
    public var to: LearningRate?
    /// The momenta on y.
    public var momentum: ClosedRange<Double>
    /// Whether real heavy-ball runs on the actual surface are drawn over the model's colours,
    /// on a coarse lattice of `lattice.columns` × `lattice.rows` (η, β) pairs.
    public var realRuns: Bool
    public var lattice: (columns: Int, rows: Int)
    /// Where the real runs start and how many steps they take ([optimizer]'s `start` and
    /// `steps`); the minimum analysed is the one nearest `start`.
    public var start = Weights(0, 0)
    public var steps = 100
    /// Where the config asks for the diagram, for problems found when the surface is analysed.
    public var site: SpecSite?

    public init(from: LearningRate? = nil, to: LearningRate? = nil, momentum: ClosedRange<Double> = 0...0.99, realRuns: Bool = false,
                lattice: (columns: Int, rows: Int) = (16, 12)) {
        self.from = from
        self.to = to
        self.momentum = momentum
        self.realRuns = realRuns
        self.lattice = lattice
    }

    public static func == (a: PhaseSpec, b: PhaseSpec) -> Bool {
        a.from == b.from && a.to == b.to && a.momentum == b.momentum && a.realRuns == b.realRuns
            && a.lattice.columns == b.lattice.columns && a.lattice.rows == b.lattice.rows
            && a.start == b.start && a.steps == b.steps
    }
}
