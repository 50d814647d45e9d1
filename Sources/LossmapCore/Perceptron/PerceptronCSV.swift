// Reading a perceptron's data from CSV text: three numbers a line, x1, x2, y.

extension PerceptronData {
    /// Parses CSV text with three comma-separated numbers per line: x1, x2, y.
    ///
    /// - A first line of which no field is a number is a header and is skipped.
    /// - Blank lines and lines starting with `#` (comments, e.g. how the data was made) are skipped.
    /// - Spaces and tabs around a value, a UTF-8 byte order mark and CRLF line ends are accepted.
    ///
    /// Errors: a row with too few or too many values, a value that is not a finite number,
    /// no rows at all; each names its line, and the column and byte offset of the spot.
    public static func parseCSV(_ text: String) throws(DataError) -> PerceptronData {
        let bytes = Array(text.utf8)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 0
        var sawContent = false
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        var positions: [DataError] = []

        while start <= bytes.count {
            line += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            let lineEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
            let fields = Self.fields(bytes, from: start, to: lineEnd)
            if fields.count == 1, fields[0].isEmpty { continue }
            if bytes[fields[0].lowerBound...].first == UInt8(ascii: "#") { continue }

            let column = { (offset: Int) in 1 + String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.count }
            func failure(at offset: Int, _ message: String) -> DataError {
                DataError(line: line, column: column(offset), offset: offset, message: message)
            }

            let numbers = fields.map { Self.number(bytes[$0]) }
            if !sawContent {
                sawContent = true
                // A header: nothing in it reads as a number (`x1, x2, y` or `hours,score,passed`).
                if numbers.allSatisfy({ $0 == nil }) && fields.allSatisfy({ !$0.isEmpty }) { continue }
            }
            guard fields.count == 3 else {
                if fields.count < 3 {
                    throw failure(at: lineEnd, "expected 3 values (x1, x2, y), found \(fields.count)")
                }
                throw failure(at: fields[3].lowerBound, "expected 3 values (x1, x2, y), found \(fields.count)")
            }
            for (k, field) in fields.enumerated() {
                let name = ["x1", "x2", "y"][k]
                if field.isEmpty {
                    throw failure(at: field.lowerBound, "missing value for \(name)")
                }
                guard let value = numbers[k] else {
                    let spelled = String(decoding: bytes[field], as: UTF8.self)
                    throw failure(at: field.lowerBound, "`\(spelled)` is not a number (value for \(name))")
                }
                guard value.isFinite else {
                    let spelled = String(decoding: bytes[field], as: UTF8.self)
                    throw failure(at: field.lowerBound, "`\(spelled)` is not a finite number (value for \(name))")
                }
            }
            x1.append(numbers[0]!)
            x2.append(numbers[1]!)
            y.append(numbers[2]!)
            positions.append(DataError(line: line, column: column(fields[2].lowerBound), offset: fields[2].lowerBound, message: ""))
        }
        guard !y.isEmpty else {
            throw DataError(line: max(1, line), message: "no data rows: expected lines of three numbers x1, x2, y")
        }
        return PerceptronData(x1: x1, x2: x2, y: y, targetPositions: positions)
    }

    /// The comma-separated fields of bytes[from..<to], each trimmed of spaces and tabs; an
    /// empty field is an empty range at the spot where its value should be.
    private static func fields(_ bytes: [UInt8], from: Int, to: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var fieldStart = from
        var i = from
        while true {
            if i == to || bytes[i] == UInt8(ascii: ",") {
                var lo = fieldStart, hi = i
                while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
                while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
                result.append(lo..<hi)
                if i == to { return result }
                fieldStart = i + 1
            }
            i += 1
        }
    }

    /// The number a field spells (possibly ±inf or NaN, which the caller rejects), or nil.
    private static func number(_ field: ArraySlice<UInt8>) -> Double? {
        field.isEmpty ? nil : Double(String(decoding: field, as: UTF8.self))
    }
}
