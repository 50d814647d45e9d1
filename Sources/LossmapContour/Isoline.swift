// Isolines: the curves where the surface crosses one level.

/// A piece of an isoline: a closed ring, or an open line ending on the grid boundary or at a masked cell.
///
/// Closed rings are not repeated-closed: the first point is not appended again at the end.
/// Lines run with higher values on their left (y up), so closed rings around a peak are counter-clockwise.
public struct Polyline: Sendable, Equatable {
    /// The vertices in data coordinates.
    public var points: [Point2D]
    /// True if the last point connects back to the first.
    public var isClosed: Bool

    /// Creates a polyline from its vertices.
    public init(points: [Point2D], isClosed: Bool) {
        self.points = points
        self.isClosed = isClosed
    }
}

/// All the pieces of the isoline at one level.
public struct Isoline: Sendable {
    /// The surface value the isoline follows.
    public var level: Double
    /// Its closed rings and open lines.
    public var lines: [Polyline]

    /// Creates an isoline from its pieces.
    public init(level: Double, lines: [Polyline]) {
        self.level = level
        self.lines = lines
    }
}
