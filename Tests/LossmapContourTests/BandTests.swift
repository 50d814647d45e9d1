import Foundation
import Testing
@testable import LossmapContour

@Suite("Bands")
struct BandTests {
    /// -(x² + y²) on [-1, 1]², 50 × 50: the superlevel set at -r² is the disc of radius r.
    let bowl = Grid.sample(x: -1...1, y: -1...1, nx: 50, ny: 50) { x, y in -(x * x + y * y) }

    @Test("a superlevel set of a paraboloid has the area of the disc, within 1%")
    func discArea() {
        for r in [0.3, 0.5, 0.8] {
            let polygons = MarchingSquares.superlevelSet(bowl, threshold: -r * r)
            #expect(polygons.count == 1)
            let area = totalArea(polygons)
            #expect(abs(area - .pi * r * r) < 0.01 * .pi * r * r, "r = \(r): \(area)")
        }
    }

    @Test("a band's area is the lower set's area minus the upper set's")
    func bandArea() {
        let levels = [-0.64, -0.25, -0.09]
        let bands = Bands.bands(bowl, levels: levels)
        #expect(bands.count == 2)
        for (band, (lower, upper)) in zip(bands, zip(levels, levels.dropFirst())) {
            #expect(band.lower == lower && band.upper == upper)
            let expected = totalArea(MarchingSquares.superlevelSet(bowl, threshold: lower))
                - totalArea(MarchingSquares.superlevelSet(bowl, threshold: upper))
            #expect(abs(totalArea(band.polygons) - expected) < 1e-12)
            let annulus = Double.pi * (-lower + upper)
            #expect(abs(totalArea(band.polygons) - annulus) < 0.01 * annulus)
            // An annulus: one polygon with one hole, oriented like every polygon.
            #expect(band.polygons.count == 1)
            #expect(band.polygons[0].holes.count == 1)
            #expect(ContourPolygon.signedArea(band.polygons[0].exterior) > 0)
            #expect(ContourPolygon.signedArea(band.polygons[0].holes[0]) < 0)
        }
        #expect(bands[0].polygons[0].contains(p(0.65, 0)))
        #expect(!bands[0].polygons[0].contains(p(0.4, 0)))
        #expect(!bands[0].polygons[0].contains(p(0.9, 0)))
    }

    @Test("bands from -infinity to +infinity tile the defined region")
    func bandsTile() {
        var values = bowl.values
        values[25 * 50 + 10] = .nan
        let grid = Grid(xs: bowl.xs, ys: bowl.ys, values: values)
        let bands = Bands.bands(grid, levels: [.infinity, -0.5, -.infinity, -0.1, -0.5, .nan])
        // Sorted, without the repeated level and the NaN.
        #expect(bands.map(\.lower) == [-.infinity, -0.5, -0.1])
        #expect(bands.map(\.upper) == [-0.5, -0.1, .infinity])
        let defined = totalArea(MarchingSquares.definedRegion(grid))
        #expect(defined < 4)
        #expect(abs(bands.map { totalArea($0.polygons) }.reduce(0, +) - defined) < 1e-9)
    }

    @Test("a band around a nested peak becomes separate polygons with their own holes")
    func nestedBand() {
        // A plateau (5) with a pit ring (0) around a peak (5): by Chebyshev distance from the centre.
        let byDistance: [Double] = [5, 3, 0, 5, 5]
        let values = (0..<9).flatMap { j in (0..<9).map { i in byDistance[max(abs(i - 4), abs(j - 4))] } }
        let positions = (0..<9).map(Double.init)
        let grid = Grid(xs: positions, ys: positions, values: values)
        let band = Bands.bands(grid, levels: [1, 4])[0]
        let expected = totalArea(MarchingSquares.superlevelSet(grid, threshold: 1))
            - totalArea(MarchingSquares.superlevelSet(grid, threshold: 4))
        #expect(abs(totalArea(band.polygons) - expected) < 1e-12)
        for polygon in band.polygons {
            #expect(ContourPolygon.signedArea(polygon.exterior) > 0)
            #expect(polygon.holes.allSatisfy { ContourPolygon.signedArea($0) < 0 })
        }
        // Between 1 and 4: the slopes, and the ring at distance 1 (value 3). Not the plateau, pit or peak.
        #expect(anyContains(band.polygons, p(3, 4)))   // value 3
        #expect(!anyContains(band.polygons, p(4, 4)))  // the peak, 5
        #expect(!anyContains(band.polygons, p(2, 4)))  // the pit, 0
        #expect(!anyContains(band.polygons, p(0.5, 4))) // the plateau, 5
        #expect(anyContains(band.polygons, p(1.5, 4)))  // the slope from the pit up to the plateau, 2.5
        #expect(anyContains(band.polygons, p(2.5, 4)))  // the slope from the pit up to the peak's ring, 1.5
        // The plateau is in both sets along the whole boundary: that cancels out instead of leaving an empty polygon.
        #expect(band.polygons.allSatisfy { $0.area > 0.1 })
        #expect(band.polygons.count == 2)
    }
}
