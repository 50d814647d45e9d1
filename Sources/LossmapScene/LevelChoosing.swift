import LossmapContour
import LossmapSpec

/// The contour levels of a figure: the explicit list (sorted, finite, distinct), or about
/// `count` round levels across the range of finite values on the grid, for every level
/// scale: numbers a presenter can read out (2, 4, 6; −1, −0.98, −0.9; 120, 250), never
/// 1.87 or −0.9315.
enum LevelChoosing {
    static func levels(for spec: SurfaceSpec, grid: Grid) -> [Double] {
        switch spec.levels {
        case .values(let values):
            return Array(Set(values.filter(\.isFinite))).sorted()
        case .count(let count):
            guard let range = grid.finiteRange else { return [] }
            let chosen = chosenLevels(count: count, scale: spec.levelScale, range: range, grid: grid)
            // Every scale can come up empty where linear levels do not: quantiles of a surface
            // flat but for a few samples, log levels of values too close together for their
            // four decades. Evenly spaced levels then still draw the surface's shape.
            if !chosen.isEmpty || spec.levelScale == .linear { return chosen }
            return ContourLevels.rounded(ContourLevels.levels(count: count, in: range, scale: .linear), in: range)
        }
    }

    /// The levels `scale` gives for `count` over the finite `range` of the grid's values.
    private static func chosenLevels(count: Int, scale: LevelScale, range: ClosedRange<Double>, grid: Grid) -> [Double] {
        switch scale {
        case .linear:
            // Round steps (1, 2, 5 × 10ᵏ) as matplotlib's MaxNLocator picks them: the count
            // is a target, and the levels read 2, 4, 6 rather than 1.87, 3.74, 5.61.
            let nice = NiceTicks.linear(range, targetCount: count).filter { $0 > range.lowerBound && $0 < range.upperBound }
            if nice.count >= max(2, count / 2) { return nice }
            return ContourLevels.rounded(ContourLevels.levels(count: count, in: range, scale: .linear), in: range)
        case .log:
            // Round values (0.5, 1, 2, 5, 10 … above the minimum, then rounded themselves)
            // when they come near the count asked for.
            let nice = ContourLevels.niceLog(count: count, in: range)
            if nice.count >= max(2, count / 2) { return nice }
            return ContourLevels.rounded(ContourLevels.levels(count: count, in: range, scale: .log), in: range)
        case .quantile:
            // Each quantile moved to the roundest value well short of its neighbours.
            return ContourLevels.rounded(ContourLevels.quantiles(count: count, of: grid.values), in: range)
        }
    }
}
