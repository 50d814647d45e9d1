import Foundation
import Testing
import LossmapBackend
import LossmapBatch
import LossmapCanvas
import LossmapContour
import LossmapCore
@testable import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapTestSupport

/// The lesson's loss, written out: mean of (W1·x1 + W2·x2 − y)² over its four points
/// (config/lecture/data/lesson.csv), 800 at (40, 10), 40 at its minimum (24, 30).
struct LessonSurface: LossSurface {
    static let points: [(Double, Double, Double)] = [(1, 1, 50), (1, 3, 110), (2, 2, 100), (3, 4, 200)]

    func value(at w: Weights) -> Double {
        Self.points.reduce(0) { $0 + pow(w.x * $1.0 + w.y * $1.1 - $1.2, 2) } / 4
    }

    func gradient(at w: Weights) -> Weights {
        Self.points.reduce(Weights(0, 0)) { g, p in
            let e = w.x * p.0 + w.y * p.1 - p.2
            return g + Weights(e * p.0, e * p.1) / 2
        }
    }

    var minima: [Weights] { [Weights(24, 30)] }
}

/// The mountain as drawn: faces sliced at the levels, the views laid out, and goldens.
@Suite("The 3-D surface view")
struct SurfaceViewTests {
    static func spec(_ view: FigureView, surface: any LossSurface, w1: ClosedRange<Double>, w2: ClosedRange<Double>,
                     levels: LevelChoice = .count(10), scale: LevelScale = .linear, runs: [(Double, Weights)] = [],
                     camera: CameraSpec = CameraSpec(), size: (Int, Int) = (800, 560)) -> FigureSpec {
        let surfaceSpec = SurfaceSpec(surface: surface, name: "test", w1: w1, w2: w2, resolution: 60, levels: levels, levelScale: scale)
        var spec = FigureSpec(title: "", width: size.0, height: size.1, surface: surfaceSpec,
                              runs: runs.map { RunSpec(learningRate: .absolute($0.0), start: $0.1, stopping: Stopping(maxSteps: 40)) })
        spec.view = view
        spec.camera = camera
        spec.showsCriticalRate = false
        return spec
    }

    static var lesson: FigureSpec {
        var camera = CameraSpec()
        camera.heightScale = .linear
        return spec(.surface, surface: LessonSurface(), w1: -20...60, w2: -20...60,
                    levels: .values([100, 200, 400, 800, 1600, 3200, 6400, 12800]),
                    runs: [(0.002, Weights(40, 10)), (0.05, Weights(40, 10)), (0.12, Weights(40, 10))], camera: camera)
    }

    @Test("a face is cut at the levels into slices, one per band, that tile it")
    func slicesTileTheFace() {
        // A triangle rising from 0 to 2: levels 0.5 and 1.5 cut it into three bands.
        let face = [SIMD3<Double>(0, 0, 0), SIMD3(2, 0, 2), SIMD3(0, 2, 2)]
        let slices = SurfaceView.slices(of: face, at: [0.5, 1.5])
        #expect(slices.map(\.band) == [0, 1, 2])
        func area(_ p: [SIMD3<Double>]) -> Double {
            abs(zip(p, p.dropFirst() + [p[0]]).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }) / 2
        }
        #expect(abs(slices.map { area($0.polygon) }.reduce(0, +) - area(face)) < 1e-12)
        // z = x + y here: the lowest band is the corner triangle below x + y = 0.5, area 0.125.
        #expect(abs(area(slices[0].polygon) - 0.125) < 1e-12)
        for slice in slices {
            let low = slice.band == 0 ? -Double.infinity : [0.5, 1.5][slice.band - 1]
            let high = slice.band == 2 ? Double.infinity : [0.5, 1.5][slice.band]
            #expect(slice.polygon.allSatisfy { $0.z >= low - 1e-12 && $0.z <= high + 1e-12 })
        }
        // A face inside one band is left whole.
        #expect(SurfaceView.slices(of: face, at: [5]).map(\.band) == [0])
        #expect(SurfaceView.slices(of: face, at: [5])[0].polygon == face)
    }

    @Test("a level crosses a face along the segment where the face is at that height")
    func levelCrossings() {
        // z = x + y on the triangle (0,0), (2,0), (0,2): level 1 crosses it from (1,0) to (0,1).
        let face = [SIMD3<Double>(0, 0, 0), SIMD3(2, 0, 2), SIMD3(0, 2, 2)]
        let crossings = SurfaceView.levelCrossings(of: face, at: [1, 5, -1])
        #expect(crossings.count == 1)
        let ends = crossings.first.map { [$0.0, $0.1] } ?? []
        #expect(ends.contains(SIMD3(1, 0, 1)) && ends.contains(SIMD3(0, 1, 1)))
        // A level through a corner only touches: no segment across a flat face.
        #expect(SurfaceView.levelCrossings(of: face, at: [0]).isEmpty)
    }

    @Test("view = both lays out the map and the mountain side by side, the same size")
    func bothSideBySide() throws {
        let scene = try Scene(Self.spec(.both, surface: Quadratic(condition: 5), w1: -2...2, w2: -2...2, size: (1600, 800)))
        let layout = try FigureRenderer(scene).cairoLayout()
        #expect(layout.maps.count == 2)
        #expect(layout.maps[0].maxX < layout.maps[1].minX && abs(layout.maps[0].midY - layout.maps[1].midY) < 1)
        #expect(abs(layout.maps[0].width - layout.maps[1].width) < 1e-9)
        #expect(scene.mesh?.nx == 60)
    }

    @Test("the mountain has a face fill per mesh cell at least, in the band colours, and every run's colour")
    func facesAndPaths() throws {
        let scene = try Scene(Self.lesson)
        let canvas = RecordingCanvas(width: 800, height: 560)
        FigureRenderer(scene).draw(on: canvas)
        let fills = canvas.drawnPaths.filter { $0.kind == .fill }
        // 59 × 59 cells, some split in two or sliced at a level.
        #expect(fills.count >= 59 * 59)
        for run in scene.runs {
            #expect(canvas.drawnPaths.contains { $0.kind == .stroke && $0.color.matches(run.color) }, "no path of \(run.label)")
        }
        #expect(canvas.texts.contains("loss") && canvas.texts.contains("w₁") && canvas.texts.contains("w₂"))
    }

    @Test("an orbit turns the camera over the frames and ends at the still figure's view")
    func orbitEndsAtTheStill() throws {
        var spec = Self.lesson
        spec.camera.orbit = 90
        var animation = AnimationSpec()
        animation.stepping = .every(10)
        animation.counter = false
        spec.animation = animation
        let scene = try Scene(spec)
        func frame(_ step: Int) throws -> RGBImage {
            let canvas = try CairoCanvas(width: 800, height: 560)
            FigureRenderer(scene).drawFrame(step: step, on: canvas)
            return try canvas.rgbPixels()
        }
        var still = spec
        still.animation = nil
        spec.camera.orbit = 0
        let stillImage = try FigureFile.rasterize(try Scene(still))
        let last = try frame(scene.frames!.lastStep), first = try frame(0)
        // The last frame is the still view (walkers aside: few pixels); the first is turned 90°.
        let (lastComparison, _) = GoldenImage.compare(last.rgb, stillImage.rgb, width: 800)
        let (firstComparison, _) = GoldenImage.compare(first.rgb, stillImage.rgb, width: 800)
        #expect(lastComparison.fraction < 0.01, "the last frame differs from the still in \(lastComparison.fraction * 100) %")
        #expect(firstComparison.fraction > 0.1, "the first frame is not turned: \(firstComparison.fraction * 100) % differ")
    }

    @Test("a long path of short steps shows in its own colour on the mountain, about as much as on the map")
    func pathsShowInColour() throws {
        // 150 short steps down a bowl: on the mountain the path is hundreds of short pieces.
        var spec = Self.spec(.both, surface: Quadratic(condition: 4), w1: -2...2, w2: -2...2,
                             runs: [(0.02, Weights(-1.8, 1.5))], size: (1200, 560))
        spec.runs[0].stopping.maxSteps = 150
        let scene = try Scene(spec)
        let image = try FigureFile.rasterize(scene)
        let layout = try FigureRenderer(scene).cairoLayout()
        let color = scene.runs[0].color
        func pixels(in panel: CanvasRect) -> Int {
            var count = 0
            for y in Int(panel.minY)..<Int(panel.maxY) {
                for x in Int(panel.minX)..<Int(panel.maxX)
                    where RasterLook.nearestDifference(to: color, around: CanvasPoint(Double(x), Double(y)), in: image, radius: 0) < 60 {
                    count += 1
                }
            }
            return count
        }
        let map = pixels(in: layout.maps[0]), mountain = pixels(in: layout.maps[1])
        #expect(map > 100)
        // The mountain's path is shorter on the canvas (seen at a slant) and has no step dots,
        // but must not lose its colour to its halo at every joint, nor to the faces drawn
        // after it (a fifth of the map's count; round-ended halos left a tenth).
        #expect(Double(mountain) >= 0.2 * Double(map), "\(mountain) pixels in the run's colour on the mountain, \(map) on the map")
    }

    @Test("goldens: a bowl, Rosenbrock on a log height, the lesson's surface", arguments: ["bowl", "rosenbrock-log", "lesson"])
    func goldens(name: String) throws {
        var camera = CameraSpec()
        let spec: FigureSpec
        switch name {
        case "bowl":
            spec = Self.spec(.surface, surface: Quadratic(condition: 4), w1: -2...2, w2: -2...2,
                             runs: [(0.1, Weights(-1.8, 1.5)), (0.45, Weights(-1.8, 1.5))])
        case "rosenbrock-log":
            camera.heightScale = .log
            camera.azimuth = -110
            camera.cut = 2000
            spec = Self.spec(.surface, surface: Rosenbrock(), w1: -2...2, w2: -1...3, levels: .count(15), scale: .log,
                             runs: [(0.001, Weights(-1.5, 2)), (0.0021, Weights(-1.5, 2))], camera: camera)
        default:
            spec = Self.lesson
        }
        try GoldenImage.check(try FigureFile.rasterize(try Scene(spec)), name: "surface-\(name)-800x560")
    }
}
