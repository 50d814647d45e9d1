/// The check every CSV reader makes before it parses: a data file must be UTF-8 text, and the
/// first byte that is not is reported at its line and column (counting Unicode scalars, as
/// editors do), with the byte in hex.
enum UTF8Validation {
    /// Throws at the first byte of `bytes` that does not belong to UTF-8 text; `what` is the
    /// text's name in the message: "the data", "the grid".
    static func check(_ bytes: some RandomAccessCollection<UInt8>, what: String) throws(DataError) {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0, line = 1, lineStart = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0x0A {
                    line += 1
                    lineStart = offset + 1
                }
                offset += encoded.count
            case .error:
                let start = bytes.startIndex
                let byte = bytes[bytes.index(start, offsetBy: offset)]
                let hex = String(byte, radix: 16, uppercase: true)
                let column = QuotedInput.scalarCount(utf8: bytes[bytes.index(start, offsetBy: lineStart)..<bytes.index(start, offsetBy: offset)]) + 1
                throw DataError(line: line, column: column, offset: offset,
                                message: "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" + hex : hex)); \(what) must be UTF-8 text")
            case .emptyInput:
                return
            }
        }
    }
}
