/// A network that cannot be built as asked: a wrong number of inputs, outputs or layers, or a
/// layer too narrow or too wide. The message says what to change.
public struct NetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in the user's words.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
