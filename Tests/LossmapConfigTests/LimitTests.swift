import Foundation
import LossmapSpec
import Testing

/// Hostile input: every limit holds exactly at its bound, is refused just past it with a
/// message naming it, and nothing crashes, hangs or grows without bound.
@Suite("Limits on hostile input")
struct LimitTests {
    typealias T = TOMLTestSupport

    func message(_ text: String) -> String? { T.diagnostic(text)?.message }

    @Test("a string of 4,096 bytes is read and one of 4,097 is refused, in every string kind")
    func stringLength() {
        let fits = String(repeating: "é", count: 2048)
        let over = fits + "x"
        for (open, close) in [("\"", "\""), ("'", "'"), ("\"\"\"", "\"\"\""), ("'''", "'''")] {
            #expect(message("s = \(open)\(fits)\(close)") == nil)
            #expect(message("s = \(open)\(over)\(close)") == "a string may be at most 4,096 bytes long (in UTF-8); this one is longer")
        }
    }

    @Test("a bare key longer than 4,096 bytes is refused")
    func keyLength() {
        #expect(message(String(repeating: "k", count: 4096) + " = 1") == nil)
        #expect(message(String(repeating: "k", count: 4097) + " = 1") == "a key may be at most 4,096 bytes long; this one has 4,097")
    }

    @Test("a number longer than 256 characters is refused, and messages quote at most 60 characters of it")
    func numberLength() throws {
        #expect(message("n = " + String(repeating: "1", count: 300)) == "a number may be at most 256 characters long; this one has 300")
        let overflow = try #require(message("n = " + String(repeating: "9", count: 200)))
        #expect(overflow == "the integer " + String(repeating: "9", count: 60) + "… does not fit in 64 bits")
    }

    @Test("an array of 10,000 elements is read and one of 10,001 is refused")
    func arrayLength() {
        let elements = Array(repeating: "1", count: 10_000).joined(separator: ",")
        #expect(message("a = [\(elements)]") == nil)
        #expect(message("a = [\(elements),1]") == "an array may hold at most 10,000 elements; this one holds more")
    }

    @Test("an array of tables of more than 10,000 tables is refused")
    func arrayOfTablesLength() {
        #expect(message(String(repeating: "[[t]]\n", count: 10_001))
            == "an array of tables may hold at most 10,000 tables; [[t]] is one too many")
    }

    @Test("a document over 1 MiB is refused before it is read")
    func documentSize() {
        let text = "# " + String(repeating: "x", count: ConfigLimits.maxFileBytes)
        #expect(message(text) == "the document is longer than 1,048,576 bytes, the limit for a config")
    }

    @Test("64 runs are drawn, and a 65th is refused whether it comes from learning_rates or [[run]]")
    func runCount() throws {
        func config(rates: Int, runs: Int) -> String {
            "[surface]\nfunction = \"booth\"\n[optimizer]\nlearning_rates = ["
                + Array(repeating: "0.1", count: rates).joined(separator: ", ") + "]\n"
                + String(repeating: "[[run]]\nlearning_rate = 0.2\n", count: runs)
        }
        #expect(try decode(config(rates: 60, runs: 4)).spec.runs.count == 64)
        #expect(failure(config(rates: 60, runs: 5)) == "test.toml:13:1: error: a figure may draw at most 64 runs; this is run 65")
        // The 65th rate, at column 19 + 64 × 5.
        #expect(failure(config(rates: 65, runs: 0)) == "test.toml:4:339: error: a figure may draw at most 64 runs; this is run 65")
    }

    @Test("a file of a thousand schema errors reports the first 50 and counts the rest")
    func schemaErrorCap() throws {
        let text = "[surface]\nfunction = \"booth\"\n" + (0..<1000).map { "unknown\($0) = 1\n" }.joined()
        do {
            _ = try decode(text)
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.count == 50)
            #expect(error.diagnostics.last?.note?.hasSuffix("950 more errors not shown; fix these and run again") == true)
        }
    }

    @Test("random bytes, random ASCII and long lines are refused quickly without a crash")
    func randomInput() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(!T.diagnostics(bytes).isEmpty)
            let ascii = (0..<20_000).map { i in i % 40 == 39 ? 0x0A : UInt8.random(in: 0x20...0x7E, using: &generator) }
            _ = T.diagnostics(ascii).map(\.description)
        }
        let longLine = "x = " + String(repeating: "[1, ", count: 100) + String(repeating: "a", count: 500_000)
        #expect(T.diagnostics(longLine).count == 1)
    }

    @Test("a hostile unknown key of 4 KB costs no 4 KB × 4 KB table and is quoted short")
    func longUnknownKey() throws {
        let key = String(repeating: "k", count: 4000)
        #expect(failure("\(key) = 1\n[surface]\nfunction = \"booth\"\n")
            == "test.toml:1:1: error: unknown key `\(String(repeating: "k", count: 60))…` in the top level")
    }

    @Test("an error on a line of 5 MB quotes a window of it around the caret, the caret under the spot")
    func excerptOfLongLine() {
        let line = String(repeating: "a", count: 2_500_000) + "X" + String(repeating: "b", count: 2_500_000)
        let file = SourceFile(name: "long.csv", text: "1,2,3\n" + line + "\n")
        let excerpt = Diagnostic.excerpt(of: file, at: 6 + 2_500_000, indent: "  ")
        let lines = excerpt.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2)
        #expect(lines[0] == "  …" + String(repeating: "a", count: 80) + "X" + String(repeating: "b", count: 79) + "…")
        #expect(lines[1] == "  " + String(repeating: " ", count: 81) + "^")
        // Short lines are shown whole, controls as a placeholder.
        let short = SourceFile(name: "a.toml", text: "\u{FEFF}x = \"a\u{1B}b\"\r\ny = 1\n")
        #expect(Diagnostic.excerpt(of: short, at: 3 + 5, indent: "  ") == "  x = \"a\u{FFFD}b\"\n       ^")
    }

    @Test("a message that quotes a long piece of input between backticks is cut to sixty characters, wherever it was put together")
    func diagnosticQuotesCut() {
        let file = SourceFile(name: "a.toml", text: "x = 1\n")
        let long = String(repeating: "z", count: 100_000)
        let diagnostic = Diagnostic(file: file, offset: 0, message: "unknown thing `\(long)`", note: "did you mean `\(long)`?")
        #expect(diagnostic.message == "unknown thing `\(String(repeating: "z", count: 60))…`")
        #expect(diagnostic.note == "did you mean `\(String(repeating: "z", count: 60))…`?")
        #expect(diagnostic.description.utf8.count < 1024)
    }

    @Test("a 100 kB string value, a 100 kB bare value and a bidirectional override give short errors that show no control")
    func longValues() throws {
        let string = try #require(T.diagnostic("title = \"" + String(repeating: "t", count: 100_000) + "\"\n"))
        #expect(string.description.utf8.count < 1024)
        let bare = try #require(T.diagnostic("title = " + String(repeating: "t", count: 100_000) + "\n"))
        #expect(bare.description.utf8.count < 1024)
        let override = try #require(T.diagnostic("x = \u{202E}\n"))
        #expect(override.message == "expected a value, found `\u{FFFD}` (U+202E)")
    }
}
