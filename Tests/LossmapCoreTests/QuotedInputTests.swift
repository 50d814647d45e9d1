import LossmapCore
import Testing

@Suite struct QuotedInputTests {
    @Test("a quoted piece is cut to sixty characters and an ellipsis, a short one left whole")
    func cut() {
        #expect(QuotedInput.shown("booth") == "booth")
        #expect(QuotedInput.shown(String(repeating: "a", count: 60)) == String(repeating: "a", count: 60))
        #expect(QuotedInput.shown(String(repeating: "a", count: 61)) == String(repeating: "a", count: 60) + "…")
        #expect(QuotedInput.shown(String(repeating: "😀", count: 100_000)) == String(repeating: "😀", count: 60) + "…")
    }

    @Test("controls and bidirectional overrides are shown as a placeholder, tabs and other text as they are")
    func unsafeCharacters() {
        #expect(QuotedInput.shown("a\u{1B}[31mb\tc\u{202E}d\u{85}é") == "a\u{FFFD}[31mb\tc\u{FFFD}d\u{FFFD}é")
    }

    @Test("bytes are decoded only as far as they are shown, each invalid sequence one placeholder")
    func bytes() {
        #expect(QuotedInput.shown(utf8: Array("héllo".utf8)) == "héllo")
        #expect(QuotedInput.shown(utf8: [0x61, 0xFF, 0x62, 0xC3]) == "a\u{FFFD}b\u{FFFD}")
        #expect(QuotedInput.shown(utf8: [UInt8](repeating: 0x78, count: 1 << 20)) == String(repeating: "x", count: 60) + "…")
    }

    @Test("a message's long pieces between backticks are cut, the rest of it and short pieces kept")
    func messages() {
        let long = String(repeating: "q", count: 5_000)
        #expect(QuotedInput.shorteningQuotes(in: "unknown name `\(long)`; did you mean `sqrt`?")
            == "unknown name `\(String(repeating: "q", count: 60))…`; did you mean `sqrt`?")
        #expect(QuotedInput.shorteningQuotes(in: "missing operator between `2` and `\(long)`")
            == "missing operator between `2` and `\(String(repeating: "q", count: 60))…`")
        let plain = "expected 3 values (x1, x2, y), found " + String(repeating: "9", count: 100)
        #expect(QuotedInput.shorteningQuotes(in: plain) == plain)
        // An unmatched backtick quotes nothing.
        #expect(QuotedInput.shorteningQuotes(in: "a ` " + long) == "a ` " + long)
    }

    @Test("a column counts characters, an invalid sequence as one, on bytes of any length")
    func scalarCount() {
        #expect(QuotedInput.scalarCount(utf8: Array("aé😀".utf8)) == 3)
        #expect(QuotedInput.scalarCount(utf8: [0x61, 0xFF, 0xFE, 0x62]) == String(decoding: [0x61, 0xFF, 0xFE, 0x62] as [UInt8], as: UTF8.self).unicodeScalars.count)
    }
}
