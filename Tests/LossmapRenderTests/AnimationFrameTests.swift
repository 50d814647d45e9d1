import Foundation
import Testing
import LossmapBackend
@testable import LossmapBatch
import LossmapCanvas
import LossmapCore
import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapTestSupport

/// An animation's frames: what each shows (the paths up to its step, the walkers, the
/// outcomes once known), and that drawing only the moving parts over a background drawn once
/// gives the frame drawn whole.
@Suite("Animation frames")
struct AnimationFrameTests {
    /// ½(w1² + 10·w2²), η_crit = 0.2: a tiny, a good and a huge (diverging) step, with the
    /// loss panel, 20 steps each, frames at every step.
    static func spec(counter: Bool = true, trail: AnimationSpec.Trail = .full, lossCurve: Bool = true) -> FigureSpec {
        let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 60)
        let start = Weights(-1.6, 0.9)
        var spec = FigureSpec(title: "Three steps", width: 800, height: 500, surface: surface, runs: [
            RunSpec(learningRate: .absolute(0.01), start: start, stopping: Stopping(maxSteps: 20)),
            RunSpec(learningRate: .absolute(0.15), start: start, stopping: Stopping(maxSteps: 20)),
            RunSpec(learningRate: .absolute(0.25), start: start, stopping: Stopping(maxSteps: 20)),
        ])
        spec.lossCurve = lossCurve
        var animation = AnimationSpec()
        animation.stepping = .every(1)
        animation.counter = counter
        animation.trail = trail
        spec.animation = animation
        return spec
    }

    static func render(_ scene: Scene, step: Int) throws -> RGBImage {
        let canvas = try CairoCanvas(width: scene.spec.width, height: scene.spec.height, background: scene.spec.theme.background)
        FigureRenderer(scene).drawFrame(step: step, on: canvas)
        return try canvas.rgbPixels()
    }

    static func still(_ scene: Scene) throws -> RGBImage {
        let canvas = try CairoCanvas(width: scene.spec.width, height: scene.spec.height, background: scene.spec.theme.background)
        FigureRenderer(scene).draw(on: canvas)
        return try canvas.rgbPixels()
    }

    @Test("every frame drawn over the cached background equals the frame drawn whole", arguments: [0, 1, 4, 11, 20])
    func backgroundOnceEqualsWhole(step: Int) throws {
        let scene = try Scene(Self.spec())
        let cached = try FrameRasterizer(scene).frame(step: step)
        let whole = try Self.render(scene, step: step)
        let (comparison, _) = GoldenImage.compare(cached.rgb, whole.rgb, width: whole.width)
        // Only the frame line's order against the paths under it may differ: a few pixels.
        #expect(comparison.differingPixels <= 40, "step \(step): \(comparison.differingPixels) pixels differ")
    }

    @Test("frame k draws each run's path through exactly its first k steps, ending at step k", arguments: [1, 5, 12])
    func framePathsEndAtStep(step: Int) throws {
        let scene = try Scene(Self.spec())
        let canvas = RecordingCanvas(width: 800, height: 500)
        let renderer = FigureRenderer(scene)
        renderer.drawFrame(step: step, on: canvas)
        let layout = renderer.layout(on: RecordingCanvas(width: 800, height: 500))
        let drawn = canvas.drawnPaths
        for (run, expected) in zip(scene.runs, RunPaths.expected(scene, layout: layout)) {
            // Steps 0…k, or all of a run that stopped before k.
            let shownCount = min(step + 1, expected.points.count)
            var prefix = expected
            prefix.points = Array(expected.points.prefix(shownCount))
            // Everything up to step k is drawn …
            #expect(RunPaths.misses(prefix, among: drawn).isEmpty, "\(run.label) at step \(step)")
            // … and nothing after it: the next point, when it is elsewhere, is off every stroke.
            guard shownCount < expected.points.count else { continue }
            let next = expected.points[shownCount], last = expected.points[shownCount - 1]
            let strokes = RunPaths.segments(of: drawn.filter { $0.kind == .stroke && !$0.closed && $0.color.matches(run.color) })
            if hypot(next.x - last.x, next.y - last.y) > 3, expected.frame.contains(next) {
                #expect(RunPaths.distance(from: next, to: strokes) > 1, "\(run.label): step \(step + 1) drawn in frame \(step)")
            }
        }
    }

    @Test("each frame has a walker in each run's colour at its current point")
    func walkersAtCurrentPoints() throws {
        var checked = 0
        defer { #expect(checked >= 5, "only \(checked) walkers could be seen") }
        let scene = try Scene(Self.spec())
        let layout = try FigureRenderer(scene).cairoLayout()
        let transform = PlotTransform(w1: scene.w1, w2: scene.w2, rect: layout.maps[0])
        let radius = FigureStyle(width: 800, height: 500).walkerRadius
        for step in [1, 3, 9] {
            let image = try FrameRasterizer(scene).frame(step: step)
            let points = scene.runs.map { transform.point($0.atStep(step).trajectory.points.last!) }
            for (i, run) in scene.runs.enumerated() {
                let p = points[i]
                // A ball under another one is hidden; so is one off the map.
                let covered = points.indices.contains { $0 != i && hypot(points[$0].x - p.x, points[$0].y - p.y) < 2 * radius }
                guard layout.maps[0].contains(p), !covered else { continue }
                // Below and right of the centre, away from the highlight (up and to the left).
                let spot = CanvasPoint(p.x + radius * 0.35, p.y + radius * 0.35)
                #expect(RasterLook.nearestDifference(to: run.color, around: spot, in: image, radius: 0) < 30,
                        "no walker of \(run.label) at step \(step)")
                checked += 1
            }
        }
    }

    @Test("the legend names an outcome only from the frame where the run stops, and the badge appears with it")
    func outcomesAppearWhenKnown() throws {
        let scene = try Scene(Self.spec())
        let huge = scene.runs[2]
        #expect(huge.trajectory.outcome.isDiverged, "η = 0.25 > η_crit = 0.2 should diverge, got \(huge.trajectory.outcome)")
        let stop = huge.lastStep
        func texts(at step: Int) -> [String] {
            let canvas = RecordingCanvas(width: 800, height: 500)
            FigureRenderer(scene).drawFrame(step: step, on: canvas)
            return canvas.texts
        }
        let before = texts(at: stop - 1), at = texts(at: stop)
        let phrase = huge.trajectory.outcome.phrase
        #expect(!before.contains { $0.contains(phrase) })
        #expect(at.contains("\(huge.label) · \(phrase)"))
        #expect(before.contains(huge.label))
        #expect(at.contains("step \(stop) of \(scene.frames!.lastStep)"))
    }

    /// The pixels of two images of one layout that differ visibly, away from `allowed`
    /// (points with a radius each), counted inside `region` (the whole image when nil).
    static func differences(_ a: RGBImage, _ b: RGBImage, allowed: [CanvasPoint], radius: Double,
                            region: CanvasRect? = nil) -> (all: Int, elsewhere: Int) {
        var all = 0, elsewhere = 0
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = CanvasPoint(Double(x) + 0.5, Double(y) + 0.5)
                if let region, !region.contains(p) { continue }
                let i = (y * a.width + x) * 3
                let pa = (a.rgb[i], a.rgb[i + 1], a.rgb[i + 2]), pb = (b.rgb[i], b.rgb[i + 1], b.rgb[i + 2])
                guard GoldenImage.perceptualDelta(pa, pb) > GoldenImage.visibleDelta else { continue }
                all += 1
                if !allowed.contains(where: { hypot($0.x - p.x, $0.y - p.y) <= radius }) { elsewhere += 1 }
            }
        }
        return (all, elsewhere)
    }

    @Test("the last frame is the still figure of the same config without [animation], plus the walkers")
    func lastFrameIsTheStillFigure() throws {
        let scene = try Scene(Self.spec(counter: false))
        var stillSpec = Self.spec(counter: false)
        stillSpec.animation = nil
        let still = try Self.still(try Scene(stillSpec))
        let last = try Self.render(scene, step: scene.frames!.lastStep)
        let layout = try FigureRenderer(scene).cairoLayout()
        let transform = PlotTransform(w1: scene.w1, w2: scene.w2, rect: layout.maps[0])
        let balls = scene.runs.map { transform.point($0.trajectory.points.last!) }
        let reach = FigureStyle(width: 800, height: 500).walkerRadius + 4
        let (differing, outside) = Self.differences(last, still, allowed: balls, radius: reach)
        #expect(differing > 20, "the walkers are missing from the last frame")
        #expect(outside == 0, "\(outside) pixels differ away from the walkers")
    }

    @Test("frame k's map is the still map of the same runs stopped at step k, plus the walkers", arguments: [0, 3, 6, 7, 8, 12])
    func frameIsStillStoppedAtStep(step: Int) throws {
        // No loss panel and no counter: the map, its badges and arrows are compared, not the
        // legend (whose stopped runs read "still descending") or the panel's axes.
        let scene = try Scene(Self.spec(counter: false, lossCurve: false))
        var stopped = Self.spec(counter: false, lossCurve: false)
        stopped.animation = nil
        for i in stopped.runs.indices { stopped.runs[i].stopping.maxSteps = step }
        let stoppedScene = try Scene(stopped)
        let frame = try Self.render(scene, step: step)
        // Drawn with the animation's layout: the stopped runs' legend has other widths.
        let layout = try FigureRenderer(scene).cairoLayout()
        var stillRenderer = FigureRenderer(stoppedScene)
        stillRenderer.fixedLayout = layout
        let canvas = try CairoCanvas(width: 800, height: 500, background: stopped.theme.background)
        stillRenderer.draw(on: canvas)
        let still = try canvas.rgbPixels()
        let transform = PlotTransform(w1: scene.w1, w2: scene.w2, rect: layout.maps[0])
        let balls = scene.runs.map { transform.point($0.atStep(step).trajectory.points.last!) }
        let reach = FigureStyle(width: 800, height: 500).walkerRadius + 4
        let (_, outside) = Self.differences(frame, still, allowed: balls, radius: reach, region: layout.maps[0].insetBy(-2))
        #expect(outside == 0, "step \(step): \(outside) pixels of the map differ away from the walkers")
    }

    @Test("a trail of n steps draws only the last n steps of each path")
    func trailIsShort() throws {
        let scene = try Scene(Self.spec(trail: .steps(3)))
        let canvas = RecordingCanvas(width: 800, height: 500)
        let renderer = FigureRenderer(scene)
        renderer.drawFrame(step: 15, on: canvas)
        let layout = renderer.layout(on: RecordingCanvas(width: 800, height: 500))
        let tiny = RunPaths.expected(scene, layout: layout)[0]
        let strokes = RunPaths.segments(of: canvas.drawnPaths.filter { $0.kind == .stroke && !$0.closed && $0.color.matches(tiny.color) })
        // Steps 12…15 are on the trail; step 2 (long before) is not.
        for k in 12...15 { #expect(RunPaths.distance(from: tiny.points[k], to: strokes) <= 1) }
        #expect(RunPaths.distance(from: tiny.points[2], to: strokes) > 1)
    }
}
