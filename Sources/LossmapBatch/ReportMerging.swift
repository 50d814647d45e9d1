import Foundation

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
    public static func writeKeepingEarlier(_ report: BatchReport, to folder: URL) throws {
        let reportURL = folder.appendingPathComponent("report.json")
        var earlier = (try? ReportWriter.read(reportURL))?.figures ?? []
        let rendered = Set(report.figures.map(\.config))
        earlier.removeAll { rendered.contains($0.config) || $0.status == .failed
            || !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.output).path) }
        try ReportWriter.write(BatchReport(figures: (earlier + report.figures).sorted { $0.config < $1.config }), to: folder)
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
