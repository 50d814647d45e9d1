import LossmapCanvas

/// Where a path already puts ink, on a fine grid over the canvas: how a long run tells the
/// segments and dots that would add something to the picture from those that would only be
/// drawn over ink already there.
///
/// A cell is a square `cell` pixels wide, its corner on the grid through `origin`. The cells
/// are kept as bits in 64 × 64 tiles, made as the path first reaches them, so memory follows
/// the area the path covers, never the number of steps: with 0.4 px cells, under a byte per
/// pixel covered, and under 1.5 more for the last segment through each block (below); the
/// raster itself takes 4.
///
/// A segment is covered when every cell it passes through is. Walking its cells costs its
/// length, so first a quicker test: if both its ends lie within a cell's diagonal of one
/// segment drawn before (the last drawn through the block, 16 × 16 cells, of either end), so
/// does all of it, since the distance to a segment is convex along a line. That catches a
/// long zig-zag over and over its own track at a cost independent of its length.
struct PathCoverage {
    /// The cells' side, in pixels.
    let cell: Double
    let origin: CanvasPoint
    /// Tile key → where its 64 rows of 64 bits start in `bits`.
    private var tiles: [Int: Int] = [:]
    private var bits: [UInt64] = []
    /// The tile last looked up (its key and start in `bits`): a segment walks from cell to
    /// neighbouring cell, so nearly every lookup is in it.
    private var lastKey = Int.min
    private var lastStart = -1
    /// Block key → the last covered segment that passed through the block.
    private var lastThrough: [Int: (CanvasPoint, CanvasPoint)] = [:]

    init(cell: Double, origin: CanvasPoint) {
        self.cell = cell
        self.origin = origin
    }

    /// The cell holding `p` (points on a cell's edge count as in either).
    func cellOf(_ p: CanvasPoint) -> (x: Int, y: Int) {
        (Self.index((p.x - origin.x) / cell), Self.index((p.y - origin.y) / cell))
    }

    /// True when every cell the segment from `a` to `b` passes through is covered.
    mutating func covers(_ a: CanvasPoint, _ b: CanvasPoint) -> Bool {
        let start = cellOf(a), end = cellOf(b)
        let near = (cell * cell * 2).squareRoot()
        for (x, y) in [start, end] {
            if let (p, q) = lastThrough[Self.blockKey(x, y)],
               Self.distance(a, p, q) <= near, Self.distance(b, p, q) <= near {
                return true
            }
        }
        var all = true
        Self.walk(from: start, to: end, a, b, cell: cell, origin: origin) { x, y in
            all = isSet(x, y)
            return all
        }
        return all
    }

    /// Marks every cell the segment from `a` to `b` passes through as covered.
    mutating func cover(_ a: CanvasPoint, _ b: CanvasPoint) {
        var block = Int.min
        Self.walk(from: cellOf(a), to: cellOf(b), a, b, cell: cell, origin: origin) { x, y in
            set(x, y)
            let key = Self.blockKey(x, y)
            if key != block {
                lastThrough[key] = (a, b)
                block = key
            }
            return true
        }
    }

    /// Marks the cell holding `p`; false when it was marked already.
    mutating func insert(_ p: CanvasPoint) -> Bool {
        let (x, y) = cellOf(p)
        if isSet(x, y) { return false }
        set(x, y)
        return true
    }

    // MARK: - Cells as bits

    private mutating func isSet(_ x: Int, _ y: Int) -> Bool {
        guard let start = tileStart(x, y, creating: false) else { return false }
        return bits[start + (y & 63)] & (1 << UInt64(x & 63)) != 0
    }

    private mutating func set(_ x: Int, _ y: Int) {
        let start = tileStart(x, y, creating: true)!
        bits[start + (y & 63)] |= 1 << UInt64(x & 63)
    }

    /// Where the tile of cell (x, y) starts in `bits`; nil when it has none yet and
    /// `creating` is false.
    private mutating func tileStart(_ x: Int, _ y: Int, creating: Bool) -> Int? {
        let key = Self.tileKey(x, y)
        if key == lastKey { return lastStart }
        if let start = tiles[key] {
            (lastKey, lastStart) = (key, start)
            return start
        }
        guard creating else { return nil }
        let start = bits.count
        bits.append(contentsOf: repeatElement(0, count: 64))
        tiles[key] = start
        (lastKey, lastStart) = (key, start)
        return start
    }

    private static func tileKey(_ x: Int, _ y: Int) -> Int { (x >> 6) << 32 ^ (y >> 6) & 0xFFFF_FFFF }
    private static func blockKey(_ x: Int, _ y: Int) -> Int { (x >> 4) << 32 ^ (y >> 4) & 0xFFFF_FFFF }

    /// The distance from `p` to the segment from `a` to `b`.
    private static func distance(_ p: CanvasPoint, _ a: CanvasPoint, _ b: CanvasPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let t = lengthSquared > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0), 1) : 0
        return ((p.x - a.x - t * dx) * (p.x - a.x - t * dx) + (p.y - a.y - t * dy) * (p.y - a.y - t * dy)).squareRoot()
    }

    /// A cell index for a coordinate in cells, clamped far outside any canvas so that a
    /// stray huge coordinate cannot overflow.
    private static func index(_ v: Double) -> Int {
        Int(min(max(v, -1e9), 1e9).rounded(.down))
    }

    /// Visits the cells the segment from `a` (in cell `start`) to `b` (in cell `end`) passes
    /// through, in order, each once, until `visit` returns false (Amanatides & Woo 1987, "A
    /// fast voxel traversal algorithm for ray tracing"). It takes exactly one step in x or y
    /// per cell boundary crossed, so it always ends in `end`, however rounding falls.
    private static func walk(from start: (x: Int, y: Int), to end: (x: Int, y: Int), _ a: CanvasPoint, _ b: CanvasPoint,
                             cell: Double, origin: CanvasPoint, _ visit: (Int, Int) -> Bool) {
        var (x, y) = start
        guard visit(x, y) else { return }
        let stepX = end.x > x ? 1 : -1, stepY = end.y > y ? 1 : -1
        let dx = abs(b.x - a.x), dy = abs(b.y - a.y)
        // The segment's parameter t (0 at a, 1 at b) where it crosses the next vertical
        // (horizontal) cell boundary, and how much t grows from one such boundary to the next.
        let nextX = origin.x + Double(stepX > 0 ? x + 1 : x) * cell
        let nextY = origin.y + Double(stepY > 0 ? y + 1 : y) * cell
        var tX = dx > 0 ? abs(nextX - a.x) / dx : .infinity
        var tY = dy > 0 ? abs(nextY - a.y) / dy : .infinity
        let deltaX = dx > 0 ? cell / dx : .infinity, deltaY = dy > 0 ? cell / dy : .infinity
        var remaining = abs(end.x - x) + abs(end.y - y)
        while remaining > 0 {
            if y == end.y || (x != end.x && tX < tY) {
                x += stepX
                tX += deltaX
            } else {
                y += stepY
                tY += deltaY
            }
            remaining -= 1
            guard visit(x, y) else { return }
        }
    }
}
