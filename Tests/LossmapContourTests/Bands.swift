@testable import LossmapContour

// Filled bands between consecutive contour levels.

/// A filled band between two consecutive levels: the region where `lower <= value < upper`.
struct Band: Sendable {
    /// The level the band starts at (included).
    var lower: Double
    /// The level the band stops at (excluded).
    var upper: Double
    /// The band as polygons with holes; fill them with the even-odd or the non-zero rule, the result is the same.
    var polygons: [ContourPolygon]

    /// Creates a band from its levels and polygons.
    init(lower: Double, upper: Double, polygons: [ContourPolygon]) {
        self.lower = lower
        self.upper = upper
        self.polygons = polygons
    }
}

/// Filled contour bands.
enum Bands {
    /// The bands between consecutive levels: `superlevelSet(lower)` minus `superlevelSet(upper)`.
    ///
    /// Levels are sorted, and NaN and repeated levels dropped, so `levels.count - 1` bands come back at most.
    /// Pass `-.infinity` first to get the band below the first level (down to the masked cells: the
    /// superlevel set at -infinity is `definedRegion`) and `.infinity` last to get the band above the last one.
    ///
    /// The rings of the upper set are reversed and added to the lower set's rings; the rings are then
    /// assembled like any superlevel set's (exteriors counter-clockwise, holes clockwise, holes assigned by
    /// containment). An upper exterior so becomes a hole of the lower polygon around it, and an upper hole
    /// becomes an exterior of its own, with the lower set's holes inside it as its holes. Where both sets run
    /// along the grid boundary or through the same masked-edge midpoints, exterior and hole share those
    /// edges; the sliver between them has zero area.
    static func bands(_ grid: Grid, levels: [Double]) -> [Band] {
        var sorted: [Double] = []
        for level in levels.filter({ !$0.isNaN }).sorted() where sorted.last != level {
            sorted.append(level)
        }
        guard sorted.count >= 2 else { return [] }
        let rings = sorted.map { MarchingSquares.superlevelRings(grid, threshold: $0) }
        return (0..<(sorted.count - 1)).map { k in
            let reversedUpper = rings[k + 1].map { Array($0.reversed()) }
            // Where the two sets share a whole ring (both cover the grid boundary, say) the lower exterior gets
            // that same ring as a hole: drop such polygons, whose area is nothing but rounding.
            let polygons = PolygonAssembly.polygons(from: rings[k] + reversedUpper).filter { polygon in
                polygon.area > 1e-9 * ContourPolygon.signedArea(polygon.exterior)
            }
            return Band(lower: sorted[k], upper: sorted[k + 1], polygons: polygons)
        }
    }
}
