import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing
@testable import LossmapRender

/// The band of a run's repeats: the convex hull of each two consecutive steps' boxes.
@Suite("Repeat band")
struct RepeatBandTests {
    @Test("two boxes side by side: their hull is the rectangle around both; one box alone is itself")
    func hulls() {
        let polygons = RepeatBand.polygons(low: [CanvasPoint(0, 0), CanvasPoint(10, 0)], high: [CanvasPoint(2, 2), CanvasPoint(12, 2)])
        #expect(polygons.count == 1)
        #expect(Set(polygons[0].map { "\($0.x),\($0.y)" }) == ["0.0,0.0", "12.0,0.0", "12.0,2.0", "0.0,2.0"])
        #expect(RepeatBand.polygons(low: [CanvasPoint(1, 1)], high: [CanvasPoint(3, 4)])[0].count == 4)
    }

    @Test("diagonal boxes: the hull cuts the corners with the two outer tangents (six corners)")
    func diagonal() {
        let hull = RepeatBand.polygons(low: [CanvasPoint(0, 0), CanvasPoint(10, 10)], high: [CanvasPoint(2, 2), CanvasPoint(12, 12)])[0]
        #expect(Set(hull.map { "\($0.x),\($0.y)" }) == ["0.0,0.0", "2.0,0.0", "12.0,10.0", "12.0,12.0", "10.0,12.0", "0.0,2.0"])
        // Every hull is wound the same way (so the non-zero fill paints their union once).
        func area(_ p: [CanvasPoint]) -> Double {
            zip(p, p.dropFirst() + [p[0]]).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y } / 2
        }
        #expect(area(hull) > 0)
        let other = RepeatBand.polygons(low: [CanvasPoint(5, 0), CanvasPoint(0, 5)], high: [CanvasPoint(6, 1), CanvasPoint(1, 6)])[0]
        #expect(area(other) > 0)
    }

    @Test("boxes that move less than a third of a pixel are one: 100,000 steps creeping 0.001 px each make a handful of hulls")
    func thinned() {
        let low = (0..<100_000).map { CanvasPoint(Double($0) * 0.001, 0) }
        let high = low.map { CanvasPoint($0.x + 5, 5) }
        let polygons = RepeatBand.polygons(low: low, high: high)
        #expect(polygons.count < 400, "\(polygons.count) hulls")
        // Still the whole band: from the first box's left to the last box's right.
        #expect(polygons.flatMap { $0 }.map(\.x).min() == 0 && abs(polygons.flatMap { $0 }.map(\.x).max()! - (99.999 + 5)) < 1e-9)
    }

    @Test("a band that jitters every step is drawn from at most 2,000 boxes, the last one kept")
    func jitter() {
        let low = (0..<10_000).map { CanvasPoint(Double($0 % 7), Double($0 % 5)) }
        let high = low.map { CanvasPoint($0.x + 3, $0.y + 3) }
        let polygons = RepeatBand.polygons(low: low, high: high)
        #expect(polygons.count <= RepeatBand.maxBoxes)
        let last = polygons.last!
        #expect(last.contains(CanvasPoint(low.last!.x + 3, low.last!.y + 3)))
    }

    @Test("the mountain draws a band run's median walk, as the map does")
    func mountainWalk() throws {
        var run = RunSpec(learningRate: .absolute(0.05), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 30))
        run.gradientNoise = GradientNoise(deviation: 1, seed: 2)
        run.repeats = 4
        let spec = FigureSpec(title: "", width: 600, height: 400,
                              surface: SurfaceSpec(surface: Quadratic(curvatures: (1, 10)), name: "bowl", w1: -2...2, w2: -2...2, resolution: 16),
                              runs: [run])
        let scene = try Scene(spec)
        #expect(SurfaceView.walk(scene.runs[0]) == scene.runs[0].spread?.median)
        #expect(SurfaceView.walk(scene.runs[0]) != scene.runs[0].trajectory.points)
    }
}
