import LossmapCore
import Testing

@Suite struct PerceptronDataTests {
    @Test("a header row, comments, blank lines, spaces, CRLF and a byte order mark are accepted")
    func toleratedLayout() throws {
        let text = "\u{FEFF}# made by hand\r\nx1 , x2 , y\r\n\r\n 1, 2 ,3\r\n4,5.5,\t-6e1\r\n"
        let data = try PerceptronData.parseCSV(text)
        #expect(data.x1 == [1, 4])
        #expect(data.x2 == [2, 5.5])
        #expect(data.y == [3, -60])
    }

    @Test("the header row is optional")
    func noHeader() throws {
        #expect(try PerceptronData.parseCSV("1,2,3\n4,5,6").count == 2)
    }

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var line: Int
        var column: Int?
        var message: String
        var description: String { message }
    }

    static let cases: [Case] = [
        Case(text: "x1,x2,y\n1,2,3\n1,2\n", line: 3, column: 4, message: "expected 3 values (x1, x2, y), found 2"),
        Case(text: "1,2,3,4\n", line: 1, column: 7, message: "expected 3 values (x1, x2, y), found 4"),
        Case(text: "1,2,3\n  4,abc,6\n", line: 2, column: 5, message: "`abc` is not a number (value for x2)"),
        Case(text: "1,2,inf\n", line: 1, column: 5, message: "`inf` is not a finite number (value for y)"),
        Case(text: "x1,x2,y\nnan,2,3\n", line: 2, column: 1, message: "`nan` is not a finite number (value for x1)"),
        Case(text: "1,2,1e999\n", line: 1, column: 5, message: "`1e999` is not a finite number (value for y)"),
        Case(text: "1,,3\n", line: 1, column: 3, message: "missing value for x2"),
        // Columns count characters, as an editor shows them: `é` is one.
        Case(text: "1,2,3\né,2,3\n", line: 2, column: 1, message: "`é` is not a number (value for x1)"),
        Case(text: "1,2,3\né,é,é,é\n", line: 2, column: 7, message: "expected 3 values (x1, x2, y), found 4"),
        Case(text: "", line: 1, column: nil, message: "no data rows: expected lines of three numbers x1, x2, y"),
        Case(text: "x1,x2,y\n", line: 2, column: nil, message: "no data rows: expected lines of three numbers x1, x2, y"),
        Case(text: "# nothing yet\n\n", line: 3, column: nil, message: "no data rows: expected lines of three numbers x1, x2, y"),
    ]

    @Test("every bad row is reported with its line, column and message", arguments: cases)
    func badCSV(_ c: Case) {
        do {
            _ = try PerceptronData.parseCSV(c.text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == c.line)
            #expect(error.column == c.column)
            #expect(error.message == c.message)
        }
    }

    @Test("an error's byte offset points at the bad value in the text, counting bytes where the column counts characters")
    func byteOffset() {
        let text = "1,2,3\né,é,é,é\n"
        #expect(throws: DataError(line: 2, column: 7, offset: 15, message: "expected 3 values (x1, x2, y), found 4")) {
            try PerceptronData.parseCSV(text)
        }
    }

    @Test("cross-entropy targets outside [0, 1] are refused, naming the line and the target's column")
    func crossEntropyTargets() throws {
        let data = try PerceptronData.parseCSV("x1,x2,y\n1,2,1\n3,4,0.5\n5,6,2\n")
        #expect(throws: DataError(line: 4, column: 5, offset: 26,
                                  message: "target y = 2 is outside [0, 1]; cross-entropy needs targets between 0 and 1 (class labels 0 or 1)")) {
            try PerceptronSurface(data: data, activation: .sigmoid, loss: .crossEntropy)
        }
        // Squared error takes any target.
        #expect(throws: Never.self) { try PerceptronSurface(data: data, activation: .sigmoid, loss: .mse) }
    }

    @Test("inline points build the same data, and their errors name the point and the value")
    func inlinePoints() throws {
        #expect(try PerceptronData(points: [[1, 2, 3], [4, 5, 6]]) == PerceptronData.parseCSV("1,2,3\n4,5,6"))
        #expect(throws: DataError(line: 2, message: "point 2 has 2 values; expected 3 (x1, x2, y)")) {
            try PerceptronData(points: [[1, 2, 3], [4, 5]])
        }
        #expect(throws: DataError(line: 1, column: 2, message: "value 2 of point 1 is not a finite number")) {
            try PerceptronData(points: [[1, .infinity, 3]])
        }
        #expect(throws: DataError(line: 1, message: "no data points: give at least one [x1, x2, y]")) {
            try PerceptronData(points: [])
        }
        let data = try PerceptronData(points: [[1, 2, 0.5], [1, 1, -0.1]])
        #expect(throws: DataError(line: 2, column: 3,
                                  message: "target y = -0.1 is outside [0, 1]; cross-entropy needs targets between 0 and 1 (class labels 0 or 1)")) {
            try PerceptronSurface(data: data, activation: .tanh, loss: .crossEntropy)
        }
    }

    @Test("a line of a million commas is counted, not stored, and its error names the count")
    func millionCommas() {
        #expect(throws: DataError(line: 1, column: 4, offset: 3, message: "expected 3 values (x1, x2, y), found 1,000,001")) {
            try PerceptronData.parseCSV(String(repeating: ",", count: 1_000_000))
        }
        #expect(throws: DataError(line: 2, column: 4, offset: 11, message: "expected 3 values (x1, x2, y), found 1,000,001")) {
            try PerceptronData.parseCSV("1, 2, 3\n" + String(repeating: ",", count: 1_000_000))
        }
    }

    @Test("a bad field of a megabyte is quoted in sixty characters and an ellipsis")
    func longFieldQuotedShort() {
        let field = String(repeating: "é", count: 1 << 19)
        do {
            _ = try PerceptronData.parseCSV("1,\(field),3\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "`\(String(repeating: "é", count: 60))…` is not a number (value for x2): it is 1,048,576 bytes long; a value may be at most 1,024")
            #expect(error.line == 1 && error.column == 3 && error.offset == 2)
        }
        let justTooLong = String(repeating: "7", count: 200)
        #expect(throws: DataError(line: 1, column: 5, offset: 4, message: "`\(String(repeating: "7", count: 60))…` is not a finite number (value for y)")) {
            try PerceptronData.parseCSV("1,2,\(justTooLong)e9999\n")
        }
    }

    @Test("quoted fields show terminal controls and bidirectional overrides as a placeholder")
    func quotedFieldSanitised() {
        #expect(throws: DataError(line: 1, column: 3, offset: 2, message: "`a\u{FFFD}b\u{FFFD}c` is not a number (value for x2)")) {
            try PerceptronData.parseCSV("1,a\u{1B}b\u{202E}c,3\n")
        }
    }

    @Test("reading stops at the first row over the limit, naming it")
    func rowLimit() throws {
        #expect(try PerceptronData.parseCSV("x1,x2,y\n1,2,3\n4,5,6\n", maxRows: 2).count == 2)
        #expect(throws: DataError(line: 4, column: 1, offset: 20, message: "more than 2 rows of data: a perceptron takes at most 2")) {
            try PerceptronData.parseCSV("x1,x2,y\n1,2,3\n4,5,6\n7,8,9\n", maxRows: 2)
        }
    }

    @Test("a value of 1,024 bytes is read as a number, one of 1,025 is refused by its length")
    func valueLength() throws {
        let zeros = String(repeating: "0", count: 1022)
        #expect(try PerceptronData.parseCSV("1,2,\(zeros)15\n").y == [15])
        #expect(throws: DataError(line: 1, column: 5, offset: 4,
                                  message: "`\(String(repeating: "0", count: 60))…` is not a number (value for y): it is 1,025 bytes long; a value may be at most 1,024")) {
            try PerceptronData.parseCSV("1,2,\(zeros)150\n")
        }
    }

    @Test("the bytes of a file parse as its text does, and bytes that are not UTF-8 are an error at their line and column")
    func utf8Bytes() throws {
        let text = "\u{FEFF}x1,x2,y\r\n1,2,3\n\n# é\n4,5.5,-6e1\n"
        #expect(try PerceptronData.parseCSV(utf8: Array(text.utf8)) == PerceptronData.parseCSV(text))
        #expect(throws: DataError(line: 2, column: 5, offset: 13, message: "invalid UTF-8 (byte 0xFF); the data must be UTF-8 text")) {
            try PerceptronData.parseCSV(utf8: Array("x1,x2,y\n1,é,".utf8) + [0xFF, 0x0A])
        }
    }
}
