import Foundation
import Testing
@testable import LossmapContour
import LossmapThreads

/// All levels' isolines from one pass must be exactly what tracing each level on its own gives.
@Suite("All levels in one pass")
struct LevelSweepTests {
    /// A deterministic pseudo-random grid with saddles, plateaus at level values, NaN and ±inf.
    func grid(nx: Int, ny: Int, seed: UInt64, holes: Bool) -> Grid {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let xs = (0..<nx).map { Double($0) }, ys = (0..<ny).map { Double($0) * 0.5 }
        var values: [Double] = []
        for j in 0..<ny {
            for i in 0..<nx {
                let smooth = sin(Double(i) * 0.7) * cos(Double(j) * 0.5) * 3
                var v = smooth + next() - 0.5
                let r = next()
                if r < 0.08 { v = (v * 2).rounded() / 2 }  // exactly on a level
                if holes, r > 0.96 { v = r > 0.99 ? .infinity : .nan }
                values.append(v)
            }
        }
        return Grid(xs: xs, ys: ys, values: values)
    }

    func same(_ a: [Isoline], _ b: [Isoline]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.level == y.level && x.lines.count == y.lines.count && zip(x.lines, y.lines).allSatisfy { $0.points == $1.points && $0.isClosed == $1.isClosed }
        }
    }

    @Test("one pass equals a pass per level, line for line and point for point", arguments: [
        (7, 5, 1 as UInt64, false), (40, 33, 2, true), (150, 90, 3, true), (200, 201, 4, false), (2, 2, 5, false),
    ])
    func equalsPerLevel(nx: Int, ny: Int, seed: UInt64, holes: Bool) {
        let g = grid(nx: nx, ny: ny, seed: seed, holes: holes)
        let levels = stride(from: -3.5, through: 3.5, by: 0.5).map { $0 }
        let perLevel = levels.map { MarchingSquares.isoline(g, level: $0) }
        let swept = MarchingSquares.isolines(g, levels: levels)
        #expect(same(swept, perLevel))
        #expect(swept.contains { !$0.lines.isEmpty } || nx * ny < 10, "the test grid must have isolines")
    }

    @Test("levels out of order, or repeated, still give each level's own isoline")
    func unorderedLevels() {
        let g = grid(nx: 30, ny: 30, seed: 9, holes: true)
        for levels in [[1.0, -1, 0.5], [0.5, 0.5, 1], [-10.0, 10]] {
            #expect(same(MarchingSquares.isolines(g, levels: levels), levels.map { MarchingSquares.isoline(g, level: $0) }))
        }
    }

    @Test("one thread or two, the same isolines and the same grid")
    func threadBudget() {
        let g = grid(nx: 150, ny: 140, seed: 7, holes: true)
        let levels = stride(from: -3.0, through: 3.0, by: 0.5).map { $0 }
        let before = Parallelism.threads
        defer { Parallelism.threads = before }
        Parallelism.threads = 1
        let serial = MarchingSquares.isolines(g, levels: levels)
        let serialGrid = Grid.sample(x: 0...1, y: 0...2, nx: 90, ny: 70) { sin($0 * 7) + $1 }
        Parallelism.threads = 2
        #expect(same(serial, MarchingSquares.isolines(g, levels: levels)))
        #expect(serialGrid.values == Grid.sample(x: 0...1, y: 0...2, nx: 90, ny: 70) { sin($0 * 7) + $1 }.values)
    }

    @Test("a stitcher reused after reset stitches the next level as a new one would")
    func stitcherReuse() {
        var reused = SegmentStitcher(edgeCount: 16)
        reused.add(from: 1, to: 2); reused.add(from: 2, to: 3)
        _ = reused.chains()
        reused.reset()
        reused.add(from: 3, to: 2); reused.add(from: 2, to: 1); reused.add(from: 1, to: 3)
        let chains = reused.chains()
        #expect(chains.open.isEmpty && chains.closed == [[3, 2, 1]])
    }
}
