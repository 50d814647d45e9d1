import ArgumentParser
import Foundation
import LossmapBatch
import LossmapThreads

extension Lossmap {
    /// `lossmap render`: config files (or folders of them) in, figures and a report out.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Render figures from config files.",
            discussion: """
            Each config FILE becomes one figure in the output folder, named by its `output` key \
            (default: the config's name with .png; .svg and .pdf names give vector files). A FOLDER \
            stands for every *.toml beneath it. Figures render in parallel; one bad config never \
            stops the others. Each figure is written to a temporary file and renamed into place, \
            so an interrupted render never leaves half a figure or clobbers the last good one. \
            A figure whose config, data files and lossmap version are unchanged since it was last \
            rendered into the folder is skipped (--force renders it anyway).

            Each figure is drawn in a worker process (up to --jobs at once, reused from figure \
            to figure), so a figure that crashes lossmap fails alone: the others render and the \
            report is written.

            Without --jobs, figures run one per core, and fewer at once when their memory \
            estimates (pixels × scale², grid cells × levels, steps, data) would not fit in the \
            memory available (MemAvailable on Linux, half the physical memory on macOS); a \
            figure larger than that renders alone. The largest figure the limits allow is \
            estimated at 6.9 GB. An explicit --jobs N runs N at once whatever they take.

            Data files (`data = "…"`) are read only at relative paths that stay inside the \
            working directory, symbolic links followed; --allow-outside-data lifts that. \
            Figures are written only inside the output folder: a subfolder there that is a \
            symbolic link to elsewhere is not written through.

            Prints one line per figure and per run (label, outcome, steps, final loss), and writes \
            report.json, report.md and index.html into the output folder; two renders into one \
            folder at once both land in its report. Exits 0 when every figure rendered or was up \
            to date, 1 when any failed.
            """
        )

        @OptionGroup var inputs: ConfigInputs
        @OptionGroup var destination: OutputFolder
        @OptionGroup var data: DataAccess

        @Option(name: .shortAndLong, help: ArgumentHelp("Cores to use: figures rendered at once, and the threads a figure alone may use (default: one figure per core, as many as fit in memory).", valueName: "n"))
        var jobs: Int?

        @Flag(help: "Render even figures that are up to date.")
        var force = false

        @Option(help: ArgumentHelp("Render only the K-th of N deterministic parts of the configs, for CI matrices (e.g. 2/4).", valueName: "K/N"))
        var shard: String?

        func validate() throws {
            if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256, found \(jobs)") }
            if let shard, Shard(shard) == nil {
                throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N ≤ 1000, e.g. 2/4; found \(shard)")
            }
        }

        func run() throws {
            PhaseTrace.mark("render run")
            let files = try inputs.configFiles()
            let output = destination.output
            let part = shard.flatMap(Shard.init)
            let folder = URL(fileURLWithPath: output, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                printError("error: cannot create the output folder \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            let console = Console(quiet: inputs.quiet, outputFolder: output)
            var renderer = BatchRenderer(outputFolder: folder, jobs: jobs ?? min(ProcessInfo.processInfo.activeProcessorCount, 256),
                                         force: force, memoryBudget: jobs == nil ? MachineMemory.available() : nil,
                                         allowOutsideData: data.allowOutsideData, isolation: .workers(executable: workerExecutable))
            // This process exits once the report is written, and its workers with it.
            renderer.waitsForWorkers = false
            // The report as this batch found it: what differs at the end, another batch wrote.
            let seen = BatchRenderer.previousReports(in: folder)
            // The report is written as soon as the last figure is done, while the workers exit.
            var reportError: String?
            let report = renderer.render(files, only: { part?.contains($0) ?? true }, finished: { figure, done, total in
                console.finished(figure, done: done, total: total)
            }, frames: { config, made, total in
                console.frameMade(config: config, made: made, of: total)
            }, beforeWorkersExit: { report in
                PhaseTrace.mark("all done")
                console.clearProgress()
                do {
                    try ReportMerging.writeKeepingEarlier(report, to: folder, seen: seen)
                } catch {
                    reportError = "\(error)"
                }
            })
            PhaseTrace.mark("reports written")
            if let reportError {
                printError("error: cannot write the report into \(output): \(reportError)")
                throw ExitCode(1)
            }
            console.summary(report)
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

/// This lossmap, started again as `lossmap render-worker` for each worker process: the file
/// /proc/self/exe names (Foundation's `Bundle.main` took 3 ms to find it), or the path it was
/// started by.
var workerExecutable: URL {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 { return URL(fileURLWithPath: String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
    return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
