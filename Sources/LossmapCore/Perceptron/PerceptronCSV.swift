// Reading a perceptron's data from CSV text: three numbers a line, x1, x2, y.

extension PerceptronData {
    /// The most rows `parseCSV` keeps unless told otherwise: as many as a perceptron is
    /// trained on (the config's limit).
    public static let maxRows = 1_000_000
    /// The longest value, in bytes, read as a number: far above any number's spelling
    /// (`-1.2345678901234567e-308` is 24), so that a hostile field is refused by its length
    /// instead of being copied to be parsed.
    public static let maxValueBytes = 1024

    /// Parses CSV text with three comma-separated numbers per line: x1, x2, y.
    ///
    /// - A first line of which no field is a number is a header and is skipped.
    /// - Blank lines and lines starting with `#` (comments, e.g. how the data was made) are skipped.
    /// - Spaces and tabs around a value, a UTF-8 byte order mark and CRLF line ends are accepted.
    ///
    /// Errors: a row with too few or too many values, a value that is not a finite number (or
    /// is longer than `maxValueBytes`), no rows at all, more than `maxRows` rows; each names
    /// its line, and the column and byte offset of the spot, and quotes at most a few dozen
    /// characters of the value.
    ///
    /// Memory: the rows kept (40 bytes each) and nothing per field or character, however
    /// the text is laid out; reading stops at row `maxRows + 1`.
    public static func parseCSV(_ text: String, maxRows: Int = PerceptronData.maxRows) throws(DataError) -> PerceptronData {
        var text = text
        // Native strings (a file's text) are contiguous already; this copies only a bridged one.
        text.makeContiguousUTF8()
        let result = text.utf8.withContiguousStorageIfAvailable { bytes in
            Result { () throws(DataError) -> PerceptronData in try CSVReader(bytes: bytes, maxRows: maxRows).perceptronData() }
        }
        // makeContiguousUTF8() guarantees the storage.
        return try result!.get()
    }

    /// `parseCSV(_:maxRows:)` on the bytes of a file as read, without making a string of
    /// them first (which would hold the file twice): bytes that are not UTF-8 are an error at
    /// their line and column.
    public static func parseCSV(utf8 bytes: [UInt8], maxRows: Int = PerceptronData.maxRows) throws(DataError) -> PerceptronData {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> PerceptronData in
            let reader = CSVReader(bytes: buffer, maxRows: maxRows)
            try reader.validateUTF8()
            return try reader.perceptronData()
        }
    }
}

/// One pass over a CSV's bytes of numbers, a row a line, keeping only the rows: a perceptron's
/// data (x1, x2, y) and a recorded path (w1, w2 and an optional loss) are both read with it.
struct CSVReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxRows: Int
    /// The values of a row, in order, as messages name them.
    var names = ["x1", "x2", "y"]
    /// How many of `names` a row may stop short at (1: the last is optional); every row of a
    /// file has the same count, the first row's.
    var optionalTrailing = 0
    /// What the rows are, for "no rows" and "too many rows": "data", "path".
    var what = "data"

    init(bytes: UnsafeBufferPointer<UInt8>, maxRows: Int) {
        self.bytes = bytes
        self.maxRows = maxRows
    }

    func perceptronData() throws(DataError) -> PerceptronData {
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        var positions: [TargetPosition] = []
        try read { (values, line, target) in
            x1.append(values[0])
            x2.append(values[1])
            y.append(values[2])
            positions.append(TargetPosition(line: line, column: target.column, offset: target.offset))
        }
        return PerceptronData(x1: x1, x2: x2, y: y, targetPositions: positions)
    }

    /// The first `names.count + 1` fields of a line, trimmed (an empty field is an empty range where its
    /// value should be), and how many fields it has: a line of 100 million commas is counted,
    /// never stored.
    struct Fields {
        var first: [Range<Int>] = []
        var count = 0
    }

    /// Hands every row's values to `row`, with its line and where its last value is (for
    /// errors about it later); at least one row, else an error.
    func read(_ row: (_ values: [Double], _ line: Int, _ last: (column: Int, offset: Int)) -> Void) throws(DataError) {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 0
        var sawContent = false
        var rows = 0
        // The values a row has: the first row's count, which every later row must match.
        var width: Int?
        var values = [Double](repeating: 0, count: names.count)
        var fields = Fields()
        fields.first.reserveCapacity(names.count + 1)

        while start <= bytes.count {
            line += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            let lineEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
            let isFirstContent = !sawContent
            var looksLikeHeader = isFirstContent
            split(from: start, to: lineEnd, into: &fields) { field in
                // A header: no field reads as a number and none is empty (`x1, x2, y`).
                if looksLikeHeader { looksLikeHeader = !field.isEmpty && number(field) == nil }
            }
            if fields.count == 1, fields.first[0].isEmpty { continue }
            if fields.first[0].lowerBound < bytes.count, bytes[fields.first[0].lowerBound] == UInt8(ascii: "#") { continue }
            sawContent = true
            if looksLikeHeader { continue }

            func failure(at offset: Int, _ message: String) -> DataError {
                DataError(line: line, column: column(of: offset, lineStart: start), offset: offset, message: message)
            }
            let widths = (names.count - optionalTrailing)...names.count
            let expected = width ?? (widths.contains(fields.count) ? fields.count : names.count)
            guard fields.count == expected else {
                let spot = fields.count < expected ? lineEnd : fields.first[expected].lowerBound
                let listed = names.prefix(expected).joined(separator: ", ")
                let earlier = width == nil || optionalTrailing == 0 ? "" : " as the first row has"
                throw failure(at: spot, "expected \(expected) values (\(listed))\(earlier), found \(NumberFormatting.grouped(fields.count))")
            }
            width = expected
            for k in 0..<expected {
                let field = fields.first[k], name = names[k]
                if field.isEmpty {
                    throw failure(at: field.lowerBound, "missing value for \(name)")
                }
                if field.count > PerceptronData.maxValueBytes {
                    throw failure(at: field.lowerBound, "`\(QuotedInput.shown(utf8: bytes[field]))` is not a number (value for \(name)): "
                                  + "it is \(NumberFormatting.grouped(field.count)) bytes long; a value may be at most \(NumberFormatting.grouped(PerceptronData.maxValueBytes))")
                }
                guard let value = number(field) else {
                    throw failure(at: field.lowerBound, "`\(QuotedInput.shown(utf8: bytes[field]))` is not a number (value for \(name))")
                }
                guard value.isFinite else {
                    throw failure(at: field.lowerBound, "`\(QuotedInput.shown(utf8: bytes[field]))` is not a finite number (value for \(name))")
                }
                values[k] = value
            }
            guard rows < maxRows else {
                let taker = what == "data" ? "a perceptron takes" : "a \(what) has"
                throw failure(at: start, "more than \(NumberFormatting.grouped(maxRows)) rows of \(what): \(taker) at most \(NumberFormatting.grouped(maxRows))")
            }
            rows += 1
            let last = fields.first[expected - 1].lowerBound
            row(Array(values.prefix(expected)), line, (column(of: last, lineStart: start), last))
        }
        guard rows > 0 else {
            let listed = names.count == 3 && optionalTrailing == 0 ? "three numbers " + names.joined(separator: ", ")
                : "numbers " + names.prefix(names.count - optionalTrailing).joined(separator: ", ") + " and optionally " + names.suffix(optionalTrailing).joined(separator: ", ")
            throw DataError(line: max(1, line), message: "no \(what) rows: expected lines of \(listed)")
        }
    }

    /// Throws at the first byte that does not belong to UTF-8 text.
    func validateUTF8() throws(DataError) {
        try UTF8Validation.check(bytes, what: what == "data" ? "the data" : "the \(what)")
    }

    /// Splits bytes[from..<to] at commas into `fields`, each trimmed of spaces and tabs,
    /// handing every field to `each` as it is found.
    private func split(from: Int, to: Int, into fields: inout Fields, _ each: (Range<Int>) -> Void) {
        fields.first.removeAll(keepingCapacity: true)
        fields.count = 0
        var fieldStart = from
        var i = from
        while true {
            if i == to || bytes[i] == UInt8(ascii: ",") {
                var lo = fieldStart, hi = i
                while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
                while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
                if fields.count <= names.count { fields.first.append(lo..<hi) }
                fields.count += 1
                each(lo..<hi)
                if i == to { return }
                fieldStart = i + 1
            }
            i += 1
        }
    }

    /// The number a field spells (possibly ±inf or NaN, which the caller rejects), or nil;
    /// nil too for a field longer than `maxValueBytes`, which is never copied.
    private func number(_ field: Range<Int>) -> Double? {
        guard !field.isEmpty, field.count <= PerceptronData.maxValueBytes else { return nil }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self))
    }

    /// The 1-based column of `offset` in the line starting at `lineStart`, counting Unicode
    /// scalars as editors do (the text is valid UTF-8: each scalar has one leading byte).
    private func column(of offset: Int, lineStart: Int) -> Int {
        var count = 1
        for i in lineStart..<offset where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
