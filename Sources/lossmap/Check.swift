import ArgumentParser
import Foundation
import LossmapBatch

extension Lossmap {
    /// `lossmap check`: validates configs without rendering, for a pre-commit hook or the
    /// first step of a CI job.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check config files for errors without rendering.",
            discussion: """
            Reads each config FILE (a FOLDER stands for every *.toml beneath it) exactly as \
            `render` would, and prints every problem to standard error as \
            FILE:LINE:COL: error: … with the line and a caret. Nothing is rendered or written. \
            Configs are checked in worker processes, one per core, so one that crashes lossmap \
            is reported and the others are still checked. Data files are read only inside the \
            working directory unless --allow-outside-data is given, as in `render`. \
            Exits 0 when every config is valid, 1 otherwise.
            """
        )

        @OptionGroup var inputs: ConfigInputs
        @OptionGroup var data: DataAccess

        func run() throws {
            let files = try inputs.configFiles()
            let problems = ConfigCheck.problems(in: files, jobs: min(ProcessInfo.processInfo.activeProcessorCount, 256),
                                                allowOutsideData: data.allowOutsideData,
                                                isolation: .workers(executable: workerExecutable), waitForWorkers: false)
            var invalid = 0
            for case let problem? in problems {
                printError(problem)
                invalid += 1
            }
            let configs = "\(files.count) config\(files.count == 1 ? "" : "s")"
            if invalid > 0 {
                printError("\(invalid) of \(configs) \(invalid == 1 ? "has" : "have") errors")
                throw ExitCode(1)
            }
            if !inputs.quiet { print("\(configs) checked: all valid") }
        }
    }
}
