/// One lexical unit of a TOML document, with the byte range it was read from.
///
/// Whitespace and comments never become tokens: the lexer skips (and checks) them, so the
/// parser only sees what carries meaning. Line ends do become tokens, because TOML is
/// line-oriented: a key/value pair or a table header must end its line.
struct TOMLToken: Equatable {
    enum Kind: Equatable {
        /// A line feed (or CR LF) outside of a string.
        case newline
        /// The end of the document.
        case end
        case equals
        case dot
        case comma
        case openBracket
        case closeBracket
        case openBrace
        case closeBrace
        /// A bare key: `[A-Za-z0-9_-]+` (only lexed where a key is expected).
        case bareKey(String)
        /// A string of any of the four kinds, with escapes already resolved.
        case string(String, TOMLStringStyle)
        /// The raw text of a number, boolean, or date/time (only lexed where a value is
        /// expected); `TOMLScalar` decides what it is.
        case scalar(String)
        /// One character that starts no token here (e.g. `+` where a key is expected);
        /// the parser reports it, since it knows what it expected instead.
        case unknown(String)
    }

    var kind: Kind
    var span: Range<Int>
}

/// Which of TOML's four string syntaxes a string token was written in.
enum TOMLStringStyle: Equatable {
    case basic, literal, multilineBasic, multilineLiteral

    var isMultiline: Bool { self == .multilineBasic || self == .multilineLiteral }
}

/// What the parser expects next; TOML's bare keys and unquoted values overlap
/// (`1.5` is two keys in `1.5 = x` but one float in `x = 1.5`), so the parser tells the lexer.
enum TOMLLexMode {
    case key
    case value
}
