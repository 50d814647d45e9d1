// Marching squares: isolines and superlevel sets of a sampled surface.
//
// Algorithm after d3-contour (src/contours.js, Mike Bostock): a 16-case table gives the
// segments crossing each cell, and the segments are stitched into lines by their end points.
// Departures from d3-contour, each commented where it happens:
//   - our samples sit on cell corners (d3's sit on pixel centres), so rings are clipped exactly
//     at the first and last sample positions rather than half a pixel beyond them;
//   - saddle cells are resolved by the cell's centre value (d3 always separates them);
//   - crossings next to a NaN/±inf sample sit at the edge midpoint (d3 interpolates them as -infinity);
//   - stitching records one successor per crossing and walks chains afterwards (d3 merges fragments
//     while it scans), which is linear in the number of segments and avoids copying arrays;
//   - a hole goes to the smallest exterior that contains it (d3 takes the first), which is what
//     nested rings (a peak inside a pit inside a plateau) need;
//   - besides repeated points, which d3 drops too, we drop the vertices inside straight runs along the
//     grid boundary (one per boundary sample), so a region covering the whole grid is its 4 corners.

/// Marching squares over a `Grid`: isolines and superlevel sets, in data coordinates.
public enum MarchingSquares {
    /// The isoline at `level`: open lines end on the grid boundary or at masked cells; closed rings otherwise.
    ///
    /// Lines run with values `>= level` on their left (y up). Cells with a NaN or ±inf corner are
    /// skipped, so an isoline stops at the edge of a masked cell.
    public static func isoline(_ grid: Grid, level: Double) -> Isoline {
        guard !level.isNaN else { return Isoline(level: level, lines: []) }
        let tracer = CrossingTracer(grid: grid, level: level, mode: .isoline)
        return isoline(from: tracer.stitchedChains(), tracer: tracer)
    }

    /// The isoline made of stitched chains of crossings, placed by `tracer` (its grid and level).
    static func isoline(from chains: SegmentStitcher.Chains, tracer: CrossingTracer) -> Isoline {
        let level = tracer.level
        var lines: [Polyline] = []
        for chain in chains.open {
            let points = removingRepeats(chain.map(tracer.point(onEdge:)), closed: false)
            if points.count >= 2 { lines.append(Polyline(points: points, isClosed: false)) }
        }
        for chain in chains.closed {
            let points = removingRepeats(chain.map(tracer.point(onEdge:)), closed: true)
            if points.count >= 3 { lines.append(Polyline(points: points, isClosed: true)) }
        }
        return Isoline(level: level, lines: lines)
    }

    /// The region where value >= threshold, as polygons with holes (d3-contour's output for one threshold).
    /// Masked cells are never inside: NaN and ±inf count as below every threshold, and so does
    /// everything outside the grid, so every ring is closed (clipped at the grid boundary).
    public static func superlevelSet(_ grid: Grid, threshold: Double) -> [ContourPolygon] {
        PolygonAssembly.polygons(from: superlevelRings(grid, threshold: threshold))
    }

    /// The region where the surface is defined (finite), as polygons with holes:
    /// used to fill the base colour everywhere but masked cells.
    ///
    /// It is the superlevel set at -infinity: every finite sample is above it, every masked one below,
    /// so its boundary passes through the same edge midpoints as every other superlevel set.
    public static func definedRegion(_ grid: Grid) -> [ContourPolygon] {
        superlevelSet(grid, threshold: -.infinity)
    }

    /// The boundary rings of the superlevel set, oriented with the set on their left:
    /// counter-clockwise around regions, clockwise around holes. Unassembled, so that bands can reuse them.
    static func superlevelRings(_ grid: Grid, threshold: Double) -> [[Point2D]] {
        guard !threshold.isNaN else { return [] }
        let tracer = CrossingTracer(grid: grid, level: threshold, mode: .superlevel)
        let chains = tracer.stitchedChains()
        // With the padding every crossing has a successor, so every chain is a ring.
        assert(chains.open.isEmpty, "superlevel set produced an open line")
        return chains.closed.compactMap { chain in
            let ring = removingBoundaryRuns(removingRepeats(chain.map(tracer.point(onEdge:)), closed: true), grid: grid)
            return ring.count >= 3 ? ring : nil
        }
    }

    /// Drops consecutive equal points (and, for a ring, a last point equal to the first). They come from
    /// corners exactly at the level and from the grid corners, where two crossings share one position.
    static func removingRepeats(_ points: [Point2D], closed: Bool) -> [Point2D] {
        var result: [Point2D] = []
        result.reserveCapacity(points.count)
        for p in points where result.last != p {
            result.append(p)
        }
        if closed, result.count > 1, result.first == result.last {
            result.removeLast()
        }
        return result
    }

    /// Drops vertices that sit on the grid boundary between their two neighbours on that same side.
    /// Rings clipped at the boundary get a vertex at every boundary sample; this keeps only the ends of each run.
    /// Interior vertices are kept, so superlevel rings have the same interior vertices as the isolines.
    static func removingBoundaryRuns(_ ring: [Point2D], grid: Grid) -> [Point2D] {
        guard ring.count > 3, let x0 = grid.xs.first, let x1 = grid.xs.last,
              let y0 = grid.ys.first, let y1 = grid.ys.last else { return ring }
        func isBetween(_ a: Double, _ b: Double, _ c: Double) -> Bool {
            (a <= b && b <= c) || (c <= b && b <= a)
        }
        /// True if `b` is on one side of the boundary, strictly inside the run from `a` to `c` along it.
        func isRedundant(_ a: Point2D, _ b: Point2D, _ c: Point2D) -> Bool {
            if b.x == x0 || b.x == x1, a.x == b.x, c.x == b.x, isBetween(a.y, b.y, c.y) { return true }
            if b.y == y0 || b.y == y1, a.y == b.y, c.y == b.y, isBetween(a.x, b.x, c.x) { return true }
            return false
        }
        var result: [Point2D] = []
        result.reserveCapacity(ring.count)
        for (k, b) in ring.enumerated() where !isRedundant(result.last ?? ring[ring.count - 1], b,
                                                            ring[(k + 1) % ring.count]) {
            result.append(b)
        }
        // The first vertex was judged against the original last one, which may since have gone: judge it again.
        if result.count > 3, isRedundant(result[result.count - 1], result[0], result[1]) {
            result.removeFirst()
        }
        return result
    }
}
