import Testing
@testable import LossmapContour

@Suite("Superlevel sets")
struct SuperlevelSetTests {
    @Test("a single peak gives one polygon whose ring is the isoline's")
    func singlePeak() {
        let grid = gridFromRows([
            [0, 0, 0],
            [0, 4, 2],
            [0, 1, 0],
        ])
        let polygons = MarchingSquares.superlevelSet(grid, threshold: 3)
        #expect(polygons.count == 1)
        #expect(polygons[0].holes.isEmpty)
        let expected = [p(1.5, 1), p(1, 1.25), p(0.75, 1), p(1, 2.0 / 3)]
        #expect(sameRing(polygons[0].exterior, expected, sameDirection: true))
    }

    @Test("a ridge ring around a low centre gives one polygon with exactly one hole")
    func ringWithHole() {
        let grid = gridFromRows([
            [0, 0, 0, 0, 0],
            [0, 2, 2, 2, 0],
            [0, 2, 0, 2, 0],
            [0, 2, 2, 2, 0],
            [0, 0, 0, 0, 0],
        ])
        let polygons = MarchingSquares.superlevelSet(grid, threshold: 1)
        #expect(polygons.count == 1)
        #expect(polygons[0].holes.count == 1)
        let exterior = [p(1, 0.5), p(2, 0.5), p(3, 0.5), p(3.5, 1), p(3.5, 2), p(3.5, 3),
                        p(3, 3.5), p(2, 3.5), p(1, 3.5), p(0.5, 3), p(0.5, 2), p(0.5, 1)]
        #expect(sameRing(polygons[0].exterior, exterior), "got \(polygons[0].exterior)")
        #expect(sameRing(polygons[0].holes[0], [p(1.5, 2), p(2, 2.5), p(2.5, 2), p(2, 1.5)]))
        #expect(ContourPolygon.signedArea(polygons[0].exterior) > 0)
        #expect(ContourPolygon.signedArea(polygons[0].holes[0]) < 0)
        #expect(polygons[0].contains(p(1, 2)))
        #expect(!polygons[0].contains(p(2, 2)))
        #expect(!polygons[0].contains(p(0.2, 0.2)))
    }

    @Test("a hole goes to the innermost polygon that contains it")
    func nestedRings() {
        // Square rings around the centre (4, 4), by Chebyshev distance: 0 low, 1 high, 2 low, 3 and 4 high.
        let byDistance: [Double] = [0, 5, 0, 5, 5]
        let values = (0..<9).flatMap { j in (0..<9).map { i in byDistance[max(abs(i - 4), abs(j - 4))] } }
        let positions = (0..<9).map(Double.init)
        let grid = Grid(xs: positions, ys: positions, values: values)
        let polygons = MarchingSquares.superlevelSet(grid, threshold: 1)
        #expect(polygons.count == 2)
        let outer = polygons.max { $0.area < $1.area }!
        let island = polygons.min { $0.area < $1.area }!
        #expect(outer.holes.count == 1)
        #expect(island.holes.count == 1)
        // The centre's hole (level 1 is 1/5 of the way from its 0 to the 5s) is inside both exteriors,
        // and must belong to the island.
        #expect(sameRing(island.holes[0], [p(3.8, 4), p(4, 4.2), p(4.2, 4), p(4, 3.8)]))
        #expect(sameRing(outer.exterior, [p(0, 0), p(8, 0), p(8, 8), p(0, 8)]))
        #expect(anyContains(polygons, p(3, 4)) == true)   // the high ring at distance 1
        #expect(anyContains(polygons, p(4, 4)) == false)  // the low centre
        #expect(anyContains(polygons, p(2, 4)) == false)  // the low ring at distance 2
        #expect(anyContains(polygons, p(0.5, 4)) == true) // the high outside
    }

    @Test("a level below every value gives the whole grid rectangle")
    func levelBelowEverything() {
        let grid = gridFromRows([
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
        ])
        let polygons = MarchingSquares.superlevelSet(grid, threshold: 0)
        #expect(polygons.count == 1)
        #expect(polygons[0].holes.isEmpty)
        #expect(sameRing(polygons[0].exterior, [p(0, 0), p(2, 0), p(2, 2), p(0, 2)], sameDirection: true))
        #expect(abs(polygons[0].area - 4) < 1e-12)
        // The lowest value exactly at the level is still above it (>=).
        #expect(sameRing(MarchingSquares.superlevelSet(grid, threshold: 1)[0].exterior,
                         [p(0, 0), p(2, 0), p(2, 2), p(0, 2)]))
    }

    @Test("a level above every value gives nothing")
    func levelAboveEverything() {
        let grid = gridFromRows([
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
        ])
        #expect(MarchingSquares.superlevelSet(grid, threshold: 10).isEmpty)
        #expect(MarchingSquares.superlevelSet(grid, threshold: .infinity).isEmpty)
        #expect(MarchingSquares.superlevelSet(grid, threshold: .nan).isEmpty)
    }

    @Test("a region touching the boundary is clipped at it")
    func clippedAtBoundary() {
        // value = x on [0, 3]: the set x >= 1.5 is the rectangle [1.5, 3] × [0, 3]. Runs along the grid
        // boundary keep only their ends; the interior side keeps a vertex per crossing, like the isoline.
        let ramp = gridFromRows(Array(repeating: [0, 1, 2, 3], count: 4))
        let polygons = MarchingSquares.superlevelSet(ramp, threshold: 1.5)
        #expect(polygons.count == 1)
        #expect(sameRing(polygons[0].exterior, [p(1.5, 0), p(3, 0), p(3, 3), p(1.5, 3), p(1.5, 2), p(1.5, 1)],
                         sameDirection: true),
                "got \(polygons[0].exterior)")
    }

    @Test("NaN cells are never inside a superlevel polygon")
    func nanNeverInside() {
        var rows = Array(repeating: [0.0, 1, 2, 3], count: 4)
        rows[2][2] = .nan  // the sample at (2, 1)
        let grid = gridFromRows(rows)
        #expect(grid.hasNonFiniteValues)
        for threshold in [-1.0, 0.5, 1.5] {
            let polygons = MarchingSquares.superlevelSet(grid, threshold: threshold)
            // Crossings next to the NaN sit at edge midpoints, so the diamond |x - 2| + |y - 1| < 0.5 is excluded.
            for dx in stride(from: -0.45, through: 0.45, by: 0.05) {
                for dy in stride(from: -0.45, through: 0.45, by: 0.05) where abs(dx) + abs(dy) < 0.49 {
                    #expect(!anyContains(polygons, p(2 + dx, 1 + dy)), "threshold \(threshold) at \(dx), \(dy)")
                }
            }
            for polygon in polygons {
                #expect(ContourPolygon.signedArea(polygon.exterior) > 0)
                #expect(polygon.holes.allSatisfy { ContourPolygon.signedArea($0) < 0 })
            }
        }
        // The masked diamond goes around the NaN through the edge midpoints.
        let all = MarchingSquares.superlevelSet(grid, threshold: -1)
        #expect(all.count == 1)
        #expect(all[0].holes.count == 1)
        #expect(sameRing(all[0].holes[0], [p(1.5, 1), p(2, 0.5), p(2.5, 1), p(2, 1.5)]))
        #expect(abs(all[0].area - (9 - 0.5)) < 1e-12)
        // At 1.5 the region x >= 1.5 loses the half of the diamond right of x = 1.5 ... and the point (2.9, 1) stays in.
        let half = MarchingSquares.superlevelSet(grid, threshold: 1.5)
        #expect(anyContains(half, p(2.9, 1)))
        #expect(anyContains(half, p(2, 2.2)))
        #expect(!anyContains(half, p(1, 1)))
    }

    @Test("a NaN on the grid boundary bites into the region's edge")
    func nanOnBoundary() {
        let grid = gridFromRows([
            [1, 1, 1],
            [1, 1, 1],
            [.nan, 1, 1],
        ])
        let polygons = MarchingSquares.superlevelSet(grid, threshold: 0)
        #expect(polygons.count == 1)
        #expect(polygons[0].holes.isEmpty)
        #expect(sameRing(polygons[0].exterior, [p(0.5, 0), p(2, 0), p(2, 2), p(0, 2), p(0, 0.5)]))
        #expect(!polygons[0].contains(p(0.1, 0.1)))
    }

    @Test("the defined region leaves out exactly the masked cells' corners")
    func definedRegion() {
        let grid = gridFromRows([
            [1, 1, 1, 1],
            [1, .infinity, 1, 1],
            [1, 1, 1, 1],
            [1, 1, 1, 1],
        ])
        let region = MarchingSquares.definedRegion(grid)
        #expect(region.count == 1)
        #expect(region[0].holes.count == 1)
        #expect(sameRing(region[0].holes[0], [p(0.5, 2), p(1, 1.5), p(1.5, 2), p(1, 2.5)]))
        #expect(!region[0].contains(p(1, 2)))
        // Without masked samples it is the whole rectangle.
        let clean = MarchingSquares.definedRegion(gridFromRows([[1, 2], [3, 4]]))
        #expect(clean.count == 1 && sameRing(clean[0].exterior, [p(0, 0), p(1, 0), p(1, 1), p(0, 1)]))
        // With nothing defined it is empty.
        #expect(MarchingSquares.definedRegion(gridFromRows([[.nan, .nan], [.nan, .nan]])).isEmpty)
    }
}
