import LossmapCore

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

    /// Whatever `message` and `note` quote between backticks is cut to a few dozen
    /// characters (`QuotedInput.shorteningQuotes`): the input quoted in an error, wherever the
    /// message was put together, never makes it longer than a line.
    public init(file: SourceFile, offset: Int, message: String, note: String? = nil) {
        self.file = file
        self.offset = offset
        self.message = QuotedInput.shorteningQuotes(in: message)
        self.note = note.map(QuotedInput.shorteningQuotes(in:))
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
    ///
    /// Only the part of the line that is shown is decoded: a line of 128 MB (a data file
    /// without line breaks) costs a pass over its bytes, never a copy of it.
    public static func excerpt(of file: SourceFile, at offset: Int, indent: String) -> String {
        excerpt(ofText: file.bytes, at: offset, indent: indent)
    }

    /// `excerpt(of:at:indent:)` on a file's bytes as read, for a file too large to be worth
    /// indexing its lines (a data file of millions of lines quoted once in an error).
    public static func excerpt(ofText bytes: [UInt8], at offset: Int, indent: String) -> String {
        let spot = max(0, min(offset, bytes.count))
        var lineStart = spot
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = spot
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        // A byte order mark at the start of the file is not shown, as editors do not show it.
        let textStart = lineStart == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, lineEnd) : lineStart
        let line = bytes[textStart..<max(textStart, lineEnd)]
        var caretIndex = QuotedInput.scalarCount(utf8: bytes[textStart..<max(textStart, spot)])
        let count = QuotedInput.scalarCount(utf8: line)
        // A very long line (a minified or hostile file) is cut to a window around the spot.
        var from = 0, to = count
        if count > Self.shownLineLength {
            from = max(0, min(caretIndex - Self.shownLineLength / 2, count - Self.shownLineLength))
            to = min(count, from + Self.shownLineLength)
        }
        // Control characters would garble the terminal, and bidirectional overrides would
        // show the line in another order than it is read: show them as a visible placeholder.
        var shown = Self.scalars(of: line, from: from, to: to).map { QuotedInput.isUnsafeToShow($0) ? "\u{FFFD}" : $0 }
        if to < count { shown.append("…") }
        if from > 0 {
            shown.insert("…", at: 0)
            caretIndex -= from - 1
        }
        var text = indent + String(String.UnicodeScalarView(shown)) + "\n" + indent
        // Reproduce tabs before the caret so it lines up under the spot in any terminal.
        text += shown.prefix(caretIndex).map { $0 == "\t" ? "\t" : " " }.joined() + "^"
        return text
    }

    /// The scalars `from..<to` of UTF-8 `bytes` (each invalid sequence one U+FFFD, as
    /// `String(decoding:as:)` has it), decoding none after them.
    private static func scalars(of bytes: ArraySlice<UInt8>, from: Int, to: Int) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var index = 0
        while index < to {
            let scalar: Unicode.Scalar
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded): scalar = index >= from ? Unicode.UTF8.decode(encoded) : " "
            case .error: scalar = "\u{FFFD}"
            case .emptyInput: return result
            }
            if index >= from { result.append(scalar) }
            index += 1
        }
        return result
    }
}

extension Diagnostic {
    /// C0 controls but tab, DEL, C1 controls, and the bidirectional embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069).
    public static func isUnsafeToShow(_ scalar: Unicode.Scalar) -> Bool {
        QuotedInput.isUnsafeToShow(scalar)
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
