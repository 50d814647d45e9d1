import ArgumentParser
import Foundation
import LossmapBench
import LossmapCore

extension Lossmap {
    /// `lossmap bench`: where the time of a reference figure goes, measured in-process.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the reference figure phase by phase, and how cost grows with its size.",
            discussion: """
            The reference figure: Rosenbrock at 1600×1000, a 400×400 grid, 20 log levels filled and \
            lined, 4 runs of 500 steps, colorbar and legend. Reports the median of --repeat runs per \
            phase (surface evaluation, contouring, optimisation, drawing, PNG encoding), a bare libpng \
            write of the same pixels for comparison, the PNG's size and the peak memory. \
            For the whole-process comparison with matplotlib see benchmarks/README.md.
            """
        )

        @Option(help: "How many times to render the reference figure (the median is reported).")
        var `repeat` = 7

        @Flag(help: "Also measure how time grows with grid resolution, steps and data size.")
        var scaling = false

        @Flag(help: "Also time PNG encoding with each row filter at zlib levels 1, 3, 6 and 9.")
        var pngOptions = false

        @Flag(help: "Also render a deck of 100 figures with 1 job and with 2, alternating: in worker processes as render does, a process per figure, and in this process; report the times and speed-ups.")
        var deck = false

        @Flag(help: "Also time a 400×400 grid of perceptron surfaces on 1,000 to 1,000,000 points, and of formulas.")
        var surfaces = false

        @Option(help: ArgumentHelp("Folder for the benchmark's scratch files.", valueName: "dir"))
        var scratch = FileManager.default.temporaryDirectory.path

        func validate() throws {
            guard (1...1000).contains(`repeat`) else { throw ValidationError("--repeat must be between 1 and 1000") }
        }

        func run() throws {
            print(try Benchmarks(repeats: `repeat`, scaling: scaling, pngOptions: pngOptions, deck: deck, surfaces: surfaces,
                                 scratch: scratch, executable: workerExecutable).run())
        }
    }
}
