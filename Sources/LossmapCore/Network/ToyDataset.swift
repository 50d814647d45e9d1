import Foundation

/// The classic 2-D two-class data sets a small network learns, generated from a seed.
///
/// Points come class by class, class 0 first: `count / 2` of class 0, the rest (one more for
/// an odd count) of class 1. Each coordinate then gets independent Gaussian noise of standard
/// deviation `noise` (Box–Muller from `SplitMix64(seed)`, `GaussianDraws`), as scikit-learn
/// adds it. Unlike scikit-learn the points are not shuffled: training shuffles every epoch.
public enum ToyDataset: String, CaseIterable, Sendable {
    /// Two interleaving half circles, scikit-learn's `make_moons`: class 0 on the upper unit
    /// half circle (cos t, sin t), class 1 on (1 − cos t, ½ − sin t), t evenly from 0 to π.
    case moons
    /// Two concentric circles, scikit-learn's `make_circles` with factor 0.5: class 0 on the unit
    /// circle, class 1 on the circle of radius 0.5, angles evenly from 0 to 2π (2π left out).
    case circles
    /// Two interleaved Archimedean spirals, CS231n's classic example ("Putting it together:
    /// minimal neural network case study") with two arms: class j at radius r evenly from 0 to
    /// 1 and angle t = 4j + 4r, the point (r sin t, r cos t). CS231n perturbs the angle
    /// (by 0.2·N(0, 1)); here the coordinates get `noise`, as for the other two.
    case spirals

    /// `count` points (none for a count below 1) with targets 0 and 1.
    public func generate(count: Int, noise: Double, seed: UInt64) -> PerceptronData {
        let count = max(0, count)
        let first = count / 2, second = count - first
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        x1.reserveCapacity(count)
        x2.reserveCapacity(count)
        y.reserveCapacity(count)
        for (label, size) in [(0, first), (1, second)] {
            for i in 0..<size {
                let (u, v) = position(i, of: size, label: label)
                x1.append(u)
                x2.append(v)
                y.append(Double(label))
            }
        }
        var draws = GaussianDraws(seed: seed)
        for i in 0..<count {
            x1[i] += noise * draws.next()
            x2[i] += noise * draws.next()
        }
        return PerceptronData(x1: x1, x2: x2, y: y)
    }

    /// The noiseless position of point i of `size` of class `label`.
    private func position(_ i: Int, of size: Int, label: Int) -> (Double, Double) {
        switch self {
        case .moons:
            // numpy's linspace(0, π, size): both ends included.
            let t = Self.linspace(i, size, to: .pi)
            return label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
        case .circles:
            // linspace(0, 2π, size, endpoint=False).
            let t = 2 * .pi * Double(i) / Double(size)
            let radius = label == 0 ? 1.0 : 0.5
            return (radius * cos(t), radius * sin(t))
        case .spirals:
            let r = Self.linspace(i, size, to: 1)
            let t = 4 * Double(label) + 4 * r
            return (r * sin(t), r * cos(t))
        }
    }

    /// The i-th of `size` evenly spaced numbers from 0 to `end` inclusive (0 alone for size 1).
    private static func linspace(_ i: Int, _ size: Int, to end: Double) -> Double {
        size <= 1 ? 0 : end * Double(i) / Double(size - 1)
    }
}
