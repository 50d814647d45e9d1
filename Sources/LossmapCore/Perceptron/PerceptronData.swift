/// The data a perceptron is trained on: points (x1, x2) with targets y.
///
/// Stored as a struct of arrays, so the loss loops run over three contiguous columns.
public struct PerceptronData: Sendable, Equatable {
    /// The first input of every point.
    public private(set) var x1: [Double]
    /// The second input of every point.
    public private(set) var x2: [Double]
    /// The target of every point.
    public private(set) var y: [Double]
    /// Where each point's target came from, for errors about it (empty for generated data).
    var targetPositions: [TargetPosition]

    /// The number of points.
    public var count: Int { y.count }

    /// Points given inline as `[[x1, x2, y], …]`, as a config lists them. Errors name the
    /// point's number in the list as their `line` and the value's number as their `column`.
    public init(points: [[Double]]) throws(DataError) {
        guard !points.isEmpty else {
            throw DataError(line: 1, message: "no data points: give at least one [x1, x2, y]")
        }
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        x1.reserveCapacity(points.count)
        x2.reserveCapacity(points.count)
        y.reserveCapacity(points.count)
        var positions: [TargetPosition] = []
        for (index, point) in points.enumerated() {
            let number = index + 1
            guard point.count == 3 else {
                throw DataError(line: number, message: "point \(number) has \(point.count) value\(point.count == 1 ? "" : "s"); expected 3 (x1, x2, y)")
            }
            for (k, value) in point.enumerated() where !value.isFinite {
                throw DataError(line: number, column: k + 1, message: "value \(k + 1) of point \(number) is not a finite number")
            }
            x1.append(point[0])
            x2.append(point[1])
            y.append(point[2])
            positions.append(TargetPosition(line: number, column: 3, offset: nil))
        }
        self.init(x1: x1, x2: x2, y: y, targetPositions: positions)
    }

    /// Columns built by a program (a benchmark, a test): all three must have the same length.
    public init(x1: [Double], x2: [Double], y: [Double]) {
        self.init(x1: x1, x2: x2, y: y, targetPositions: [])
    }

    init(x1: [Double], x2: [Double], y: [Double], targetPositions: [TargetPosition]) {
        precondition(x1.count == y.count && x2.count == y.count, "PerceptronData: columns of different lengths")
        self.x1 = x1
        self.x2 = x2
        self.y = y
        self.targetPositions = targetPositions
    }

    /// Checks that the targets suit `loss`: cross-entropy needs every y in [0, 1].
    /// The error names the first offending point's line (and the target's column).
    public func validateTargets(for loss: PerceptronLoss) throws(DataError) {
        guard loss == .crossEntropy else { return }
        for (i, target) in y.enumerated() where !(0...1).contains(target) {
            let position = i < targetPositions.count ? targetPositions[i] : TargetPosition(line: i + 1, column: 3, offset: nil)
            throw DataError(line: position.line, column: position.column, offset: position.offset,
                            message: "target y = \(Self.format(target)) is outside [0, 1]; cross-entropy needs targets between 0 and 1 (class labels 0 or 1)")
        }
    }

    /// `3` rather than `3.0` for whole numbers, as the user most likely wrote them.
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// Equal when the points are equal, wherever they came from.
    public static func == (a: PerceptronData, b: PerceptronData) -> Bool {
        a.x1 == b.x1 && a.x2 == b.x2 && a.y == b.y
    }
}

/// Where a point's target was written, for an error about it: 16 bytes a row, so that a
/// million rows keep their positions in 16 MB (a `DataError` a row took 64).
struct TargetPosition: Sendable {
    private var storedLine: Int32
    private var storedColumn: Int32
    /// −1 for none (inline points).
    private var storedOffset: Int

    init(line: Int, column: Int, offset: Int?) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        storedOffset = offset ?? -1
    }

    /// The 1-based line of the file (or number of the inline point).
    var line: Int { Int(storedLine) }
    /// The 1-based column of the target in its line (3 for an inline point).
    var column: Int { Int(storedColumn) }
    /// The target's byte offset in the file's text; nil for inline points.
    var offset: Int? { storedOffset >= 0 ? storedOffset : nil }
}
