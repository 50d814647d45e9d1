// Mutations tried (each made a test here fail, then was undone): the hidden layer's sum
// started from 0 instead of the bias; backpropagation without the activation's slope
// (δ ← Wᵀδ); the weight gradient δ·a of the layer's own output instead of its input; the mean
// over n − 1 points; Glorot's limit √(6/(in + out)) as √(3/(in + out)); the output neuron given
// the hidden activation too.
import Foundation
@testable import LossmapCore
import Testing

/// The network's loss (by hand on a 2-1-1 net), its gradient (against central differences on
/// several architectures and activations), its parameter layout and its initialisation.
@Suite("Multilayer perceptron")
struct MultilayerPerceptronTests {
    /// Three points (x1, x2, y) for the by-hand checks.
    static let three = PerceptronData(x1: [1, -1, 0.4], x2: [2, 0.5, -0.3], y: [1, 0, 1])

    @Test("a 2-1-1 ReLU net's loss is the mean of ln(1 + e^∓z) worked out by hand")
    func lossByHandReLU() throws {
        let net = try MultilayerPerceptron(layers: [2, 1, 1], activation: .relu)
        // θ = [w11, w12, b1, v, c]: h = max(0, 0.5·x1 − x2 + 0.25), z = 2h − 0.5.
        // Weighted inputs −1.25, −0.75, 0.75 → h = 0, 0, 0.75 → z = −0.5, −0.5, 1.
        // Losses ln(1 + e^0.5) (y = 1), ln(1 + e^−0.5) (y = 0), ln(1 + e^−1) (y = 1):
        // 0.974076984180107 + 0.474076984180107 + 0.313261687518223 = 1.761415655878437, / 3.
        let θ = [0.5, -1, 0.25, 2, -0.5]
        #expect(abs(net.loss(θ, on: Self.three) - 0.587138551959479) < 1e-14)
        #expect(net.logit(θ, x1: 0.4, x2: -0.3) == 1)
        // Predictions: classes 0, 0, 1 against 1, 0, 1.
        #expect(net.accuracy(θ, on: Self.three) == 2.0 / 3)
    }

    @Test("a 2-1-1 net's loss for tanh and the sigmoid matches the same computation written out",
          arguments: [(NetworkActivation.tanh, 0.9465474300591925), (.sigmoid, 0.6135545864192523)])
    func lossByHand(_ activation: NetworkActivation, _ expected: Double) throws {
        // The numbers: Python's math.log(1 + math.exp(∓z)) on z = 2·act(s) − 0.5 for the same s.
        let net = try MultilayerPerceptron(layers: [2, 1, 1], activation: activation)
        #expect(abs(net.loss([0.5, -1, 0.25, 2, -0.5], on: Self.three) - expected) < 1e-14)
    }

    @Test("the parameters are laid out per layer: weights row by row (one neuron's filter a row), then biases")
    func layout() throws {
        let net = try MultilayerPerceptron(layers: [2, 16, 16, 1], activation: .tanh)
        #expect(net.parameterCount == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1)
        let ranges = net.layerRanges()
        #expect(ranges.map(\.weights) == [0..<32, 48..<304, 320..<336])
        #expect(ranges.map(\.biases) == [32..<48, 304..<320, 336..<337])
        #expect(ranges[1].filter(3) == 48 + 3 * 16..<48 + 4 * 16)
        // A [2, 2, 1] net read off by hand: neuron 0's outgoing weight 0, neuron 1's 1.
        let small = try MultilayerPerceptron(layers: [2, 2, 1], activation: .relu)
        // W = [[a, b], [c, d]] (rows = neurons), biases, then output weights, output bias.
        let θ = [1.0, 2, 3, 4, 0, 0, 0, 1, 0]
        // Neuron 1's weighted input: 3·x1 + 4·x2 = 3 + 8 = 11 at (1, 2).
        #expect(small.logit(θ, x1: 1, x2: 2) == 11)
    }

    @Test("gradients equal central differences", arguments: NetworkActivation.allCases)
    func gradientAgainstDifferences(_ activation: NetworkActivation) throws {
        let data = ToyDataset.moons.generate(count: 13, noise: 0.2, seed: 3)
        for (k, layers) in [[2, 1], [2, 1, 1], [2, 3, 1], [2, 5, 4, 1], [2, 4, 3, 3, 1]].enumerated() {
            let net = try MultilayerPerceptron(layers: layers, activation: activation)
            var θ = net.initialParameters(seed: UInt64(10 + k))
            // Non-zero biases, so their gradients are tested away from the initial 0.
            var generator = SplitMix64(seed: UInt64(k))
            for i in θ.indices { θ[i] += 0.3 * (generator.uniform() - 0.5) }
            let points = [0, 3, 4, 7, 8, 12]
            let (loss, gradient) = net.lossAndGradient(θ, on: data, points: points)
            let subset = PerceptronData(x1: points.map { data.x1[$0] }, x2: points.map { data.x2[$0] },
                                        y: points.map { data.y[$0] })
            #expect(abs(loss - net.loss(θ, on: subset)) < 1e-14)
            for j in θ.indices {
                let h = 1e-6
                var plus = θ, minus = θ
                plus[j] += h
                minus[j] -= h
                let difference = (net.loss(plus, on: subset) - net.loss(minus, on: subset)) / (2 * h)
                #expect(abs(gradient[j] - difference) <= 1e-7 * max(1, abs(difference)),
                        "\(layers) \(activation), parameter \(j): \(gradient[j]) vs \(difference)")
            }
        }
    }

    @Test("a batch's gradient is the mean of its points' gradients; no points: NaN loss, zero gradient")
    func batchMean() throws {
        let net = try MultilayerPerceptron(layers: [2, 4, 1], activation: .tanh)
        let θ = net.initialParameters(seed: 5)
        let data = ToyDataset.circles.generate(count: 6, noise: 0.1, seed: 1)
        let pair = net.lossAndGradient(θ, on: data, points: [1, 4])
        let one = net.lossAndGradient(θ, on: data, points: [1]), four = net.lossAndGradient(θ, on: data, points: [4])
        #expect(abs(pair.loss - (one.loss + four.loss) / 2) < 1e-15)
        for j in θ.indices { #expect(abs(pair.gradient[j] - (one.gradient[j] + four.gradient[j]) / 2) < 1e-15) }
        let none = net.lossAndGradient(θ, on: data, points: [Int]())
        #expect(none.loss.isNaN)
        #expect(none.gradient == [Double](repeating: 0, count: θ.count))
    }

    @Test("Glorot initialisation: seeded, weights within ±√(6/(in + out)) and spread over it, biases 0")
    func initialisation() throws {
        let net = try MultilayerPerceptron(layers: [2, 16, 16, 1], activation: .tanh)
        let θ = net.initialParameters(seed: 42)
        #expect(θ == net.initialParameters(seed: 42))
        #expect(θ != net.initialParameters(seed: 43))
        for range in net.layerRanges() {
            let limit = (6 / Double(range.inputs + range.outputs)).squareRoot()
            let weights = θ[range.weights]
            #expect(weights.allSatisfy { abs($0) <= limit })
            // Uniform on ±limit: the largest magnitude comes close to it on 32 or more draws.
            #expect(weights.map(abs).max()! > 0.8 * limit)
            #expect(θ[range.biases].allSatisfy { $0 == 0 })
        }
    }

    @Test("layers that do not describe a 2-D classifier are refused in the user's words")
    func badLayers() {
        func message(_ layers: [Int]) -> String? {
            do throws(NetworkError) {
                _ = try MultilayerPerceptron(layers: layers, activation: .tanh)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message([2, 16, 1]) == nil)
        #expect(message([2, 256, 256, 256, 256, 256, 256, 1]) == nil)
        #expect(message([2]) == "a network has 2 to 8 layers (2 inputs, up to 6 hidden layers, 1 output), e.g. [2, 16, 16, 1]; [2] has 1")
        #expect(message([2, 1, 1, 1, 1, 1, 1, 1, 1])?.hasPrefix("a network has 2 to 8 layers") == true)
        #expect(message([3, 16, 1]) == "a network's first layer is its 2 inputs (x1, x2), not 3: write [2, …, 1] instead of [3, 16, 1]")
        #expect(message([2, 16, 2]) == "a network's last layer is its 1 output (the logit of class 1), not 2: write [2, …, 1] instead of [2, 16, 2]")
        #expect(message([2, 16, 0, 1]) == "hidden layer 2 of [2, 16, 0, 1] has 0 neurons; a layer has 1 to 256")
        #expect(message([2, 257, 1]) == "hidden layer 1 of [2, 257, 1] has 257 neurons; a layer has 1 to 256")
    }
}
