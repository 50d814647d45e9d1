/// A mistake in a formula, with where it is: the message, the position and a hint kept apart
/// so the config layer can print `FILE:LINE:COL: error: message`, a caret, and the hint.
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// UTF-8 byte offset of the offending spot within the expression (0 = its first byte;
    /// the expression's length for "ended too early").
    public var offset: Int
    /// How many bytes the offending token spans (at least 1, for the caret line).
    public var length: Int
    /// What is wrong, in the user's words.
    public var message: String
    /// What would be right, when there is something to suggest ("did you mean `sqrt`?").
    public var hint: String?

    /// The formula's text quoted in `message` and `hint` between backticks (a name, a number,
    /// a character) is cut to a few dozen characters (`QuotedInput.shorteningQuotes`): a
    /// formula may be 4 KB long, and so may one name in it.
    public init(offset: Int, length: Int = 1, message: String, hint: String? = nil) {
        self.offset = offset
        self.length = max(1, length)
        self.message = QuotedInput.shorteningQuotes(in: message)
        self.hint = hint.map(QuotedInput.shorteningQuotes(in:))
    }

    /// `offset N: message (hint)`, for logs and test failures.
    public var description: String {
        "offset \(offset): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
