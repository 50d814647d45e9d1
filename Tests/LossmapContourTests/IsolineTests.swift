import Testing
@testable import LossmapContour

@Suite("Isolines")
struct IsolineTests {
    /// A single peak of 4 in the middle of a 3 × 3 grid, with different neighbours so the interpolation shows.
    let peak = gridFromRows([
        [0, 0, 0],
        [0, 4, 2],
        [0, 1, 0],
    ])

    @Test("a single peak gives one closed ring around it through the interpolated crossings")
    func singlePeak() {
        let isoline = MarchingSquares.isoline(peak, level: 3)
        #expect(isoline.lines.count == 1)
        let line = isoline.lines[0]
        #expect(line.isClosed)
        // Level 3 is crossed 3/4 of the way from the left 0 to the 4, half way from the 4 to the right 2,
        // 2/3 of the way from the 1 below to the 4, and 1/4 of the way from the 4 to the 0 above.
        let expected = [p(1.5, 1), p(1, 1.25), p(0.75, 1), p(1, 2.0 / 3)]
        #expect(sameRing(line.points, expected, sameDirection: true), "got \(line.points)")
        // Higher values on the left: a ring around a peak runs counter-clockwise.
        #expect(ContourPolygon.signedArea(line.points) > 0)
    }

    @Test("a level outside the values gives no isoline")
    func levelOutsideValues() {
        #expect(MarchingSquares.isoline(peak, level: 10).lines.isEmpty)
        #expect(MarchingSquares.isoline(peak, level: -1).lines.isEmpty)
        #expect(MarchingSquares.isoline(peak, level: .nan).lines.isEmpty)
    }

    @Test("an isoline crossing the grid is an open line ending on the boundary")
    func openLine() {
        // value = x: the isoline at 1.5 is the vertical line x = 1.5.
        let ramp = gridFromRows(Array(repeating: [0, 1, 2, 3], count: 4))
        let lines = MarchingSquares.isoline(ramp, level: 1.5).lines
        #expect(lines.count == 1)
        #expect(lines[0].isClosed == false)
        // Higher values (larger x) on the left means running downwards.
        #expect(lines[0].points == [p(1.5, 3), p(1.5, 2), p(1.5, 1), p(1.5, 0)])
    }

    @Test("an isoline stops at a masked cell")
    func stopsAtNaN() {
        var rows = Array(repeating: [0.0, 1, 2, 3], count: 4)
        rows[2][2] = .nan  // the sample at (2, 1): the four cells around it are masked
        let grid = gridFromRows(rows)
        let lines = MarchingSquares.isoline(grid, level: 1.5).lines
        // Only the cell between y = 2 and y = 3 is left on x = 1.5.
        #expect(lines.count == 1)
        #expect(lines[0].isClosed == false)
        #expect(lines[0].points == [p(1.5, 3), p(1.5, 2)])
    }

    @Test("an infinite sample masks its cells like NaN")
    func infinityIsMasked() {
        var rows = Array(repeating: [0.0, 1, 2, 3], count: 4)
        rows[2][2] = .infinity
        let lines = MarchingSquares.isoline(gridFromRows(rows), level: 1.5).lines
        #expect(lines.map(\.points) == [[p(1.5, 3), p(1.5, 2)]])
    }

    @Test("a corner exactly at the level counts as above")
    func cornerAtLevel() {
        let grid = gridFromRows([
            [0, 0, 0],
            [0, 1, 0],
            [0, 0, 0],
        ])
        // Only the centre is >= 1, and it is exactly 1: the ring collapses onto the centre and is dropped.
        #expect(MarchingSquares.isoline(grid, level: 1).lines.isEmpty)
        // Everything is >= 0: no crossing at all.
        #expect(MarchingSquares.isoline(grid, level: 0).lines.isEmpty)
    }
}

@Suite struct HugeValueTests {
    @Test("values near the largest double still interpolate: the superlevel set is not lost to NaN")
    func hugeValues() {
        // Left column −1.7e308, right column +1.7e308: (level − va) overflows without care.
        let grid = Grid(xs: [0, 1, 2], ys: [0, 1], values: [-1.7e308, 1.7e308, 1.7e308, -1.7e308, 1.7e308, 1.7e308])
        let polygons = MarchingSquares.superlevelSet(grid, threshold: 1.5e308)
        #expect(polygons.count == 1)
        #expect(polygons.allSatisfy { $0.exterior.allSatisfy { $0.x.isFinite && $0.y.isFinite } })
        // The crossing on the bottom edge sits where linear interpolation puts it: 3.2/3.4.
        let xs = polygons.flatMap { $0.exterior.map(\.x) }
        #expect(xs.contains { abs($0 - 3.2 / 3.4) < 1e-9 })
    }
}
