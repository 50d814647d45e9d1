import Foundation
import Testing
import LossmapCanvas
import LossmapCore
@testable import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapTestSupport

/// Issue 13's worst path: Adam with η = 0.7 on |w1| + |w2| zig-zags over the minimum at
/// every step, so thinning by distance keeps nearly every step and one stroke of it crossed
/// itself at every segment (3.5 s at 20,000 steps, quadratic).
func zigZagSpec(steps: Int, lossCurve: Bool = false) throws -> FigureSpec {
    let surface = try FormulaSurface(expression: "abs(w1) + abs(w2)")
    let run = RunSpec(method: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: .absolute(0.7),
                      start: Weights(-2.5, 2.0), stopping: Stopping(maxSteps: steps, gradientTolerance: 0))
    var spec = FigureSpec(title: "zig-zag", surface: SurfaceSpec(surface: surface, name: "abs", w1: -3...3, w2: -3...3, resolution: 16),
                          runs: [run])
    spec.lossCurve = lossCurve
    return spec
}

/// Distance from `p` to the nearest of `segments`.
private func distance(_ p: CanvasPoint, to segments: [(CanvasPoint, CanvasPoint)]) -> Double {
    RunPaths.distance(from: p, to: segments)
}

/// The segments of stroked paths.
private func segments(of paths: [CanvasPath]) -> [(CanvasPoint, CanvasPoint)] {
    var result: [(CanvasPoint, CanvasPoint)] = []
    for path in paths {
        var pen: CanvasPoint?
        for element in path.elements {
            switch element {
            case .move(let p): pen = p
            case .line(let p):
                if let a = pen { result.append((a, p)) }
                pen = p
            default: pen = nil
            }
        }
    }
    return result
}

/// A reproducible zig-zag: `count` points jumping about a `size`-pixel square (SplitMix64).
private func randomZigZag(count: Int, size: Double, seed: UInt64 = 13) -> [CanvasPoint] {
    var generator = SplitMix64(seed: seed)
    func uniform() -> Double { generator.uniform() }
    return (0..<count).map { _ in CanvasPoint(100 + size * uniform(), 100 + size * uniform()) }
}

@Suite struct LongPathTests {
    @Test("a zig-zag run of 100,000 steps is drawn as a few thousand segments in strokes of bounded size")
    func zigZagDrawnInBoundedPieces() throws {
        let scene = try Scene(zigZagSpec(steps: 100_000))
        let canvas = RecordingCanvas(width: 1600, height: 1000)
        FigureRenderer(scene).draw(on: canvas)
        let color = scene.runs[0].color
        let strokes = canvas.drawnPaths.filter { $0.kind == .stroke && !$0.closed && $0.color.matches(color) }
        let perStroke = strokes.map { $0.subpaths.reduce(0) { $0 + max(0, $1.count - 1) } }
        #expect(!strokes.isEmpty)
        #expect(perStroke.allSatisfy { $0 <= RunLayer.segmentsPerStroke }, "segments per stroke: \(perStroke.max() ?? 0)")
        // Every segment after the first few thousand crosses ground already drawn.
        #expect(perStroke.reduce(0, +) < 20_000, "segments drawn: \(perStroke.reduce(0, +))")
        let dots = canvas.drawnPaths.filter { $0.kind == .fill && $0.color.matches(color) }
        #expect(dots.allSatisfy { $0.subpaths.count <= RunLayer.dotsPerFill })
        #expect(dots.reduce(0) { $0 + $1.subpaths.count } < 20_000)
    }

    @Test("every step of a 5,000-step zig-zag lies within a pixel of a line drawn in its colour")
    func zigZagStaysHonest() throws {
        let scene = try Scene(zigZagSpec(steps: 5_000))
        let canvas = RecordingCanvas(width: 1600, height: 1000)
        let renderer = FigureRenderer(scene)
        renderer.draw(on: canvas)
        let expected = RunPaths.expected(scene, layout: renderer.layout(on: canvas))
        let drawn = canvas.drawnPaths
        for run in expected {
            #expect(RunPaths.misses(run, among: drawn).isEmpty)
        }
    }

    @Test("of a random zig-zag, every point of every segment left out lies within 0.6 px of one drawn")
    func leftOutSegmentsAreCovered() {
        let points = randomZigZag(count: 3_000, size: 40)
        let box = CanvasRect(x: 0, y: 0, width: 400, height: 400)
        let drawn = segments(of: RunLayer.visibleStrokes(points, within: box))
        #expect(drawn.count < points.count / 2, "drawn \(drawn.count) of \(points.count - 1) segments")
        let bound = (2 * RunLayer.coverageCell * RunLayer.coverageCell).squareRoot() + 1e-9
        for (a, b) in zip(points, points.dropFirst()) {
            for t in stride(from: 0.0, through: 1.0, by: 0.125) {
                let p = CanvasPoint(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
                #expect(distance(p, to: drawn) <= bound)
            }
        }
    }

    @Test("a path bouncing between two points is drawn as one segment, however long")
    func twoCycleDrawnOnce() {
        let a = CanvasPoint(10, 10), b = CanvasPoint(700, 400)
        let points = (0..<10_000).map { $0 % 2 == 0 ? a : b }
        let strokes = RunLayer.visibleStrokes(points, within: CanvasRect(x: 0, y: 0, width: 800, height: 500))
        #expect(segments(of: strokes).count == 1)
    }

    @Test("a path that never revisits its pixels is one stroke with every segment, as before")
    func plainPathUnchanged() {
        let points = (0...1_500).map { k -> CanvasPoint in
            let a = Double(k) / 1_500 * 3 * .pi
            return CanvasPoint(400 + 300 * cos(a) * (1 - Double(k) / 3_000), 400 + 300 * sin(a) * (1 - Double(k) / 3_000))
        }
        let strokes = RunLayer.visibleStrokes(points, within: CanvasRect(x: 0, y: 0, width: 800, height: 800))
        #expect(strokes.count == 1)
        #expect(segments(of: strokes).count == points.count - 1)
    }

    @Test("a segment drawn over ground already covered is left out, one a pixel beside it is kept")
    func coverage() {
        var coverage = PathCoverage(cell: 0.4, origin: CanvasPoint(0, 0))
        coverage.cover(CanvasPoint(10, 10), CanvasPoint(90, 50))
        let inside = coverage.covers(CanvasPoint(20, 15), CanvasPoint(80, 45))
        let reversed = coverage.covers(CanvasPoint(90, 50), CanvasPoint(10, 10))
        let beside = coverage.covers(CanvasPoint(20, 16), CanvasPoint(80, 46))
        let longer = coverage.covers(CanvasPoint(10, 10), CanvasPoint(90, 51.5))
        #expect(inside && reversed)
        #expect(!beside && !longer)
        // Cells on the way, not just the ends: a segment that leaves the covered lines between them.
        coverage.cover(CanvasPoint(200, 10), CanvasPoint(200, 90))
        coverage.cover(CanvasPoint(300, 10), CanvasPoint(300, 90))
        let across = coverage.covers(CanvasPoint(200, 50), CanvasPoint(300, 50))
        #expect(!across)
    }

    @Test("dots closer than a cell to one already drawn are left out")
    func dotsThinnedByCell() {
        let points = (0..<10_000).map { k in CanvasPoint(100 + Double(k % 7) * 0.05, 100 + Double(k % 5) * 0.05) }
        let groups = RunLayer.visibleDots(points, within: CanvasRect(x: 0, y: 0, width: 800, height: 800))
        #expect(groups.joined().count <= 4)
        #expect(groups.joined().first == points[0])
    }

    @Test("a loss curve swinging at every step keeps at most four points per column, within a column of the line")
    func swingingCurveThinned() {
        let curve = (0..<200_000).map { (k: Int) -> CanvasPoint in
            let y: Double = k % 2 == 0 ? 100 : 300 + Double(k % 7)
            return CanvasPoint(Double(k) * 0.005, y)
        }
        let thin = RunLayer.thinned(curve, minimumGap: 0.33)
        let columns = Int(curve.last!.x / 0.33) + 1
        #expect(thin.count <= 4 * columns)
        #expect(thin.first == curve.first && thin.last == curve.last)
        #expect(zip(thin, thin.dropFirst()).allSatisfy { $0.x <= $1.x })
        // Its highest and lowest points are still drawn.
        #expect(thin.contains { $0.y == 306 } && thin.contains { $0.y == 100 })
        let drawn = Array(zip(thin, thin.dropFirst()))
        for p in stride(from: 0, to: curve.count, by: 97).map({ curve[$0] }) {
            #expect(distance(p, to: drawn) <= 0.66 + 1e-9)
        }
    }

    @Test("a loss curve of 200,000 swinging steps is drawn with a number of points bounded by its width")
    func millionStepLossCurve() throws {
        let scene = try Scene(zigZagSpec(steps: 200_000, lossCurve: true))
        let canvas = RecordingCanvas(width: 1600, height: 1000)
        FigureRenderer(scene).draw(on: canvas)
        let color = scene.runs[0].color
        let strokes = canvas.drawnPaths.filter { $0.kind == .stroke && !$0.closed && $0.color.matches(color) }
        let longest = strokes.map { $0.points.count }.max() ?? 0
        #expect(longest < 20_000, "the longest stroke has \(longest) points")
    }
}
