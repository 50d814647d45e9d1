import LossmapContour
import LossmapCore
import LossmapSpec

/// A magnifier's window (`[[inset]]`): the part of the plane it shows and the surface
/// sampled there at the map's resolution, so its bands and isolines are as sharp as the
/// map's, not the map's grid stretched `zoom` times.
///
/// The inset has the map's shape and `size` times its width, and shows each unit `zoom`
/// times as long as the map does; so its window is the map's window scaled by size / zoom
/// about `center`, on both axes.
public struct InsetWindow: Sendable {
    public var spec: InsetSpec
    public var w1: ClosedRange<Double>
    public var w2: ClosedRange<Double>
    public let grid: Grid

    init(_ spec: InsetSpec, surface: any LossSurface, mapW1: ClosedRange<Double>, mapW2: ClosedRange<Double>, resolution: Int) {
        self.spec = spec
        let f = spec.size / spec.zoom
        let h1 = (mapW1.upperBound - mapW1.lowerBound) * f / 2, h2 = (mapW2.upperBound - mapW2.lowerBound) * f / 2
        w1 = (spec.center.x - h1)...(spec.center.x + h1)
        w2 = (spec.center.y - h2)...(spec.center.y + h2)
        grid = Scene.sample(surface, w1: w1, w2: w2, resolution: resolution)
    }
}

extension Scene {
    /// The same scene seen through an inset's window: its grid, and the same levels, runs,
    /// markers and stability, so the inset draws exactly what the map draws, magnified.
    public func magnified(_ inset: InsetWindow) -> Scene {
        Scene(copying: self, grid: inset.grid, w1: inset.w1, w2: inset.w2)
    }

    private init(copying scene: Scene, grid: Grid, w1: ClosedRange<Double>, w2: ClosedRange<Double>) {
        spec = scene.spec
        surface = scene.surface
        self.w1 = w1
        self.w2 = w2
        self.grid = grid
        levels = scene.levels
        isolineCache = IsolineCache(grid: grid, levels: scene.levels)
        runs = scene.runs
        markers = scene.markers
        stability = scene.stability
        stabilityProblem = scene.stabilityProblem
        sweep = nil
        phase = nil
        explanations = []
        eigen = nil
        insets = []
        frames = scene.frames
        mesh = nil
        hasMaskedCells = grid.hasNonFiniteValues
        lossRange = grid.finiteRange
    }
}
