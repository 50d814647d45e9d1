import LossmapSpec
import Testing

@Suite("Printing TOML diagnostics")
struct TOMLDiagnosticRenderingTests {
    @Test("a duplicate key prints the headline, the source line, a caret and where it was first defined")
    func duplicateKey() throws {
        let diagnostic = try #require(TOMLTestSupport.diagnostic("title = \"a\"\nsize = 3\ntitle = \"b\"\n", name: "plots/loss.toml"))
        #expect(diagnostic.description == """
            plots/loss.toml:3:1: error: the key `title` is already defined
              title = "b"
              ^
              note: first defined at line 1
            """)
    }

    @Test("the caret lines up under the spot after tabs and non-ASCII characters")
    func caretAfterTabsAndNonASCII() throws {
        let diagnostic = try #require(TOMLTestSupport.diagnostic("[axes]\n\tlabel\t= \"Δ loss\\x\"\r\n"))
        #expect(diagnostic.headline == "test.toml:2:17: error: invalid escape sequence `\\x`; to write a backslash, use \\\\")
        #expect(diagnostic.description == """
            test.toml:2:17: error: invalid escape sequence `\\x`; to write a backslash, use \\\\
              \tlabel\t= "Δ loss\\x"
              \t     \t         ^
              note: TOML allows \\b \\t \\n \\f \\r \\" \\\\ \\uXXXX and \\UXXXXXXXX
            """)
    }

    @Test("a byte order mark is neither shown nor counted as a column")
    func byteOrderMarkIsInvisible() throws {
        let diagnostic = try #require(TOMLTestSupport.diagnostic([0xEF, 0xBB, 0xBF] + Array("x = 1 2".utf8)))
        #expect(diagnostic.description.hasPrefix("""
            test.toml:1:7: error: expected a new line after the value, found `2`
              x = 1 2
                    ^
            """))
    }
}

@Suite("Printing diagnostics of hostile lines")
struct HostileLineRenderingTests {
    @Test("a very long line is shown as an excerpt around the caret")
    func longLineExcerpt() throws {
        let text = "x = [" + String(repeating: "1, ", count: 300) + "? ]"
        let diagnostic = try #require(TOMLTestSupport.diagnostic(text))
        let lines = diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(diagnostic.column == 906)
        #expect(lines[1].hasPrefix("  …") && lines[1].hasSuffix("? ]"))
        #expect(lines[1].count <= Diagnostic.shownLineLength + 4)
        // The caret sits under the `?` of the excerpt.
        let caret = try #require(lines[2].firstIndex(of: "^"))
        let spot = try #require(lines[1].firstIndex(of: "?"))
        #expect(lines[2].distance(from: lines[2].startIndex, to: caret) == lines[1].distance(from: lines[1].startIndex, to: spot))
    }

    @Test("control characters and bidirectional overrides are shown as placeholders")
    func unsafeCharacters() throws {
        let diagnostic = try #require(TOMLTestSupport.diagnostic("a = \"\u{202E}x\u{85}\" ?"))
        #expect(diagnostic.description.split(separator: "\n")[1] == "  a = \"\u{FFFD}x\u{FFFD}\" ?")
    }
}
