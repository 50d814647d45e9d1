import Foundation
import LossmapContour
import LossmapCore
import LossmapThreads

/// `lossmap bench --network`: a neural network's loss map from nothing, on one core. Generating
/// 1,000 moons points (noise 0.1), training a 2–16–16–1 tanh network with the default
/// training, and sampling its loss on a 101 × 101 grid of a filter-normalised random plane
/// (α, β ∈ [−1, 1], Li et al.'s range) as the scene samples a grid (`Grid.sampleRows`). The
/// target is 1 s for all three. Then the grid again with each build of the vector kernel this
/// CPU runs, and the PCA plane of the training path, for comparison.
public struct NetworkBenchmark {
    /// Timed runs; the median of each part is reported.
    public var repeats: Int

    public init(repeats: Int = 7) {
        self.repeats = max(1, repeats)
    }

    static let points = 1_000
    static let gridSize = 101
    static let layers = [2, 16, 16, 1]

    public func run() -> String {
        let savedThreads = Parallelism.threads
        Parallelism.threads = 1
        defer { Parallelism.threads = savedThreads }
        // The layers are valid by construction.
        let network = try! MultilayerPerceptron(layers: Self.layers, activation: .tanh)
        let training = NetworkTraining()
        // Wall and CPU seconds of each part: on a busy machine the wall time includes waiting
        // for the core, the CPU time does not.
        var generating: [(Double, Double)] = [], trainingTimes: [(Double, Double)] = []
        var sampling: [(Double, Double)] = [], totals: [(Double, Double)] = []
        var record: TrainingRecord?
        var data = PerceptronData(x1: [], x2: [], y: [])
        var grid: Grid?
        for _ in 0..<repeats {
            let start = (now(), cpuSeconds())
            data = ToyDataset.moons.generate(count: Self.points, noise: 0.1, seed: 1)
            let generated = (now(), cpuSeconds())
            let trained = training.train(network, on: data)
            let trainedAt = (now(), cpuSeconds())
            let plane = SlicePlane.random(for: network, center: trained.parameters, seed: 2)
            grid = Self.sample(NetworkSliceSurface(network: network, data: data, plane: plane))
            let end = (now(), cpuSeconds())
            generating.append((generated.0 - start.0, generated.1 - start.1))
            trainingTimes.append((trainedAt.0 - generated.0, trainedAt.1 - generated.1))
            sampling.append((end.0 - trainedAt.0, end.1 - trainedAt.1))
            totals.append((end.0 - start.0, end.1 - start.1))
            record = trained
        }
        guard let record, let grid else { return "" }
        var lines = ["neural network loss map, 1 thread, median of \(repeats) runs, milliseconds (wall, CPU):",
                     Self.row("\(Self.points) moons points (noise 0.1)", generating),
                     Self.row("training 2-16-16-1 tanh (\(training.steps) steps, batch \(training.batchSize), η \(training.learningRate))",
                              trainingTimes),
                     Self.row("\(Self.gridSize)×\(Self.gridSize) grid, random filter-normalised plane (\(PerceptronSurface.widestKernel))",
                              sampling),
                     Self.row("total", totals)]
        lines.append(String(format: "  accuracy %.1f%%, loss at θ* %.4g, grid loss %.4g to %.4g",
                            record.accuracy * 100, record.finalLoss, grid.finiteRange?.lowerBound ?? .nan,
                            grid.finiteRange?.upperBound ?? .nan))
        // The grid with each build of the kernel, and the scalar point-by-point loss on a sample.
        let plane = SlicePlane.random(for: network, center: record.parameters, seed: 2)
        for kernel in PerceptronSurface.supportedKernels {
            var surface = NetworkSliceSurface(network: network, data: data, plane: plane)
            surface.vectorKernel = kernel
            lines.append(Self.row("  grid, \(kernel.name) kernel", Self.time(repeats) { _ = Self.sample(surface) }))
        }
        let surface = NetworkSliceSurface(network: network, data: data, plane: plane)
        let scalarRow = Self.time(1) {
            for i in 0..<Self.gridSize { _ = surface.value(at: Weights(-1 + 2 * Double(i) / Double(Self.gridSize - 1), 0.5)) }
        }
        lines.append(Self.row("  grid, scalar value(at:) (one row, times \(Self.gridSize))",
                              scalarRow.map { ($0.0 * Double(Self.gridSize), $0.1 * Double(Self.gridSize)) }))
        lines.append(Self.row("  PCA plane of the \(record.snapshots.count) snapshots", Self.time(repeats) {
            _ = SlicePlane.pca(of: record.snapshots, center: record.parameters)
        }))
        lines.append(String(format: "peak memory: %.1f MiB", peakMemoryMiB()))
        return lines.joined(separator: "\n")
    }

    static func sample(_ surface: NetworkSliceSurface) -> Grid {
        Grid.sampleRows(x: -1...1, y: -1...1, nx: gridSize, ny: gridSize) { xs, y, out in
            surface.values(alongW1: xs, w2: y, into: out)
        }
    }

    /// `runs` timings of `work`, wall and CPU seconds.
    static func time(_ runs: Int, _ work: () -> Void) -> [(Double, Double)] {
        (0..<runs).map { _ in
            let wall = now(), cpu = cpuSeconds()
            work()
            return (now() - wall, cpuSeconds() - cpu)
        }
    }

    /// A line of the table: the medians of the wall and CPU times, in milliseconds.
    static func row(_ name: String, _ times: [(Double, Double)]) -> String {
        "  " + name.padding(toLength: 66, withPad: " ", startingAt: 0)
            + String(format: "%9.1f %9.1f", median(times.map(\.0)) * 1000, median(times.map(\.1)) * 1000)
    }
}
