import ArgumentParser
import Foundation
import LossmapBatch

extension Lossmap {
    /// `lossmap report`: work with batch reports.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with batch reports (report.json).",
            subcommands: [Merge.self]
        )

        /// `lossmap report merge`: several shards' reports as one.
        struct Merge: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Merge the report.json files of several shards into one report.",
                discussion: "Writes report.json, report.md and index.html into --output. Exits 1 if any merged figure failed."
            )

            @Argument(help: ArgumentHelp("report.json files (or output folders holding one).", valueName: "report"))
            var reports: [String]

            @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the merged report.", valueName: "dir"))
            var output: String = "output"

            func validate() throws {
                if reports.isEmpty { throw ValidationError("give at least one report.json") }
            }

            func run() throws {
                var loaded: [BatchReport] = []
                for path in reports {
                    var isFolder: ObjCBool = false
                    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                    let file = isFolder.boolValue ? (path as NSString).appendingPathComponent("report.json") : path
                    guard exists else {
                        printError("error: \(path): no such file or folder")
                        throw ExitCode(1)
                    }
                    do {
                        loaded.append(try ReportWriter.read(URL(fileURLWithPath: file)))
                    } catch {
                        printError("error: \(file): not a lossmap report (\(error.localizedDescription))")
                        throw ExitCode(1)
                    }
                }
                let merged = BatchReport.merged(loaded)
                let folder = URL(fileURLWithPath: output, isDirectory: true)
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try ReportWriter.write(merged, to: folder)
                } catch {
                    printError("error: cannot write the merged report into \(output): \(error.localizedDescription)")
                    throw ExitCode(1)
                }
                print("merged \(loaded.count) reports: \(merged.figures.count) figures, \(merged.failures.count) failed → \((output as NSString).appendingPathComponent("report.json"))")
                if !merged.failures.isEmpty { throw ExitCode(1) }
            }
        }
    }
}
