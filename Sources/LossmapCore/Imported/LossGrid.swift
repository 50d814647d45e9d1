/// A loss sampled on a rectangular grid, as an imported file gives it: the values at every
/// (w1[j], w2[i]), rows running along w2 and columns along w1, the convention of numpy's
/// `meshgrid` and matplotlib's `contour`: `values[i * w1.count + j] = f(w1[j], w2[i])`.
///
/// Both coordinate axes are strictly increasing (readers flip a decreasing axis, and its rows
/// or columns with it). A cell may be NaN: the loss is unknown there, and the map is hatched.
public struct LossGrid: Sendable, Equatable {
    /// The w1 coordinate of each column, strictly increasing.
    public private(set) var w1: [Double]
    /// The w2 coordinate of each row, strictly increasing.
    public private(set) var w2: [Double]
    /// Row-major: `values[i * w1.count + j] = f(w1[j], w2[i])`; NaN where unknown.
    public private(set) var values: [Double]

    /// The fewest samples per axis: bicubic interpolation takes its slopes from four neighbours.
    public static let minimumSamples = 4

    /// A grid whose axes are checked: each at least `minimumSamples` long, finite, strictly
    /// monotonic (a decreasing axis is reversed, with its rows or columns), and `values` exactly
    /// `w1.count × w2.count` long with no infinite value (NaN is allowed and means unknown).
    /// The error says which of these failed, in the user's words.
    public init(w1: [Double], w2: [Double], values: [Double]) throws(LossGridError) {
        for (name, axis) in [("w1", w1), ("w2", w2)] {
            guard axis.count >= Self.minimumSamples else {
                throw LossGridError("the \(name) axis has \(axis.count) sample\(axis.count == 1 ? "" : "s"); bicubic interpolation needs at least \(Self.minimumSamples)")
            }
            if let bad = axis.firstIndex(where: { !$0.isFinite }) {
                throw LossGridError("\(name) coordinate \(bad + 1) is not a finite number")
            }
        }
        guard values.count == w1.count * w2.count else {
            throw LossGridError("the grid holds \(values.count) values, but its coordinates make \(w2.count) rows × \(w1.count) columns = \(w1.count * w2.count)")
        }
        if let bad = values.firstIndex(where: { $0.isInfinite }) {
            throw LossGridError("the value in row \(bad / w1.count + 1), column \(bad % w1.count + 1) is infinite; use NaN for an unknown loss")
        }
        var w1 = w1, w2 = w2, values = values
        let columns = w1.count, rows = w2.count
        if w1[1] < w1[0] {
            w1.reverse()
            for i in 0..<rows { values[(i * columns)..<((i + 1) * columns)].reverse() }
        }
        if w2[1] < w2[0] {
            w2.reverse()
            var flipped = [Double](repeating: 0, count: values.count)
            for i in 0..<rows {
                let from = (rows - 1 - i) * columns
                flipped.replaceSubrange((i * columns)..<((i + 1) * columns), with: values[from..<(from + columns)])
            }
            values = flipped
        }
        for (name, axis) in [("w1", w1), ("w2", w2)] {
            for k in 1..<axis.count where !(axis[k] > axis[k - 1]) {
                throw LossGridError("the \(name) coordinates must increase (or decrease) strictly; coordinate \(k + 1), \(axis[k]), follows \(axis[k - 1])")
            }
        }
        self.w1 = w1
        self.w2 = w2
        self.values = values
    }

    /// The value at row `i` (along w2), column `j` (along w1).
    @inlinable public func value(row i: Int, column j: Int) -> Double { values[i * w1.count + j] }

    /// The plotted window the grid covers.
    public var w1Range: ClosedRange<Double> { w1[0]...w1[w1.count - 1] }
    public var w2Range: ClosedRange<Double> { w2[0]...w2[w2.count - 1] }
}

/// Why a loss grid cannot be built or read, in the user's words (the caller adds the file).
public struct LossGridError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
