import Foundation
import LossmapBackend

/// Reports that outlive one batch: the folder's report keeps the figures of earlier batches,
/// and the reports of several shards merge into one.
public enum ReportMerging {
    /// A failure reading or writing reports, said in a sentence.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `report` into `folder` together with the figures of earlier batches there that
    /// this one did not touch and whose files are still there, so rendering one config does
    /// not make the others look out of date next time.
    ///
    /// Two batches rendering into one folder at once each read, merge and write the report
    /// holding the folder's report lock, so neither drops the other's figures. `seen` is
    /// the report as this batch found it when it started (`BatchRenderer.previousReports`):
    /// an entry that differs from it was written by another batch meanwhile and is kept
    /// as written, failures included; older entries are kept only while their file is there
    /// (an earlier batch's failure is not kept: its config may be gone or fixed since).
    public static func writeKeepingEarlier(_ report: BatchReport, to folder: URL, seen: [String: FigureReport] = [:]) throws(Failure) {
        try ReportLock.holding(in: folder) { () throws(Failure) in
            let current = BatchRenderer.previousReports(in: folder)
            let rendered = Set(report.figures.map(\.config))
            let kept = current.values.filter { entry in
                if rendered.contains(entry.config) { return false }
                if seen[entry.config] != entry { return true }
                return entry.status != .failed
                    && FileManager.default.fileExists(atPath: folder.appendingPathComponent(entry.output).path)
            }
            do {
                try ReportWriter.write(BatchReport(figures: (kept + report.figures).sorted { $0.config < $1.config }), to: folder)
            } catch let error as OutputError {
                throw Failure(description: error.description)
            } catch {
                throw Failure(description: error.localizedDescription)
            }
        }
    }

    /// Reads every report (a `report.json`, or a folder holding one), merges them
    /// (`BatchReport.merged`) and writes the result into `folder`.
    public static func merge(_ paths: [String], into folder: URL) throws(Failure) -> (merged: BatchReport, read: Int) {
        var loaded: [BatchReport] = []
        for path in paths {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let file = isFolder.boolValue ? (path as NSString).appendingPathComponent("report.json") : path
            guard exists else { throw Failure(description: "\(path): no such file or folder") }
            do {
                loaded.append(try ReportWriter.read(URL(fileURLWithPath: file)))
            } catch {
                throw Failure(description: "\(file): not a lossmap report (\(error.localizedDescription))")
            }
        }
        let merged = BatchReport.merged(loaded)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try ReportWriter.write(merged, to: folder)
        } catch {
            throw Failure(description: "cannot write the merged report into \(folder.path): \(error.localizedDescription)")
        }
        return (merged, loaded.count)
    }
}

/// The lock that serialises updates of an output folder's report: `flock(2)` on
/// `.lossmap-report.lock` in the folder, released when its holder closes it or dies.
enum ReportLock {
    static let name = ".lossmap-report.lock"

    static func holding<T>(in folder: URL, _ body: () throws(ReportMerging.Failure) -> T) throws(ReportMerging.Failure) -> T {
        let path = folder.appendingPathComponent(name).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ReportMerging.Failure(description: "cannot open the report lock \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw ReportMerging.Failure(description: "cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
