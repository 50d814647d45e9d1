import Foundation
import LossmapContour
import LossmapCore

/// The perceptron grid side by side with numpy: sigmoid/cross-entropy on 1,000 points over a
/// 400 × 400 grid of [−3, 3]², sampled as the scene samples it (`Grid.sampleRows` with
/// `values(alongW1:)`, both cores), against `benchmarks/perceptron_numpy.py` evaluating the
/// same data on the same grid with numpy's vectorised ufuncs. One run of `lossmap bench`
/// reports both medians and their ratio; without python3 or numpy it says so and times lossmap
/// alone.
enum NumpyComparison {
    static let points = 1_000
    static let gridSize = 400
    static let range = -3.0...3.0

    static func run(runs: Int = 5) -> String {
        let runs = max(1, runs)
        let data = SurfaceBenchmark.syntheticData(count: points, classification: true)
        // The data are generated valid, so this cannot throw.
        let surface = try! PerceptronSurface(data: data, activation: .sigmoid, loss: .crossEntropy)
        func sample(_ kernel: VectorKernelChoice) -> Grid {
            var surface = surface
            surface.vectorKernel = kernel
            return Grid.sampleRows(x: range, y: range, nx: gridSize, ny: gridSize) { [surface] xs, w2, out in
                surface.values(alongW1: xs, w2: w2, into: out)
            }
        }
        _ = sample(.automatic)   // warm-up: threads started, data in cache
        var times: [Double] = []
        // The narrower builds of the kernel, for machines without the widest one.
        let narrower = Array(PerceptronSurface.supportedKernels.dropFirst())
        var narrowerTimes = [[Double]](repeating: [], count: narrower.count)
        var checksum = 0.0
        for _ in 0..<runs {
            let start = now()
            let grid = sample(.automatic)
            times.append(now() - start)
            checksum = grid.values.reduce(0, +)
            for (k, kernel) in narrower.enumerated() {
                let start = now()
                _ = sample(kernel)
                narrowerTimes[k].append(now() - start)
            }
        }
        let ours = median(times)
        // The path before rows: `value(at:)` cell by cell, as `Grid.sample` with a closure does.
        var pointTimes: [Double] = []
        for _ in 0..<min(runs, 3) {
            let start = now()
            _ = Grid.sample(x: range, y: range, nx: gridSize, ny: gridSize) { surface.value(at: Weights($0, $1)) }
            pointTimes.append(now() - start)
        }
        let evaluations = Double(points * gridSize * gridSize)
        var lines = ["Perceptron grid against numpy: sigmoid/cross-entropy, \(points) points, \(gridSize) × \(gridSize) grid, median of \(runs) runs",
                     "  lossmap: \(SurfaceBenchmark.format(ours)) (\(PerceptronSurface.widestKernel) kernel, "
                         + "\(String(format: "%.2g", evaluations / ours)) point losses a second, \(ProcessInfo.processInfo.activeProcessorCount) cores)"]
        lines += narrower.indices.map { "  lossmap with the \(narrower[$0].name) kernel: \(SurfaceBenchmark.format(median(narrowerTimes[$0])))" }
        lines.append("  lossmap cell by cell with value(at:), the path before rows: \(SurfaceBenchmark.format(median(pointTimes))) (median of \(pointTimes.count))")
        switch numpy(runs: runs) {
        case .success(let theirs):
            lines.append("  numpy \(theirs.version): \(SurfaceBenchmark.format(theirs.seconds)) (\(String(format: "%.2g", evaluations / theirs.seconds)) point losses a second, 1 core"
                         + (theirs.peakMiB.map { String(format: ", peak memory %.0f MiB", $0) } ?? "") + ")")
            lines.append("  lossmap is \(String(format: "%.2f", theirs.seconds / ours))× numpy's speed ("
                         + narrower.indices.map { "\(narrower[$0].name) kernel \(String(format: "%.2f", theirs.seconds / median(narrowerTimes[$0])))×, " }.joined()
                         + "cell by cell \(String(format: "%.2f", theirs.seconds / median(pointTimes)))×); "
                         + "grid sums differ by \(String(format: "%.1e", abs(checksum - theirs.checksum) / abs(theirs.checksum))) relative")
        case .failure(let problem):
            lines.append("  numpy: not run (\(problem.message))")
        }
        return lines.joined(separator: "\n")
    }

    struct NumpyResult {
        var seconds: Double
        var checksum: Double
        var version: String
        /// The script's peak resident memory, MiB.
        var peakMiB: Double?
    }

    struct Problem: Error {
        var message: String
    }

    /// Runs `benchmarks/perceptron_numpy.py --json` with python3 from the PATH.
    static func numpy(runs: Int) -> Result<NumpyResult, Problem> {
        guard let script = scriptPath() else { return .failure(Problem(message: "benchmarks/perceptron_numpy.py not found")) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--json", "--runs", String(runs), "--points", String(points), "--grid", String(gridSize)]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return .failure(Problem(message: "python3 could not be started: \(error)")) }
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = String(decoding: problem, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            return .failure(Problem(message: said))
        }
        guard let object = try? JSONSerialization.jsonObject(with: text) as? [String: Any],
              let seconds = object["median_seconds"] as? Double, let checksum = object["checksum"] as? Double else {
            return .failure(Problem(message: "unreadable output from perceptron_numpy.py"))
        }
        return .success(NumpyResult(seconds: seconds, checksum: checksum, version: object["numpy"] as? String ?? "?",
                                    peakMiB: object["peak_mib"] as? Double))
    }

    /// The script in the source tree this binary was built from, else under the current folder.
    static func scriptPath() -> String? {
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("benchmarks/perceptron_numpy.py").path
        for path in [fromSource, FileManager.default.currentDirectoryPath + "/benchmarks/perceptron_numpy.py"]
        where FileManager.default.fileExists(atPath: path) {
            return path
        }
        return nil
    }
}
