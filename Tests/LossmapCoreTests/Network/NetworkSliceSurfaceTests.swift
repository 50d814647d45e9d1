// Mutations tried (each made a test here fail, then was undone): the kernel's padding mask
// ignored (padding points counted); the vector tanh as (1 − e^−2|x|)/(1 + e^−2|x|) (1e-9
// relative near 0); its sign not restored; expm1's 2^k − 1 term dropped; the kernel's
// accumulators started from 0 instead of the bias; the last layer given the activation; the
// fallback for saturated logits skipping every lane; the gradient's β part dotted with d1.
import Foundation
@testable import LossmapCore
import LossmapKernel
import Testing

/// The network's slice as a surface: its value and gradient through the plane, and the grid's
/// vector kernel (every build this CPU runs) against the scalar loss, including its vector tanh.
@Suite("Network slice surface")
struct NetworkSliceSurfaceTests {
    static func surface(_ layers: [Int], _ activation: NetworkActivation, count: Int, seed: UInt64) throws -> NetworkSliceSurface {
        let net = try MultilayerPerceptron(layers: layers, activation: activation)
        let data = ToyDataset.moons.generate(count: count, noise: 0.2, seed: seed)
        var θ = net.initialParameters(seed: seed)
        var generator = SplitMix64(seed: seed &+ 1)
        for i in θ.indices { θ[i] += 0.5 * (generator.uniform() - 0.5) }
        return NetworkSliceSurface(network: net, data: data, plane: SlicePlane.random(for: net, center: θ, seed: seed &+ 2))
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 1e-12 * abs(b)
    }

    @Test("at (0, 0) the surface is the network's loss at the plane's center")
    func center() throws {
        let s = try Self.surface([2, 16, 16, 1], .tanh, count: 100, seed: 1)
        #expect(s.value(at: Weights(0, 0)) == s.network.loss(s.plane.center, on: s.data))
        #expect(s.minima.isEmpty && s.hessian(at: Weights(0, 0)) == nil)
        let θ = s.plane.parameters(at: Weights(0.3, -0.2))
        #expect(s.value(at: Weights(0.3, -0.2)) == s.network.loss(θ, on: s.data))
    }

    @Test("the gradient equals central differences of the value", arguments: NetworkActivation.allCases)
    func gradient(_ activation: NetworkActivation) throws {
        let s = try Self.surface([2, 6, 5, 1], activation, count: 40, seed: 2)
        for w in [Weights(0, 0), Weights(0.4, -0.7), Weights(-1, 0.25)] {
            let g = s.gradient(at: w), h = 1e-6
            let d1 = (s.value(at: w + Weights(h, 0)) - s.value(at: w - Weights(h, 0))) / (2 * h)
            let d2 = (s.value(at: w + Weights(0, h)) - s.value(at: w - Weights(0, h))) / (2 * h)
            #expect(abs(g.x - d1) <= 1e-7 * max(1, abs(d1)), "\(activation) at \(w): \(g.x) vs \(d1)")
            #expect(abs(g.y - d2) <= 1e-7 * max(1, abs(d2)), "\(activation) at \(w): \(g.y) vs \(d2)")
        }
    }

    /// Point counts leaving every tail of the 32-point tile, windows from the map's [−1, 1] to
    /// weights where every tanh saturates and logits pass ±708, where ReLU sums overflow, and
    /// where the weights themselves do (infinite, and NaN from ∞ − ∞ and ∞·0).
    static let counts = [1, 7, 31, 32, 33, 100]
    static let windows: [ClosedRange<Double>] = [-1...1, -30...30, -3000...3000, -1e306...1e306, -1e308...1e308]

    @Test("a row of the grid equals value(at:) point by point to 1e-12, for every kernel build",
          arguments: NetworkActivation.allCases)
    func rowEqualsPointByPoint(_ activation: NetworkActivation) throws {
        var checked = 0, saturated = 0, nonFinite = 0
        for (k, count) in Self.counts.enumerated() {
            var s = try Self.surface(k % 2 == 0 ? [2, 16, 16, 1] : [2, 5, 3, 4, 1], activation, count: count, seed: UInt64(k + 3))
            // `.automatic` on one count: it runs the widest build, checked here with the others.
            for kernel in (k == 0 ? [.automatic] : []) + PerceptronSurface.supportedKernels {
                s.vectorKernel = kernel
                for window in Self.windows {
                    let alphas = (0..<9).map { window.lowerBound + (window.upperBound - window.lowerBound) * Double($0) / 8 } + [1e-9]
                    for beta in [window.lowerBound / 3, 0, window.upperBound] {
                        var out = [Double](repeating: -1, count: alphas.count)
                        alphas.withUnsafeBufferPointer { xs in
                            out.withUnsafeMutableBufferPointer { s.values(alongW1: xs, w2: beta, into: $0) }
                        }
                        for (i, alpha) in alphas.enumerated() {
                            let expected = s.value(at: Weights(alpha, beta))
                            #expect(Self.close(out[i], expected),
                                    "\(activation), \(kernel) kernel, \(count) points, (\(alpha), \(beta)): \(out[i]) vs \(expected)")
                            checked += 1
                            if !expected.isFinite { nonFinite += 1 } else if expected > 100 { saturated += 1 }
                        }
                    }
                }
            }
        }
        #expect(checked > 1_000)
        #expect(saturated > 0)
        #expect(nonFinite > 0)
    }

    @Test("the grid's row on 1,000 moons points around a trained net matches value(at:)")
    func trainedRow() throws {
        let data = ToyDataset.moons.generate(count: 1_000, noise: 0.1, seed: 1)
        let net = try MultilayerPerceptron(layers: [2, 16, 16, 1], activation: .tanh)
        let record = NetworkTraining(steps: 200).train(net, on: data)
        var s = NetworkSliceSurface(network: net, data: data, plane: SlicePlane.random(for: net, center: record.parameters, seed: 4))
        let alphas = (0..<11).map { -1 + 0.2 * Double($0) }
        for kernel in PerceptronSurface.supportedKernels {
            s.vectorKernel = kernel
            var out = [Double](repeating: 0, count: alphas.count)
            alphas.withUnsafeBufferPointer { xs in out.withUnsafeMutableBufferPointer { s.values(alongW1: xs, w2: 0.5, into: $0) } }
            for (i, alpha) in alphas.enumerated() {
                let expected = s.value(at: Weights(alpha, 0.5))
                #expect(Self.close(out[i], expected), "\(kernel): \(out[i]) vs \(expected)")
            }
        }
    }

    /// Samples across tanh's whole range: tiny (where 1 − e^−2x would cancel), around the
    /// switch of expm1's reduction, large, saturated, and the special values.
    static func samples() -> [Double] {
        var generator = SplitMix64(seed: 77)
        var xs: [Double] = [0, -0.0, 1e-300, .leastNonzeroMagnitude, 0.34657359027997264, 19.06, 20, 21, 710, 800, .infinity, -.infinity]
        for _ in 0..<20_000 {
            let magnitude = pow(10, -20 + 22 * generator.uniform())
            xs.append(generator.uniform() < 0.5 ? -magnitude : magnitude)
        }
        return xs
    }

    @Test("the vector tanh, logistic and ReLU are within a few ulp of the scalar ones, plain and fused")
    func vectorActivations() {
        let xs = Self.samples()
        var worstTanh = 0.0, worstLogistic = 0.0, worstExpm1 = 0.0
        for start in stride(from: 0, to: xs.count - 8, by: 8) {
            var x = DoubleVector()
            for l in 0..<8 { x[l] = xs[start + l] }
            for fused in [false, true] {
                let t = VectorMath.tanh(x, fused: fused), s = VectorMath.logistic(x, fused: fused), r = VectorMath.relu(x)
                // expm1 on its domain [−708, 0]: −x clamped to [−700, 0].
                let clamped = x.replacing(with: 0, where: x .< 0).replacing(with: 700, where: x .> 700)
                let e = VectorMath.expm1NonPositive(-clamped, fused: fused)
                for l in 0..<8 {
                    let expected = Foundation.tanh(x[l])
                    #expect(t[l].sign == expected.sign)
                    worstTanh = max(worstTanh, expected == 0 ? abs(t[l]) : abs(t[l] - expected) / abs(expected))
                    let sigma = PointLoss.logistic(x[l])
                    if x[l] < -708 {
                        // There the vector gives 0 where the scalar gives e^x < 3.4e-308.
                        #expect(s[l] == 0 && sigma < 3.4e-308)
                    } else {
                        worstLogistic = max(worstLogistic, abs(s[l] - sigma) / sigma)
                    }
                    #expect(r[l] == (x[l] < 0 ? 0 : x[l]))
                    let argument = -min(max(x[l], 0), 700)
                    let m1 = Foundation.expm1(argument)
                    worstExpm1 = max(worstExpm1, m1 == 0 ? abs(e[l]) : abs(e[l] - m1) / abs(m1))
                }
            }
        }
        #expect(worstTanh <= 1e-15, "tanh: worst relative error \(worstTanh)")
        #expect(worstLogistic <= 1e-15, "logistic: worst relative error \(worstLogistic)")
        #expect(worstExpm1 <= 1e-15, "expm1: worst relative error \(worstExpm1)")
        let nan = VectorMath.tanh(DoubleVector(repeating: .nan))
        #expect(nan[0].isNaN && VectorMath.logistic(DoubleVector(repeating: .nan))[0].isNaN && VectorMath.relu(DoubleVector(repeating: .nan))[0].isNaN)
    }
}
