import ArgumentParser
import Foundation
import LossmapBatch
import LossmapThreads

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

            --format json prints, instead of the text, one JSON document on standard output: \
            {"version": 1, "configs": [{"config": PATH, "valid": true|false, "errors": [{"file", \
            "line", "column", "message", "note"}]}]}, paths relative to the working directory, \
            line, column and note null where an error has none; the exit status is the same.

            --junit FILE also writes a JUnit XML report there (one test case per config, \
            classname lossmap.check, failed with its errors), for CI services that show test \
            results; it is written even when configs are invalid.

            When GITHUB_ACTIONS=true (as in every GitHub Actions step), each error is also \
            printed on standard output as a workflow command, ::error file=…,line=…,col=…,\
            title=lossmap::message, so that it shows on its line in the pull request (not with \
            --format json, whose standard output is the document alone).
            """
        )

        @OptionGroup var inputs: ConfigInputs
        @OptionGroup var data: DataAccess
        @OptionGroup var reports: JUnitOutput

        @Option(help: ArgumentHelp("How to print the results: text (problems on standard error, compiler-style) or json (one document on standard output).", valueName: "format"))
        var format: CheckFormat = .text

        /// `--format`, read only when the command line names it (see `CommandLineOption`).
        var chosenFormat: CheckFormat { CommandLineOption.given("--format") ? format : .text }

        func run() throws {
            let files = try inputs.configFiles()
            let started = ContinuousClock.now
            let checked = ConfigCheck.check(files, jobs: min(ProcessInfo.processInfo.activeProcessorCount, 256),
                                            allowOutsideData: data.allowOutsideData,
                                            isolation: .workers(executable: workerExecutable), waitForWorkers: false)
            let workingDirectory = FileManager.default.currentDirectoryPath
            let junitFailed = JUnitOutput.write(junitFile, JUnitReport(checked: checked, total: (ContinuousClock.now - started).inSeconds,
                                                                   workingDirectory: workingDirectory))
            let shown = try Self.output(checked, format: chosenFormat, quiet: inputs.quiet,
                                        annotate: WorkflowAnnotation.isWanted(githubActions: environmentVariable("GITHUB_ACTIONS")),
                                        workingDirectory: workingDirectory)
            if !shown.err.isEmpty { FileHandle.standardError.write(Data(shown.err.utf8)) }
            if !shown.out.isEmpty { FileHandle.standardOutput.write(Data(shown.out.utf8)) }
            if !shown.valid || junitFailed { throw ExitCode(1) }
        }

        /// `--junit`, read only when the command line names it (see `CommandLineOption`).
        var junitFile: String? { CommandLineOption.given("--junit") ? reports.junit : nil }

        /// What `check` prints, on standard output and standard error, for configs checked,
        /// and whether all were valid. In text, each config's problems compiler-style on
        /// standard error and a closing count, and with `annotate` each problem again as a
        /// GitHub workflow command on standard output; in JSON, the document alone.
        static func output(_ checked: [CheckedConfig], format: CheckFormat, quiet: Bool, annotate: Bool,
                           workingDirectory: String) throws -> (out: String, err: String, valid: Bool) {
            let invalid = checked.filter { $0.problems != nil }.count
            if format == .json {
                return (String(decoding: try ConfigCheck.json(checked, workingDirectory: workingDirectory), as: UTF8.self), "", invalid == 0)
            }
            var out = "", err = ""
            for config in checked {
                guard let problems = config.problems else { continue }
                err += problems + "\n"
                if annotate {
                    for annotation in WorkflowAnnotation.errors(in: problems, config: config.config, workingDirectory: workingDirectory) {
                        out += annotation.command + "\n"
                    }
                }
            }
            let configs = "\(checked.count) config\(checked.count == 1 ? "" : "s")"
            if invalid > 0 {
                err += "\(invalid) of \(configs) \(invalid == 1 ? "has" : "have") errors\n"
            } else if !quiet {
                out += "\(configs) checked: all valid\n"
            }
            return (out, err, invalid == 0)
        }
    }
}

/// How `check` prints its results.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Problems compiler-style on standard error, for people.
    case text
    /// One JSON document on standard output, for programs.
    case json
}
