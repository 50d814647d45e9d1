// A point in data coordinates (w1 along x, w2 along y, y pointing up).

/// A point in the data coordinates of a surface: x is the first weight (w1), y the second (w2).
public struct Point2D: Sendable, Equatable {
    /// Position along the first weight axis.
    public var x: Double
    /// Position along the second weight axis.
    public var y: Double

    /// Creates a point from its two coordinates.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
