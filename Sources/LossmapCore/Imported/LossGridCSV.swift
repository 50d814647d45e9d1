// Reading a loss grid from CSV text, in either layout people export one in:
//
//   long form, one sample a line (a melted data frame):   matrix form, w1 across and w2 down
//                                                         (a pivot table, a spreadsheet):
//     w1,w2,loss                                            w2\w1, -1, 0, 1, 2
//     -1,-1,2.5                                             -1,    2.5, 1.5, 2.5, 5.5
//     0,-1,1.5                                              0,     1, 0, 1, 4
//     …                                                     …
//
// The text follows the perceptron data's conventions (PerceptronCSV.swift): UTF-8, an optional
// byte order mark, LF or CRLF line ends, blank lines and `#` comment lines skipped, spaces and
// tabs around a cell ignored, and every error at its line, column and byte offset.

extension LossGrid {
    /// Reads a loss grid from CSV text: rows of exactly three cells are the long form
    /// `w1,w2,loss` (a first line of column names may put them in another order), which must
    /// hold every pair of its w1 and w2 values once; rows of any other width are the matrix
    /// form, a first row of a corner cell and the w1 coordinates, then each row a w2 coordinate
    /// and one loss per w1. A loss may be NaN (unknown); coordinates are finite numbers, and a
    /// decreasing axis is flipped, as `LossGrid.init` does.
    public static func parseCSV(utf8 bytes: [UInt8]) throws(DataError) -> LossGrid {
        var reader = GridCSVReader(bytes: bytes)
        try reader.validateUTF8()
        guard let first = reader.nextRow() else {
            throw DataError(line: max(1, reader.line), message: "no rows: expected a loss grid, as lines of w1,w2,loss or as a matrix with w1 across and w2 down")
        }
        return first.cells.count == 3 ? try reader.readLongForm(first: first) : try reader.readMatrix(first: first)
    }
}

/// One pass over the text, row by row.
private struct GridCSVReader {
    let bytes: [UInt8]
    var next: Int
    /// The 1-based number of the line last read.
    var line = 0

    /// A line with content: where it starts, where it ends (before any CR), its trimmed cells.
    struct Row {
        var line: Int
        var start: Int
        var end: Int
        var cells: [Range<Int>]
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        next = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next line that is neither blank nor a `#` comment, split at commas.
    mutating func nextRow() -> Row? {
        while next <= bytes.count {
            line += 1
            let start = next
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            next = end + 1
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            var cells: [Range<Int>] = []
            var cellStart = start
            for i in start...end where i == end || bytes[i] == UInt8(ascii: ",") {
                var lo = cellStart, hi = i
                while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
                while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
                cells.append(lo..<hi)
                cellStart = i + 1
            }
            if cells.count == 1, cells[0].isEmpty { continue }
            if !cells[0].isEmpty, bytes[cells[0].lowerBound] == UInt8(ascii: "#") { continue }
            return Row(line: line, start: start, end: end, cells: cells)
        }
        return nil
    }

    // MARK: The matrix form

    mutating func readMatrix(first header: Row) throws(DataError) -> LossGrid {
        let width = header.cells.count
        var w1: [Double] = [], w2: [Double] = [], values: [Double] = []
        for cell in header.cells.dropFirst() { w1.append(try coordinate(cell, in: header, axis: "w1")) }
        try checkOrder(w1, axis: "w1", at: header.cells.dropFirst().map { (header, $0) })
        var w2Cells: [(Row, Range<Int>)] = []
        while let row = nextRow() {
            guard row.cells.count == width else {
                let spot = row.cells.count < width ? row.end : row.cells[width].lowerBound
                throw failure(row, at: spot, "this row has \(NumberFormatting.grouped(row.cells.count)) cell\(row.cells.count == 1 ? "" : "s"); the first row (line \(header.line)) has \(NumberFormatting.grouped(width)): a corner cell and \(NumberFormatting.grouped(width - 1)) w1 coordinate\(width == 2 ? "" : "s")")
            }
            w2.append(try coordinate(row.cells[0], in: row, axis: "w2"))
            w2Cells.append((row, row.cells[0]))
            for cell in row.cells.dropFirst() { values.append(try loss(cell, in: row)) }
        }
        try checkOrder(w2, axis: "w2", at: w2Cells)
        do {
            return try LossGrid(w1: w1, w2: w2, values: values)
        } catch {
            throw DataError(line: header.line, message: error.message)
        }
    }

    /// Points at the first coordinate that breaks the axis's strict order, which `LossGrid.init`
    /// could only name by its number after flipping the axis.
    private func checkOrder(_ axis: [Double], axis name: String, at cells: [(Row, Range<Int>)]) throws(DataError) {
        guard axis.count >= 2 else { return }
        let increasing = axis[1] > axis[0]
        for k in 1..<axis.count where increasing ? !(axis[k] > axis[k - 1]) : !(axis[k] < axis[k - 1]) {
            let (row, cell) = cells[k]
            let how = axis[k] == axis[k - 1] ? "repeats the one before it" : "breaks their \(increasing ? "increasing" : "decreasing") order, after \(NumberFormatting.compact(axis[k - 1]))"
            throw failure(row, at: cell.lowerBound, "\(name) coordinate `\(QuotedInput.shown(utf8: bytes[cell]))` \(how); the \(name) coordinates must increase or decrease strictly")
        }
    }

    // MARK: The long form

    private static let columnNames = ["w1", "w2", "loss"]

    mutating func readLongForm(first: Row) throws(DataError) -> LossGrid {
        // Which cell holds w1, w2 and the loss: as the header names them, or in that order.
        var order = [0, 1, 2]
        var firstData: Row? = first
        if first.cells.allSatisfy({ !$0.isEmpty && number($0) == nil }) {
            order = try columnOrder(header: first)
            firstData = nextRow()
        }
        var w1: [Double] = [], w2: [Double] = [], losses: [Double] = []
        var rows: [(line: Int, start: Int)] = []
        while let row = firstData {
            guard row.cells.count == 3 else {
                let spot = row.cells.count < 3 ? row.end : row.cells[3].lowerBound
                throw failure(row, at: spot, "this row has \(NumberFormatting.grouped(row.cells.count)) cell\(row.cells.count == 1 ? "" : "s"); the first row (line \(first.line)) has 3: w1, w2 and loss")
            }
            w1.append(try coordinate(row.cells[order[0]], in: row, axis: "w1"))
            w2.append(try coordinate(row.cells[order[1]], in: row, axis: "w2"))
            losses.append(try loss(row.cells[order[2]], in: row))
            rows.append((row.line, row.start))
            firstData = nextRow()
        }
        guard !rows.isEmpty else {
            throw DataError(line: max(1, line), message: "no data rows: expected lines of three numbers w1, w2, loss")
        }

        let w1Axis = Array(Set(w1)).sorted(), w2Axis = Array(Set(w2)).sorted()
        let w1Index = Dictionary(uniqueKeysWithValues: w1Axis.enumerated().map { ($1, $0) })
        let w2Index = Dictionary(uniqueKeysWithValues: w2Axis.enumerated().map { ($1, $0) })
        struct Pair: Hashable { var j: Int, i: Int }
        var rowOf: [Pair: Int] = [:]
        rowOf.reserveCapacity(rows.count)
        for k in rows.indices {
            let pair = Pair(j: w1Index[w1[k]]!, i: w2Index[w2[k]]!)
            if let earlier = rowOf.updateValue(k, forKey: pair) {
                throw DataError(line: rows[k].line, column: 1, offset: rows[k].start,
                                message: "the pair w1 = \(NumberFormatting.compact(w1[k])), w2 = \(NumberFormatting.compact(w2[k])) appears twice, on line \(rows[earlier].line) and on line \(rows[k].line)")
            }
        }
        // With no pair twice, the grid is whole when it has as many rows as pairs. Else the
        // first w1 short of rows lacks a w2: the error points at its row nearest the gap.
        if rows.count != w1Axis.count * w2Axis.count {
            var perW1 = [Int](repeating: 0, count: w1Axis.count)
            for pair in rowOf.keys { perW1[pair.j] += 1 }
            let j = perW1.firstIndex { $0 < w2Axis.count }!
            var present = [Bool](repeating: false, count: w2Axis.count)
            for pair in rowOf.keys where pair.j == j { present[pair.i] = true }
            let i = present.firstIndex(of: false)!
            let neighbour = (0..<w2Axis.count).filter { present[$0] }.min { abs($0 - i) < abs($1 - i) }!
            let near = rows[rowOf[Pair(j: j, i: neighbour)]!]
            throw DataError(line: near.line, message: "no row for w1 = \(NumberFormatting.compact(w1Axis[j])), w2 = \(NumberFormatting.compact(w2Axis[i])): the long form needs every pair of its \(NumberFormatting.grouped(w1Axis.count)) w1 values and \(NumberFormatting.grouped(w2Axis.count)) w2 values (\(NumberFormatting.grouped(w1Axis.count * w2Axis.count)) rows); it has \(NumberFormatting.grouped(rows.count))")
        }
        var values = [Double](repeating: .nan, count: rows.count)
        for (pair, k) in rowOf { values[pair.i * w1Axis.count + pair.j] = losses[k] }
        do {
            return try LossGrid(w1: w1Axis, w2: w2Axis, values: values)
        } catch {
            throw DataError(line: rows[0].line, message: error.message)
        }
    }

    /// The cell of each column, w1, w2 and loss, from a header naming them in any order.
    private func columnOrder(header: Row) throws(DataError) -> [Int] {
        var order = [Int](repeating: -1, count: 3)
        for (k, cell) in header.cells.enumerated() {
            let name = String(decoding: bytes[cell], as: UTF8.self)
            guard let column = Self.columnNames.firstIndex(where: { $0.caseInsensitiveEquals(name) }) else {
                let guess = Self.columnNames.min { EditDistance.between($0, name.lowercased()) < EditDistance.between($1, name.lowercased()) }!
                let hint = EditDistance.between(guess, name.lowercased()) <= 2 ? "; did you mean `\(guess)`?" : ""
                throw failure(header, at: cell.lowerBound, "unknown column `\(QuotedInput.shown(name))`: the long form's columns are w1, w2 and loss\(hint)")
            }
            guard order[column] < 0 else {
                throw failure(header, at: cell.lowerBound, "the column \(Self.columnNames[column]) is named twice")
            }
            order[column] = k
        }
        return order
    }

    // MARK: Cells

    private func coordinate(_ cell: Range<Int>, in row: Row, axis: String) throws(DataError) -> Double {
        guard !cell.isEmpty else { throw failure(row, at: cell.lowerBound, "missing \(axis) coordinate") }
        guard let value = number(cell) else {
            throw failure(row, at: cell.lowerBound, "`\(QuotedInput.shown(utf8: bytes[cell]))` is not a number (\(axis) coordinate)")
        }
        guard value.isFinite else {
            throw failure(row, at: cell.lowerBound, "`\(QuotedInput.shown(utf8: bytes[cell]))` is not a finite number (\(axis) coordinate); coordinates must be finite")
        }
        return value
    }

    private func loss(_ cell: Range<Int>, in row: Row) throws(DataError) -> Double {
        guard !cell.isEmpty else { throw failure(row, at: cell.lowerBound, "missing loss; write NaN for an unknown loss") }
        guard let value = number(cell) else {
            throw failure(row, at: cell.lowerBound, "`\(QuotedInput.shown(utf8: bytes[cell]))` is not a number (loss); write NaN for an unknown loss")
        }
        guard !value.isInfinite else {
            throw failure(row, at: cell.lowerBound, "`\(QuotedInput.shown(utf8: bytes[cell]))` is infinite (loss); write NaN for an unknown loss")
        }
        return value
    }

    /// The number a cell spells (±inf and NaN included), as the perceptron reader reads one;
    /// nil for a cell longer than `PerceptronData.maxValueBytes`, which is never copied.
    private func number(_ cell: Range<Int>) -> Double? {
        guard !cell.isEmpty, cell.count <= PerceptronData.maxValueBytes else { return nil }
        return Double(String(decoding: bytes[cell], as: UTF8.self))
    }

    private func failure(_ row: Row, at offset: Int, _ message: String) -> DataError {
        DataError(line: row.line, column: QuotedInput.scalarCount(utf8: bytes[row.start..<offset]) + 1, offset: offset, message: message)
    }

    /// Throws at the first byte that does not belong to UTF-8 text.
    func validateUTF8() throws(DataError) {
        try UTF8Validation.check(bytes, what: "the grid")
    }
}

private extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
