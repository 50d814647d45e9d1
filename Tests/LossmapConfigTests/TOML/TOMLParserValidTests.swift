import Testing
@testable import LossmapConfig
import LossmapSpec

@Suite("Reading valid TOML")
struct TOMLParserValidTests {
    typealias T = TOMLTestSupport

    @Test("an empty document, or one of only comments and blank lines, is an empty table")
    func emptyDocuments() throws {
        #expect(try T.parse("").entries.isEmpty)
        #expect(try T.parse("\n\n  \t\n# just a comment\n   # another\n").entries.isEmpty)
    }

    @Test("comments may follow a value or a header on the same line")
    func trailingComments() throws {
        let table = try T.parse("a = 1 # one\n[t] # a table\nb = \"#not a comment\" # but this is\n")
        #expect(T.kind(table, "a") == .integer(1))
        #expect(T.kind(table, "t", "b") == .string("#not a comment"))
    }

    @Test("bare, quoted, literal, numeric and empty keys are read as written")
    func keys() throws {
        let table = try T.parse("""
            bare_key-1 = 1
            "quoted key é" = 2
            'literal "key"' = 3
            1234 = 4
            "" = 5
            "tab\\tkey" = 6
            """)
        #expect(table.keys == ["bare_key-1", "quoted key é", "literal \"key\"", "1234", "", "tab\tkey"])
        #expect(T.kind(table, "") == .integer(5))
    }

    @Test("dotted keys create nested tables, and a float-like key is two keys")
    func dottedKeys() throws {
        let table = try T.parse("""
            fruit.apple.color = "red"
            fruit . apple . "taste" = 'sweet'
            site."google.com" = true
            3.14 = "pi"
            """)
        #expect(T.kind(table, "fruit", "apple", "color") == .string("red"))
        #expect(T.kind(table, "fruit", "apple", "taste") == .string("sweet"))
        #expect(T.kind(table, "site", "google.com") == .boolean(true))
        #expect(T.kind(table, "3", "14") == .string("pi"))
    }

    @Test("table headers, dotted headers and a super table defined after its child")
    func tables() throws {
        let table = try T.parse("""
            top = 0
            [server]
            host = "localhost"
            [server.limits]
            max = 10
            [a.b.c]
            d = 1
            [a]
            e = 2
            [ spaced . "quoted" ]
            f = 3
            [fruit]
            apple.color = "red"
            [fruit.apple.texture]
            smooth = true
            """)
        #expect(table.keys == ["top", "server", "a", "spaced", "fruit"])
        #expect(T.kind(table, "server", "host") == .string("localhost"))
        #expect(T.kind(table, "server", "limits", "max") == .integer(10))
        #expect(T.kind(table, "a", "b", "c", "d") == .integer(1))
        #expect(T.kind(table, "a", "e") == .integer(2))
        #expect(T.kind(table, "spaced", "quoted", "f") == .integer(3))
        #expect(T.kind(table, "fruit", "apple", "texture", "smooth") == .boolean(true))
    }

    @Test("arrays of tables collect one table per header, and sub-tables join the latest one")
    func arraysOfTables() throws {
        let table = try T.parse("""
            [[product]]
            name = "Hammer"
            [product.dims]
            w = 1
            [[product]]
            [[product]]
            name = "Nail"
            [[product.variant]]
            size = 3
            """)
        guard case .array(let products)? = T.kind(table, "product") else {
            Issue.record("product is not an array"); return
        }
        #expect(products.count == 3)
        guard products.count == 3, case .table(let first) = products[0].kind, case .table(let second) = products[1].kind,
              case .table(let third) = products[2].kind else { Issue.record("elements are not tables"); return }
        #expect(T.kind(first, "name") == .string("Hammer"))
        #expect(T.kind(first, "dims", "w") == .integer(1))
        #expect(second.entries.isEmpty)
        #expect(T.kind(third, "name") == .string("Nail"))
        guard case .array(let variants)? = T.kind(third, "variant"), let variant = variants.first,
              case .table(let v) = variant.kind else { Issue.record("variant is not an array of tables"); return }
        #expect(T.kind(v, "size") == .integer(3))
    }

    @Test("inline tables hold dotted keys, nested inline tables and arrays")
    func inlineTables() throws {
        let table = try T.parse(#"point = { x = 1, y = -2, name.first = "p", inner = { deep = [1, {z = true}] } }"# + "\nempty = {}")
        #expect(T.kind(table, "point", "x") == .integer(1))
        #expect(T.kind(table, "point", "y") == .integer(-2))
        #expect(T.kind(table, "point", "name", "first") == .string("p"))
        guard case .array(let deep)? = T.kind(table, "point", "inner", "deep"), deep.count == 2 else {
            Issue.record("deep is not a two-element array"); return
        }
        #expect(deep[0].kind == .integer(1))
        guard case .table(let z) = deep[1].kind else { Issue.record("not a table"); return }
        #expect(T.kind(z, "z") == .boolean(true))
        #expect(T.kind(table, "empty") == .table(TOMLTable()))
    }

    @Test("arrays may nest, mix types, span lines with comments and end with a comma")
    func arrays() throws {
        let table = try T.parse("""
            empty = []
            nested = [[1, 2], ["a"], [], [[true]]]
            mixed = [1, 2.5, "three", false, { four = 4 }]
            lines = [
              1, # one
              2,
              # a comment line
              3,
            ]
            """)
        #expect(T.kind(table, "empty") == .array([]))
        guard case .array(let nested)? = T.kind(table, "nested") else { Issue.record("nested"); return }
        #expect(nested.count == 4)
        // "nested = [[1, 2]" starts at byte 11; its inner array at 21.
        #expect(nested[0].kind == .array([TOMLValue(.integer(1), span: 22..<23), TOMLValue(.integer(2), span: 25..<26)]))
        #expect(nested[0].span == 21..<27)
        #expect(nested[3].kind == .array([TOMLValue(.array([TOMLValue(.boolean(true), span: 42..<46)]), span: 41..<47)]))
        guard case .array(let mixed)? = T.kind(table, "mixed") else { Issue.record("mixed"); return }
        #expect(mixed.map(\.typeDescription) == ["an integer", "a float", "a string", "a boolean", "a table"])
        guard case .array(let lines)? = T.kind(table, "lines") else { Issue.record("lines"); return }
        #expect(lines.map(\.kind) == [.integer(1), .integer(2), .integer(3)])
    }

    @Test("basic strings resolve every TOML escape")
    func basicStringEscapes() throws {
        let table = try T.parse(#"s = "b\b t\t n\n f\f r\r q\" bs\\ u\u00E9 U\U0001F600 e\u0000""#)
        #expect(T.kind(table, "s") == .string("b\u{8} t\t n\n f\u{C} r\r q\" bs\\ u\u{E9} U\u{1F600} e\u{0}"))
    }

    @Test("literal strings keep backslashes and quotes as written")
    func literalStrings() throws {
        let table = try T.parse(#"path = 'C:\Users\nodejs\templates'"# + "\n" + #"q = '<\i\c*\s*>"x"'"#)
        #expect(T.kind(table, "path") == .string(#"C:\Users\nodejs\templates"#))
        #expect(T.kind(table, "q") == .string(#"<\i\c*\s*>"x""#))
    }

    @Test("multi-line basic strings trim the first newline and line-ending backslashes")
    func multilineBasicStrings() throws {
        let table = try T.parse("""
            a = \"\"\"
            Roses are red
            Violets are blue\"\"\"
            b = \"\"\"The quick \\
                 brown \\   \n\n   fox.\"\"\"
            c = \"\"\"Here are two quotation marks: "". Simple enough.\"\"\"
            d = \"\"\"ends with two quotes\"\"\"\"\"
            e = \"\"\"tab\\t and \\u00E9\"\"\"
            """)
        #expect(T.kind(table, "a") == .string("Roses are red\nViolets are blue"))
        #expect(T.kind(table, "b") == .string("The quick brown fox."))
        #expect(T.kind(table, "c") == .string("Here are two quotation marks: \"\". Simple enough."))
        #expect(T.kind(table, "d") == .string("ends with two quotes\"\""))
        #expect(T.kind(table, "e") == .string("tab\t and é"))
    }

    @Test("multi-line literal strings keep everything but the first newline")
    func multilineLiteralStrings() throws {
        let table = try T.parse("re = '''\nI [dw]on't need \\d{2} apples\n  indented'''\nq = '''''two quotes'''''\n")
        #expect(T.kind(table, "re") == .string("I [dw]on't need \\d{2} apples\n  indented"))
        #expect(T.kind(table, "q") == .string("''two quotes''"))
    }

    @Test("integers take signs, underscores, prefixes and the full 64-bit range")
    func integers() throws {
        let table = try T.parse("""
            a = +99
            b = -17
            c = 0
            d = -0
            e = 1_000_000
            f = 0xDEAD_beef
            g = 0o755
            h = 0b1101_0110
            max = 9223372036854775807
            min = -9223372036854775808
            hexmax = 0x7FFFFFFFFFFFFFFF
            """)
        #expect(T.kind(table, "a") == .integer(99))
        #expect(T.kind(table, "b") == .integer(-17))
        #expect(T.kind(table, "c") == .integer(0))
        #expect(T.kind(table, "d") == .integer(0))
        #expect(T.kind(table, "e") == .integer(1_000_000))
        #expect(T.kind(table, "f") == .integer(0xDEAD_BEEF))
        #expect(T.kind(table, "g") == .integer(0o755))
        #expect(T.kind(table, "h") == .integer(0b1101_0110))
        #expect(T.kind(table, "max") == .integer(Int64.max))
        #expect(T.kind(table, "min") == .integer(Int64.min))
        #expect(T.kind(table, "hexmax") == .integer(Int64.max))
    }

    @Test("floats are read exactly, with exponents, underscores, inf and nan")
    func floats() throws {
        let table = try T.parse("""
            a = 1.0
            b = -0.01
            c = 5e+22
            d = 1e06
            e = -2E-2
            f = 6.626e-34
            g = 224_617.445_991
            h = 0.1
            i = -0.0
            j = inf
            k = +inf
            l = -inf
            m = nan
            n = -nan
            o = 0e0
            """)
        #expect(T.kind(table, "a") == .float(1.0))
        #expect(T.kind(table, "b") == .float(-0.01))
        #expect(T.kind(table, "c") == .float(5e22))
        #expect(T.kind(table, "d") == .float(1e6))
        #expect(T.kind(table, "e") == .float(-0.02))
        #expect(T.kind(table, "f") == .float(6.626e-34))
        #expect(T.kind(table, "g") == .float(224_617.445_991))
        #expect(T.kind(table, "h") == .float(0.1))
        guard case .float(let negativeZero)? = T.kind(table, "i") else { Issue.record("i"); return }
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        #expect(T.kind(table, "j") == .float(.infinity))
        #expect(T.kind(table, "k") == .float(.infinity))
        #expect(T.kind(table, "l") == .float(-.infinity))
        guard case .float(let m)? = T.kind(table, "m"), case .float(let n)? = T.kind(table, "n") else {
            Issue.record("nan"); return
        }
        #expect(m.isNaN && n.isNaN)
        #expect(T.kind(table, "o") == .float(0))
    }

    @Test("booleans are true and false")
    func booleans() throws {
        let table = try T.parse("yes = true\nno = false")
        #expect(T.kind(table, "yes") == .boolean(true))
        #expect(T.kind(table, "no") == .boolean(false))
    }

    @Test("a UTF-8 byte order mark at the start and CR LF line ends are accepted")
    func byteOrderMarkAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a = 1\r\n[t]\r\nb = \"\"\"x\r\ny\"\"\"\r\n".utf8)
        let table = try TOMLParser.parse(SourceFile(name: "bom.toml", bytes: bytes))
        #expect(T.kind(table, "a") == .integer(1))
        // Line ends inside multi-line strings are normalized to LF.
        #expect(T.kind(table, "t", "b") == .string("x\ny"))
    }

    @Test("values and keys carry the byte spans they were written at")
    func spans() throws {
        let text = "name = \"lossmap\"\n[plot]\nsize = [1, 2]\n"
        let table = try T.parse(text)
        let name = try #require(table.entry("name"))
        #expect(name.keySpan == 0..<4)
        #expect(name.value.span == 7..<16)
        let plot = try #require(table.entry("plot"))
        #expect(plot.value.span == 17..<23)
        guard case .table(let plotTable) = plot.value.kind else { Issue.record("plot"); return }
        let size = try #require(plotTable.entry("size"))
        #expect(size.keySpan == 24..<28)
        #expect(size.value.span == 31..<37)
    }

    @Test("entries keep the order they first appeared in")
    func entryOrder() throws {
        let table = try T.parse("z = 1\na = 2\nm.x = 3\nb = 4\n[c]\n[a2]\n")
        #expect(table.keys == ["z", "a", "m", "b", "c", "a2"])
    }
}
