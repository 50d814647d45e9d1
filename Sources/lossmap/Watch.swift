#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import LossmapBatch

extension Lossmap {
    /// `lossmap watch`: renders, then re-renders what changes, until Ctrl-C.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Render figures, then re-render each one whenever its config or data changes.",
            discussion: """
            For a presenter editing a config beside the slide: the figures are rendered as \
            `render` renders them, then lossmap waits. When a config or a file it reads (`data`, \
            `grid`, a run's `path`) changes, the figures that changed are rendered again (the \
            others are up to date and skipped, as in `render`). A FOLDER stands for every *.toml \
            beneath it, checked again after each change, so a new config is picked up. \
            Errors are printed as they happen and the last good figure stays in place (figures \
            are written to a temporary file and renamed). Changes are noticed through the \
            kernel's file notifications (inotify) where there are, by checking every half \
            second otherwise or with --poll. Ctrl-C stops watching.
            """
        )

        @OptionGroup var inputs: ConfigInputs
        @OptionGroup var destination: OutputFolder
        @OptionGroup var data: DataAccess

        @Flag(help: "Check the files every half second instead of using the kernel's notifications (for file systems that send none).")
        var poll = false

        func run() throws {
            // Ctrl-C: say so and leave. Figures are renamed into place whole, so nothing is left half-written.
            signal(SIGINT) { _ in
                let text = "\nstopped watching\n"
                _ = text.withCString { write(2, $0, strlen($0)) }
                _exit(0)
            }
            let folder = URL(fileURLWithPath: destination.output, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                printError("error: cannot create the output folder \(destination.output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            let console = Console(quiet: inputs.quiet, outputFolder: destination.output)
            var files = try inputs.configFiles()
            let watcher = FileWatcher(paths: WatchedFiles.of(configs: files, allowOutsideData: data.allowOutsideData), polling: poll)
            while true {
                render(files, into: folder, console: console)
                print("watching \(watcher.paths.count) file\(watcher.paths.count == 1 ? "" : "s") (\(watcher.mechanism.rawValue)); Ctrl-C stops")
                let changed = watcher.waitForChanges()
                print("changed: " + changed.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))
                // Folders are looked through again: a config may have been added or removed.
                files = (try? ConfigDiscovery.configFiles(in: inputs.paths)) ?? files
                watcher.watch(WatchedFiles.of(configs: files, allowOutsideData: data.allowOutsideData))
            }
        }

        /// One round, as `render` does it: figures drawn in worker processes (so a figure that
        /// crashes lossmap fails alone and the watch goes on), up-to-date ones skipped, the
        /// report written.
        private func render(_ files: [String], into folder: URL, console: Console) {
            var renderer = BatchRenderer(outputFolder: folder, jobs: min(ProcessInfo.processInfo.activeProcessorCount, 256), force: false,
                                         memoryBudget: MachineMemory.available(), allowOutsideData: data.allowOutsideData,
                                         isolation: .workers(executable: workerExecutable))
            renderer.waitsForWorkers = true
            let seen = BatchRenderer.previousReports(in: folder)
            let report = renderer.render(files, only: { _ in true }, finished: { figure, done, total in
                console.finished(figure, done: done, total: total)
            }, frames: { config, made, total in
                console.frameMade(config: config, made: made, of: total)
            }, beforeWorkersExit: { report in
                console.clearProgress()
                do {
                    try ReportMerging.writeKeepingEarlier(report, to: folder, seen: seen)
                } catch {
                    printError("error: cannot write the report into \(destination.output): \(error)")
                }
            })
            console.summary(report)
        }
    }
}
