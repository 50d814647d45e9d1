import LossmapCore
import LossmapScene
import LossmapSpec
import Testing

/// Which steps an animation shows and for how long, checked against schedules worked out
/// by hand; and a run as a frame shows it.
@Suite("Frame schedules")
struct FrameScheduleTests {
    func animation(_ stepping: AnimationSpec.Stepping, maxFrames: Int = 100) -> AnimationSpec {
        var a = AnimationSpec()
        a.stepping = stepping
        a.maxFrames = maxFrames
        return a
    }

    @Test("every = 5 shows steps 0, 5, 10 and the last, the first and last held longer")
    func everyKth() {
        let s = FrameSchedule(runSteps: [12, 3], animation: animation(.every(5)))
        #expect(s.steps == [0, 5, 10, 12])
        #expect(s.lastStep == 12)
        #expect(s.durations == [0.1 + 0.5, 0.1, 0.1, 0.1 + 2])
        #expect(abs(s.duration - 2.9) < 1e-12)
        #expect(s.notice == nil)
    }

    @Test("every = 1 with more steps than max_frames spaces the frames out, and says so")
    func everyTooDense() throws {
        let s = FrameSchedule(runSteps: [20], animation: animation(.every(1), maxFrames: 5))
        // ⌈20 / 4⌉ = 5: 0, 5, 10, 15, 20.
        #expect(s.steps == [0, 5, 10, 15, 20])
        let notice = try #require(s.notice)
        #expect(notice.contains("every = 1 would make 21 frames") && notice.contains("every 5 steps"))
    }

    @Test("auto shows every step when they fit")
    func autoFits() {
        #expect(FrameSchedule(runSteps: [7, 30], animation: animation(.auto, maxFrames: 40)).steps == Array(0...30))
    }

    @Test("auto on a long run: the first steps one by one, every stop, then further apart, within max_frames")
    func autoLong() {
        let s = FrameSchedule(runSteps: [1000, 37, 400], animation: animation(.auto, maxFrames: 60))
        #expect(s.steps.count == 60)
        #expect(Array(s.steps.prefix(21)) == Array(0...20))
        #expect(s.steps.contains(37) && s.steps.contains(400))
        #expect(s.steps.last == 1000)
        #expect(zip(s.steps, s.steps.dropFirst()).allSatisfy { $0 < $1 })
        // Geometric: the gaps grow; the last tenth of the steps gets a handful of frames.
        #expect(s.steps.filter { $0 > 900 }.count <= 6)
        #expect(s.steps.filter { $0 > 20 && $0 <= 100 }.count >= 10)
    }

    @Test("max_frames = 2 keeps only the start and the end, with every = k and with auto")
    func smallestBudget() {
        #expect(FrameSchedule(runSteps: [30], animation: animation(.every(2), maxFrames: 2)).steps == [0, 30])
        #expect(FrameSchedule(runSteps: [30, 7], animation: animation(.auto, maxFrames: 2)).steps == [0, 30])
        #expect(FrameSchedule(runSteps: [30, 7], animation: animation(.auto, maxFrames: 3)).steps == [0, 1, 30])
        // every = k wider than the run: the start and the end.
        #expect(FrameSchedule(runSteps: [5], animation: animation(.every(50))).steps == [0, 5])
    }

    @Test("a run of no steps has one frame, shown for the frame and both holds")
    func singleFrame() {
        let s = FrameSchedule(runSteps: [0], animation: animation(.auto))
        #expect(s.steps == [0])
        #expect(s.durations == [0.1 + 0.5 + 2])
    }

    @Test("a run at step k of a frame: its first k steps, its outcome unknown until it stops")
    func runAtStep() throws {
        let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 16)
        var spec = FigureSpec(title: "", width: 800, height: 500, surface: surface, runs: [
            RunSpec(learningRate: .absolute(0.05), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 8)),
            RunSpec(learningRate: .absolute(0.3), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 8)),
        ])
        spec.animation = AnimationSpec()
        let scene = try Scene(spec)
        let run = scene.runs[0]
        #expect(run.lastStep == 8)
        let third = run.atStep(3)
        #expect(third.trajectory.points == Array(run.trajectory.points[0...3]))
        #expect(third.trajectory.losses == Array(run.trajectory.losses[0...3]))
        #expect(!third.outcomeKnown)
        #expect(run.atStep(8).outcomeKnown && run.atStep(8).trajectory.points.count == 9)
        #expect(run.atStep(50).trajectory.points == run.trajectory.points)
        // η = 0.3 > η_crit = 0.2 diverges at step s before step 8: its points end at step
        // s − 1 (the jump out is `escapedTo`), but its outcome is known only at step s.
        let huge = scene.runs[1]
        guard case .diverged(let s, _) = huge.trajectory.outcome else {
            Issue.record("η = 0.3 should diverge, got \(huge.trajectory.outcome)")
            return
        }
        #expect(huge.lastStep == s)
        #expect(huge.atStep(s).outcomeKnown && huge.atStep(s).trajectory.escapedTo != nil)
        #expect(!huge.atStep(s - 1).outcomeKnown && huge.atStep(s - 1).trajectory.escapedTo == nil)
        #expect(huge.atStep(s - 1).trajectory.points.count == min(s, huge.trajectory.points.count))
        // The scene's schedule runs to the longest run's end.
        #expect(scene.frames?.lastStep == max(run.lastStep, huge.lastStep))
    }
}
