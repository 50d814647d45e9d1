// Joining the segments of all cells into lines and rings.

/// Stitches directed segments, named by the edge ids of their end points, into chains.
///
/// d3-contour (after topojson-client's stitch.js) keeps `fragmentByStart`/`fragmentByEnd` dictionaries and
/// merges fragments as it scans. Here every crossing is the start of at most one segment and the end of at
/// most one (the two cells sharing an edge traverse it in opposite directions), so it is enough to record
/// each segment's successor in a dictionary keyed by its start and to walk the chains at the end: linear in
/// the number of segments, with no array concatenation.
struct SegmentStitcher {
    /// The chains found: open lines (from a crossing nobody enters to one nobody leaves) and closed rings.
    struct Chains {
        var open: [[Int]] = []
        var closed: [[Int]] = []
    }

    /// The end of the segment starting at each crossing (edge id), or -1. A flat array over
    /// every edge id of the grid rather than a dictionary: the ids are dense and bounded, and
    /// array access keeps stitching linear with a small constant.
    private var successor: [Int32]
    /// Crossings where some segment ends.
    private var entered: [Bool]
    /// Segment starts in scan order, so that the output order does not depend on hashing.
    private var starts: [Int] = []
    /// Segment ends, so that `reset` can clear `entered` without sweeping it.
    private var ends: [Int] = []

    /// A stitcher for edge ids in 0..<edgeCount.
    init(edgeCount: Int) {
        successor = [Int32](repeating: -1, count: edgeCount)
        entered = [Bool](repeating: false, count: edgeCount)
    }

    /// Forgets every recorded segment, so the stitcher can take another level's: after
    /// `chains()` the successors are already cleared, and only the ends marked need clearing,
    /// which costs the segments' number, not the grid's size.
    mutating func reset() {
        for start in starts where successor[start] >= 0 { successor[start] = -1 }
        ends.forEach { entered[$0] = false }
        ends.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
    }

    /// Records the segment from crossing `start` to crossing `end`.
    mutating func add(from start: Int, to end: Int) {
        assert(successor[start] < 0 && !entered[end], "a crossing was traversed twice")
        successor[start] = Int32(end)
        entered[end] = true
        starts.append(start)
        ends.append(end)
    }

    /// Walks the recorded segments into chains of crossings. Closed rings do not repeat their first crossing.
    /// Consumes the recorded successors (walking in place saves copying an array the size of the grid).
    mutating func chains() -> Chains {
        var result = Chains()
        /// Takes the successor of `edge` out of the table, or nil.
        func take(_ edge: Int) -> Int? {
            let next = successor[edge]
            guard next >= 0 else { return nil }
            successor[edge] = -1
            return Int(next)
        }
        // Open lines first: they start where no segment ends.
        for start in starts where !entered[start] {
            var chain = [start]
            var current = start
            while let next = take(current) {
                chain.append(next)
                current = next
            }
            result.open.append(chain)
        }
        // Whatever is left forms cycles.
        for start in starts where successor[start] >= 0 {
            var chain = [start]
            var current = start
            while let next = take(current), next != start {
                chain.append(next)
                current = next
            }
            result.closed.append(chain)
        }
        return result
    }
}
