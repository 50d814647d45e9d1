/// The text of one config (or data) file, kept so diagnostics can quote it.
public struct SourceFile: Sendable {
    /// The name printed in diagnostics, as the user gave it (e.g. `config/a.toml`, `<stdin>`).
    public let name: String
    /// The raw bytes, exactly as read.
    public let bytes: [UInt8]
    /// The offset at which each line starts, so that a position is found by binary search
    /// rather than by counting line feeds from the start of the file for every diagnostic.
    private let lineStarts: [Int]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// 1-based line and column of a byte offset. Columns count Unicode scalars, so a
    /// non-ASCII character or a tab counts as one column, as editors show "Col" for them.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int, lineStart: Int) {
        let clamped = max(0, min(offset, bytes.count))
        // The last line start at or before `clamped`.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        // Count the scalars as `lineText` decodes them, so that the caret lines up even when
        // the line holds invalid UTF-8 (each bad sequence shows as one U+FFFD there).
        let textStart = lineStart == 0 ? byteOrderMarkLength : lineStart
        let column = 1 + (textStart < clamped
            ? String(decoding: bytes[textStart..<clamped], as: UTF8.self).unicodeScalars.count : 0)
        return (low + 1, column, lineStart)
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
