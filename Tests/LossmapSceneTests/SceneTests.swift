import Dispatch
import Foundation
import LossmapContour
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing

/// The compute stage: a spec in, a scene of plain values out, checked against closed forms.
@Suite("The computed scene")
struct SceneTests {
    /// ½(w1² + 10·w2²): λmax = 10, η_crit = 0.2 for plain descent, minimum 0 at the origin.
    func quadraticSpec(runs: [RunSpec], markers: [MarkerSpec] = []) -> FigureSpec {
        let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 16)
        var spec = FigureSpec(title: "", width: 800, height: 500, surface: surface, runs: runs)
        spec.markers = markers
        return spec
    }

    /// A quadratic whose rows read 1000 higher than its points, so a grid tells which it was sampled with.
    struct RowMarkedSurface: LossSurface {
        let base = Quadratic(condition: 10)
        var minima: [Weights] { base.minima }
        func value(at w: Weights) -> Double { base.value(at: w) }
        func gradient(at w: Weights) -> Weights { base.gradient(at: w) }
        func values(alongW1 w1s: UnsafeBufferPointer<Double>, w2: Double, into out: UnsafeMutableBufferPointer<Double>) {
            for i in 0..<w1s.count { out[i] = base.value(at: Weights(w1s[i], w2)) + 1000 }
        }
    }

    @Test("the map's grid is sampled a row at a time, so a surface's fast row (the perceptron's) is what it shows")
    func gridUsesRows() throws {
        let surface = SurfaceSpec(surface: RowMarkedSurface(), name: "marked", w1: -2...2, w2: -2...2, resolution: 16)
        let spec = FigureSpec(title: "", width: 800, height: 500, surface: surface,
                              runs: [RunSpec(learningRate: .absolute(0.05), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 3))])
        let scene = try Scene(spec)
        for j in 0..<scene.grid.ny {
            for i in 0..<scene.grid.nx {
                #expect(scene.grid[i, j] == Quadratic(condition: 10).value(at: Weights(scene.grid.xs[i], scene.grid.ys[j])) + 1000)
            }
        }
    }

    @Test("the isolines, traced when first asked for, are every level's marching-squares lines, the same from every thread")
    func isolinesOnDemand() throws {
        let scene = try Scene(quadraticSpec(runs: [RunSpec(learningRate: .absolute(0.05), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 3))]))
        let expected = scene.levels.map { MarchingSquares.isoline(scene.grid, level: $0) }
        #expect(scene.isolines.count == scene.levels.count)
        #expect(zip(scene.isolines, expected).allSatisfy { $0.level == $1.level && $0.lines.map(\.points) == $1.lines.map(\.points) })
        #expect(scene.isolines.contains { !$0.lines.isEmpty })
        // Asked from several threads at once, a fresh scene traces once and all see the same lines.
        let fresh = try Scene(quadraticSpec(runs: []))
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in counts.add(fresh.isolines.map(\.lines.count)) }
        #expect(Set(counts.all).count == 1)
    }

    final class Counts: @unchecked Sendable {
        private var values: [[Int]] = []
        private let lock = NSLock()
        func add(_ v: [Int]) { lock.lock(); values.append(v); lock.unlock() }
        var all: [[Int]] { lock.lock(); defer { lock.unlock() }; return values }
    }

    @Test("every step of plain descent is −η times the gradient recorded at its point")
    func gradientsPerStep() throws {
        let scene = try Scene(quadraticSpec(runs: [RunSpec(learningRate: .absolute(0.05), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 30))]))
        let run = try #require(scene.runs.first)
        let t = run.trajectory
        #expect(t.gradients.count == t.points.count)
        for k in 0..<(t.points.count - 1) {
            // ∇(½(w1² + 10·w2²)) = (w1, 10·w2), exactly.
            #expect(t.gradients[k] == Weights(t.points[k].x, 10 * t.points[k].y))
            #expect(t.points[k + 1] == t.points[k] - 0.05 * t.gradients[k])
        }
    }

    @Test("a frame's slice holds exactly the steps up to k, and all of them past the end")
    func prefixSlices() throws {
        let scene = try Scene(quadraticSpec(runs: [RunSpec(learningRate: .absolute(0.05), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 30))]))
        let run = scene.runs[0]
        let upTo3 = run.prefix(throughStep: 3)
        #expect(upTo3.points.count == 4 && upTo3.losses.count == 4 && upTo3.gradients.count == 4)
        #expect(Array(upTo3.points) == Array(run.trajectory.points[0...3]))
        #expect(run.prefix(throughStep: 10_000).points.count == run.trajectory.points.count)
        #expect(run.prefix(throughStep: -1).points.count == 1)
    }

    @Test("a rate relative to η_crit becomes η_crit times the multiple, and its label reads back as typed")
    func relativeRates() throws {
        let scene = try Scene(quadraticSpec(runs: [
            RunSpec(learningRate: .critical(multiple: 0.5), start: Weights(1, 1), stopping: Stopping(maxSteps: 5)),
            RunSpec(learningRate: .absolute(0.19), start: Weights(1, 1), stopping: Stopping(maxSteps: 5)),
            RunSpec(label: .text("η = 0.05"), learningRate: .absolute(0.05), start: Weights(1, 1), stopping: Stopping(maxSteps: 5)),
        ]))
        #expect(abs(scene.runs[0].learningRate - 0.1) < 1e-15)
        #expect(scene.runs[0].criticalMultiple == 0.5)
        #expect(scene.runs[0].label == "η = 0.1 (0.5 η_crit)")
        #expect(scene.runs[1].label == "η = 0.19 (0.95 η_crit)")
        // The user's own words, even when they look generated, are not extended.
        #expect(scene.runs[2].label == "η = 0.05")
    }

    @Test("a relative rate on a surface without η_crit is an error, not a guess")
    func relativeRateWithoutCriticalRate() {
        let surface = SurfaceSpec(surface: Saddle(), name: "saddle", w1: -2...2, w2: -2...2, resolution: 16)
        let spec = FigureSpec(title: "", width: 800, height: 500, surface: surface,
                              runs: [RunSpec(learningRate: .critical(multiple: 0.5), start: Weights(-1.8, 0.01))])
        #expect(throws: DiagnosticList.self) { try Scene(spec) }
    }

    @Test("a marker carries the loss at its point, and is not a run")
    func markers() throws {
        let scene = try Scene(quadraticSpec(runs: [], markers: [MarkerSpec(at: Weights(2, 1), label: "here")]))
        #expect(scene.runs.isEmpty)
        #expect(scene.markers == [SceneMarker(spec: MarkerSpec(at: Weights(2, 1), label: "here"), loss: 0.5 * (4 + 10))])
    }

    @Test("no η_crit is taken from a point far off the map that only looks stationary")
    func noCriticalRateFromAFarPoint() throws {
        let formula = try FormulaSurface(expression: "log(w1) + sqrt(w2) + (w1 - 2)^2")
        let surface = SurfaceSpec(surface: formula, name: "formula", w1: -1...4, w2: -1...4, resolution: 16)
        let scene = try Scene(FigureSpec(title: "", width: 800, height: 500, surface: surface,
                                         runs: [RunSpec(learningRate: .absolute(0.1), start: Weights(3.5, 3), stopping: Stopping(maxSteps: 5))]))
        #expect(scene.stability == nil)
        #expect(scene.stabilityProblem?.contains("no minimum found near the map") == true)
        #expect(scene.runs[0].criticalLearningRate == nil)
        #expect(scene.runs[0].label == "η = 0.1")
    }
}
