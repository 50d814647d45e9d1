/// A path walked elsewhere and drawn as it was: a real optimizer's trajectory projected onto
/// the plotted plane, or the projection lossmap makes of its own network's training. Rows of
/// `w1, w2` with an optional loss; without one the loss is read off the surface.
public struct RecordedPath: Sendable, Equatable {
    /// The points in order: points[0] is where the path starts.
    public var points: [Weights]
    /// The loss at each point as recorded, or nil (then the surface's is used).
    public var losses: [Double]?

    public init(points: [Weights], losses: [Double]? = nil) {
        precondition(losses == nil || losses!.count == points.count, "RecordedPath: \(losses!.count) losses for \(points.count) points")
        self.points = points
        self.losses = losses
    }

    /// Parses CSV text of lines `w1, w2` or `w1, w2, loss` (every line the same), with the
    /// perceptron data's conventions: an optional header line, `#` comments, blank lines, a
    /// byte order mark and CRLF line ends. Errors name the line and column.
    public static func parseCSV(utf8 bytes: [UInt8], maxRows: Int) throws(DataError) -> RecordedPath {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> RecordedPath in
            var reader = CSVReader(bytes: buffer, maxRows: maxRows)
            reader.names = ["w1", "w2", "loss"]
            reader.optionalTrailing = 1
            reader.what = "path"
            try reader.validateUTF8()
            var points: [Weights] = [], losses: [Double] = []
            try reader.read { values, _, _ in
                points.append(Weights(values[0], values[1]))
                if values.count == 3 { losses.append(values[2]) }
            }
            return RecordedPath(points: points, losses: losses.isEmpty ? nil : losses)
        }
    }
}
