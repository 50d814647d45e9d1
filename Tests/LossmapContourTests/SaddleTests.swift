import Testing
@testable import LossmapContour

@Suite("Saddle cells")
struct SaddleTests {
    /// One cell, high at bottom-left and top-right (case 5), low at the other two; centre value 1.
    let saddle = gridFromRows([
        [0, 2],
        [2, 0],
    ])
    /// The same saddle the other way round (case 10).
    let mirrored = gridFromRows([
        [2, 0],
        [0, 2],
    ])

    @Test("a saddle whose centre is above the level joins the high corners")
    func centreAboveJoins() {
        // Centre 1 >= 0.5: one region from bottom-left to top-right; the isoline cuts off the two low corners.
        let polygons = MarchingSquares.superlevelSet(saddle, threshold: 0.5)
        #expect(polygons.count == 1)
        #expect(polygons[0].holes.isEmpty)
        #expect(anyContains(polygons, p(0.5, 0.5)))
        let lines = MarchingSquares.isoline(saddle, level: 0.5).lines
        #expect(lines.count == 2)
        let ends = Set(lines.map { "\($0.points.first!)->\($0.points.last!)" })
        // Around the low bottom-right corner and around the low top-left corner.
        #expect(ends == ["\(p(0.75, 0))->\(p(1, 0.25))", "\(p(0.25, 1))->\(p(0, 0.75))"])
    }

    @Test("a saddle whose centre is below the level separates the high corners")
    func centreBelowSeparates() {
        // Centre 1 < 1.5: two separate corners.
        let polygons = MarchingSquares.superlevelSet(saddle, threshold: 1.5)
        #expect(polygons.count == 2)
        #expect(!anyContains(polygons, p(0.5, 0.5)))
        #expect(anyContains(polygons, p(0.1, 0.1)))
        #expect(anyContains(polygons, p(0.9, 0.9)))
        let lines = MarchingSquares.isoline(saddle, level: 1.5).lines
        let ends = Set(lines.map { "\($0.points.first!)->\($0.points.last!)" })
        // Around the high bottom-left corner and around the high top-right corner.
        #expect(ends == ["\(p(0.25, 0))->\(p(0, 0.25))", "\(p(0.75, 1))->\(p(1, 0.75))"])
    }

    @Test("the mirrored saddle follows the same centre rule both ways")
    func mirroredSaddle() {
        let joined = MarchingSquares.superlevelSet(mirrored, threshold: 0.5)
        #expect(joined.count == 1)
        #expect(anyContains(joined, p(0.5, 0.5)))
        let separated = MarchingSquares.superlevelSet(mirrored, threshold: 1.5)
        #expect(separated.count == 2)
        #expect(!anyContains(separated, p(0.5, 0.5)))
    }

    @Test("a centre exactly at the level counts as above")
    func centreAtLevel() {
        #expect(MarchingSquares.superlevelSet(saddle, threshold: 1).count == 1)
    }

    @Test("a saddle with a masked low corner separates the high corners")
    func maskedSaddle() {
        let grid = gridFromRows([
            [.nan, 2],
            [2, 0],
        ])
        let polygons = MarchingSquares.superlevelSet(grid, threshold: 0.5)
        #expect(polygons.count == 2)
        #expect(!anyContains(polygons, p(0.5, 0.5)))
    }
}
