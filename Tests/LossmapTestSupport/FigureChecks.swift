import LossmapCanvas
import LossmapRender
import LossmapScene

/// Checks of a drawn figure against its scene that work on any reading of it (a recording,
/// an SVG, a PDF): each returns what is wrong, one sentence per problem, empty when all is
/// well, so a test can `#expect(problems.isEmpty, …)` and print them.
public enum FigureChecks {
    /// Every run's path is stroked in its colour within `tolerance` pixels of every visible
    /// point of its trajectory (see `RunPaths.misses`).
    public static func pathProblems(_ scene: Scene, layout: FigureLayout, drawn: [DrawnPath],
                                    tolerance: Double = 1, colorTolerance: Double = 0.002) -> [String] {
        RunPaths.expected(scene, layout: layout).compactMap { run in
            let misses = RunPaths.misses(run, among: drawn, tolerance: tolerance, colorTolerance: colorTolerance)
            guard !misses.isEmpty else { return nil }
            let sample = misses.prefix(3).map { "(\(format($0.x)), \(format($0.y)))" }.joined(separator: ", ")
            return "run \(run.index) “\(run.label)”: \(misses.count) of \(run.visible.count) visible points are farther than "
                + "\(format(tolerance)) px from every stroke in its colour, e.g. \(sample)"
        }
    }

    /// The colours of the scene's level bands, lowest first: levels + 1 of them.
    public static func bandColors(_ scene: Scene) -> [RGBA] {
        let colormap = scene.spec.surface.colormap, count = scene.levels.count
        guard count > 0 else { return [colormap.color(at: 0.5)] }
        return (0...count).map { colormap.color(at: Double($0) / Double(count)) }
    }

    /// On every map, one filled region per level that the surface reaches, in the band's
    /// colour and in order from the lowest band up; on the colorbar, one swatch per band.
    public static func levelProblems(_ scene: Scene, layout: FigureLayout, drawn: [DrawnPath],
                                     colorTolerance: Double = 0.002) -> [String] {
        guard scene.sweep == nil else { return [] }
        let bands = bandColors(scene)
        func bandIndices(within rect: CanvasRect) -> [Int] {
            drawn.filter { $0.kind == .fill && $0.lies(within: rect, slack: 1) }.compactMap { path in
                bands.firstIndex { $0.matches(path.color, tolerance: colorTolerance) }
            }
        }
        func expected(_ scene: Scene) -> [Int] {
            var bands: [Int] = scene.definedRegion.isEmpty ? [] : [0]
            for (i, set) in scene.superlevelSets.enumerated() where !set.isEmpty { bands.append(i + 1) }
            return bands
        }
        let expectedOnMap = expected(scene)
        var problems: [String] = []
        for (m, map) in scene.contourMaps(layout).enumerated() {
            let found = bandIndices(within: map)
            // The first map's insets draw their own windows' bands after the map's, in the same colours.
            let expectedHere = m == 0 ? expectedOnMap + scene.insets.flatMap { expected(scene.magnified($0)) } : expectedOnMap
            if found != expectedHere {
                problems.append("map \(m): band fills \(found), expected \(expectedHere) (\(scene.levels.count) levels)")
            }
        }
        let onColorbar = bandIndices(within: layout.colorbar)
        if onColorbar != Array(bands.indices) {
            problems.append("colorbar: band swatches \(onColorbar), expected \(Array(bands.indices))")
        }
        return problems
    }

    /// On a raster of the figure, each run's colour shows at most of its points that nothing
    /// else covers (see `RunPaths.exposedPoints`): at least `fraction` of them, and at least
    /// one wherever a run has any.
    public static func pixelProblems(_ scene: Scene, layout: FigureLayout, image: RGBImage, scale: Double = 1,
                                     fraction: Double = 0.5, colorDifference: Int = 60) -> [String] {
        let style = FigureStyle(width: scene.spec.width, height: scene.spec.height, theme: scene.spec.theme)
        let runs = RunPaths.expected(scene, layout: layout)
        let obstacles = RunPaths.obstacles(scene, layout: layout)
        return runs.compactMap { run in
            let exposed = RunPaths.exposedPoints(run, among: runs, obstacles: obstacles,
                                                 clearance: style.haloWidth + 2, spacing: 3)
            guard !exposed.isEmpty else { return nil }
            let shown = exposed.filter {
                RasterLook.nearestDifference(to: run.color, around: $0, in: image, scale: scale) <= colorDifference
            }
            guard Double(shown.count) < fraction * Double(exposed.count) || shown.isEmpty else { return nil }
            return "run \(run.index) “\(run.label)”: its colour shows at \(shown.count) of \(exposed.count) uncovered points"
        }
    }

    static func format(_ x: Double) -> String {
        let rounded = (x * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
