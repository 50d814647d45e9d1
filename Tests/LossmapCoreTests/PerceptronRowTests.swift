import Foundation
import LossmapCore
import LossmapKernel
import Testing

/// The perceptron's row evaluation (`values(alongW1:w2:into:)`, the grid's fast path, SIMD for
/// sigmoid and tanh cross-entropy) against its own point-by-point `value(at:)`: equal within
/// 1e-12 relative for every activation × loss, on random data whose counts leave every SIMD
/// tail length, and on windows from the lecture's [−3, 3] to weights where every sigmoid is
/// saturated, e^−|z| is subnormal or 0, and z overflows to ±inf (NaN must stay NaN, ±inf stay).
/// Every build of the vector kernel the CPU runs is checked: the baseline one and, on x86-64
/// with them, the AVX2 and AVX-512 ones.
@Suite struct PerceptronRowTests {
    /// Counts around the vector width 8 (every tail length 0…7), and a lecture-sized set.
    static let counts = [1, 2, 7, 8, 9, 15, 16, 17, 23, 100, 1_003]
    /// w1 windows: the lecture's, one where |z| crosses the scalar fallback's 708 within
    /// the row, far saturation, and one whose z overflows.
    static let windows: [ClosedRange<Double>] = [-3...3, -400...400, -1e5...1e5, -1e308...1e308]

    static func data(count: Int, classification: Bool, seed: UInt64) -> PerceptronData {
        var generator = SplitMix64(seed: seed)
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for i in 0..<count {
            // Mostly unit-sized inputs, every fifth point 40 times larger, so one grid row
            // holds points on both sides of the 708 limit.
            let scale = i % 5 == 4 ? 40.0 : 1.0
            x1.append(scale * (2 * generator.uniform() - 1))
            x2.append(scale * (2 * generator.uniform() - 1))
            if classification {
                // Labels 0 and 1, and every seventh a soft target.
                y.append(i % 7 == 6 ? generator.uniform() : Double(i % 2))
            } else {
                y.append(4 * generator.uniform() - 2)
            }
        }
        return PerceptronData(x1: x1, x2: x2, y: y)
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 1e-12 * abs(b)
    }

    @Test(arguments: PerceptronActivation.allCases, PerceptronLoss.allCases)
    func rowEqualsPointByPoint(_ activation: PerceptronActivation, _ loss: PerceptronLoss) throws {
        var checked = 0, nonFinite = 0
        for (k, count) in Self.counts.enumerated() {
            let data = Self.data(count: count, classification: loss == .crossEntropy, seed: 0xC0FFEE &+ UInt64(k))
            for bias in [0.0, 0.37] {
                for kernel in [VectorKernelChoice.automatic] + PerceptronSurface.supportedKernels {
                    var surface = try PerceptronSurface(data: data, activation: activation, loss: loss, bias: bias)
                    surface.vectorKernel = kernel
                    for window in Self.windows {
                        let n = 41
                        let w1s = (0..<n).map { window.lowerBound + (window.upperBound - window.lowerBound) * (Double($0) / Double(n - 1)) } + [0]
                        for w2 in [window.lowerBound, -0.7, 0, 0.25 * window.upperBound] {
                            var out = [Double](repeating: -1, count: w1s.count)
                            w1s.withUnsafeBufferPointer { xs in
                                out.withUnsafeMutableBufferPointer { surface.values(alongW1: xs, w2: w2, into: $0) }
                            }
                            for (i, w1) in w1s.enumerated() {
                                let expected = surface.value(at: Weights(w1, w2))
                                #expect(Self.close(out[i], expected),
                                        "\(activation)/\(loss.rawValue), \(kernel) kernel, \(count) points, bias \(bias), w = (\(w1), \(w2)): \(out[i]) vs \(expected)")
                                checked += 1
                                if !expected.isFinite { nonFinite += 1 }
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 10_000)
        // The overflowing window must have exercised NaN/inf for the logit cases.
        if loss == .crossEntropy && activation != .linear { #expect(nonFinite > 0) }
    }

    /// Separable classes: the loss falls towards 0 as w1 grows, through the mean 1e-3 below
    /// which the row sums term by term instead of by its product of 1 + e^−|z| (whose absolute
    /// error would be too large there), down to losses of e^−700 and exactly 0.
    @Test(arguments: [PerceptronActivation.sigmoid, .tanh])
    func separableDownToZero(_ activation: PerceptronActivation) throws {
        var generator = SplitMix64(seed: 99)
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for i in 0..<1_001 {
            let label = Double(i % 2)
            // A margin of 0.1 on either side of x1 = 0.
            x1.append((0.1 + generator.uniform()) * (label == 1 ? 1 : -1))
            x2.append(2 * generator.uniform() - 1)
            y.append(label)
        }
        var surface = try PerceptronSurface(data: PerceptronData(x1: x1, x2: x2, y: y), activation: activation, loss: .crossEntropy)
        let w1s = (0...400).map { pow(10, 4 * Double($0) / 400) - 1 }   // 0 … 9999, evenly in log
        var low = 0
        for kernel in [VectorKernelChoice.automatic] + PerceptronSurface.supportedKernels {
            surface.vectorKernel = kernel
            for w2 in [0.0, 0.01, -0.05] {
                var out = [Double](repeating: -1, count: w1s.count)
                w1s.withUnsafeBufferPointer { xs in
                    out.withUnsafeMutableBufferPointer { surface.values(alongW1: xs, w2: w2, into: $0) }
                }
                for (i, w1) in w1s.enumerated() {
                    let expected = surface.value(at: Weights(w1, w2))
                    #expect(Self.close(out[i], expected), "\(activation), \(kernel) kernel, w = (\(w1), \(w2)): \(out[i]) vs \(expected)")
                    if expected < LogitCrossEntropyKernel.productFormMinimumLoss { low += 1 }
                }
            }
        }
        #expect(low > 100)
    }

    /// A config's `minimum` wraps the surface; the grid must still get the fast path's values.
    @Test func givenMinimumForwardsRows() throws {
        let data = Self.data(count: 37, classification: true, seed: 7)
        let surface = try PerceptronSurface(data: data, activation: .sigmoid, loss: .crossEntropy)
        let wrapped = GivenMinimumSurface(base: surface, minima: [Weights(0, 0)])
        let w1s = [-2.0, -0.5, 0, 1, 3]
        var a = [Double](repeating: 0, count: w1s.count), b = a
        w1s.withUnsafeBufferPointer { xs in
            a.withUnsafeMutableBufferPointer { surface.values(alongW1: xs, w2: 0.3, into: $0) }
            b.withUnsafeMutableBufferPointer { wrapped.values(alongW1: xs, w2: 0.3, into: $0) }
        }
        #expect(a == b)
    }

    /// The vector exp against Foundation's over its whole domain [−708, 0], plain and fused.
    @Test func vectorExp() {
        var generator = SplitMix64(seed: 11)
        var worst = 0.0
        for _ in 0..<20_000 {
            var x = DoubleVector()
            for l in 0..<DoubleVector.scalarCount {
                // Half the lanes near 0 (where the relative error would show first), half anywhere.
                x[l] = l % 2 == 0 ? -generator.uniform() : VectorMath.expLowerLimit * generator.uniform()
            }
            x[0] = VectorMath.expLowerLimit
            x[1] = 0
            // Both evaluations of the polynomial: plain (baseline build) and fused (AVX-512 build).
            for fused in [false, true] {
                let e = VectorMath.expNonPositive(x, fused: fused)
                for l in 0..<DoubleVector.scalarCount {
                    let expected = Foundation.exp(x[l])
                    worst = max(worst, abs(e[l] - expected) / expected)
                }
            }
        }
        #expect(worst <= 4e-16, "worst relative error \(worst)")
    }

    /// The vector log1p against Foundation's on [0, 1], from subnormal arguments up, and across
    /// the √2 − 1 switch between its two reductions.
    @Test func vectorLog1p() {
        var generator = SplitMix64(seed: 12)
        var worst = 0.0
        for trial in 0..<20_000 {
            var x = DoubleVector()
            for l in 0..<DoubleVector.scalarCount {
                switch l % 4 {
                case 0: x[l] = generator.uniform()
                case 1: x[l] = Foundation.exp(-745 * generator.uniform())
                case 2: x[l] = 0.41421356237309503 + 1e-6 * (generator.uniform() - 0.5)
                default: x[l] = 1 - generator.uniform() * 1e-3
                }
            }
            if trial == 0 { (x[0], x[1], x[2], x[3]) = (0, 1, 5e-324, 1e-310) }
            let r = VectorMath.log1pUnit(x)
            for l in 0..<DoubleVector.scalarCount {
                let expected = Foundation.log1p(x[l])
                let error = expected == 0 ? abs(r[l]) : abs(r[l] - expected) / expected
                worst = max(worst, error)
            }
        }
        #expect(worst <= 4e-16, "worst relative error \(worst)")
    }
}
