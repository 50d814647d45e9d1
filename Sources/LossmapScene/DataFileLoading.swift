import LossmapCore
import LossmapSpec

/// Reading the files a config names (a perceptron's `data`, a [surface]'s `grid`, a run's
/// `path`): confined to the working directory unless allowed, bounded in size, and every
/// problem reported at the config's value that names the file.
enum DataFileLoading {
    /// The file's bytes, or why it cannot be used: refused by where it is (before it is
    /// opened, so a refused file is never read nor quoted), missing, unreadable, too large.
    /// `key` is the config key that names it, for messages ("data", "grid", "path").
    static func bytes(of file: DataFileReference, key: String) throws(DiagnosticList) -> [UInt8] {
        let shown = ConfigLimits.shown(file.written)
        let path: String
        do {
            path = try file.permittedPath()
        } catch {
            switch error {
            case .absolute:
                throw DiagnosticList(file.site.error("the data file `\(shown)` is an absolute path; data is read only from paths relative to the config's folder that stay inside the working directory",
                                                     note: "give --allow-outside-data to read data from anywhere"))
            case .outside(_, let root):
                throw DiagnosticList(file.site.error("the data file `\(shown)` is outside the working directory (\(ConfigLimits.shown(root))); data is read only inside it, symbolic links followed",
                                                     note: "give --allow-outside-data to read data from anywhere"))
            }
        }
        do {
            // The bytes alone: no line index (8 bytes a line) for a file of up to a million rows.
            return try SourceFile.readBytes(path: path, maxBytes: ConfigLimits.maxDataFileBytes, role: .data)
        } catch {
            throw DiagnosticList(file.site.error("cannot use the data file `\(shown)`: \(error.message)",
                                                 note: "`\(key)` is read relative to the config's folder: \(file.shownPath)"))
        }
    }

    /// A problem inside a data file, reported at the config's value naming it, with a note
    /// `FILE:LINE:COL:` and the file's line with a caret under the spot.
    static func problem(_ error: DataError, in file: DataFileReference, bytes: [UInt8]?) -> Diagnostic {
        let written = ConfigLimits.shown(file.shownPath)
        var note = "\(written):\(error.line)" + (error.column.map { ":\($0)" } ?? "")
        let bytes = bytes ?? (try? SourceFile.readBytes(path: file.readPath, maxBytes: ConfigLimits.maxDataFileBytes, role: .data))
        if let offset = error.offset, let bytes {
            note += ":\n" + Diagnostic.excerpt(ofText: bytes, at: offset, indent: "    ")
        }
        let line = error.column == nil ? "" : ", line \(error.line)"
        return file.site.error("bad data in `\(ConfigLimits.shown(file.written))`\(line): \(error.message)", note: note)
    }

    /// A problem with a whole file that has no line to point at (a binary file's format),
    /// reported at the config's value naming it.
    static func problem(_ message: String, in file: DataFileReference) -> Diagnostic {
        file.site.error("cannot use `\(ConfigLimits.shown(file.written))`: \(message)", note: "read from \(ConfigLimits.shown(file.shownPath))")
    }
}
