/// How lossmap trains a network before slicing its loss: plain minibatch stochastic gradient
/// descent, θ ← θ − η·∇L_B(θ), with a constant learning rate η and no momentum, weight decay
/// or schedule, so that the minimum the map is centred on comes from the simplest optimizer
/// there is. Each step's batch B is the next `batchSize` points of a fresh random order every
/// epoch (`Minibatch` with shuffle: Fisher–Yates from `SplitMix64`); the initial weights are
/// `MultilayerPerceptron.initialParameters(seed:)`. One seed fixes both, so a configuration
/// always trains the same network.
public struct NetworkTraining: Sendable, Equatable {
    /// SGD steps (minibatches), 64 epochs of 1,000 points at the default batch size.
    public static let defaultSteps = 2_000
    /// η. Measured on a 2–16–16–1 tanh network, 1,000 moons points (noise 0.1), the default
    /// steps and seeds 1 to 3: 0.3 reaches 99.9% accuracy and a loss of 0.005 to 0.007; 0.1 and
    /// 0.2 as accurate at up to twice the loss; 0.05 only 91 to 98%; 0.5 and 1 between 99 and
    /// 99.9%, their losses noisier.
    public static let defaultLearningRate = 0.3
    /// Points per step, the common minibatch size for small data.
    public static let defaultBatchSize = 32
    /// The seed of the initial weights and of the shuffling.
    public static let defaultSeed: UInt64 = 1

    /// How many SGD steps to take (0: the initial weights are the result).
    public var steps: Int
    /// The constant learning rate η.
    public var learningRate: Double
    /// Points per step (at least 1; a batch of all points is full-batch gradient descent).
    public var batchSize: Int
    /// Fixes the initial weights and the order of the points in every epoch.
    public var seed: UInt64

    public init(steps: Int = defaultSteps, learningRate: Double = defaultLearningRate, batchSize: Int = defaultBatchSize,
                seed: UInt64 = defaultSeed) {
        self.steps = max(0, steps)
        self.learningRate = learningRate
        self.batchSize = max(1, batchSize)
        self.seed = seed
    }

    /// Trains `network` from its Glorot initialisation drawn with `seed`.
    public func train(_ network: MultilayerPerceptron, on data: PerceptronData, maxSnapshots: Int = 200) -> TrainingRecord {
        train(network, on: data, from: network.initialParameters(seed: seed), maxSnapshots: maxSnapshots)
    }

    /// Trains `network` from the parameters `initial` (`network.parameterCount` of them);
    /// `seed` then fixes the shuffling alone.
    public func train(_ network: MultilayerPerceptron, on data: PerceptronData, from initial: [Double],
                      maxSnapshots: Int = 200) -> TrainingRecord {
        precondition(initial.count == network.parameterCount,
                     "NetworkTraining: \(initial.count) initial parameters for a network of \(network.parameterCount)")
        let snapshotSteps = Self.snapshotSteps(steps: steps, maxSnapshots: maxSnapshots)
        let losses = NetworkLossRows(network: network, data: data)
        // The shuffling's own stream: the seed hashed, so that it does not replay the draws
        // of the initial weights.
        var mixer = SplitMix64(seed: seed ^ 0x5348_5546_464C_4521)
        var batches = Minibatch(batchSize: batchSize, shuffle: true, seed: mixer.next()).makeSource(count: data.count)
        var θ = initial
        var snapshots: [[Double]] = []
        var next = 0
        for step in 0...steps {
            if next < snapshotSteps.count && snapshotSteps[next] == step {
                snapshots.append(θ)
                next += 1
            }
            guard step < steps else { break }
            let gradient = network.lossAndGradient(θ, on: data, points: batches.next()).gradient
            for j in θ.indices { θ[j] -= learningRate * gradient[j] }
        }
        return TrainingRecord(parameters: θ, snapshots: snapshots, snapshotSteps: snapshotSteps,
                              snapshotLosses: snapshots.map(losses.meanLoss), finalLoss: network.loss(θ, on: data),
                              accuracy: network.accuracy(θ, on: data))
    }

    /// Up to `maxSnapshots` (at least 2) steps evenly spread from 0 to `steps`, both included.
    static func snapshotSteps(steps: Int, maxSnapshots: Int) -> [Int] {
        let count = min(max(2, maxSnapshots), steps + 1)
        guard count > 1 else { return [0] }
        // Spacing steps/(count − 1) ≥ 1, so the floors are all different; the product in full
        // width, so that no step count overflows it.
        return (0..<count).map { (count - 1).dividingFullWidth(steps.multipliedFullWidth(by: $0)).quotient }
    }
}

/// What training left: the trained weights θ* the map is centred on, and the path there.
public struct TrainingRecord: Sendable {
    /// θ*, the weights after the last step.
    public var parameters: [Double]
    /// θ at `snapshotSteps`, for the trajectory and its PCA plane.
    public var snapshots: [[Double]]
    /// The steps the snapshots were taken after: evenly spaced, 0 (the initial weights) and
    /// the last step included.
    public var snapshotSteps: [Int]
    /// The mean loss over all the data at each snapshot (from the vector kernel, equal to
    /// `MultilayerPerceptron.loss` to 1e-12 relative).
    public var snapshotLosses: [Double]
    /// The mean loss over all the data at θ* (`MultilayerPerceptron.loss`).
    public var finalLoss: Double
    /// The fraction of the data θ* classifies right.
    public var accuracy: Double
}
