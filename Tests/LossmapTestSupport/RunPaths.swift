import LossmapBackend
import LossmapCanvas
import LossmapRender
import LossmapScene
import LossmapSpec

/// Where one run's descent path must appear on a figure, worked out from the scene alone:
/// its trajectory through the transform of the map it is drawn on.
public struct ExpectedRunPath: Sendable {
    public var index: Int
    public var label: String
    public var color: RGBA
    /// The map the run is drawn on (its own in a grid, the only one in an overlay).
    public var frame: CanvasRect
    /// Every point of the trajectory in canvas pixels, in order.
    public var points: [CanvasPoint]
    /// The points inside the frame: a stroke in the run's colour must pass near each.
    public var visible: [CanvasPoint] { points.filter(frame.contains) }
}

/// The paths every run of a scene must have on its figure, and checks of drawn paths
/// against them.
public enum RunPaths {
    /// One expected path per run, on the map `layout` gives it (`layout = "grid"`: one map
    /// per run, in run order). Empty for a sweep figure, which draws no map.
    public static func expected(_ scene: Scene, layout: FigureLayout) -> [ExpectedRunPath] {
        let maps = scene.contourMaps(layout)
        guard scene.sweep == nil, !maps.isEmpty else { return [] }
        return scene.runs.enumerated().map { i, run in
            let frame = maps.count > 1 ? maps[i] : maps[0]
            let transform = PlotTransform(w1: scene.w1, w2: scene.w2, rect: frame)
            // A run drawn with a band of repeats has the seeds' median walk as its line.
            let walked = run.drawnWalk
            return ExpectedRunPath(index: i, label: run.label, color: run.color, frame: frame,
                                   points: walked.map(transform.point))
        }
    }

    /// The run's visible points farther than `tolerance` pixels from every open stroke (a
    /// polyline, not a ring or a box) drawn in its colour: empty when the path is all there.
    ///
    /// A long run is thinned before drawing to points at least 0.33 px apart, clipped a
    /// little outside the frame, and its segments over ground already drawn are left out
    /// when they lie within 0.57 px of one drawn (RunLayer), so every visible point lies
    /// within 0.9 px of the stroked polyline, and 1 px is a bound that still catches a path
    /// moved by 2 px.
    public static func misses(_ run: ExpectedRunPath, among drawn: [DrawnPath], tolerance: Double = 1,
                              colorTolerance: Double = 0.002) -> [CanvasPoint] {
        let visible = run.visible
        guard !visible.isEmpty else { return [] }
        let segments = self.segments(of: drawn.filter {
            $0.kind == .stroke && !$0.closed && $0.color.matches(run.color, tolerance: colorTolerance)
        })
        return visible.filter { distance(from: $0, to: segments) > tolerance }
    }

    /// The segments of the paths' sub-paths (a one-point sub-path as a segment of length 0).
    public static func segments(of paths: [DrawnPath]) -> [(CanvasPoint, CanvasPoint)] {
        var result: [(CanvasPoint, CanvasPoint)] = []
        for path in paths {
            for subpath in path.subpaths {
                if subpath.count == 1 { result.append((subpath[0], subpath[0])) }
                for (a, b) in zip(subpath, subpath.dropFirst()) { result.append((a, b)) }
            }
        }
        return result
    }

    /// The open polylines of an expected path, as it is drawn: consecutive points joined.
    public static func segments(of run: ExpectedRunPath) -> [(CanvasPoint, CanvasPoint)] {
        if run.points.count == 1 { return [(run.points[0], run.points[0])] }
        return Array(zip(run.points, run.points.dropFirst()))
    }

    /// Distance from `p` to the nearest of `segments` (infinity when there are none).
    public static func distance(from p: CanvasPoint, to segments: [(CanvasPoint, CanvasPoint)]) -> Double {
        var best = Double.infinity
        for (a, b) in segments {
            let dx = b.x - a.x, dy = b.y - a.y
            let lengthSquared = dx * dx + dy * dy
            var t = lengthSquared > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared : 0
            t = min(max(t, 0), 1)
            let ex = p.x - (a.x + t * dx), ey = p.y - (a.y + t * dy)
            let d = ex * ex + ey * ey
            if d < best { best = d }
        }
        return best.squareRoot()
    }

    /// The run's visible points, at least `spacing` apart, that nothing else drawn on the map
    /// covers: farther than `clearance` from every other run's path on the same map and from
    /// `obstacles` (centre and radius: start rings, minimum stars, markers). A raster check
    /// looks for the run's colour there.
    public static func exposedPoints(_ run: ExpectedRunPath, among all: [ExpectedRunPath],
                                     obstacles: [(CanvasPoint, Double)], clearance: Double, spacing: Double) -> [CanvasPoint] {
        let others = all.filter { $0.index != run.index && $0.frame == run.frame }.flatMap(segments(of:))
        var kept: [CanvasPoint] = []
        for p in run.visible {
            if let last = kept.last, (p.x - last.x) * (p.x - last.x) + (p.y - last.y) * (p.y - last.y) < spacing * spacing { continue }
            guard distance(from: p, to: others) > clearance else { continue }
            guard obstacles.allSatisfy({ c, r in ((p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y)).squareRoot() > r + clearance }) else {
                continue
            }
            kept.append(p)
        }
        return kept
    }

    /// What covers paths on a figure besides other paths: every run's start ring, the
    /// minimum stars and the `[[marker]]` diamonds, as centre and radius in canvas pixels.
    public static func obstacles(_ scene: Scene, layout: FigureLayout) -> [(CanvasPoint, Double)] {
        let style = FigureStyle(width: scene.spec.width, height: scene.spec.height, theme: scene.spec.theme)
        var result: [(CanvasPoint, Double)] = []
        for frame in scene.contourMaps(layout) {
            let transform = PlotTransform(w1: scene.w1, w2: scene.w2, rect: frame)
            for run in scene.runs { if let start = run.trajectory.points.first { result.append((transform.point(start), style.startRadius + 2 * style.unit)) } }
            for minimum in scene.surface.minima { result.append((transform.point(minimum), style.starRadius)) }
            for marker in scene.markers { result.append((transform.point(marker.spec.at), style.starRadius)) }
        }
        return result
    }
}

/// An RGB image as the tests read it: rows of 8-bit red, green, blue.
public typealias RGBImage = (width: Int, height: Int, rgb: [UInt8])

public enum RasterLook {
    /// The smallest difference (sum over channels, 0…765) between `color` and a pixel within
    /// `radius` pixels of canvas point `p`, at `scale` device pixels per canvas pixel.
    public static func nearestDifference(to color: RGBA, around p: CanvasPoint, in image: RGBImage,
                                         scale: Double = 1, radius: Int = 1) -> Int {
        let cx = Int((p.x * scale).rounded(.down)), cy = Int((p.y * scale).rounded(.down))
        let target = [color.red, color.green, color.blue].map { Int(($0 * 255).rounded()) }
        var best = Int.max
        for y in (cy - radius)...(cy + radius) where y >= 0 && y < image.height {
            for x in (cx - radius)...(cx + radius) where x >= 0 && x < image.width {
                let i = (y * image.width + x) * 3
                let d = abs(Int(image.rgb[i]) - target[0]) + abs(Int(image.rgb[i + 1]) - target[1]) + abs(Int(image.rgb[i + 2]) - target[2])
                best = min(best, d)
            }
        }
        return best
    }
}

extension Scene {
    /// The panels of `layout` that are contour maps: all of them for `view = "map"` (one per
    /// run in a grid), the first for `view = "both"` (the second is the mountain), none for
    /// `view = "surface"`.
    public func contourMaps(_ layout: FigureLayout) -> [CanvasRect] {
        switch spec.view {
        case .map: return layout.maps
        case .both: return Array(layout.maps.prefix(1))
        case .surface: return []
        }
    }
}

extension FigureRenderer {
    /// The layout the figure gets when Cairo draws it (texts measured with the real font), as
    /// in a PNG, SVG or PDF file; a `RecordingCanvas` measures with a rough rule instead.
    public func cairoLayout() throws -> FigureLayout {
        layout(on: try CairoCanvas(width: figure.spec.width, height: figure.spec.height))
    }
}
