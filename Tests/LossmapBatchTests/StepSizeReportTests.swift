import Foundation
import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing
@testable import LossmapBatch

/// report.json's step-size fields (issue 17): `step_lengths`, `schedule`, `line_search`,
/// `gradient_noise`, `seed`, `newton_fallback_steps`, checked on f = w1² + 10·w2² (H =
/// diag(2, 20), η_crit = 0.1) against closed forms: the cosine schedule's formula, Armijo's
/// sufficient-decrease condition, the exact step gᵀg/gᵀHg, Newton's one step to the minimum,
/// and seeded noise that repeats with its seed and changes with another.
@Suite("Step-size reports")
struct StepSizeReportTests {
    static let bowl = """
        size = [400, 300]

        [surface]
        expression = "w1^2 + 10*w2^2"
        w1 = [-2.0, 2.0]
        w2 = [-1.5, 1.5]
        resolution = 24

        [optimizer]
        start = [-1.8, 1.0]
        steps = 30
        """

    /// A cosine run, an Armijo run, a noisy run (seeded with `seed`), a Newton run, and an
    /// exact line search, in that order.
    static func fourRuns(seed: Int = 7) -> String {
        bowl + """


            [[run]]
            label = "cosine"
            learning_rate = 0.08
            schedule = "cosine"
            final_learning_rate = 0.004

            [[run]]
            label = "armijo"
            learning_rate = 0.5
            line_search = "armijo"
            armijo_c = 0.3
            shrink = 0.6

            [[run]]
            label = "noisy"
            learning_rate = 0.02
            gradient_noise = 3
            seed = \(seed)

            [[run]]
            label = "newton"
            method = "newton"
            learning_rate = 1

            [[run]]
            label = "exact"
            learning_rate = 0.01
            line_search = "exact"
            """
    }

    /// f and ∇f of the bowl, by hand.
    static func f(_ w: Weights) -> Double { w.x * w.x + 10 * w.y * w.y }
    static func gradient(_ w: Weights) -> Weights { Weights(2 * w.x, 20 * w.y) }

    /// The scene of `text` and its report entry as report.json writes it, parsed back as plain JSON.
    func render(_ text: String) throws -> (scene: Scene, figure: [String: Any]) {
        let config = try FigureConfig.load(SourceFile(name: "figure.toml", text: text), defaultOutputName: "figure.png")
        let scene = try Scene(config.spec)
        let report = BatchRenderer.report(for: scene, config: "figure.toml", output: "figure.png", fingerprint: nil)
        let data = try ReportWriter.json(BatchReport(figures: [report]))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (scene, try #require((object?["figures"] as? [[String: Any]])?.first))
    }

    func runs(_ figure: [String: Any]) throws -> [[String: Any]] {
        try #require(figure["runs"] as? [[String: Any]])
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("the cosine run's step_lengths are η_end + (η − η_end)(1 + cos(π(t − 1)/T))/2 with T = steps − 1, one per step")
    func cosineStepLengths() throws {
        let (scene, figure) = try render(Self.fourRuns())
        let run = try runs(figure)[0]
        #expect(run["label"] as? String == "cosine")
        #expect(run["schedule"] as? String == "cosine")
        #expect(run["line_search"] == nil && run["gradient_noise"] == nil && run["seed"] == nil)
        let lengths = try #require(run["step_lengths"] as? [Double])
        // 30 steps with η ≤ 0.08: w1 shrinks by at most 16 % a step, so the run uses them all.
        #expect(lengths.count == 30)
        #expect(run["steps"] as? Int == 30)
        for (i, length) in lengths.enumerated() {
            let t = Double(i + 1)
            let expected = 0.004 + (0.08 - 0.004) * (1 + cos(Double.pi * (t - 1) / 29)) / 2
            #expect(close(length, expected), "step \(i + 1): \(length) ≠ \(expected)")
        }
        #expect(lengths.first == 0.08)
        // The last step takes the end rate itself.
        #expect(close(lengths.last!, 0.004))
        // The path is the one those rates give: each step multiplies w1 by 1 − 2η_t, w2 by 1 − 20η_t.
        var w = Weights(-1.8, 1.0)
        for length in lengths { w = Weights(w.x * (1 - 2 * length), w.y * (1 - 20 * length)) }
        let final = try #require(run["final_point"] as? [Double])
        #expect(close(final[0], w.x, 1e-9) && close(final[1], w.y, 1e-9))
        // JSONSerialization on Linux may read the last digit off by an ulp; JSONDecoder reads
        // report.json's numbers back exactly as the trajectory recorded them.
        let typed = try JSONDecoder().decode(BatchReport.self, from: try ReportWriter.json(BatchReport(figures: [
            BatchRenderer.report(for: scene, config: "figure.toml", output: "figure.png", fingerprint: nil),
        ])))
        #expect(typed.figures.first?.runs.first?.stepLengths == scene.runs[0].trajectory.stepLengths.map { $0.map { Optional($0) } })
    }

    @Test("each Armijo step satisfies sufficient decrease, is the first trial η·ρ^k that does, and is the step taken")
    func armijoSufficientDecrease() throws {
        let (scene, figure) = try render(Self.fourRuns())
        let run = try runs(figure)[1]
        #expect(run["label"] as? String == "armijo")
        #expect(run["line_search"] as? String == "Armijo line search")
        #expect(run["schedule"] == nil)
        let lengths = try #require(run["step_lengths"] as? [Double])
        let trajectory = scene.runs[1].trajectory
        let (points, losses) = (trajectory.points, trajectory.losses)
        #expect(lengths.count == points.count - 1 && lengths.count >= 3)
        let (η, c, ρ) = (0.5, 0.3, 0.6)
        for (i, s) in lengths.enumerated() {
            let w = points[i], g = Self.gradient(w), slope = g.x * g.x + g.y * g.y
            // The recorded losses are the surface's own: f by hand.
            #expect(close(losses[i], Self.f(w), 1e-12))
            // Sufficient decrease (Nocedal & Wright (3.6a)) with the recorded points and losses.
            #expect(losses[i + 1] <= losses[i] - c * s * slope, "step \(i + 1): t = \(s)")
            // The step taken is −t∇f.
            #expect(close(points[i + 1].x, w.x - s * g.x, 1e-12) && close(points[i + 1].y, w.y - s * g.y, 1e-12))
            // t = η·ρ^k, and the longer trial t/ρ (if any) did not decrease enough: backtracking
            // stops at the first acceptable trial.
            let k = (log(s / η) / log(ρ)).rounded()
            #expect(close(s, η * pow(ρ, k), 1e-9), "step \(i + 1): \(s) is not 0.5 · 0.6^k")
            if k > 0 {
                let longer = s / ρ
                #expect(Self.f(Weights(w.x - longer * g.x, w.y - longer * g.y)) > losses[i] - c * longer * slope)
            }
        }
        // From η = 0.5 the first step overshoots along w2 (|1 − 20·0.5| = 9): it backtracks.
        #expect(lengths[0] < η)
        #expect(run["outcome"] as? String != "diverged")
    }

    @Test("an exact line search on the bowl takes gᵀg/gᵀHg at every step")
    func exactLineSearch() throws {
        let (scene, figure) = try render(Self.fourRuns())
        let run = try runs(figure)[4]
        #expect(run["line_search"] as? String == "exact line search")
        let lengths = try #require(run["step_lengths"] as? [Double])
        let points = scene.runs[4].trajectory.points
        #expect(lengths.count == points.count - 1 && lengths.count >= 3)
        for (i, s) in lengths.enumerated() {
            let g = Self.gradient(points[i])
            let expected = (g.x * g.x + g.y * g.y) / (2 * g.x * g.x + 20 * g.y * g.y)
            #expect(close(s, expected, 1e-9), "step \(i + 1): \(s) ≠ \(expected)")
        }
    }

    @Test("the noisy run records σ and its seed; it is not reported as diverged")
    func noisyRunFields() throws {
        let (_, figure) = try render(Self.fourRuns())
        let run = try runs(figure)[2]
        #expect(run["label"] as? String == "noisy")
        #expect(run["gradient_noise"] as? Double == 3)
        #expect(run["seed"] as? Int == 7)
        #expect(run["outcome"] as? String != "diverged")
        // A constant η: no step lengths, no schedule, no line search.
        #expect(run["step_lengths"] == nil && run["schedule"] == nil && run["line_search"] == nil)
        // The noise moved it off the noiseless path, which on this bowl is closed-form.
        let final = try #require(run["final_point"] as? [Double])
        let steps = Double(try #require(run["steps"] as? Int))
        let noiseless = [-1.8 * pow(1 - 2 * 0.02, steps), pow(1 - 20 * 0.02, steps)]
        #expect(abs(final[0] - noiseless[0]) + abs(final[1] - noiseless[1]) > 1e-6)
    }

    @Test("newton on a quadratic lands on the minimum in one step, with no fallback")
    func newtonOneStep() throws {
        let (scene, figure) = try render(Self.fourRuns())
        let run = try runs(figure)[3]
        #expect(run["method"] as? String == "newton")
        #expect(run["outcome"] as? String == "converged")
        #expect(run["steps"] as? Int == 1)
        #expect(run["outcome_step"] as? Int == 1)
        let final = try #require(run["final_point"] as? [Double])
        #expect(abs(final[0]) < 1e-12 && abs(final[1]) < 1e-12)
        #expect(try #require(run["final_loss"] as? Double) < 1e-24)
        #expect(run["newton_fallback_steps"] == nil)
        #expect(scene.runs[3].trajectory.points.count == 2)
    }

    @Test("newton on a saddle falls back to the gradient step, and the report says at which steps")
    func newtonFallback() throws {
        let (_, figure) = try render("""
            size = [400, 300]
            [surface]
            expression = "w1^2 - w2^2"
            w1 = [-2.0, 2.0]
            w2 = [-2.0, 2.0]
            resolution = 24
            [optimizer]
            start = [1.0, 0.5]
            steps = 3
            method = "newton"
            learning_rates = [0.1]
            """)
        let run = try #require(try runs(figure).first)
        // H = diag(2, −2) everywhere: every step falls back to −η∇f.
        #expect(run["newton_fallback_steps"] as? [Int] == [1, 2, 3])
        let final = try #require(run["final_point"] as? [Double])
        #expect(close(final[0], 1.0 * pow(0.8, 3), 1e-9) && close(final[1], 0.5 * pow(1.2, 3), 1e-9))
    }

    /// The rendered batch's report.json bytes for `text`, through `BatchRenderer.render`, with
    /// the config at `folder/steps.toml` (report.json names the config by its path).
    func renderedReportBytes(_ text: String, in folder: URL) throws -> (bytes: Data, report: BatchReport) {
        let config = folder.appendingPathComponent("steps.toml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let renderer = BatchRenderer(outputFolder: folder.appendingPathComponent("out-\(UUID().uuidString)"), jobs: 1, force: true)
        let report = renderer.render([config.path])
        #expect(report.figures.map(\.status) == [.rendered], "\(report.figures.map(\.error))")
        try ReportMerging.writeKeepingEarlier(report, to: renderer.outputFolder)
        let bytes = try Data(contentsOf: renderer.outputFolder.appendingPathComponent("report.json"))
        return (bytes, try ReportWriter.read(renderer.outputFolder.appendingPathComponent("report.json")))
    }

    /// The bytes of the noisy run's `final_point` as report.json writes them.
    func noisyFinalPoint(_ report: BatchReport) throws -> Data {
        let run = try #require(report.figures.first?.runs.first { $0.label == "noisy" })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(run.finalPoint)
    }

    @Test("the same config rendered twice gives the same noisy path, byte for byte; another seed another path")
    func seededNoiseRepeats() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-stepsize-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try renderedReportBytes(Self.fourRuns(seed: 7), in: folder)
        let second = try renderedReportBytes(Self.fourRuns(seed: 7), in: folder)
        #expect(try noisyFinalPoint(first.report) == noisyFinalPoint(second.report))
        // The whole report, the image's hash included, is the same bytes.
        #expect(first.bytes == second.bytes)
        let other = try renderedReportBytes(Self.fourRuns(seed: 8), in: folder)
        let a = try #require(first.report.figures.first?.runs.first { $0.label == "noisy" })
        let b = try #require(other.report.figures.first?.runs.first { $0.label == "noisy" })
        #expect(b.seed == 8 && a.seed == 7)
        #expect(a.finalPoint != b.finalPoint)
        // Only the noisy run depends on the seed.
        let others = { (r: BatchReport) in r.figures.first?.runs.filter { $0.label != "noisy" } }
        #expect(others(first.report) == others(other.report))
    }

    @Test("with noise, an exact line search minimises along the noisy step it takes")
    func exactLineSearchUnderNoise() throws {
        let (scene, figure) = try render(Self.bowl + """


            [[run]]
            learning_rate = 0.01
            line_search = "exact"
            gradient_noise = 2
            seed = 3
            """)
        let lengths = try #require(try runs(figure)[0]["step_lengths"] as? [Double])
        let points = scene.runs[0].trajectory.points
        #expect(lengths.count >= 3)
        // The step taken is −t·g̃ with g̃ the noisy gradient; the exact t along it is
        // g̃ᵀ∇f / g̃ᵀHg̃ (the line w − t·g̃ is a parabola in t).
        for (i, s) in lengths.prefix(5).enumerated() {
            let noisy = Weights((points[i].x - points[i + 1].x) / s, (points[i].y - points[i + 1].y) / s)
            let g = Self.gradient(points[i])
            let expected = (noisy.x * g.x + noisy.y * g.y) / (2 * noisy.x * noisy.x + 20 * noisy.y * noisy.y)
            #expect(close(s, expected, 1e-6), "step \(i + 1): \(s) ≠ \(expected)")
        }
    }
}
