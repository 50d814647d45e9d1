/// A magnifier (`[[inset]]`), as the report gives it.
public struct InsetReport: Codable, Sendable, Equatable {
    public var center: [Double]
    public var zoom: Double
    /// The window it shows, [low, high] per axis.
    public var w1: [Double]
    public var w2: [Double]
}
