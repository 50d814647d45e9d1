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

    /// The end of the segment starting at each crossing.
    private var successor: [Int: Int] = [:]
    /// Crossings where some segment ends.
    private var entered: Set<Int> = []
    /// Segment starts in scan order, so that the output order does not depend on hashing.
    private var starts: [Int] = []

    /// Records the segment from crossing `start` to crossing `end`.
    mutating func add(from start: Int, to end: Int) {
        assert(successor[start] == nil && !entered.contains(end), "a crossing was traversed twice")
        successor[start] = end
        entered.insert(end)
        starts.append(start)
    }

    /// Walks the recorded segments into chains of crossings. Closed rings do not repeat their first crossing.
    func chains() -> Chains {
        var remaining = successor
        var result = Chains()
        // Open lines first: they start where no segment ends.
        for start in starts where !entered.contains(start) {
            var chain = [start]
            var current = start
            while let next = remaining.removeValue(forKey: current) {
                chain.append(next)
                current = next
            }
            result.open.append(chain)
        }
        // Whatever is left forms cycles.
        for start in starts where remaining[start] != nil {
            var chain = [start]
            var current = start
            while let next = remaining.removeValue(forKey: current), next != start {
                chain.append(next)
                current = next
            }
            result.closed.append(chain)
        }
        return result
    }
}
