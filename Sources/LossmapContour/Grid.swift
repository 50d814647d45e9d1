// Samples of a loss surface on a regular grid: the input of every contouring function.

import Foundation
import LossmapThreads

/// Samples of a surface on a regular grid, in data coordinates (w1 along x, w2 along y).
///
/// Samples sit on cell corners: the first and last positions are the ends of the plotted
/// ranges, and the `(nx - 1) × (ny - 1)` cells between them are what marching squares walks.
public struct Grid: Sendable {
    /// The `nx` sample positions along x, increasing; the first and last are the range ends.
    public let xs: [Double]
    /// The `ny` sample positions along y, increasing; the first and last are the range ends.
    public let ys: [Double]
    /// Row-major samples: `values[j * nx + i]` is the value at `(xs[i], ys[j])`; may hold NaN or ±inf.
    public var values: [Double]

    /// Wraps existing samples; `values` must hold `xs.count * ys.count` numbers in row-major order.
    public init(xs: [Double], ys: [Double], values: [Double]) {
        precondition(values.count == xs.count * ys.count,
                     "Grid: \(values.count) values for \(xs.count) × \(ys.count) positions")
        precondition(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 }, "Grid: xs must be strictly increasing")
        precondition(zip(ys, ys.dropFirst()).allSatisfy { $0 < $1 }, "Grid: ys must be strictly increasing")
        self.xs = xs
        self.ys = ys
        self.values = values
    }

    /// Samples `f` at `nx × ny` evenly spaced points covering both ranges inclusive; each range
    /// must pass `canSample` (a range that does not is a programming error and traps).
    ///
    /// Rows are computed in parallel with `DispatchQueue.concurrentPerform`; each row writes
    /// only its own slice of the result, so the outcome does not depend on scheduling.
    public static func sample(
        x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int,
        _ f: @Sendable (Double, Double) -> Double
    ) -> Grid {
        sampleRows(x: x, y: y, nx: nx, ny: ny) { xs, yj, row in
            for i in 0..<xs.count { row[i] = f(xs[i], yj) }
        }
    }

    /// `sample`, a row at a time: `row(xs, y, out)` fills `out[i]` with the value at
    /// `(xs[i], y)`. For surfaces that evaluate a whole row faster than its points one by one
    /// (`LossSurface.values(alongW1:w2:into:)`); the positions are `sample`'s.
    public static func sampleRows(
        x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int,
        _ row: @Sendable (_ xs: UnsafeBufferPointer<Double>, _ y: Double, _ out: UnsafeMutableBufferPointer<Double>) -> Void
    ) -> Grid {
        precondition(nx >= 2 && ny >= 2, "Grid.sample needs at least 2 × 2 samples")
        let xs = evenlySpaced(x, count: nx)
        let ys = evenlySpaced(y, count: ny)
        var values = [Double](repeating: .nan, count: nx * ny)
        xs.withUnsafeBufferPointer { xsBuffer in
            values.withUnsafeMutableBufferPointer { buffer in
                // The base address is shared by all rows; each iteration writes a disjoint row.
                nonisolated(unsafe) let base = buffer.baseAddress!
                nonisolated(unsafe) let xsBuffer = xsBuffer
                Parallelism.perform(iterations: ny) { j in
                    row(xsBuffer, ys[j], UnsafeMutableBufferPointer(start: base + j * nx, count: nx))
                }
            }
        }
        return Grid(xs: xs, ys: ys, values: values)
    }

    /// Number of sample positions along x.
    public var nx: Int { xs.count }
    /// Number of sample positions along y.
    public var ny: Int { ys.count }

    /// The value at column `i`, row `j`.
    public subscript(i: Int, j: Int) -> Double {
        values[j * nx + i]
    }

    /// The min and max of the finite values, or nil if there are none.
    public var finiteRange: ClosedRange<Double>? {
        var lo = Double.infinity
        var hi = -Double.infinity
        for v in values where v.isFinite {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        return lo <= hi ? lo...hi : nil
    }

    /// True if any sample is NaN or ±inf; cells touching such samples are masked.
    public var hasNonFiniteValues: Bool {
        values.contains { !$0.isFinite }
    }

    /// Whether `count` evenly spaced samples across `range` are finite and strictly increasing,
    /// as `sample` requires: the span must be finite (not -1e308…1e308, whose span overflows),
    /// and the step between samples a normal number more than 8 ulps of the range's ends, so
    /// that rounding each position (at most an ulp or two) can never make two of them equal or
    /// out of order ([1, 1 + 4 ulps] at 400 samples cannot be sampled; [0, 1e-320] neither, its
    /// step being subnormal). The config refuses a window that fails this, and so does the
    /// scene for a window it computes, both at the config's file:line:col.
    public static func canSample(_ range: ClosedRange<Double>, count: Int) -> Bool {
        let span = range.upperBound - range.lowerBound
        guard range.lowerBound.isFinite, range.upperBound.isFinite, span.isFinite, span > 0, count >= 2 else { return false }
        let step = span / Double(count - 1)
        let magnitude = Swift.max(Swift.abs(range.lowerBound), Swift.abs(range.upperBound))
        return step > 8 * magnitude.ulp && step.isNormal
    }

    /// `count` positions from `range.lowerBound` to exactly `range.upperBound`.
    ///
    /// Each is `lo + span · (k / (count − 1))`: the fraction is taken first, so the product
    /// never exceeds the span. Computed as `span · k / (count − 1)`, a span above
    /// 1.8e308 / count overflowed to inf for the last positions ([0, 1e308] at 400 samples).
    static func evenlySpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let lo = range.lowerBound
        let span = range.upperBound - range.lowerBound
        return (0..<count).map { k in
            // Pin the last position to the bound so the grid ends exactly on the range.
            k == count - 1 ? range.upperBound : lo + span * (Double(k) / Double(count - 1))
        }
    }
}
