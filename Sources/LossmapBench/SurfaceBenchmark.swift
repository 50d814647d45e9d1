import Dispatch
import Foundation
import LossmapContour
import LossmapCore

/// Times the hot loop, evaluating a surface on the whole plotting grid, for the perceptron
/// surfaces at growing data sizes and for a formula surface. Meant for `lossmap bench`, not a test.
enum SurfaceBenchmark {
    /// One timed case.
    public struct Result: Sendable {
        /// What was timed, e.g. "sigmoid/cross-entropy, 100000 points".
        public var name: String
        /// One-off setup: building the surface (for linear/MSE, its sufficient statistics).
        public var setupSeconds: Double
        /// The median time to evaluate the whole grid.
        public var gridSeconds: Double
        /// How many timed runs the median is over.
        public var runs: Int
        /// The fraction of the grid's rows actually timed; below 1 the grid time is extrapolated.
        public var sampledFraction: Double
    }

    /// Runs every case and returns a table, one line per case.
    ///
    /// Each case is first timed on a few cells; when `runs` whole grids would take longer than
    /// `budgetSeconds`, every run times a sample of cells instead (whole rows for the cores to
    /// share, every k-th column) and scales up, marked "extrapolated". So sigmoid/cross-entropy
    /// on a million points (1.6 × 10¹¹ point evaluations per 400 × 400 grid) reports in
    /// seconds rather than hours.
    public static func run(gridSize n: Int = 400, pointCounts: [Int] = [1_000, 100_000, 1_000_000],
                           runs: Int = 5, budgetSeconds: Double = 3) -> String {
        var results: [Result] = []
        for count in pointCounts {
            for (activation, loss) in [(PerceptronActivation.linear, PerceptronLoss.mse), (.sigmoid, .crossEntropy)] {
                let data = syntheticData(count: count, classification: loss == .crossEntropy)
                let start = now()
                // The data are generated valid, so this cannot throw.
                let surface = try! PerceptronSurface(data: data, activation: activation, loss: loss)
                let setup = now() - start
                var result = time(surface, n: n, runs: runs, budget: budgetSeconds)
                result.name = "\(activation.rawValue)/\(loss.rawValue), \(count) points"
                result.setupSeconds = setup
                results.append(result)
            }
        }
        for expression in ["(1 - w1)^2 + 100*(w2 - w1^2)^2", "sin(3*w1)*cos(2*w2) + 0.1*(w1^2 + w2^2) + log(1 + exp(w1 - w2))"] {
            let start = now()
            let surface = try! FormulaSurface(expression: expression)
            let setup = now() - start
            var result = time(surface, n: n, runs: runs, budget: budgetSeconds)
            result.name = "formula \(expression)"
            result.setupSeconds = setup
            results.append(result)
        }
        return table(results, n: n)
    }

    /// Median over `runs` of the (possibly extrapolated) time for the whole grid.
    static func time(_ surface: some LossSurface, n: Int, runs: Int, budget: Double) -> Result {
        let range = -3.0...3.0
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let runs = max(1, runs)
        // Pilot: a sparse row (a warm-up, then a measured one) estimates the cost of one cell.
        let pilotStride = max(1, n / 20)
        _ = surface.evaluateGrid(w1: range, w2: range, n: n, rows: 0..<1, columnStride: pilotStride)
        let pilotStart = now()
        let pilot = surface.evaluateGrid(w1: range, w2: range, n: n, rows: n / 2..<n / 2 + 1, columnStride: pilotStride)
        let perCell = (now() - pilotStart) / Double(pilot.count)
        // Rows run on all cores, so a full grid costs about n²·perCell / cores.
        let estimate = Double(n * n) * perCell / Double(cores)
        var rowsTimed = n, columnStride = 1
        if estimate * Double(runs) > budget {
            // Time a sample that fits the budget: at least one row per core, columns thinned out.
            let cells = max(2 * cores, Int(budget / Double(runs) * Double(cores) / perCell))
            rowsTimed = min(n, max(2 * cores, cells / n))
            columnStride = max(1, rowsTimed * n / cells)
        }
        var times: [Double] = []
        var cellsTimed = 0
        for run in 0..<runs {
            let offset = rowsTimed == n ? 0 : (run * 37) % (n - rowsTimed + 1)
            let start = now()
            let values = surface.evaluateGrid(w1: range, w2: range, n: n, rows: offset..<offset + rowsTimed, columnStride: columnStride)
            let elapsed = now() - start
            cellsTimed = values.count
            times.append(elapsed * Double(n * n) / Double(values.count))
        }
        times.sort()
        return Result(name: "", setupSeconds: 0, gridSeconds: times[times.count / 2], runs: times.count,
                      sampledFraction: Double(cellsTimed) / Double(n * n))
    }

    static func table(_ results: [Result], n: Int) -> String {
        var lines = ["Grid evaluation, \(n) × \(n) = \(n * n) cells, median of runs, \(ProcessInfo.processInfo.activeProcessorCount) cores"]
        for r in results {
            let perCell = r.gridSeconds / Double(n * n) * 1e9
            var line = "  \(r.name): \(format(r.gridSeconds)) per grid (\(String(format: "%.1f", perCell)) ns per cell), "
                + "setup \(format(r.setupSeconds)), \(r.runs) runs"
            if r.sampledFraction < 1 {
                line += ", extrapolated from \(Int((r.sampledFraction * Double(n * n)).rounded())) of \(n * n) cells"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ seconds: Double) -> String {
        seconds >= 1 ? String(format: "%.2f s", seconds)
            : seconds >= 1e-3 ? String(format: "%.2f ms", seconds * 1e3) : String(format: "%.1f µs", seconds * 1e6)
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    /// Reproducible data: y ≈ 3·x1 − 2·x2 + noise for regression, two overlapping clouds
    /// labelled 0 and 1 for classification. SplitMix64 (Steele, Lea & Flood 2014) drives it,
    /// so every run times the same numbers.
    static func syntheticData(count: Int, classification: Bool) -> PerceptronData {
        var generator = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        func uniform() -> Double { generator.uniform() }
        var x1 = [Double](), x2 = [Double](), y = [Double]()
        x1.reserveCapacity(count); x2.reserveCapacity(count); y.reserveCapacity(count)
        for i in 0..<count {
            if classification {
                let label = Double(i % 2)
                x1.append(2 * uniform() - 1 + label)
                x2.append(2 * uniform() - 1 - label)
                y.append(label)
            } else {
                let u = 2 * uniform() - 1, v = 2 * uniform() - 1
                x1.append(u)
                x2.append(v)
                y.append(3 * u - 2 * v + 0.1 * (uniform() - 0.5))
            }
        }
        return PerceptronData(x1: x1, x2: x2, y: y)
    }
}
