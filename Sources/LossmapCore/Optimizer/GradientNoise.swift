import Foundation

/// Gaussian noise added to every gradient a run takes its step from: the stochastic gradient
/// of a surface that has no data to sample, with a seed so the same config draws the same
/// noise. Each component gets an independent N(0, σ²) draw (Box–Muller, 1958, from
/// `SplitMix64`'s uniforms).
public struct GradientNoise: Sendable, Equatable {
    /// The standard deviation σ of each component.
    public var deviation: Double
    public var seed: UInt64

    public init(deviation: Double, seed: UInt64) {
        self.deviation = deviation
        self.seed = seed
    }

    /// A source of the draws, fresh for one run.
    public func makeSource() -> Source { Source(deviation: deviation, generator: SplitMix64(seed: seed)) }

    public struct Source: Sendable {
        let deviation: Double
        var generator: SplitMix64

        /// The next noise vector: two standard normal draws scaled by σ.
        public mutating func next() -> Weights {
            // 1 − u is in (0, 1]: the logarithm is finite.
            let u1 = 1 - generator.uniform(), u2 = generator.uniform()
            let r = (-2 * log(u1)).squareRoot()
            return Weights(deviation * r * cos(2 * .pi * u2), deviation * r * sin(2 * .pi * u2))
        }
    }
}
