/// A loss that is a mean over data points, so a step can be taken on the gradient of a few of
/// them: the perceptron's loss on its points.
public protocol PointwiseLoss: LossSurface {
    /// How many points the loss averages over.
    var pointCount: Int { get }
    /// The gradient of the mean loss over the points `indices` alone.
    func gradient(at w: Weights, overPoints indices: ArraySlice<Int>) -> Weights
}

extension GivenMinimumSurface: PointwiseLoss where Base: PointwiseLoss {
    public var pointCount: Int { base.pointCount }
    public func gradient(at w: Weights, overPoints indices: ArraySlice<Int>) -> Weights {
        base.gradient(at: w, overPoints: indices)
    }
}

/// Minibatch stochastic gradient descent on a loss over data points: each step follows the
/// gradient of the next `batchSize` points only, the walker feeling only part of the mountain.
///
/// The points are taken in order, `batchSize` at a time, and an epoch ends when all have
/// been used (a last, smaller batch takes the remainder); with `shuffle` the order is a fresh
/// random permutation every epoch (Fisher–Yates, Knuth TAOCP vol. 2 §3.4.2, drawn from
/// `SplitMix64(seed)`), as PyTorch's `DataLoader(shuffle=True)` does. A batch of at least
/// every point is the full gradient.
public struct Minibatch: Sendable, Equatable {
    public var batchSize: Int
    public var shuffle: Bool
    public var seed: UInt64

    public init(batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0) {
        self.batchSize = max(1, batchSize)
        self.shuffle = shuffle
        self.seed = seed
    }

    /// The batches of one run over `count` points.
    public func makeSource(count: Int) -> Source {
        Source(batchSize: batchSize, shuffle: shuffle, order: Array(0..<count), generator: SplitMix64(seed: seed))
    }

    /// Steps per epoch over `count` points: ⌈count / batchSize⌉.
    public func batchesPerEpoch(count: Int) -> Int { (count + batchSize - 1) / batchSize }

    public struct Source: Sendable {
        let batchSize: Int
        let shuffle: Bool
        var order: [Int]
        var generator: SplitMix64
        var position = 0
        var started = false

        /// The indices of the next batch.
        public mutating func next() -> ArraySlice<Int> {
            if !started || position >= order.count {
                if shuffle { shuffleOrder() }
                position = 0
                started = true
            }
            let end = min(position + batchSize, order.count)
            defer { position = end }
            return order[position..<end]
        }

        private mutating func shuffleOrder() {
            guard order.count > 1 else { return }
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                // An index in 0…i without modulo bias worth mentioning: i < 2²⁰ against 2⁶⁴.
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
    }
}
