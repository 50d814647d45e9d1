import ArgumentParser
import Foundation
import LossmapBatch

extension Lossmap {
    /// `lossmap check`: validates configs without rendering, for a pre-commit hook or the
    /// first step of a CI job.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check config files for errors without rendering.",
            discussion: """
            Reads each config FILE (a FOLDER stands for every *.toml beneath it) exactly as \
            `render` would, and prints every problem to standard error as \
            FILE:LINE:COL: error: … with the line and a caret. Nothing is rendered or written. \
            Exits 0 when every config is valid, 1 otherwise.
            """
        )

        @OptionGroup var inputs: ConfigInputs

        func run() throws {
            let files = try inputs.configFiles()
            var invalid = 0
            for path in files where !Self.check(path) { invalid += 1 }
            let configs = "\(files.count) config\(files.count == 1 ? "" : "s")"
            if invalid > 0 {
                printError("\(invalid) of \(configs) \(invalid == 1 ? "has" : "have") errors")
                throw ExitCode(1)
            }
            if !inputs.quiet { print("\(configs) checked: all valid") }
        }

        /// Reads and decodes one config; prints every problem and returns false if any.
        static func check(_ path: String) -> Bool {
            guard let problems = ConfigCheck.problems(in: path) else { return true }
            printError(problems)
            return false
        }
    }
}
