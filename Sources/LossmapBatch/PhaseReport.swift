/// A phase diagram (`kind = "phase"`), as the report gives it.
public struct PhaseReport: Codable, Sendable, Equatable {
    public var minimum: [Double]
    public var eigenvalues: [Double]
    /// Gradient descent's η_crit = 2/λmax.
    public var criticalLearningRate: Double
    /// The learning rates and momenta on the axes (absolute rates).
    public var rates: [Double]
    public var momenta: [Double]
    /// Polyak's fastest setting.
    public var optimum: PhaseOptimum
    /// ρ of each configured gradient-descent or momentum run, in run order (null for others).
    public var runRadius: [Double?]
    /// With `real_runs`: the lattice's rates and momenta and each run's outcome, row by row
    /// (a row per momentum).
    public var realRuns: RealRunsReport?

    enum CodingKeys: String, CodingKey {
        case minimum, eigenvalues, rates, momenta, optimum
        case criticalLearningRate = "critical_learning_rate"
        case runRadius = "run_radius"
        case realRuns = "real_runs"
    }
}

public struct PhaseOptimum: Codable, Sendable, Equatable {
    public var learningRate: Double
    public var momentum: Double
    public var radius: Double

    enum CodingKeys: String, CodingKey {
        case momentum, radius
        case learningRate = "learning_rate"
    }
}

public struct RealRunsReport: Codable, Sendable, Equatable {
    public var steps: Int
    public var rates: [Double]
    public var momenta: [Double]
    public var outcomes: [[String]]
}
