import Foundation
import LossmapBatch
import LossmapCore
import LossmapThreads

/// What `render` prints while a batch runs: a line per figure and per run, a progress bar
/// on a terminal (plain lines when the output is a file or a pipe), only errors with --quiet,
/// a closing summary naming every failure, and in GitHub Actions each error (and note) again
/// as a workflow annotation.
final class Console: @unchecked Sendable {
    let quiet: Bool
    let outputFolder: String
    /// The working directory annotations name files relative to, when annotating.
    let annotatingIn: String?
    /// Standard error is a terminal: draw the progress bar there.
    let interactive = isatty(STDERR_FILENO) != 0
    private var progressShown = false
    /// Lines from different figures never interleave, whoever calls.
    private let lock = NSLock()

    init(quiet: Bool, outputFolder: String, annotatingIn workingDirectory: String? = nil) {
        self.quiet = quiet
        self.outputFolder = outputFolder
        self.annotatingIn = workingDirectory
    }

    /// The workflow annotations for a finished figure: one error per problem of a failed one,
    /// and a notice per note of a rendered one (not with --quiet, which prints errors only).
    func annotations(for figure: FigureReport) -> [WorkflowAnnotation] {
        guard let workingDirectory = annotatingIn else { return [] }
        switch figure.status {
        case .failed:
            return WorkflowAnnotation.errors(in: figure.error ?? "\(figure.config): error: failed", config: figure.config,
                                             workingDirectory: workingDirectory)
        case .rendered where !quiet:
            return (figure.notices ?? []).map { WorkflowAnnotation.notice($0, config: figure.config, workingDirectory: workingDirectory) }
        default:
            return []
        }
    }

    /// Called once per figure, serially, as figures complete.
    func finished(_ figure: FigureReport, done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        clearProgress()
        switch figure.status {
        case .failed:
            printError(figure.error ?? "\(figure.config): error: failed")
        case .skipped where !quiet:
            print("\(figure.config) → \(path(figure.output)) (up to date)")
        case .rendered where !quiet:
            print("\(figure.config) → \(path(figure.output))")
            for run in figure.runs {
                let loss = run.finalLoss.map { NumberFormatting.significant($0, digits: 4) } ?? "not finite"
                print("  \(run.label): \(run.outcome), \(run.steps) step\(run.steps == 1 ? "" : "s"), final loss \(loss)")
            }
            for marker in figure.markers ?? [] {
                let loss = marker.loss.map { NumberFormatting.significant($0, digits: 4) } ?? "not finite"
                print("  marker \(marker.label.isEmpty ? "" : marker.label + " ")at (\(marker.at.map { NumberFormatting.compact($0) }.joined(separator: ", "))): loss \(loss)")
            }
            if let animation = figure.animation {
                print("  \(animation.frames) frame\(animation.frames == 1 ? "" : "s"), \(NumberFormatting.significant(animation.duration, digits: 3)) s a play, \(NumberFormatting.grouped(animation.bytes)) bytes")
            }
            for notice in figure.notices ?? [] { print("  note: \(notice)") }
        default:
            break
        }
        for annotation in annotations(for: figure) { print(annotation.command) }
        fflush(nil)  // all streams: lines reach a pipe as they happen
        if interactive && !quiet && done < total { drawProgress(done, total) }
    }

    func path(_ output: String) -> String {
        (outputFolder as NSString).appendingPathComponent(output)
    }

    /// Figures done and in all, as the bar last showed them.
    private var figuresDone = (done: 0, total: 0)

    /// The animations being made, with their frames so far (made, in all).
    private var animating: [String: (made: Int, total: Int)] = [:]

    /// Called as an animation's frames are made (from any thread): on a terminal the bar
    /// says, for each animation being made, how many of its frames are done.
    func frameMade(config: String, made: Int, of total: Int) {
        guard interactive, !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        if made >= total { animating[config] = nil } else { animating[config] = (made, total) }
        let detail = animating.keys.sorted().map { "\($0): frame \(animating[$0]!.made) of \(animating[$0]!.total)" }
            .joined(separator: ", ")
        drawProgress(figuresDone.done, figuresDone.total, detail: detail)
    }

    private func drawProgress(_ done: Int, _ total: Int, detail: String = "") {
        figuresDone = (done, total)
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let figures = total > 0 ? "\(bar) \(done)/\(total) figures" : ""
        let line = [figures, detail].filter { !$0.isEmpty }.joined(separator: " · ")
        // Erase to the end of the line: the detail before may have been longer.
        FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
        progressShown = true
    }

    func clearProgress() {
        guard progressShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        progressShown = false
    }

    /// The closing lines: counts, and every failure with its first error line.
    func summary(_ report: BatchReport) {
        let counts = Dictionary(grouping: report.figures, by: \.status).mapValues(\.count)
        let failures = report.failures
        if !failures.isEmpty {
            printError("\(failures.count) of \(report.figures.count) figure\(report.figures.count == 1 ? "" : "s") failed:")
            for failure in failures {
                let first = failure.error?.split(separator: "\n").first.map(String.init) ?? "failed"
                // A compiler-style error already starts with the config's path.
                printError(first.hasPrefix(failure.config + ":") ? "  \(first)" : "  \(failure.config): \(first)")
            }
        } else if !quiet {
            print("\(counts[.rendered] ?? 0) rendered, \(counts[.skipped] ?? 0) up to date; report: \(path("report.json"))")
        }
    }
}

/// Prints workflow annotations on standard output when lossmap runs in GitHub Actions
/// (GITHUB_ACTIONS=true), for errors that belong to no figure (a missing config, a report
/// that cannot be written).
func printAnnotations(_ annotations: [WorkflowAnnotation]) {
    guard WorkflowAnnotation.isWanted(githubActions: environmentVariable("GITHUB_ACTIONS")) else { return }
    for annotation in annotations { print(annotation.command) }
    fflush(nil)
}
