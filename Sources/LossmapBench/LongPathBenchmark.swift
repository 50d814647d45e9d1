import Foundation
import LossmapBackend
import LossmapBatch
import LossmapCore
import LossmapScene
import LossmapSpec

/// How drawing time grows with a path's steps, on the worst path issue 13 found: Adam with
/// η = 0.7 on |w1| + |w2|, which zig-zags across the minimum forever, so thinning by distance
/// keeps nearly every step and every segment crosses many others. Drawing must grow linearly.
struct LongPathBenchmark {
    /// Step counts to time, smallest first.
    var steps: [Int] = LongPathBenchmark.defaultSteps
    /// Timed renders per step count (the median is reported).
    var repeats = 3
    /// Where to leave the largest figure, to look at; nil for nowhere.
    var keepFigureAt: URL?

    static let defaultSteps = [10_000, 100_000, 1_000_000]

    /// The zig-zag figure at `steps` steps, built in code (1600×1000, a 100×100 grid: the map is
    /// cheap, so the time is the path's).
    static func spec(steps: Int) -> FigureSpec {
        // The formula is valid, so this cannot throw.
        let surface = try! FormulaSurface(expression: "abs(w1) + abs(w2)", minima: [Weights(0, 0)])
        let surfaceSpec = SurfaceSpec(surface: surface, name: "abs(w1) + abs(w2)", w1: -3...3, w2: -3...3, resolution: 100)
        let run = RunSpec(method: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: .absolute(0.7),
                          start: Weights(-2.5, 2.0), stopping: Stopping(maxSteps: steps, gradientTolerance: 0))
        return FigureSpec(title: "Adam, η = 0.7, on |w1| + |w2|: \(steps) zig-zag steps", surface: surfaceSpec, runs: [run])
    }

    func run() throws -> String {
        var lines = ["long zig-zag paths (Adam, η = 0.7, on |w1| + |w2|; 1600×1000), median of \(repeats), milliseconds:",
                     "  " + "steps".padding(toLength: 10, withPad: " ", startingAt: 0) + "   descent    drawing  drawing/step (µs)"]
        var previous: (steps: Int, drawing: Double)?
        for count in steps {
            var descents: [Double] = [], drawings: [Double] = []
            var last: (width: Int, height: Int, rgb: [UInt8])?
            for _ in 0..<max(1, repeats) {
                var timings = ComputeTimings()
                let scene = try Scene(Self.spec(steps: count), timings: &timings)
                descents.append(timings.optimisation)
                let t = now()
                last = try FigureFile.rasterize(scene)
                drawings.append(now() - t)
            }
            let descent = median(descents), drawing = median(drawings)
            var line = "  " + String(count).padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: "%10.1f %10.1f %10.3f", descent * 1000, drawing * 1000, drawing / Double(count) * 1e6)
            if let previous {
                line += String(format: "  (drawing ×%.1f for ×%.0f steps)", drawing / previous.drawing, Double(count) / Double(previous.steps))
            }
            lines.append(line)
            previous = (count, drawing)
            if count == steps.last, let keepFigureAt, let image = last {
                try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: keepFigureAt)
                lines.append("  the \(count)-step figure: \(keepFigureAt.path)")
            }
        }
        lines.append(String(format: "peak memory: %.1f MiB", peakMemoryMiB()))
        return lines.joined(separator: "\n")
    }
}
