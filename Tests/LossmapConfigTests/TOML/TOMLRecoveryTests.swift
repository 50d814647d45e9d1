import Testing
@testable import LossmapConfig
import LossmapSpec

@Suite("Reporting every syntax error in one pass")
struct TOMLRecoveryTests {
    typealias T = TOMLTestSupport

    /// `LINE:COL message` of each problem, for compact expectations.
    func positions(_ text: String) -> [String] {
        T.diagnostics(text).map { "\($0.line):\($0.column) \($0.message)" }
    }

    @Test("an error on one line does not hide the errors on later lines")
    func laterLinesAreRead() {
        #expect(positions("a = 5e\nb = \"ok\"\nc = 1..5\nd = 0x\n") == [
            "1:7 expected digits after the exponent `e`, found the end of the number",
            "3:7 expected a digit after the decimal point, found `.`",
            "4:7 expected hexadecimal digits after `0x`, found the end of the number",
        ])
    }

    @Test("the rest of a broken multi-line array is skipped rather than read as keys")
    func brokenArrayIsSkipped() {
        #expect(positions("levels = [\n  1,\n  2 3,\n  4,\n]\nx = ?\n") == [
            "3:5 expected `,` or `]` after an array element, found `3`",
            "6:5 expected a value, found `?`",
        ])
    }

    @Test("after an error inside a multi-line string, reading goes on after its closing quotes")
    func brokenMultilineStringIsSkipped() {
        #expect(positions("s = \"\"\"bad \\e\nk = 1 2\n\"\"\"\nn = 1 2\n") == [
            "1:12 invalid escape sequence `\\e`; to write a backslash, use \\\\",
            "4:7 expected a new line after the value, found `2`",
        ])
    }

    @Test("keys under a broken header go nowhere, so they cannot clash with the table before it")
    func keysUnderABrokenHeader() {
        #expect(positions("[a]\nx = 1\n[b\nx = 2\n[a]\n") == [
            "3:3 unterminated table header: expected `]`, found the end of the line",
            "5:2 the table [a] is defined twice",
        ])
    }

    @Test("a key that failed to be defined is not reported again as a duplicate")
    func failedKeysAreForgotten() {
        #expect(positions("a = ?\na = 1\n") == ["1:5 expected a value, found `?`"])
    }

    @Test("reading stops after 50 errors, and the last one says so")
    func stopsAfterFiftyErrors() throws {
        let text = String(repeating: "x = ?\n", count: 1_000)
        let diagnostics = T.diagnostics(text)
        #expect(diagnostics.count == ConfigLimits.maxDiagnostics)
        let last = try #require(diagnostics.last)
        #expect(last.line == 50)
        #expect(last.note?.hasSuffix("note: stopped reading after 50 errors; fix these and run again") == true)
    }

    @Test("statement starts are told from the rest of a broken array or string", arguments: [
        ("key = 1", true), ("  a.\"b c\" . 'd' = 1", true), ("[table]", true), ("[[run]] # x", true),
        ("clé = 1", true), ("surface. = 2", true), ("[surface..x]", true),
        ("  1, 2, 3,", false), ("  [3, 4]", false), ("]", false), ("  { a = 1 },", false),
        ("true, false", false), ("\"a\", \"b\"", false), ("# comment", false), ("", false),
    ])
    func statementStarts(_ line: String, _ starts: Bool) {
        #expect(TOMLDocumentParser.startsStatement(Array(line.utf8), at: 0) == starts)
    }
}
