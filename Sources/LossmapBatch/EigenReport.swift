/// The Hessian's eigen-directions (`eigen = true`), as the report gives them.
public struct EigenReport: Codable, Sendable, Equatable {
    public var point: [Double]
    /// Smaller first, with their unit vectors in the same order.
    public var eigenvalues: [Double]
    public var eigenvectors: [[Double]]
    /// The contour level whose ellipse the axes span, and its semi-axes along each vector.
    public var level: Double
    public var semiAxes: [Double]
    /// Per run, in run order: its factor per step along each direction (null for a method
    /// that has none).
    public var factors: [[Double?]]

    enum CodingKeys: String, CodingKey {
        case point, eigenvalues, eigenvectors, level, factors
        case semiAxes = "semi_axes"
    }
}
