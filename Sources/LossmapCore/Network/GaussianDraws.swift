import Foundation

/// Standard normal numbers from `SplitMix64(seed)`, by the Box–Muller transform (Box & Muller
/// 1958, as `GradientNoise` draws them): each pair of uniforms gives two independent draws,
/// r·cos 2πu₂ then r·sin 2πu₂ with r = √(−2 ln u₁), so a seed fixes the whole sequence.
struct GaussianDraws {
    private var generator: SplitMix64
    /// The sine half of the last pair, not yet handed out.
    private var spare: Double?

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func next() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        // 1 − u is in (0, 1]: the logarithm is finite.
        let u1 = 1 - generator.uniform(), u2 = generator.uniform()
        let r = (-2 * log(u1)).squareRoot()
        spare = r * sin(2 * .pi * u2)
        return r * cos(2 * .pi * u2)
    }
}
