import Foundation
import LossmapBatch

/// Whole processes of this lossmap, as a user or a CI job runs them: `list` (start-up and
/// nothing else), `check` and `render` of the reference figure, from process start to the PNG
/// on disk. `benchmarks/compare.py` times the same `render` against matplotlib.
struct ProcessBenchmark {
    let executable: URL
    let repeats: Int
    let folder: URL

    /// The reference figure as a config, the same as `benchmarks/reference.toml`.
    static let referenceConfig = """
        title = "Gradient descent on Rosenbrock"
        output = "reference.png"
        size = [1600, 1000]

        [surface]
        function = "rosenbrock"
        w1 = [-2.0, 2.0]
        w2 = [-1.0, 3.0]
        resolution = 400
        levels = 20
        level_scale = "log"

        [optimizer]
        start = [-1.5, 2.0]
        steps = 500
        learning_rates = [0.0001, 0.0005, 0.001, 0.0015]

        """

    func run() throws -> String {
        let config = folder.appendingPathComponent("reference.toml")
        try Self.referenceConfig.write(to: config, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("process-output").path
        let commands: [(name: String, arguments: [String])] = [
            ("lossmap list (start-up)", ["list"]),
            ("lossmap check reference.toml", ["check", config.path, "--quiet"]),
            ("lossmap render reference.toml", ["render", config.path, "--output", output, "--quiet", "--force"]),
        ]
        var times = [[Double]](repeating: [], count: commands.count)
        // Alternating, so that a slow spell of the machine touches every command alike.
        for _ in 0..<max(repeats, 11) {
            for (i, command) in commands.enumerated() {
                times[i].append(try wallTime(command.arguments))
            }
        }
        var text = "whole processes, median of \(max(repeats, 11)) alternating runs, milliseconds:\n"
        for (command, samples) in zip(commands, times) {
            text += "  " + command.name.padding(toLength: 32, withPad: " ", startingAt: 0)
                + String(format: "%7.2f", median(samples) * 1000) + "\n"
        }
        return text
    }

    /// Wall time of one run, from the spawn to its exit; its output is read and dropped.
    func wallTime(_ arguments: [String]) throws -> Double {
        let start = now()
        let child = try ChildProcess(executable: executable.path, arguments: arguments,
                                     environment: ProcessInfo.processInfo.environment)
        child.closeInput()
        var chunk = [UInt8](repeating: 0, count: 4096)
        for fd in [child.output, child.errors] {
            while chunk.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
        }
        let ending = child.wait()
        guard ending == .exited(0) else {
            throw BenchmarkError("lossmap \(arguments.joined(separator: " ")) ended with \(ending)")
        }
        return now() - start
    }
}
