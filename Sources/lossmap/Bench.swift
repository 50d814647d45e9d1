import ArgumentParser
import Foundation
import LossmapBench
import LossmapCore

extension Lossmap {
    /// `lossmap bench`: where the time of a reference figure goes, measured in-process.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Time the reference figure phase by phase, and how cost grows with its size.",
            discussion: """
            The reference figure: Rosenbrock at 1600×1000, a 400×400 grid, 20 log levels filled and \
            lined, 4 runs of 500 steps, colorbar and legend. Reports the median of --repeat runs per \
            phase (surface evaluation, choosing levels, optimisation, drawing, PNG encoding; and \
            tracing the isolines, which only SVG and PDF do), a bare libpng write of the same pixels \
            for comparison, the PNG's size and the peak memory, then whole processes: `list`, \
            `check` and `render` of the reference figure. For the side-by-side comparison with \
            matplotlib run benchmarks/compare.py after `make release` (see the README's Speed section). \
            LOSSMAP_TRACE=FILE makes every lossmap process of a run append when it passes each phase \
            to FILE, on one clock.
            """
        )

        @Option(help: "How many times to render the reference figure (the median is reported).")
        var `repeat` = 7

        @Flag(help: "Also measure how time grows with grid resolution, steps and data size.")
        var scaling = false

        @Flag(help: "Also time PNG encoding at zlib levels 1, 3 and 6 by zlib strategy, in one piece and in parallel.")
        var pngOptions = false

        @Flag(help: "Also render a deck of 100 figures with 1 job and with 2, alternating: in worker processes as render does, a process per figure, and in this process; report the times and speed-ups.")
        var deck = false

        @Flag(help: "Also time the reference figure as a 60-frame 800×500 GIF: the background once, each later frame's drawing and encoding, against a still figure of the same size.")
        var animation = false

        @Flag(help: "Also time the 3-D surface view (80×80 mesh) and the map side by side against the map alone, at 1600×1000.")
        var surfaceView = false

        @Flag(help: "Also time a 400×400 grid of perceptron surfaces on 1,000 to 1,000,000 points, and of formulas.")
        var surfaces = false

        @Flag(help: "Also time a 400×400 grid of sigmoid/cross-entropy on 1,000 points against numpy (benchmarks/perceptron_numpy.py, needs python3 and numpy), side by side; --surfaces does too.")
        var numpy = false

        @Flag(help: "Also time a neural network's loss map on one thread: 1,000 moons points, training a 2-16-16-1 tanh network, a 101×101 slice.")
        var network = false

        @Flag(help: "Also time drawing a zig-zag descent path of 10⁴, 10⁵ and 10⁶ steps (Adam, η = 0.7, on |w1| + |w2|).")
        var longPaths = false

        @Option(help: ArgumentHelp("With --long-paths: the step counts to time instead, comma-separated.", valueName: "n,n,…"))
        var longPathSteps: String?

        @Option(help: ArgumentHelp("With --long-paths: write the longest path's figure to this PNG file.", valueName: "file"))
        var longPathFigure: String?

        @Option(help: ArgumentHelp("Folder for the benchmark's scratch files.", valueName: "dir"))
        var scratch = FileManager.default.temporaryDirectory.path

        func validate() throws {
            guard (1...1000).contains(`repeat`) else { throw ValidationError("--repeat must be between 1 and 1000") }
            guard longPathStepCounts != nil else {
                throw ValidationError("--long-path-steps takes step counts from 1 to 1000000, comma-separated, e.g. 10000,20000")
            }
        }

        /// The step counts of --long-path-steps, or the default ones; nil when they do not parse.
        var longPathStepCounts: [Int]? {
            guard let longPathSteps else { return Benchmarks.longPathDefaultSteps }
            let counts = longPathSteps.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !counts.isEmpty, counts.allSatisfy({ $0.map { (1...1_000_000).contains($0) } ?? false }) else { return nil }
            return counts.map { $0! }
        }

        func run() throws {
            var benchmarks = Benchmarks(repeats: `repeat`, scaling: scaling, pngOptions: pngOptions, deck: deck, surfaces: surfaces,
                                        longPathSteps: longPaths || longPathSteps != nil ? longPathStepCounts ?? [] : [],
                                        longPathFigure: longPathFigure, scratch: scratch, executable: workerExecutable)
            benchmarks.animation = animation
            benchmarks.surfaceView = surfaceView
            benchmarks.numpy = numpy
            // First, so that its peak memory is its own rather than the reference figure's.
            if network { print(NetworkBenchmark(repeats: `repeat`).run() + "\n") }
            print(try benchmarks.run())
        }
    }
}
