/// One problem in a file, with where it is: printed compiler-style as
/// `FILE:LINE:COL: error: message`, then the source line and a caret under the spot.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public let file: SourceFile
    /// Byte offset of the spot the caret points at.
    public let offset: Int
    /// What is wrong and, where possible, what would be right.
    public let message: String
    /// An optional extra line ("note: …") printed after the caret.
    public let note: String?

    public init(file: SourceFile, offset: Int, message: String, note: String? = nil) {
        self.file = file
        self.offset = offset
        self.message = message
        self.note = note
    }

    public var line: Int { file.lineAndColumn(of: offset).line }
    public var column: Int { file.lineAndColumn(of: offset).column }

    /// `FILE:LINE:COL: error: message` alone, for one-line summaries.
    public var headline: String {
        let (line, column, _) = file.lineAndColumn(of: offset)
        return "\(file.name):\(line):\(column): error: \(message)"
    }

    /// The same problem with one more note line (kept below any note it had).
    public func adding(note extra: String) -> Diagnostic {
        Diagnostic(file: file, offset: offset, message: message, note: note.map { $0 + "\n  note: " + extra } ?? extra)
    }

    /// Lines longer than this many characters are shown as an excerpt around the caret.
    public static let shownLineLength = 160

    /// The full report: headline, the source line, a caret under the spot, and the note.
    public var description: String {
        var text = headline + "\n" + Self.excerpt(of: file, at: offset, indent: "  ")
        if let note { text += "\n  note: \(note)" }
        return text
    }

    /// The line holding `offset` and a caret under the spot, each line starting with `indent`:
    /// the two lines under a headline (also used to quote a data file in a note).
    public static func excerpt(of file: SourceFile, at offset: Int, indent: String) -> String {
        let (_, column, lineStart) = file.lineAndColumn(of: offset)
        // Control characters would garble the terminal, and bidirectional overrides would
        // show the line in another order than it is read: show them as a visible placeholder.
        var shown = file.lineText(startingAt: lineStart).unicodeScalars.map {
            Self.isUnsafeToShow($0) ? "\u{FFFD}" : $0
        }
        var caretIndex = column - 1
        // A very long line (a minified or hostile file) is cut to a window around the spot.
        if shown.count > Self.shownLineLength {
            let from = max(0, min(caretIndex - Self.shownLineLength / 2, shown.count - Self.shownLineLength))
            let to = min(shown.count, from + Self.shownLineLength)
            var window = Array(shown[from..<to])
            if to < shown.count { window.append("…") }
            if from > 0 {
                window.insert("…", at: 0)
                caretIndex -= from - 1
            }
            shown = window
        }
        var text = indent + String(String.UnicodeScalarView(shown)) + "\n" + indent
        // Reproduce tabs before the caret so it lines up under the spot in any terminal.
        text += shown.prefix(caretIndex).map { $0 == "\t" ? "\t" : " " }.joined() + "^"
        return text
    }
}

extension Diagnostic {
    /// C0 controls but tab, DEL, C1 controls, and the bidirectional embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069).
    public static func isUnsafeToShow(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// Every problem found in one file, in the order they occur in it: what loading a config
/// throws, so that one run shows the user all there is to fix.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// Never empty.
    public let diagnostics: [Diagnostic]
    /// The most problems one file reports (the parser stops there too).
    public static let maxShown = 50

    /// `diagnostics` sorted by position (problems at the same spot keep their order), and
    /// cut to the first `DiagnosticList.maxShown`, the last saying how many more there are.
    public init(_ diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty, "a DiagnosticList holds at least one problem")
        var sorted = diagnostics.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map(\.element)
        let limit = Self.maxShown
        if sorted.count > limit {
            let more = sorted.count - limit
            sorted.removeLast(more)
            sorted[limit - 1] = sorted[limit - 1].adding(note: "\(more) more error\(more == 1 ? "" : "s") not shown; fix these and run again")
        }
        self.diagnostics = sorted
    }

    public init(_ diagnostic: Diagnostic) {
        diagnostics = [diagnostic]
    }

    /// The first problem in the file.
    public var first: Diagnostic { diagnostics[0] }

    /// Each problem in full (headline, source line, caret, note), one after the other.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
