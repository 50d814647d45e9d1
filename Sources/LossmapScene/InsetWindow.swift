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
    /// The part of the plane the inset shows.
    public var w1: ClosedRange<Double>
    public var w2: ClosedRange<Double>
    /// The surface sampled over that window, `resolution` samples a side like the map.
    public let grid: Grid

    init(_ spec: InsetSpec, surface: any LossSurface, mapW1: ClosedRange<Double>, mapW2: ClosedRange<Double>,
         resolution: Int) throws(DiagnosticList) {
        self.spec = spec
        (w1, w2) = try Self.window(spec, mapW1: mapW1, mapW2: mapW2, resolution: resolution)
        grid = Scene.sample(surface, w1: w1, w2: w2, resolution: resolution)
    }

    /// The window of `spec` on a map of the given window, or why there is none: the centre
    /// lies off the map (a perceptron's window is known only once its data is read), or the
    /// window is too narrow to sample in doubles (a zoom of 10,000 on a map 0.01 wide at 1e8).
    static func window(_ spec: InsetSpec, mapW1: ClosedRange<Double>, mapW2: ClosedRange<Double>, resolution: Int)
        throws(DiagnosticList) -> (w1: ClosedRange<Double>, w2: ClosedRange<Double>) {
        let site = spec.site ?? .unknown
        func shown(_ r: ClosedRange<Double>) -> String { "[\(NumberFormatting.significant(r.lowerBound)), \(NumberFormatting.significant(r.upperBound))]" }
        guard mapW1.contains(spec.center.x), mapW2.contains(spec.center.y) else {
            throw DiagnosticList(site.error("the inset's `center` (\(NumberFormatting.significant(spec.center.x)), \(NumberFormatting.significant(spec.center.y))) lies off the map, whose window is w1 \(shown(mapW1)), w2 \(shown(mapW2))",
                                            note: "give a centre inside the window, or set the window with `w1` and `w2` in [surface]"))
        }
        let f = spec.size / spec.zoom
        let h1 = (mapW1.upperBound - mapW1.lowerBound) * f / 2, h2 = (mapW2.upperBound - mapW2.lowerBound) * f / 2
        let w1 = (spec.center.x - h1)...(spec.center.x + h1), w2 = (spec.center.y - h2)...(spec.center.y + h2)
        guard Grid.canSample(w1, count: resolution), Grid.canSample(w2, count: resolution) else {
            throw DiagnosticList(site.error("`zoom` = \(NumberFormatting.compact(spec.zoom)) makes the inset's window (w1 \(shown(w1)), w2 \(shown(w2))) too narrow to sample at this position: its samples would not be distinct numbers",
                                            note: "use a smaller `zoom`"))
        }
        return (w1, w2)
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
