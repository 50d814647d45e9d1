/// A problem in a perceptron's data, with where it is.
///
/// For a CSV file, `line` is the 1-based line, `column` the 1-based column (counting Unicode
/// scalars, as editors do) and `offset` the byte offset of the spot in the file's text, ready
/// for a caret. For points given inline as a list, `line` is the 1-based number of the point
/// in the list, `column` the 1-based number of the value within the point, and `offset` nil.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the file (or number of the inline point).
    public var line: Int
    /// The 1-based column in the line (or number of the value in the inline point), if one spot is to blame.
    public var column: Int?
    /// The byte offset in the file's text, for CSV data.
    public var offset: Int?
    /// What is wrong, in the user's words.
    public var message: String

    public init(line: Int, column: Int? = nil, offset: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.offset = offset
        self.message = message
    }

    /// `LINE:COL: message` (or `LINE: message`), for logs and test failures.
    public var description: String {
        "\(line)" + (column.map { ":\($0)" } ?? "") + ": " + message
    }
}
