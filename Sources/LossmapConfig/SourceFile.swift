/// The text of one config (or data) file, kept so diagnostics can quote it.
public struct SourceFile: Sendable {
    /// The name printed in diagnostics, as the user gave it (e.g. `config/a.toml`, `<stdin>`).
    public let name: String
    /// The raw bytes, exactly as read.
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// 1-based line and column of a byte offset. Columns count Unicode scalars, so a
    /// non-ASCII character or a tab counts as one column, as editors show "Col" for them.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int, lineStart: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var line = 1
        var lineStart = 0
        var i = 0
        while i < clamped {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        // Count the scalars as `lineText` decodes them, so that the caret lines up even when
        // the line holds invalid UTF-8 (each bad sequence shows as one U+FFFD there).
        let textStart = lineStart == 0 ? byteOrderMarkLength : lineStart
        let column = 1 + (textStart < clamped
            ? String(decoding: bytes[textStart..<clamped], as: UTF8.self).unicodeScalars.count : 0)
        return (line, column, lineStart)
    }

    /// The text of the line that starts at `lineStart`, without its line end (nor, on the
    /// first line, a UTF-8 byte order mark, which editors do not show either).
    public func lineText(startingAt lineStart: Int) -> String {
        var end = lineStart
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
        let start = lineStart == 0 ? min(byteOrderMarkLength, end) : lineStart
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// 3 when the file starts with a UTF-8 byte order mark (EF BB BF), else 0.
    private var byteOrderMarkLength: Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}

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

    /// The full report: headline, the source line, a caret under the spot, and the note.
    public var description: String {
        let (line, column, lineStart) = file.lineAndColumn(of: offset)
        var text = "\(file.name):\(line):\(column): error: \(message)"
        let source = file.lineText(startingAt: lineStart)
        // Control characters would garble the terminal; show them as a visible placeholder.
        let shown = String(String.UnicodeScalarView(source.unicodeScalars.map {
            ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F ? "\u{FFFD}" : $0
        }))
        text += "\n  \(shown)\n  "
        // Reproduce tabs before the caret so it lines up under the spot in any terminal.
        var prefix = ""
        for (index, scalar) in shown.unicodeScalars.enumerated() where index < column - 1 {
            prefix.append(scalar == "\t" ? "\t" : " ")
        }
        text += prefix + "^"
        if let note { text += "\n  note: \(note)" }
        return text
    }
}
