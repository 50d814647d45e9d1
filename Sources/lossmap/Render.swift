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

            --junit FILE also writes a JUnit XML report there, for CI services that show test \
            results: one test case per config (classname lossmap.render, its path as the name, \
            the seconds it took), failed with its errors, skipped when up to date. It is written \
            whenever the configs were found, even when figures fail.

            When GITHUB_ACTIONS=true (as in every GitHub Actions step), each error is also \
            printed on standard output as a workflow command, ::error file=…,line=…,col=…,\
            title=lossmap::message, so that it shows on its line in the pull request; an error \
            with no line (a failed write, a crash) as ::error title=lossmap::message, and each \
            note as ::notice.
            """
        )

        @OptionGroup var inputs: ConfigInputs
        @OptionGroup var destination: OutputFolder
        @OptionGroup var data: DataAccess
        @OptionGroup var reports: JUnitOutput

        /// `--junit`, read only when the command line names it (see `CommandLineOption`).
        var junitFile: String? { CommandLineOption.given("--junit") ? reports.junit : nil }

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
            let started = ContinuousClock.now
            let files = try inputs.configFiles()
            let output = destination.output
            let part = shard.flatMap(Shard.init)
            let folder = URL(fileURLWithPath: output, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                printError("error: cannot create the output folder \(output): \(error.localizedDescription)")
                printAnnotations([WorkflowAnnotation(.error, message: "cannot create the output folder \(output): \(error.localizedDescription)")])
                throw ExitCode(1)
            }
            let workingDirectory = FileManager.default.currentDirectoryPath
            let annotate = WorkflowAnnotation.isWanted(githubActions: environmentVariable("GITHUB_ACTIONS"))
            let console = Console(quiet: inputs.quiet, outputFolder: output, annotatingIn: annotate ? workingDirectory : nil)
            let junit = junitFile
            let times = FigureTimes()
            let record: @Sendable (String, Double) -> Void = { config, seconds in times.set(config, seconds) }
            let timing = junit == nil ? nil : record
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
            }, seconds: timing, beforeWorkersExit: { report in
                PhaseTrace.mark("all done")
                console.clearProgress()
                do {
                    try ReportMerging.writeKeepingEarlier(report, to: folder, seen: seen)
                } catch {
                    reportError = "\(error)"
                }
            })
            PhaseTrace.mark("reports written")
            let junitFailed = JUnitOutput.write(junit, JUnitReport(rendered: report, seconds: times.all,
                                                                   total: (ContinuousClock.now - started).inSeconds,
                                                                   workingDirectory: workingDirectory))
            if let reportError {
                printError("error: cannot write the report into \(output): \(reportError)")
                printAnnotations([WorkflowAnnotation(.error, message: "cannot write the report into \(output): \(reportError)")])
                throw ExitCode(1)
            }
            console.summary(report)
            if !report.failures.isEmpty || junitFailed { throw ExitCode(1) }
        }
    }
}

/// Each figure's seconds, by config, as the batch reports them (from any thread).
final class FigureTimes: @unchecked Sendable {
    private var seconds: [String: Double] = [:]
    private let lock = NSLock()

    func set(_ config: String, _ value: Double) {
        lock.lock()
        seconds[config] = value
        lock.unlock()
    }

    var all: [String: Double] {
        lock.lock()
        defer { lock.unlock() }
        return seconds
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
