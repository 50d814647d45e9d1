import Foundation
import LossmapBackend
import LossmapCore

/// Writes a batch's report into the output folder: `report.json` for machines, `report.md`
/// for people, and `index.html`, a gallery of thumbnails that is also a slide deck (see
/// `DeckPage`). Each file
/// is written to a temporary name and renamed into place.
public enum ReportWriter {
    /// The three files are written at once. report.json, which the next batch reads to find
    /// what is up to date, is synced to the disk before its rename (`AtomicFile`); report.md
    /// and index.html are views of it that every batch writes anew, and are not: the disk
    /// takes a flush at a time, and the three flushes were 1 ms of every `render`. All three
    /// are still whole or old after a crash of lossmap. Should any fail, the first failure in
    /// the order above is thrown; the others are still written.
    public static func write(_ report: BatchReport, to folder: URL) throws {
        let files: [(name: String, data: Data, flushed: Bool)] = [("report.json", try json(report), true),
                                                                  ("report.md", Data(markdown(report).utf8), false),
                                                                  ("index.html", Data(html(report, in: folder).utf8), false)]
        let failures = Slots<Error>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            do {
                try AtomicFile.write(files[i].data, to: folder.appendingPathComponent(files[i].name), flushed: files[i].flushed)
            } catch {
                failures.set(i, error)
            }
        }
        if let failure = failures.all().compactMap({ $0 }).first { throw failure }
    }

    /// Reads a `report.json` back (for merging shards and for the up-to-date check).
    public static func read(_ url: URL) throws -> BatchReport {
        try JSONDecoder().decode(BatchReport.self, from: Data(contentsOf: url))
    }

    public static func json(_ report: BatchReport) throws -> Data {
        let encoder = JSONEncoder()
        // Sorted keys and fixed formatting: the same batch always gives the same bytes.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Non-finite numbers are written as null where the schema allows it (losses, η_crit);
        // this is the safety net for any other, so one odd value never costs the whole report.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(report) + Data("\n".utf8)
    }

    public static func markdown(_ report: BatchReport) -> String {
        let counts = Dictionary(grouping: report.figures, by: \.status).mapValues(\.count)
        var lines = ["# lossmap report", "",
                     "\(report.figures.count) figures: \(counts[.rendered] ?? 0) rendered, \(counts[.skipped] ?? 0) up to date, \(counts[.failed] ?? 0) failed (lossmap \(report.version)).", ""]
        for figure in report.figures {
            lines.append("## \(figure.title.map { $0.isEmpty ? figure.config : $0 } ?? figure.config)")
            lines.append("")
            lines.append("- config: `\(figure.config)`")
            if !figure.output.isEmpty { lines.append("- output: `\(figure.output)`") }
            lines.append("- status: \(figure.status.rawValue)")
            if let rate = figure.criticalLearningRate { lines.append("- critical learning rate (gd): \(format(rate))") }
            if let animation = figure.animation {
                lines.append("- animation: \(animation.frames) frames, \(format(animation.duration)) s a play, \(animation.bytes) bytes")
            }
            if let error = figure.error {
                lines.append("")
                lines.append("```")
                lines.append(error)
                lines.append("```")
            }
            if !figure.runs.isEmpty {
                lines.append("")
                lines.append("| run | method | η | start | initial loss | final loss | steps | outcome | final point |")
                lines.append("|---|---|---|---|---|---|---|---|---|")
                for run in figure.runs {
                    let cells = [run.label.replacingOccurrences(of: "|", with: "\\|"), run.method, format(run.learningRate),
                                 point(run.start), run.initialLoss.map(format) ?? "—", run.finalLoss.map(format) ?? "—",
                                 "\(run.steps)", run.outcome + (run.outcomeStep.map { " (step \($0))" } ?? ""), point(run.finalPoint)]
                    lines.append("| " + cells.joined(separator: " | ") + " |")
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The page alone, its configs linked by the paths the report gives (for tests and the
    /// warm-up); `write` links them from the output folder and copies their text in.
    public static func html(_ report: BatchReport) -> String {
        DeckPage.html(report, configs: [])
    }

    /// The page for `folder`: see `DeckPage`.
    public static func html(_ report: BatchReport, in folder: URL) -> String {
        DeckPage.html(report, configs: DeckPage.configSources(of: report, outputFolder: folder))
    }

    static func format(_ x: Double) -> String {
        NumberFormatting.significant(x, digits: 4)
    }

    static func point(_ p: [Double]) -> String {
        "(" + p.map(format).joined(separator: ", ") + ")"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
