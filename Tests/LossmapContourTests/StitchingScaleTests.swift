import Foundation
import Testing
@testable import LossmapContour

@Suite("Stitching at scale")
struct StitchingScaleTests {
    /// A rippled bowl on 400 × 400: hundreds of rings per level, many touching the boundary.
    static let grid = Grid.sample(x: -2...2, y: -2...2, nx: 400, ny: 400) { x, y in
        0.1 * (x * x + y * y) + sin(9 * x) * cos(7 * y) + 0.3 * sin(23 * (x + y))
    }

    func isInsideBounds(_ point: Point2D) -> Bool {
        point.x >= -2 && point.x <= 2 && point.y >= -2 && point.y <= 2
    }

    @Test("isolines of a rippled surface are consistent on a 400 × 400 grid")
    func isolinesAtScale() {
        var pointCount = 0
        for level in [-1.0, -0.3, 0, 0.4, 1.1] {
            for line in MarchingSquares.isoline(Self.grid, level: level).lines {
                pointCount += line.points.count
                #expect(line.points.allSatisfy(isInsideBounds))
                if line.isClosed {
                    #expect(line.points.count >= 3)
                    #expect(line.points.first != line.points.last)
                } else {
                    // Without masked cells an open line can only end on the boundary.
                    for end in [line.points.first!, line.points.last!] {
                        #expect(abs(end.x) == 2 || abs(end.y) == 2, "open line ends inside at \(end)")
                    }
                }
            }
        }
        #expect(pointCount > 20_000)
    }

    @Test("superlevel sets and bands of a rippled surface are consistent on a 400 × 400 grid")
    func polygonsAtScale() {
        var pointCount = 0
        var ringCount = 0
        for level in [-0.5, 0.2, 0.9] {
            let polygons = MarchingSquares.superlevelSet(Self.grid, threshold: level)
            ringCount += polygons.count + polygons.map(\.holes.count).reduce(0, +)
            for polygon in polygons {
                pointCount += polygon.exterior.count + polygon.holes.map(\.count).reduce(0, +)
                #expect(polygon.exterior.count >= 3)
                #expect(polygon.exterior.first != polygon.exterior.last)
                #expect(ContourPolygon.signedArea(polygon.exterior) > 0)
                #expect(polygon.holes.allSatisfy { ContourPolygon.signedArea($0) < 0 })
                #expect(polygon.exterior.allSatisfy(isInsideBounds))
            }
        }
        #expect(ringCount > 50)
        #expect(pointCount > 20_000)
        // The bands from -inf to +inf tile the grid's square.
        let bands = Bands.bands(Self.grid, levels: [-.infinity, -0.5, 0.2, 0.9, .infinity])
        let area = bands.map { $0.polygons.reduce(0) { $0 + $1.area } }.reduce(0, +)
        #expect(abs(area - 16) < 1e-9)
    }
}
