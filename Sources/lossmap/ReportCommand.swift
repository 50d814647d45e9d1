import ArgumentParser
import Foundation
import LossmapBatch

extension Lossmap {
    /// `lossmap report`: work with batch reports.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Work with batch reports (report.json).",
            subcommands: [Merge.self]
        )

        /// `lossmap report merge`: several shards' reports as one.
        struct Merge: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "merge",
                abstract: "Merge the report.json files of several shards into one report.",
                discussion: "Writes report.json, report.md and index.html into --output. Exits 1 if any merged figure failed."
            )

            @Argument(help: ArgumentHelp("report.json files (or output folders holding one).", valueName: "report"))
            var reports: [String]

            @OptionGroup var destination: OutputFolder

            func validate() throws {
                if reports.isEmpty { throw ValidationError("give at least one report.json") }
            }

            func run() throws {
                let output = destination.output
                do {
                    let (merged, read) = try ReportMerging.merge(reports, into: URL(fileURLWithPath: output, isDirectory: true))
                    print("merged \(read) reports: \(merged.figures.count) figures, \(merged.failures.count) failed → \((output as NSString).appendingPathComponent("report.json"))")
                    if !merged.failures.isEmpty { throw ExitCode(1) }
                } catch let failure as ReportMerging.Failure {
                    printError("error: \(failure.description)")
                    throw ExitCode(1)
                }
            }
        }
    }
}
