import Testing
@testable import LossmapConfig

/// One document that must be refused, with exactly where and why.
struct TOMLErrorCase: CustomTestStringConvertible, Sendable {
    let what: String
    let bytes: [UInt8]
    let line: Int
    let column: Int
    let message: String
    var note: String? = nil

    init(_ what: String, _ text: String, _ line: Int, _ column: Int, _ message: String, note: String? = nil) {
        self.init(what, bytes: Array(text.utf8), line, column, message, note: note)
    }

    init(_ what: String, bytes: [UInt8], _ line: Int, _ column: Int, _ message: String, note: String? = nil) {
        self.what = what
        self.bytes = bytes
        self.line = line
        self.column = column
        self.message = message
        self.note = note
    }

    var testDescription: String { what }
}

@Suite("Refusing invalid TOML")
struct TOMLParserErrorTests {
    static let cases: [TOMLErrorCase] = [
        // Unterminated constructs.
        .init("an unterminated string", "a = \"abc\nb = 1", 1, 5,
              "unterminated string: expected a closing \" before the end of the line",
              note: "a \"…\" string must end on the line it starts; use \"\"\" for a multi-line string"),
        .init("an unterminated multi-line string", "x = 1\ns = '''abc\n", 2, 5,
              "unterminated multi-line string: expected a closing ''' before the end of the file"),
        .init("an unterminated array", "a = [1, 2,\n  3", 1, 5,
              "unterminated array: this `[` has no matching `]` before the end of the file"),
        .init("an array element without a comma", "a = [1, 2\nb = 3]", 2, 1,
              "expected `,` or `]` after an array element, found `b`", note: "the array starts at line 1"),
        .init("an inline table running past its line", "t = {a = 1,\n b = 2}", 1, 12,
              "unterminated inline table: expected `}` before the end of the line",
              note: "an inline table must be written on one line; use a [table] header for a longer table"),
        .init("an inline table running past the end of the file", "t = {a = 1", 1, 5,
              "unterminated inline table: this `{` has no matching `}` before the end of the file"),
        .init("an unterminated table header", "[table\nx = 1", 1, 7,
              "unterminated table header: expected `]`, found the end of the line"),
        .init("an array-of-tables header closed with one bracket", "[[items]\n", 1, 9,
              "unterminated array-of-tables header: expected `]]`, found `]` alone"),
        // Strings.
        .init("an unknown escape after tabs and non-ASCII text", "\t\"clé\"\t= \"résumé\\q\"", 1, 17,
              "invalid escape sequence `\\q`; to write a backslash, use \\\\",
              note: "TOML allows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX"),
        .init("an escaped surrogate", "s = \"\\uD800\"", 1, 6,
              "U+D800 is not a Unicode scalar value; surrogates (U+D800–U+DFFF) and values above U+10FFFF cannot be escaped"),
        .init("an escape beyond U+10FFFF", "s = \"\\U00110000\"", 1, 6,
              "U+110000 is not a Unicode scalar value; surrogates (U+D800–U+DFFF) and values above U+10FFFF cannot be escaped"),
        .init("a short \\u escape", "s = \"\\u12\"", 1, 6, "\\u must be followed by exactly 4 hexadecimal digits"),
        .init("a backslash and spaces not ending the line", "s = \"\"\"a\\  b\"\"\"", 1, 9,
              "a backslash followed by whitespace must end the line (a line-ending backslash); to write a backslash, use \\\\"),
        .init("six quotes closing a multi-line string", "s = \"\"\"x\"\"\"\"\"\"", 1, 14,
              "too many quotes: a multi-line string can hold at most two \" in a row right before its closing \"\"\"",
              note: "escape a quote as \\\" to write more"),
        .init("a control character in a string", "s = \"a\u{7}b\"", 1, 7,
              "the control character U+0007 is not allowed in a string; write it as the escape \\u0007"),
        .init("a form feed in a literal string", "s = 'a\u{C}b'", 1, 7,
              "a form feed (U+000C) is not allowed in a string; use a \"…\" string and write it as the escape \\u000C"),
        // Numbers.
        .init("an exponent without digits", "n = 5e", 1, 7,
              "expected digits after the exponent `e`, found the end of the number"),
        .init("two decimal points", "n = 1..5", 1, 7, "expected a digit after the decimal point, found `.`"),
        .init("a hexadecimal prefix without digits", "n = 0x", 1, 7,
              "expected hexadecimal digits after `0x`, found the end of the number"),
        .init("a leading zero", "n = 01", 1, 5, "leading zeros are not allowed in a decimal number"),
        .init("a doubled underscore", "n = 1__0", 1, 6, "an underscore in a number must sit between two digits"),
        .init("a float with a leading dot", "n = .5", 1, 5, "a float needs a digit before the decimal point, e.g. 0.5"),
        .init("a signed hexadecimal integer", "n = -0xFF", 1, 5,
              "a hexadecimal integer cannot have a sign; only decimal integers can"),
        .init("an integer above Int64.max", "n = 9223372036854775808", 1, 5,
              "the integer 9223372036854775808 does not fit in 64 bits",
              note: "integers range from -9223372036854775808 to 9223372036854775807; write a float (e.g. 1e19) for larger numbers"),
        .init("a float too large for a Double", "n = 1e999", 1, 5, "the float 1e999 is too large for a 64-bit float"),
        .init("a capitalized boolean", "b = True", 1, 5, "booleans are written in lowercase: use `true`"),
        .init("an unquoted word", "s = hello", 1, 5, "invalid value `hello`",
              note: "a value is a \"string\", a number, true, false, an [array] or an { inline = table }"),
        // Dates and times.
        .init("a local date", "d = 1979-05-27", 1, 5, "dates and times are not supported by this config language",
              note: "write it as a string instead, e.g. \"1979-05-27\""),
        .init("a local time", "t = 07:32:00", 1, 5, "dates and times are not supported by this config language",
              note: "write it as a string instead, e.g. \"07:32:00\""),
        .init("an offset date-time", "[when]\nat = 1979-05-27T07:32:00Z", 2, 6,
              "dates and times are not supported by this config language",
              note: "write it as a string instead, e.g. \"1979-05-27T07:32:00Z\""),
        // Line structure.
        .init("two pairs on one line after non-ASCII", "# ünïcödé\nname = \"Ω\" 5", 2, 12,
              "expected a new line after the value, found `5`",
              note: "each key/value pair and each [table] header needs a line of its own"),
        .init("text after a table header", "[a] b = 1", 1, 5,
              "expected a new line after the table header, found `b`",
              note: "each key/value pair and each [table] header needs a line of its own"),
        .init("a key without a value", "key =\n", 1, 6, "expected a value, found the end of the line",
              note: "a value is a \"string\", a number, true, false, an [array] or an { inline = table }"),
        .init("a key without `=`", "key 1", 1, 5, "expected `=` after the key `key`, found `1`"),
        .init("a bare key running into non-ASCII", "clé = 1", 1, 3, "expected `=` after the key `cl`, found `é` (U+00E9)",
              note: "a bare key may contain only A-Z, a-z, 0-9, _ and -; put other keys in quotes"),
        // Keys.
        .init("an empty bare key", "= 1", 1, 1, "a key is missing before `=`; an empty key must be written as \"\""),
        .init("an empty segment of a dotted key", "a. = 1", 1, 4, "a key is missing before `=`; an empty key must be written as \"\""),
        .init("a non-ASCII bare key", "\tμ = 1", 1, 2, "expected a key or a [table] header, found `μ` (U+03BC)",
              note: "a bare key may contain only A-Z, a-z, 0-9, _ and -; put other keys in quotes"),
        .init("a multi-line string as a key", "\"\"\"k\"\"\" = 1", 1, 1, "a key cannot be a multi-line string; use \"…\" or '…'"),
        .init("an empty table header", "[]", 1, 2, "expected a table name in the table header, found `]`"),
        .init("a trailing comma in an inline table", "t = {a = 1,}", 1, 11, "a trailing comma is not allowed in an inline table"),
        .init("a doubled comma in an array", "a = [1,,2]", 1, 8, "expected a value, found `,`",
              note: "a value is a \"string\", a number, true, false, an [array] or an { inline = table }"),
        // Redefinitions.
        .init("a key defined twice", "a = 1\nb = 2\na = 3", 3, 1, "the key `a` is already defined",
              note: "first defined at line 1"),
        .init("a dotted key defined twice", "x.y = 1\n\nx.y = 2", 3, 3, "the key `x.y` is already defined",
              note: "first defined at line 1"),
        .init("a table defined twice", "[x]\n[y]\n[x]", 3, 2, "the table [x] is defined twice", note: "first defined at line 1"),
        .init("a key later used as a table", "a = 1\n[a.b]", 2, 2, "`a` is already defined as an integer, so it cannot be a table",
              note: "first defined at line 1"),
        .init("a table later used as a key", "[a.b]\n[a]\nb = 1", 3, 1, "the key `a.b` is already defined as a table",
              note: "first defined at line 1"),
        .init("a table created by dotted keys given a header", "[fruit]\napple.color = 1\n[fruit.apple]", 3, 8,
              "the table [fruit.apple] was already created by dotted keys; add to it with dotted keys there, not with a header",
              note: "first defined at line 2"),
        .init("a header table extended by dotted keys", "[a.b]\nx = 1\n[a]\nb.y = 2", 4, 1,
              "cannot add to the table `a.b` with a dotted key: it was created by a table header; add the key under [a.b] instead",
              note: "first defined at line 1"),
        .init("a static array appended to with [[...]]", "arr = [1]\n[[arr]]", 2, 3,
              "cannot append to the array `arr` with [[arr]]: it was written with [ ] and is complete",
              note: "first defined at line 1"),
        .init("an array of tables redefined as a table", "[[t]]\n[t]", 2, 2,
              "`t` is an array of tables; use [[t]] to add an element", note: "first defined at line 1"),
        .init("an inline table extended by a header", "t = {a = 1}\n[t.b]", 2, 2,
              "cannot add to the inline table `t`: an inline table { … } is complete once closed",
              note: "first defined at line 1"),
        .init("an inline table extended by a dotted key", "t = {a = 1}\nt.b = 2", 2, 1,
              "cannot add to the inline table `t`: an inline table { … } is complete once closed",
              note: "first defined at line 1"),
        // Encoding and control characters.
        .init("invalid UTF-8 in a string", bytes: Array("a = \"".utf8) + [0xFF] + Array("\"".utf8), 1, 6,
              "invalid UTF-8 (byte 0xFF); a TOML file must be UTF-8 text"),
        .init("a UTF-8 encoded surrogate", bytes: Array("# ".utf8) + [0xED, 0xA0, 0x80], 1, 3,
              "invalid UTF-8 (byte 0xED); a TOML file must be UTF-8 text"),
        .init("a NUL byte after a value", "a = 1\u{0}", 1, 6, "a NUL byte (U+0000) is not allowed in a TOML document"),
        .init("a control character in a comment", "# note \u{1B}[0m", 1, 8, "the control character U+001B is not allowed in a comment"),
        .init("a bare carriage return", "a = 1\rb = 2", 1, 6,
              "a carriage return must be followed by a line feed; lone CR line ends are not allowed"),
        .init("an error on the first line after a byte order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("a = ?".utf8), 1, 5,
              "expected a value, found `?`",
              note: "a value is a \"string\", a number, true, false, an [array] or an { inline = table }"),
    ]

    @Test("each invalid document is refused at the right line and column with the right message", arguments: cases)
    func refuses(_ testCase: TOMLErrorCase) throws {
        let diagnostic = try #require(TOMLTestSupport.diagnostic(testCase.bytes))
        #expect(diagnostic.message == testCase.message)
        #expect(diagnostic.line == testCase.line)
        #expect(diagnostic.column == testCase.column)
        #expect(diagnostic.note == testCase.note)
    }

    @Test("100,000 opening brackets are refused at the nesting limit instead of overflowing the stack")
    func deepArrays() throws {
        let text = "x = " + String(repeating: "[", count: 100_000)
        let diagnostic = try #require(TOMLTestSupport.diagnostic(text))
        #expect(diagnostic.message == "tables and arrays are nested more than 128 levels deep")
        // The first `[` is at column 5 and has depth 1; the 129th is the first one refused.
        #expect(diagnostic.column == 5 + 128)
    }

    @Test("deeply nested inline tables are refused at the nesting limit")
    func deepInlineTables() throws {
        let text = "x = " + String(repeating: "{a = ", count: 50_000)
        let diagnostic = try #require(TOMLTestSupport.diagnostic(text))
        #expect(diagnostic.message == "tables and arrays are nested more than 128 levels deep")
    }

    @Test("a table header with thousands of dotted segments is refused at the nesting limit")
    func deepHeaders() throws {
        let text = "[" + Array(repeating: "a", count: 10_000).joined(separator: ".") + "]"
        let diagnostic = try #require(TOMLTestSupport.diagnostic(text))
        #expect(diagnostic.message == "tables and arrays are nested more than 128 levels deep")
        #expect(diagnostic.column == 2 + 128 * 2)
    }

    @Test("arrays and inline tables nested right up to the limit are accepted")
    func nestingAtTheLimit() throws {
        let depth = TOMLParser.maxNestingDepth
        let arrays = "x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let tables = "y = " + String(repeating: "{a = ", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(TOMLTestSupport.diagnostic(arrays + "\n" + tables) == nil)
        let tooDeep = "x = " + String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        #expect(TOMLTestSupport.diagnostic(tooDeep)?.column == 5 + depth)
    }
}
