// Mutations tried (each made a test here fail, then was undone): the step θ + η∇ (ascent);
// the snapshot taken after the step instead of before (step 0 lost); snapshots spaced by
// steps / count (the last step missing); the shuffling's seed fixed at 0 (two seeds from the
// same start then train alike); the default learning rate 0.01 (moons stays below 95%).
import Foundation
@testable import LossmapCore
import Testing

/// Training: plain SGD step by step, snapshots where they were promised, reproducible from the
/// seed, and good enough on moons with the defaults.
@Suite("Network training")
struct NetworkTrainingTests {
    @Test("the defaults train a 2-16-16-1 tanh net to over 95% accuracy on 1,000 moons points (noise 0.1)")
    func moonsAccuracy() throws {
        let data = ToyDataset.moons.generate(count: 1_000, noise: 0.1, seed: 1)
        let net = try MultilayerPerceptron(layers: [2, 16, 16, 1], activation: .tanh)
        let record = NetworkTraining().train(net, on: data)
        #expect(record.accuracy > 0.95, "accuracy \(record.accuracy)")
        #expect(record.accuracy == net.accuracy(record.parameters, on: data))
        #expect(record.finalLoss == net.loss(record.parameters, on: data))
        // Training lowered the loss well below chance (ln 2 = 0.693).
        #expect(record.snapshotLosses.first! > 0.3 && record.finalLoss < 0.1)
    }

    @Test("with one batch of every point, training is full-batch gradient descent, step for step")
    func fullBatchIsGradientDescent() throws {
        let data = ToyDataset.circles.generate(count: 20, noise: 0.05, seed: 2)
        let net = try MultilayerPerceptron(layers: [2, 4, 1], activation: .sigmoid)
        let training = NetworkTraining(steps: 5, learningRate: 0.7, batchSize: 20, seed: 3)
        var θ = net.initialParameters(seed: 3)
        for _ in 0..<5 {
            let g = net.lossAndGradient(θ, on: data, points: 0..<20).gradient
            θ = zip(θ, g).map { $0 - 0.7 * $1 }
        }
        let record = training.train(net, on: data)
        // The same operations in the same order: only the order of summing the batch differs.
        for j in θ.indices { #expect(abs(record.parameters[j] - θ[j]) < 1e-14) }
        #expect(record.snapshots.first == net.initialParameters(seed: 3))
    }

    @Test("snapshots: evenly spaced steps from 0 to the last, θ as it was then, the full-data loss there")
    func snapshots() throws {
        let data = ToyDataset.moons.generate(count: 50, noise: 0.1, seed: 4)
        let net = try MultilayerPerceptron(layers: [2, 3, 1], activation: .relu)
        let record = NetworkTraining(steps: 10, learningRate: 0.2, batchSize: 8, seed: 5).train(net, on: data, maxSnapshots: 4)
        #expect(record.snapshotSteps == [0, 3, 6, 10])
        #expect(record.snapshots.count == 4)
        #expect(record.snapshots.first == net.initialParameters(seed: 5))
        #expect(record.snapshots.last == record.parameters)
        for (θ, loss) in zip(record.snapshots, record.snapshotLosses) {
            let expected = net.loss(θ, on: data)
            #expect(abs(loss - expected) <= 1e-12 * expected)
        }
        // Fewer steps than snapshots: every step once.
        #expect(NetworkTraining.snapshotSteps(steps: 3, maxSnapshots: 200) == [0, 1, 2, 3])
        #expect(NetworkTraining.snapshotSteps(steps: 0, maxSnapshots: 200) == [0])
        #expect(NetworkTraining.snapshotSteps(steps: 2_000, maxSnapshots: 200).count == 200)
        #expect(NetworkTraining.snapshotSteps(steps: 2_000, maxSnapshots: 200).last == 2_000)
        #expect(NetworkTraining.snapshotSteps(steps: 5, maxSnapshots: 0) == [0, 5])
    }

    @Test("the seed fixes the whole run; another seed trains another network")
    func reproducible() throws {
        let data = ToyDataset.spirals.generate(count: 60, noise: 0.05, seed: 6)
        let net = try MultilayerPerceptron(layers: [2, 6, 1], activation: .tanh)
        let training = NetworkTraining(steps: 30, learningRate: 0.1, batchSize: 7, seed: 11)
        let a = training.train(net, on: data), b = training.train(net, on: data)
        #expect(a.parameters == b.parameters)
        #expect(a.snapshotLosses == b.snapshotLosses)
        var other = training
        other.seed = 12
        #expect(other.train(net, on: data).parameters != a.parameters)
        // The same start with another seed: only the shuffling differs, and so does the result.
        let start = net.initialParameters(seed: 11)
        let reshuffled = other.train(net, on: data, from: start)
        #expect(reshuffled.snapshots.first == start)
        #expect(reshuffled.parameters != a.parameters)
        #expect(training.train(net, on: data, from: start).parameters == a.parameters)
    }

    @Test("no data and nonsense settings do not trap")
    func degenerate() throws {
        let net = try MultilayerPerceptron(layers: [2, 2, 1], activation: .tanh)
        let empty = PerceptronData(x1: [], x2: [], y: [])
        let record = NetworkTraining(steps: 3).train(net, on: empty)
        #expect(record.parameters == net.initialParameters(seed: NetworkTraining.defaultSeed))
        #expect(record.finalLoss.isNaN)
        let clamped = NetworkTraining(steps: -4, learningRate: 0.1, batchSize: 0)
        #expect(clamped.steps == 0 && clamped.batchSize == 1)
    }
}
