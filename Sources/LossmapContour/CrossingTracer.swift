// The cell-by-cell part of marching squares: which cell edges a level crosses, where, and in which order.

/// Walks the cells of a grid at one level and reports the crossing segments, stitched into chains.
///
/// Crossings are named by the grid edge they lie on, never by their coordinates, so stitching is exact.
/// Nodes are indexed in a grid padded by one sample on every side (`W = nx + 2` columns): in
/// superlevel mode the padding counts as below every level, which closes every ring at the grid boundary
/// (d3-contour's trick); in isoline mode the padding is never visited.
struct CrossingTracer {
    /// How samples outside the grid and masked samples are treated.
    enum Mode {
        /// Isolines: only cells whose four corners are finite are walked, so lines stop at masked cells and at the boundary.
        case isoline
        /// Superlevel sets: every cell of the padded grid is walked; padding, NaN and ±inf count as below every level.
        case superlevel
    }

    let grid: Grid
    let level: Double
    let mode: Mode
    /// Columns of the padded grid.
    let paddedWidth: Int

    init(grid: Grid, level: Double, mode: Mode) {
        self.grid = grid
        self.level = level
        self.mode = mode
        self.paddedWidth = grid.nx + 2
    }

    // MARK: Nodes and edges

    /// The sample at padded node `(pi, pj)`, or nil for the padding ring.
    @inline(__always)
    func sample(_ pi: Int, _ pj: Int) -> Double? {
        guard pi >= 1, pj >= 1, pi <= grid.nx, pj <= grid.ny else { return nil }
        return grid.values[(pj - 1) * grid.nx + (pi - 1)]
    }

    /// Whether a sample counts as above the level. A sample exactly at the level counts as above (>=).
    /// NaN rule: NaN and ±inf are masked and count as below every level, as does the padding;
    /// in isoline mode masked cells are skipped before this is asked.
    @inline(__always)
    func isAbove(_ value: Double?) -> Bool {
        guard let value, value.isFinite else { return false }
        return value >= level
    }

    /// The id of the horizontal edge from padded node `(pi, pj)` to `(pi + 1, pj)`.
    @inline(__always)
    func horizontalEdge(_ pi: Int, _ pj: Int) -> Int { 2 * (pj * paddedWidth + pi) }

    /// The id of the vertical edge from padded node `(pi, pj)` to `(pi, pj + 1)`.
    @inline(__always)
    func verticalEdge(_ pi: Int, _ pj: Int) -> Int { 2 * (pj * paddedWidth + pi) + 1 }

    /// The data coordinates of real node `(i, j)`.
    @inline(__always)
    func position(_ i: Int, _ j: Int) -> Point2D { Point2D(x: grid.xs[i], y: grid.ys[j]) }

    /// Where the level crosses the edge `edge`. Only asked for edges whose two ends are on opposite sides.
    func point(onEdge edge: Int) -> Point2D {
        let node = edge >> 1
        let pi = node % paddedWidth
        let pj = node / paddedWidth
        let (qi, qj) = edge & 1 == 0 ? (pi + 1, pj) : (pi, pj + 1)
        let a = sample(pi, pj)
        let b = sample(qi, qj)
        // Padding: the crossing sits on the real node, so rings are clipped exactly at the boundary samples.
        guard let va = a else { return position(qi - 1, qj - 1) }
        guard let vb = b else { return position(pi - 1, pj - 1) }
        let pa = position(pi - 1, pj - 1)
        let pb = position(qi - 1, qj - 1)
        // NaN rule: between a finite and a masked (NaN or ±inf) sample the crossing sits at the edge midpoint.
        guard va.isFinite, vb.isFinite else {
            return Point2D(x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2)
        }
        // Linear interpolation. A sample exactly at the level returns its node exactly, so that rings
        // touching there share the very same point (hole assignment relies on it).
        if va == level { return pa }
        if vb == level { return pb }
        // Halved first: for values near ±1.8e308, level − va and vb − va overflow to ±inf and
        // their quotient is NaN; halving keeps the same ratio in range. A NaN left (never for
        // finite inputs) would put the crossing at the midpoint rather than drop the ring.
        let ratio = (level / 2 - va / 2) / (vb / 2 - va / 2)
        let t = ratio.isNaN ? 0.5 : min(max(ratio, 0), 1)
        return Point2D(x: pa.x + t * (pb.x - pa.x), y: pa.y + t * (pb.y - pa.y))
    }

    // MARK: The case table

    /// The edges of a cell, counter-clockwise from the bottom; edge k runs from corner k to corner k + 1,
    /// with corners numbered bottom-left 0, bottom-right 1, top-right 2, top-left 3.
    enum CellEdge: Int { case bottom, right, top, left }

    /// A segment across a cell, from the edge where the level is entered to the edge where it is left,
    /// oriented so that the corners at or above the level are on its left (y up).
    typealias CellSegment = (from: CellEdge, to: CellEdge)

    /// Segments per case; the case index has bit k set when corner k is at or above the level
    /// (bottom-left 1, bottom-right 2, top-right 4, top-left 8). Our own table, equivalent to d3-contour's `cases`
    /// up to the corner numbering. The saddle cases 5 and 10 hold the "centre below" variant: see `saddleJoined`.
    static let cases: [[CellSegment]] = [
        /* 0: none above */ [],
        /* 1: bl */ [(.bottom, .left)],
        /* 2: br */ [(.right, .bottom)],
        /* 3: bl br */ [(.right, .left)],
        /* 4: tr */ [(.top, .right)],
        /* 5: bl tr, centre below */ [(.bottom, .left), (.top, .right)],
        /* 6: br tr */ [(.top, .bottom)],
        /* 7: bl br tr */ [(.top, .left)],
        /* 8: tl */ [(.left, .top)],
        /* 9: bl tl */ [(.bottom, .top)],
        /* 10: br tl, centre below */ [(.right, .bottom), (.left, .top)],
        /* 11: bl br tl */ [(.right, .top)],
        /* 12: tr tl */ [(.left, .right)],
        /* 13: bl tr tl */ [(.bottom, .right)],
        /* 14: br tr tl */ [(.left, .bottom)],
        /* 15: all above */ [],
    ]

    /// Saddle cases when the cell centre is at or above the level: the two high corners are joined
    /// through the centre and the segments cut off the two low corners instead.
    static let saddleJoined: [Int: [CellSegment]] = [
        5: [(.bottom, .right), (.top, .left)],
        10: [(.right, .top), (.left, .bottom)],
    ]

    // MARK: Walking the cells

    /// Scans every cell in row order and stitches the segments into chains of edge ids.
    ///
    /// This is the hot loop of a figure (every level, every cell), so it first classifies every
    /// padded node once (at or above the level: 1, else 0) into a flat byte array, builds each
    /// cell's case index from four loads, and skips the empty cases 0 and 15, by far the most
    /// common, before touching anything else. Same results as asking `isAbove` per corner.
    func stitchedChains() -> SegmentStitcher.Chains {
        let nx = grid.nx, ny = grid.ny, width = paddedWidth
        var stitcher = SegmentStitcher(edgeCount: 2 * width * (ny + 2))
        var above = [UInt8](repeating: 0, count: width * (ny + 2))
        grid.values.withUnsafeBufferPointer { values in
            above.withUnsafeMutableBufferPointer { above in
                for j in 0..<ny {
                    let row = (j + 1) * width + 1
                    for i in 0..<nx {
                        // NaN rule: masked samples (NaN, ±inf) count as below, like the padding.
                        let v = values[j * nx + i]
                        above[row + i] = v.isFinite && v >= level ? 1 : 0
                    }
                }
            }
        }
        // Superlevel mode walks the padded grid (cells whose bottom-left padded node is 0...nx, 0...ny);
        // isoline mode only the real cells (1..<nx, 1..<ny).
        let (columns, rows) = mode == .superlevel
            ? (0..<(nx + 1), 0..<(ny + 1))
            : (1..<max(nx, 1), 1..<max(ny, 1))
        above.withUnsafeBufferPointer { above in
            for pj in rows {
                let bottom = pj * width, top = bottom + width
                for pi in columns {
                    let caseIndex = Int(above[bottom + pi]) | Int(above[bottom + pi + 1]) << 1
                        | Int(above[top + pi + 1]) << 2 | Int(above[top + pi]) << 3
                    if caseIndex == 0 || caseIndex == 15 { continue }
                    let bl = sample(pi, pj), br = sample(pi + 1, pj), tr = sample(pi + 1, pj + 1), tl = sample(pi, pj + 1)
                    if mode == .isoline {
                        // NaN rule for isolines: a cell with a masked corner has no segment, so lines stop at it.
                        guard let bl, let br, let tr, let tl,
                              bl.isFinite, br.isFinite, tr.isFinite, tl.isFinite else { continue }
                    }
                    if caseIndex == 5 || caseIndex == 10, isCentreAbove(bl, br, tr, tl), let joined = Self.saddleJoined[caseIndex] {
                        for segment in joined {
                            stitcher.add(from: edgeID(segment.from, pi, pj), to: edgeID(segment.to, pi, pj))
                        }
                    } else {
                        for segment in Self.cases[caseIndex] {
                            stitcher.add(from: edgeID(segment.from, pi, pj), to: edgeID(segment.to, pi, pj))
                        }
                    }
                }
            }
        }
        return stitcher.chains()
    }

    /// Saddle rule: a saddle cell (cases 5 and 10) is resolved by its centre value, the mean of its four
    /// corners. A centre at or above the level joins the two high corners; below, it separates them.
    /// A masked or padding corner makes the centre masked too, so it counts as below (the high corners separate).
    /// Isolines and superlevel sets use this same rule, so isolines lie exactly on band boundaries.
    func isCentreAbove(_ a: Double?, _ b: Double?, _ c: Double?, _ d: Double?) -> Bool {
        guard let a, let b, let c, let d else { return false }
        // Quarter each corner first so that four huge finite values cannot overflow to infinity.
        return isAbove(a / 4 + b / 4 + c / 4 + d / 4)
    }

    /// The id of one edge of the cell whose bottom-left padded node is `(pi, pj)`.
    @inline(__always)
    func edgeID(_ edge: CellEdge, _ pi: Int, _ pj: Int) -> Int {
        switch edge {
        case .bottom: horizontalEdge(pi, pj)
        case .right: verticalEdge(pi + 1, pj)
        case .top: horizontalEdge(pi, pj + 1)
        case .left: verticalEdge(pi, pj)
        }
    }
}
