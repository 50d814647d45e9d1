import Foundation
import LossmapCore
import Testing

/// Minibatches: every point once an epoch, the same order for the same seed, each batch's
/// gradient the mean of its points' gradients, and a batch of all points the full gradient.
@Suite("Minibatches")
struct MinibatchTests {
    /// Four points (x1, x2, y) for a linear perceptron with MSE.
    static let lesson = try! PerceptronSurface(data: PerceptronData(points: [[1, 1, 50], [1, 3, 110], [2, 2, 100], [2, 4, 200]]))

    @Test("each epoch uses every point exactly once, in batches of the size asked (the last takes the rest)")
    func epochs() {
        var source = Minibatch(batchSize: 3, shuffle: true, seed: 5).makeSource(count: 7)
        for _ in 0..<4 {
            let batches = (0..<3).map { _ in Array(source.next()) }
            #expect(batches.map(\.count) == [3, 3, 1])
            #expect(batches.flatMap { $0 }.sorted() == Array(0..<7))
        }
        #expect(Minibatch(batchSize: 3).batchesPerEpoch(count: 7) == 3)
    }

    @Test("without shuffle the points come in file order; with it the order is the seed's, and differs between epochs")
    func order() {
        var ordered = Minibatch(batchSize: 2, shuffle: false).makeSource(count: 5)
        #expect((0..<3).flatMap { _ in Array(ordered.next()) } == [0, 1, 2, 3, 4])
        func firstEpochs(_ seed: UInt64) -> [Int] {
            var source = Minibatch(batchSize: 5, shuffle: true, seed: seed).makeSource(count: 5)
            return (0..<4).flatMap { _ in Array(source.next()) }
        }
        #expect(firstEpochs(1) == firstEpochs(1))
        #expect(firstEpochs(1) != firstEpochs(2))
        let epochs = firstEpochs(1)
        #expect(Array(epochs[0..<5]) != Array(epochs[5..<10]) || Array(epochs[5..<10]) != Array(epochs[10..<15]),
                "three epochs in the same order")
    }

    @Test("a batch's gradient is the mean of its points' gradients; all points give the full gradient")
    func batchGradient() {
        let surface = Self.lesson
        let w = Weights(40, 10)
        // Point i alone: ∇ = 2(w·xᵢ − yᵢ)·xᵢ.
        let xs = [Weights(1, 1), Weights(1, 3), Weights(2, 2), Weights(2, 4)], ys = [50.0, 110, 100, 200]
        func alone(_ i: Int) -> Weights { 2 * ((w * xs[i]).sum() - ys[i]) * xs[i] }
        #expect(surface.gradient(at: w, overPoints: [1][...]) == alone(1))
        let pair = surface.gradient(at: w, overPoints: [0, 3][...])
        #expect((pair - (alone(0) + alone(3)) / 2).length < 1e-12)
        let all = surface.gradient(at: w, overPoints: [0, 1, 2, 3][...])
        #expect((all - surface.gradient(at: w)).length < 1e-9)
        // By hand at (40, 10): predictions 50, 70, 100, 120, errors 0, −40, 0, −80, so
        // ∇ = ½·(−40·(1, 3) − 80·(2, 4)) = (−100, −220) and the loss (1600 + 6400)/4 = 2000.
        #expect((surface.gradient(at: w) - Weights(-100, -220)).length < 1e-9)
        #expect(abs(surface.value(at: w) - 2000) < 1e-9)
    }

    @Test("a minibatch run with one batch of every point walks exactly as full gradient descent")
    func fullBatchRun() {
        let full = Descent(learningRate: 0.01, start: Weights(40, 10), stopping: Stopping(maxSteps: 20)).run(on: Self.lesson)
        let batched = Descent(learningRate: 0.01, start: Weights(40, 10), stopping: Stopping(maxSteps: 20),
                              minibatch: Minibatch(batchSize: 4, shuffle: false)).run(on: Self.lesson)
        #expect(zip(full.points, batched.points).allSatisfy { ($0 - $1).length < 1e-9 })
        let single = Descent(learningRate: 0.01, start: Weights(40, 10), stopping: Stopping(maxSteps: 20),
                             minibatch: Minibatch(batchSize: 1, shuffle: true, seed: 3)).run(on: Self.lesson)
        #expect(single.points != full.points)
        // Its first step follows one point's gradient.
        let step = (single.points[0] - single.points[1]) / 0.01
        let xs = [Weights(1, 1), Weights(1, 3), Weights(2, 2), Weights(2, 4)], ys = [50.0, 110, 100, 200]
        #expect((0..<4).contains { i in (step - 2 * ((Weights(40, 10) * xs[i]).sum() - ys[i]) * xs[i]).length < 1e-9 })
    }

    @Test("minibatches on a surface without points are ignored: the full gradient")
    func noPoints() {
        let surface = Quadratic(curvatures: (1, 10))
        let plain = Descent(learningRate: 0.05, start: Weights(1, 1), stopping: Stopping(maxSteps: 5)).run(on: surface)
        let batched = Descent(learningRate: 0.05, start: Weights(1, 1), stopping: Stopping(maxSteps: 5),
                              minibatch: Minibatch(batchSize: 1)).run(on: surface)
        #expect(plain.points == batched.points)
    }
}
