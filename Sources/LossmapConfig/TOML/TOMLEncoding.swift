import LossmapSpec

extension TOMLLexer {
    /// Checks that the whole document is well-formed UTF-8, as TOML requires, and reports the
    /// first bad byte. Done once before lexing so that every later step may assume valid text.
    ///
    /// The ranges are those of the Unicode Standard, Table 3-7 ("Well-Formed UTF-8 Byte
    /// Sequences"): they exclude overlong forms, UTF-16 surrogates (ED A0–BF) and code
    /// points above U+10FFFF.
    func validateEncoding() throws(Diagnostic) {
        let bytes = file.bytes
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: throw invalidUTF8(at: i)
            }
            for k in 1..<length {
                guard i + k < bytes.count else { throw invalidUTF8(at: i) }
                let range: ClosedRange<UInt8> = k == 1 ? secondRange : 0x80...0xBF
                guard range.contains(bytes[i + k]) else { throw invalidUTF8(at: i) }
            }
            i += length
        }
    }

    private func invalidUTF8(at offset: Int) -> Diagnostic {
        let hex = String(file.bytes[offset], radix: 16, uppercase: true)
        var message = "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" + hex : hex)); a TOML file must be UTF-8 text"
        if offset == 0, file.bytes.count >= 2,
           (file.bytes[0] == 0xFF && file.bytes[1] == 0xFE) || (file.bytes[0] == 0xFE && file.bytes[1] == 0xFF) {
            message = "this file looks like UTF-16; a TOML file must be UTF-8 text"
        }
        return error(at: offset, message)
    }
}
