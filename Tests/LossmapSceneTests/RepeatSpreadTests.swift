import LossmapCore
import LossmapSpec
import Testing
@testable import LossmapScene

/// The spread of a stochastic run's seeds: per step the median and the nearest-rank 10th and
/// 90th percentiles, over the walks that reached that step.
@Suite("Repeat spread")
struct RepeatSpreadTests {
    @Test("median and percentiles of ten walks at a step, by hand")
    func byHand() {
        // Step 1 of ten walks at x = 1 … 10, y = 10 … 100.
        let walks = (1...10).map { i in [Weights(0, 0), Weights(Double(i), Double(10 * i))] }
        let spread = RepeatSpread(walks)
        #expect(spread.median == [Weights(0, 0), Weights(5.5, 55)])
        // Nearest rank: ⌈0.1·10⌉ = 1st and ⌈0.9·10⌉ = 9th values.
        #expect(spread.low[1] == Weights(1, 10) && spread.high[1] == Weights(9, 90))
        #expect(RepeatSpread.rank([1, 2, 3, 4, 5], 0.9) == 5 && RepeatSpread.median([3, 1, 2].sorted()) == 2)
    }

    @Test("a step counts while at least half the walks reached it; non-finite points are left out")
    func shortWalks() {
        let walks = [[Weights(0, 0), Weights(1, 1), Weights(2, 2)],
                     [Weights(0, 0), Weights(3, 3)],
                     [Weights(0, 0)],
                     [Weights(0, 0), Weights(.nan, 1)]]
        let spread = RepeatSpread(walks)
        // Step 1: three walks have it, two finite (1 and 3) — still at least half of four.
        #expect(spread.median.count == 2)
        #expect(spread.median[1] == Weights(2, 2))
    }

    @Test("a band run's drawn walk is the median, cut with the frame: its walker stands at the median of step k")
    func drawnWalkInFrames() throws {
        var run = RunSpec(learningRate: .absolute(0.05), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 40))
        run.gradientNoise = GradientNoise(deviation: 1, seed: 1)
        run.repeats = 5
        let spec = FigureSpec(title: "", width: 600, height: 400,
                              surface: SurfaceSpec(surface: Quadratic(curvatures: (1, 10)), name: "bowl", w1: -2...2, w2: -2...2, resolution: 16),
                              runs: [run])
        let scene = try Scene(spec)
        let full = try #require(scene.runs[0].spread)
        #expect(scene.runs[0].drawnWalk == full.median)
        let frame = scene.runs[0].atStep(10)
        #expect(frame.drawnWalk.count == 11 && frame.drawnWalk.last == full.median[10])
        var paths = scene.runs[0]
        paths.spec.repeatsStyle = .paths
        #expect(paths.drawnWalk == paths.trajectory.points)
    }
}
