import Dispatch
import LossmapCore

extension LossSurface {
    /// The surface's values on an `n × n` grid covering both ranges inclusive, row-major
    /// (`result[j * n + i]` is the value at the i-th w1 and the j-th w2), with positions spaced
    /// as `LossmapContour.Grid.sample` spaces them (the last one pinned to the range's end).
    ///
    /// Rows run in parallel with `DispatchQueue.concurrentPerform`; each row writes only its own
    /// slice, so the result does not depend on scheduling; each row is one
    /// `values(alongW1:w2:into:)`. This is the hot loop the benchmark
    /// times; the core cannot use `Grid` itself, as contouring is a separate module.
    public func evaluateGrid(w1 x: ClosedRange<Double>, w2 y: ClosedRange<Double>, n: Int) -> [Double] {
        evaluateGrid(w1: x, w2: y, n: n, rows: 0..<n)
    }

    /// Only the rows `rows` of the `n × n` grid, and in them every `columnStride`-th column,
    /// packed: the benchmark's sample of a grid too slow to time whole.
    public func evaluateGrid(w1 x: ClosedRange<Double>, w2 y: ClosedRange<Double>, n: Int,
                      rows: Range<Int>, columnStride: Int = 1) -> [Double] {
        precondition(n >= 2, "evaluateGrid needs at least 2 × 2 samples")
        let xs = stride(from: 0, to: n, by: columnStride).map { gridPosition($0, of: n, in: x) }
        let width = xs.count
        var values = [Double](repeating: .nan, count: width * rows.count)
        xs.withUnsafeBufferPointer { xsBuffer in
            values.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes a disjoint row of the shared buffer.
                nonisolated(unsafe) let base = buffer.baseAddress!
                nonisolated(unsafe) let xsBuffer = xsBuffer
                DispatchQueue.concurrentPerform(iterations: rows.count) { r in
                    let w2 = gridPosition(rows.lowerBound + r, of: n, in: y)
                    // A row at a time, as the scene samples its grid (`Grid.sampleRows`).
                    self.values(alongW1: xsBuffer, w2: w2, into: UnsafeMutableBufferPointer(start: base + r * width, count: width))
                }
            }
        }
        return values
    }
}

/// The k-th of `n` evenly spaced positions from `range.lowerBound` to exactly `range.upperBound`.
@inline(__always)
private func gridPosition(_ k: Int, of n: Int, in range: ClosedRange<Double>) -> Double {
    k == n - 1 ? range.upperBound : range.lowerBound + (range.upperBound - range.lowerBound) * Double(k) / Double(n - 1)
}
