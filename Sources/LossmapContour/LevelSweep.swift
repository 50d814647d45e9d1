// Every level's isoline from one pass over the grid's cells.

import Dispatch
import LossmapThreads

extension MarchingSquares {
    /// The isoline at each of `levels`: the same lines, in the same order, as
    /// `isoline(grid, level:)` level by level, from one pass over the cells instead of one per
    /// level (see `LevelSweep`). Levels that do not ascend, or more than 250 of them, are traced
    /// one by one.
    public static func isolines(_ grid: Grid, levels: [Double]) -> [Isoline] {
        guard levels.count > 1, levels.count <= LevelSweep.maximumLevels, !levels.contains(where: \.isNaN),
              zip(levels, levels.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            return levels.map { isoline(grid, level: $0) }
        }
        return LevelSweep(grid: grid, levels: levels).isolines()
    }
}

/// Marching squares for many levels at once.
///
/// Tracing each level on its own reads every cell once per level, and with 20 levels on a
/// 400² grid that was 3.2 million cell visits, nearly all of them finding nothing. Here each
/// sample is classified once by its band (how many levels are at or below it, found by a
/// search that starts at the previous sample's band), and a cell whose four corners share a
/// band, most cells, is dismissed with one comparison. A cell whose corners span bands
/// k₀ … k₁ is crossed by exactly the levels k₀ ..< k₁, and for each its case index comes from
/// the bands (corner above level k ⇔ band > k, because the levels ascend), so each level gets
/// the very segments, in the very scan order, that its own pass would give. Rows are scanned
/// in two halves concurrently and levels stitched concurrently, each worker reusing one
/// stitcher, whose reset costs the segments it held rather than the grid's size.
struct LevelSweep {
    /// Bands are bytes, with one value kept for masked samples.
    static let maximumLevels = 250
    static let masked: UInt8 = 255

    let grid: Grid
    let levels: [Double]

    func isolines() -> [Isoline] {
        let bands = sampleBands()
        // Segments per level as (from, to) edge-id pairs, per half of the rows, in scan order.
        let cellRows = grid.ny - 1
        let halves = cellRows >= 64 ? 2 : 1
        var parts = [[[Int32]]](repeating: [], count: halves)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            Parallelism.perform(iterations: halves) { h in
                buffer[h] = segments(rows: (h * cellRows / halves)..<((h + 1) * cellRows / halves), bands: bands)
            }
        }
        let halvesDone = parts
        var result = [Isoline?](repeating: nil, count: levels.count)
        let workers = min(levels.count, 2)
        result.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            Parallelism.perform(iterations: workers) { w in
                let tracer0 = CrossingTracer(grid: grid, level: 0, mode: .isoline)
                var stitcher = SegmentStitcher(edgeCount: 2 * tracer0.paddedWidth * (grid.ny + 2))
                for k in stride(from: w, to: levels.count, by: workers) {
                    for part in halvesDone {
                        let pairs = part[k]
                        for p in stride(from: 0, to: pairs.count, by: 2) { stitcher.add(from: Int(pairs[p]), to: Int(pairs[p + 1])) }
                    }
                    let tracer = CrossingTracer(grid: grid, level: levels[k], mode: .isoline)
                    buffer[k] = MarchingSquares.isoline(from: stitcher.chains(), tracer: tracer)
                    stitcher.reset()
                }
            }
        }
        return result.enumerated().map { $1 ?? Isoline(level: levels[$0], lines: []) }
    }

    /// Each sample's band: how many levels are at or below it; `masked` for NaN and ±inf.
    func sampleBands() -> [UInt8] {
        var bands = [UInt8](repeating: Self.masked, count: grid.values.count)
        let levels = self.levels
        grid.values.withUnsafeBufferPointer { values in
            bands.withUnsafeMutableBufferPointer { bands in
                var band = 0
                for (n, v) in values.enumerated() where v.isFinite {
                    while band < levels.count && v >= levels[band] { band += 1 }
                    while band > 0 && v < levels[band - 1] { band -= 1 }
                    bands[n] = UInt8(band)
                }
            }
        }
        return bands
    }

    /// The segments of the cells in `rows` (cell rows, 0 at the bottom), per level.
    func segments(rows: Range<Int>, bands: [UInt8]) -> [[Int32]] {
        var perLevel = [[Int32]](repeating: [], count: levels.count)
        let nx = grid.nx
        let tracer = CrossingTracer(grid: grid, level: 0, mode: .isoline)
        bands.withUnsafeBufferPointer { bands in
            for j in rows {
                for i in 0..<(nx - 1) {
                    let n = j * nx + i
                    let b0 = bands[n], b1 = bands[n + 1], b2 = bands[n + nx + 1], b3 = bands[n + nx]
                    let lo = min(min(b0, b1), min(b2, b3)), hi = max(max(b0, b1), max(b2, b3))
                    // One band: no level crosses. A masked corner: no segment, as `isoline` rules.
                    if lo == hi || hi == Self.masked { continue }
                    let pi = i + 1, pj = j + 1
                    for k in Int(lo)..<Int(hi) {
                        let caseIndex = (Int(b0) > k ? 1 : 0) | (Int(b1) > k ? 2 : 0) | (Int(b2) > k ? 4 : 0) | (Int(b3) > k ? 8 : 0)
                        var cellSegments = CrossingTracer.cases[caseIndex]
                        if caseIndex == 5 || caseIndex == 10 {
                            let level = CrossingTracer(grid: grid, level: levels[k], mode: .isoline)
                            if level.isCentreAbove(grid.values[n], grid.values[n + 1], grid.values[n + nx + 1], grid.values[n + nx]),
                               let joined = CrossingTracer.saddleJoined[caseIndex] {
                                cellSegments = joined
                            }
                        }
                        for segment in cellSegments {
                            perLevel[k].append(Int32(tracer.edgeID(segment.from, pi, pj)))
                            perLevel[k].append(Int32(tracer.edgeID(segment.to, pi, pj)))
                        }
                    }
                }
            }
        }
        return perLevel
    }
}
