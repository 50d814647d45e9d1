/// A piece of the user's input as an error message quotes it: a name, a value, a field of a
/// data file. Cut to a few dozen characters with "…", so that a hostile 128 MB field or a
/// 4 KB name makes a message of a line, not one of its own size (printed, and written into
/// every report); and with the characters that would garble a terminal shown as U+FFFD.
public enum QuotedInput {
    /// The most characters (Unicode scalars) of one quoted piece.
    public static let maxShown = 60

    /// `text` cut to `maxShown` characters and "…", unsafe characters replaced.
    public static func shown(_ text: some StringProtocol) -> String {
        var result = String.UnicodeScalarView()
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == maxShown {
                result.append("…")
                break
            }
            result.append(isUnsafeToShow(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }

    /// The UTF-8 `bytes` as `shown(_:)` shows them (each invalid sequence as U+FFFD), decoding
    /// no more of them than it shows: quoting a 128 MB field costs a few dozen characters.
    @inlinable
    public static func shown(utf8 bytes: some Collection<UInt8>) -> String {
        var result = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var count = 0
        while true {
            let scalar: Unicode.Scalar
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded): scalar = Unicode.UTF8.decode(encoded)
            case .error: scalar = "\u{FFFD}"
            case .emptyInput: return String(result)
            }
            if count == maxShown {
                result.append("…")
                return String(result)
            }
            result.append(isUnsafeToShow(scalar) ? "\u{FFFD}" : scalar)
            count += 1
        }
    }

    /// `message` with every piece quoted between backticks longer than `maxShown` characters
    /// cut as `shown(_:)` cuts it. For messages put together where the quoted input was not
    /// cut: every message in lossmap quotes input as `this`.
    public static func shorteningQuotes(in message: String) -> String {
        guard message.unicodeScalars.count > maxShown + 2 else { return message }
        var result = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "`") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "`") else { break }
            result += rest[...open]
            let quoted = rest[afterOpen..<close]
            result += quoted.unicodeScalars.count > maxShown ? shown(quoted) : String(quoted)
            result += "`"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// C0 controls but tab, DEL, C1 controls, and the bidirectional embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069): shown, they would garble the terminal or
    /// show the text in another order than it is read.
    @inlinable
    public static func isUnsafeToShow(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// How many characters (Unicode scalars) the UTF-8 `bytes` decode to, each invalid
    /// sequence counting as one (as `String(decoding:as:)` makes it U+FFFD), without decoding
    /// them into a string: an editor's column, counted on a line of any length.
    @inlinable
    public static func scalarCount(utf8 bytes: some Collection<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var count = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid, .error: count += 1
            case .emptyInput: return count
            }
        }
    }
}
