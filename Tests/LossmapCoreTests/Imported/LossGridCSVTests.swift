// The CSV loss-grid reader on small literal texts: both layouts, headers in any order, NaN,
// decreasing axes, and each error with its line and column.
//
// Mutations tried, each failing a test here: the long form's header order ignored, the row and
// column of a long-form value swapped (i·n + j as j·n + i), the decreasing-axis check turned
// into an increasing-only one, columns counted in bytes instead of Unicode scalars, the ragged
// row's spot taken at the row's start, the missing pair reported at the first data line instead
// of its neighbour's.

import Foundation
@testable import LossmapCore
import Testing

/// The long form of loss = 10·w2 + w1 on w1 ∈ {0, 1, 2, 3}, w2 ∈ {-1, 0, 1, 2}, w1-major: with the
/// header on line 1, the pair (w1[j], w2[i]) is on line 2 + 4j + i.
private func longForm(header: String? = "w1,w2,loss", skipping skipped: (Int, Int)? = nil, extra: [String] = []) -> String {
    var lines = header.map { [$0] } ?? []
    for w1 in 0...3 {
        for w2 in -1...2 where !(skipped.map { $0 == (w1, w2) } ?? false) { lines.append("\(w1),\(w2),\(10 * w2 + w1)") }
    }
    return (lines + extra).joined(separator: "\n") + "\n"
}

private func read(_ text: String) throws(DataError) -> LossGrid {
    try LossGrid.parseCSV(utf8: Array(text.utf8))
}

private func refusal(_ bytes: [UInt8]) -> DataError? {
    do {
        _ = try LossGrid.parseCSV(utf8: bytes)
        return nil
    } catch {
        return error
    }
}

private func refusal(_ text: String) -> DataError? { refusal(Array(text.utf8)) }

/// The matrix form of loss = w2·10 + w1 + 0.5 on w1, w2 ∈ {0, 1, 2, 3}, with line `replaced` replaced.
private func matrix(replacing replaced: Int? = nil, with line: String = "") -> String {
    var lines = ["w2\\w1,0,1,2,3"] + (0...3).map { i in "\(i)," + (0...3).map { j in "\(Double(10 * i + j) + 0.5)" }.joined(separator: ",") }
    if let replaced { lines[replaced - 1] = line }
    return lines.joined(separator: "\n")
}

@Suite struct LossGridCSVTests {
    @Test("the long form gives w1 along columns and w2 along rows, whatever the order of its lines")
    func longFormAnyOrder() throws {
        let lines = longForm().split(separator: "\n")
        let grid = try read(([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n"))
        #expect(grid.w1 == [0, 1, 2, 3])
        #expect(grid.w2 == [-1, 0, 1, 2])
        for i in 0..<4 { for j in 0..<4 { #expect(grid.value(row: i, column: j) == 10 * grid.w2[i] + grid.w1[j]) } }
    }

    @Test("the long form's header may name its columns in any order, in any case, or be left out")
    func longFormHeaders() throws {
        let expected = try read(longForm())
        #expect(try read(longForm(header: nil)) == expected)
        // The same rows with their cells in the order loss, w2, w1.
        let reordered = longForm(header: nil).split(separator: "\n").map { line in
            line.split(separator: ",").reversed().joined(separator: ", ")
        }
        #expect(try read((["Loss , W2, w1"] + reordered).joined(separator: "\r\n")) == expected)
    }

    @Test("a NaN loss stays unknown; coordinates and losses may be spelled any way Swift reads a number")
    func nanLoss() throws {
        let text = longForm().replacingOccurrences(of: "2,1,12\n", with: "2,1.0e0,NaN\n").replacingOccurrences(of: "3,2,23", with: "3, 2 ,\t2.3e1")
        let grid = try read(text)
        #expect(grid.value(row: 2, column: 2).isNaN)
        #expect(grid.values.filter(\.isNaN).count == 1)
        #expect(grid.value(row: 3, column: 3) == 23)
    }

    @Test("the matrix form reads w1 across and w2 down, with a byte order mark, CRLF, comments and blank lines")
    func matrixForm() throws {
        let text = "\u{FEFF}# loss = 10·w2 + w1 + 0.5\r\n" + matrix().replacingOccurrences(of: "\n", with: "\r\n\r\n") + "\r\n"
        let grid = try read(text)
        #expect(grid.w1 == [0, 1, 2, 3] && grid.w2 == [0, 1, 2, 3])
        #expect(grid.values == NumpyFixtures.grid(rows: 4, columns: 4))
        // An empty corner reads the same.
        #expect(try read(matrix(replacing: 1, with: ",0,1,2,3")) == grid)
    }

    @Test("decreasing axes are flipped with their rows and columns")
    func decreasingAxes() throws {
        let text = """
            w2\\w1, 30, 20, 10, 0, -10
            1, 1.30, 1.20, 1.10, 1.00, 0.90
            0, 0.30, 0.20, 0.10, 0.00, -0.10
            -1, -0.70, -0.80, -0.90, -1.00, -1.10
            -2, -1.70, -1.80, -1.90, -2.00, nan
            """
        let grid = try read(text)
        #expect(grid.w1 == [-10, 0, 10, 20, 30] && grid.w2 == [-2, -1, 0, 1])
        for i in 0..<4 { for j in 0..<5 where !(i == 0 && j == 0) {
            #expect(abs(grid.value(row: i, column: j) - (grid.w2[i] + grid.w1[j] / 100)) < 1e-12)
        } }
        #expect(grid.value(row: 0, column: 0).isNaN)
    }

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var line: Int
        var column: Int?
        var message: String
        var description: String { message }
    }

    static let cases: [Case] = [
        // The matrix form.
        Case(text: matrix(replacing: 3, with: "1,10.5,11.5,12.5"), line: 3, column: 17,
             message: "this row has 4 cells; the first row (line 1) has 5: a corner cell and 4 w1 coordinates"),
        Case(text: matrix(replacing: 3, with: "1,10.5,11.5,12.5,13.5, 9"), line: 3, column: 24,
             message: "this row has 6 cells; the first row (line 1) has 5: a corner cell and 4 w1 coordinates"),
        Case(text: matrix(replacing: 4, with: "2,20.5, abc,22.5,23.5"), line: 4, column: 9,
             message: "`abc` is not a number (loss); write NaN for an unknown loss"),
        Case(text: matrix(replacing: 4, with: "2,20.5,,22.5,23.5"), line: 4, column: 8,
             message: "missing loss; write NaN for an unknown loss"),
        Case(text: matrix(replacing: 4, with: "2,20.5,-inf,22.5,23.5"), line: 4, column: 8,
             message: "`-inf` is infinite (loss); write NaN for an unknown loss"),
        Case(text: matrix(replacing: 2, with: "nan,0.5,1.5,2.5,3.5"), line: 2, column: 1,
             message: "`nan` is not a finite number (w2 coordinate); coordinates must be finite"),
        Case(text: matrix(replacing: 1, with: "w2\\w1,0,1,1,3"), line: 1, column: 11,
             message: "w1 coordinate `1` repeats the one before it; the w1 coordinates must increase or decrease strictly"),
        Case(text: matrix(replacing: 1, with: "w2\\w1,0,2,1,3"), line: 1, column: 11,
             message: "w1 coordinate `1` breaks their increasing order, after 2; the w1 coordinates must increase or decrease strictly"),
        Case(text: matrix(replacing: 5, with: "-1,30.5,31.5,32.5,33.5"), line: 5, column: 1,
             message: "w2 coordinate `-1` breaks their increasing order, after 2; the w2 coordinates must increase or decrease strictly"),
        // Columns count characters, not bytes: `wé→` is 3 characters and 6 bytes.
        Case(text: matrix(replacing: 1, with: "wé→,0,1,x,3"), line: 1, column: 9, message: "`x` is not a number (w1 coordinate)"),
        Case(text: "w2\\w1,0,1,2\n0,1,2,3\n", line: 1, column: nil, message: "the w1 axis has 3 samples; bicubic interpolation needs at least 4"),
        Case(text: matrix().split(separator: "\n").prefix(4).joined(separator: "\n"), line: 1, column: nil,
             message: "the w2 axis has 3 samples; bicubic interpolation needs at least 4"),
        // The long form.
        Case(text: "w1,w2,lost\n", line: 1, column: 7, message: "unknown column `lost`: the long form's columns are w1, w2 and loss; did you mean `loss`?"),
        Case(text: "w1,w2,step\n", line: 1, column: 7, message: "unknown column `step`: the long form's columns are w1, w2 and loss"),
        Case(text: "w1, W1, loss\n", line: 1, column: 5, message: "the column w1 is named twice"),
        Case(text: "w1,w2,loss\n# only a header\n", line: 3, column: nil, message: "no data rows: expected lines of three numbers w1, w2, loss"),
        Case(text: longForm(extra: ["1,2,3,4"]), line: 18, column: 7, message: "this row has 4 cells; the first row (line 1) has 3: w1, w2 and loss"),
        Case(text: longForm(extra: ["1,,3"]), line: 18, column: 3, message: "missing w2 coordinate"),
        Case(text: longForm(extra: ["0,-1,7"]), line: 18, column: 1, message: "the pair w1 = 0, w2 = -1 appears twice, on line 2 and on line 18"),
        // (2, 1) belongs between (2, 0) on line 11 and (2, 2), which moved up to line 12.
        Case(text: longForm(skipping: (2, 1)), line: 11, column: nil,
             message: "no row for w1 = 2, w2 = 1: the long form needs every pair of its 4 w1 values and 4 w2 values (16 rows); it has 15"),
        Case(text: longForm().split(separator: "\n").filter { !$0.hasPrefix("3,") }.joined(separator: "\n"), line: 2, column: nil,
             message: "the w1 axis has 3 samples; bicubic interpolation needs at least 4"),
        // Neither form.
        Case(text: "", line: 1, column: nil, message: "no rows: expected a loss grid, as lines of w1,w2,loss or as a matrix with w1 across and w2 down"),
        Case(text: "# nothing yet\n\n", line: 3, column: nil, message: "no rows: expected a loss grid, as lines of w1,w2,loss or as a matrix with w1 across and w2 down"),
    ]

    @Test("each error names its line and column", arguments: cases)
    func errors(_ c: Case) {
        let error = refusal(c.text)
        #expect(error?.message == c.message)
        #expect(error?.line == c.line)
        #expect(error?.column == c.column)
    }

    @Test("the byte offset of an error is where its column is")
    func offsets() throws {
        let text = matrix(replacing: 1, with: "wé→,0,1,x,3")
        let error = try #require(refusal(text))
        #expect(error.offset == Array(text.utf8).firstIndex(of: UInt8(ascii: "x")))
    }

    @Test("bytes that are not UTF-8 are an error at their line and column")
    func invalidUTF8() throws {
        let error = try #require(refusal(Array("w1,w2,loss\n0,".utf8) + [0xFF] + Array(",1\n".utf8)))
        #expect(error == DataError(line: 2, column: 3, offset: 13, message: "invalid UTF-8 (byte 0xFF); the grid must be UTF-8 text"))
    }
}
