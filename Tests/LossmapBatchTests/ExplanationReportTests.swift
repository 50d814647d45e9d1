import Foundation
import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing
@testable import LossmapBatch

/// report.json's `explanations`, `eigen` and `phase`: the numbers of the callouts, the eigen
/// axes and the phase diagram, checked against hand computations on w1² + 10·w2² (λ = 2 and
/// 20, η_crit = 0.1), and never a non-finite number, even for a run thrown to infinity.
@Suite("Explanation reports")
struct ExplanationReportTests {
    static let bowl = """
        [surface]
        expression = "w1^2 + 10*w2^2"
        w1 = [-2.0, 2.0]
        w2 = [-1.5, 1.5]
        resolution = 24
        """

    /// The figure's report entry as report.json writes it, parsed back as plain JSON.
    func reportJSON(_ text: String) throws -> [String: Any] {
        let config = try FigureConfig.load(SourceFile(name: "figure.toml", text: text), defaultOutputName: "figure.png")
        let scene = try Scene(config.spec)
        let report = BatchRenderer.report(for: scene, config: "figure.toml", output: "figure.png", fingerprint: nil)
        let data = try ReportWriter.json(BatchReport(figures: [report]))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require((object?["figures"] as? [[String: Any]])?.first)
    }

    func close(_ a: Any?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a = a as? Double else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    func pair(_ a: Any?, _ b: (Double, Double), _ tolerance: Double = 1e-9) -> Bool {
        guard let a = a as? [Any], a.count == 2 else { return false }
        return close(a[0], b.0, tolerance) && close(a[1], b.1, tolerance)
    }

    /// Every number anywhere in a JSON value.
    func numbers(in value: Any) -> [Double] {
        switch value {
        case let n as NSNumber: return [n.doubleValue]
        case let a as [Any]: return a.flatMap(numbers(in:))
        case let d as [String: Any]: return d.values.flatMap(numbers(in:))
        default: return []
        }
    }

    /// Every string anywhere in a JSON value.
    func strings(in value: Any) -> [String] {
        switch value {
        case let s as String: return [s]
        case let a as [Any]: return a.flatMap(strings(in:))
        case let d as [String: Any]: return d.values.flatMap(strings(in:))
        default: return []
        }
    }

    @Test("explanations give the step's numbers, the slice's reach and best step, and the stop of a diverged run")
    func explanations() throws {
        let figure = try reportJSON(Self.bowl + """

            [optimizer]
            start = [-1.8, 1.0]
            steps = 20
            learning_rates = [0.04, 0.15]

            [[explain]]
            run = 1
            step = 0
            slice = true

            [[explain]]
            run = 2
            step = 12
            """)
        let explanations = try #require(figure["explanations"] as? [[String: Any]])
        #expect(explanations.count == 2)
        let first = explanations[0]
        #expect(first["run"] as? Int == 0 && first["step"] as? Int == 0)
        #expect(first["stopped_at"] == nil || first["stopped_at"] is NSNull)
        #expect((first["label"] as? String)?.hasPrefix("η = 0.04") == true)
        // w₀ = (−1.8, 1), ∇L = (−3.6, 20), −η∇L = (0.144, −0.8), w₁ = (−1.656, 0.2),
        // L = 13.24 → 3.142336.
        #expect(pair(first["point"], (-1.8, 1)))
        #expect(pair(first["gradient"], (-3.6, 20)))
        #expect(pair(first["step_taken"], (0.144, -0.8)))
        #expect(pair(first["next"], (-1.656, 0.2)))
        #expect(close(first["loss_before"], 13.24) && close(first["loss_after"], 3.142336))
        // The slice: t* = gᵀg/gᵀHg = 412.96/8025.92, uphill at twice it; reach 1.15 × the largest η.
        let slice = try #require(first["slice"] as? [String: Any])
        #expect(close(slice["best_step"], 412.96 / 8025.92, 1e-8))
        #expect(close(slice["uphill_from"], 2 * 412.96 / 8025.92, 1e-8))
        #expect(close(slice["reach"], 1.15 * 0.15))

        // η = 0.15 diverges at step 4 (w2 = 16 leaves the escape box): step 12 asked, 3 explained.
        let second = explanations[1]
        #expect(second["run"] as? Int == 1 && second["step"] as? Int == 3 && second["stopped_at"] as? Int == 4)
        #expect(pair(second["point"], (0.343 * -1.8, -8)))
        #expect(pair(second["next"], (0.2401 * -1.8, 16)))
        #expect(second["slice"] == nil || second["slice"] is NSNull)
        #expect(close(second["loss_after"], 0.2401 * 0.2401 * 3.24 + 2560))
    }

    @Test("eigen gives the minimum, λ = 2 and 20 with their axes, the ellipse's semi-axes and |1 − ηλ| per run")
    func eigen() throws {
        let figure = try reportJSON(Self.bowl.replacingOccurrences(of: "resolution = 24", with: "resolution = 24\neigen = true") + """

            [optimizer]
            start = [-1.8, 1.0]
            steps = 20
            learning_rates = [0.04, 0.15]

            [[run]]
            method = "adam"
            learning_rate = 0.1
            """)
        let eigen = try #require(figure["eigen"] as? [String: Any])
        #expect(pair(eigen["point"], (0, 0), 1e-12))
        #expect(pair(eigen["eigenvalues"], (2, 20)))
        let vectors = try #require(eigen["eigenvectors"] as? [Any])
        #expect(pair(vectors[0], (1, 0)) && pair(vectors[1], (0, 1)))
        let level = try #require(eigen["level"] as? Double)
        // L* = 0: semi-axes √(2c/2) and √(2c/20).
        #expect(pair(eigen["semi_axes"], (level.squareRoot(), (level / 10).squareRoot())))
        let factors = try #require(eigen["factors"] as? [[Any]])
        #expect(factors.count == 3)
        #expect(close(factors[0][0], 0.92) && close(factors[0][1], 0.2))  // |1 − 0.08|, |1 − 0.8|
        #expect(close(factors[1][0], 0.7) && close(factors[1][1], 2))     // |1 − 0.3|, |1 − 3|
        #expect(factors[2].allSatisfy { $0 is NSNull })                   // Adam has none
    }

    @Test("phase gives the minimum, η_crit, the default axes, Polyak's optimum, each run's ρ and the real runs")
    func phase() throws {
        let figure = try reportJSON("kind = \"phase\"\n" + Self.bowl + """

            [optimizer]
            start = [-1.8, 1.0]
            steps = 30
            learning_rates = [0.05]

            [[run]]
            method = "adam"
            learning_rate = 0.1

            [[run]]
            method = "momentum"
            momentum = 0.5
            learning_rate = 0.02

            [phase]
            momentum = [0, 0.9]
            real_runs = true
            lattice = [3, 2]
            """)
        let phase = try #require(figure["phase"] as? [String: Any])
        #expect(pair(phase["minimum"], (0, 0), 1e-9))
        #expect(pair(phase["eigenvalues"], (2, 20)))
        #expect(close(phase["critical_learning_rate"], 0.1))
        // η_crit/100 to 1.5 × 2(1 + 0.9)/20.
        #expect(pair(phase["rates"], (0.001, 0.285)))
        #expect(pair(phase["momenta"], (0, 0.9)))
        let optimum = try #require(phase["optimum"] as? [String: Any])
        let s = 20.0.squareRoot(), r = 2.0.squareRoot()
        #expect(close(optimum["learning_rate"], pow(2 / (s + r), 2)))
        #expect(close(optimum["momentum"], pow((s - r) / (s + r), 2)))
        #expect(close(optimum["radius"], (s - r) / (s + r)))
        // gd at 0.05: max(0.9, 0) = 0.9; Adam: none; heavy ball β = 0.5, η = 0.02: along λ = 2,
        // t = 1.46, Δ = 0.1316 > 0, (1.46 + √0.1316)/2; along 20, complex, √0.5: the larger.
        let radius = try #require(phase["run_radius"] as? [Any])
        #expect(radius.count == 3)
        #expect(close(radius[0], 0.9) && radius[1] is NSNull)
        #expect(close(radius[2], max((1.46 + 0.1316.squareRoot()) / 2, 0.5.squareRoot())))
        let real = try #require(phase["real_runs"] as? [String: Any])
        #expect(real["steps"] as? Int == 30)
        #expect((real["rates"] as? [Double])?.count == 3 && (real["momenta"] as? [Double])?.count == 2)
        let outcomes = try #require(real["outcomes"] as? [[String]])
        #expect(outcomes.count == 2 && outcomes.allSatisfy { $0.count == 3 })
        let names: Set = ["converged", "descending", "oscillating", "left_map", "diverged"]
        #expect(outcomes.joined().allSatisfy(names.contains))
        // No map, so no explanations and no eigen.
        #expect(figure["explanations"] == nil && figure["eigen"] == nil)
    }

    @Test("a step thrown to infinity is reported with nulls: report.json holds no inf or nan")
    func nonFinite() throws {
        // η = 1e308 from (−1.8, 1): w₁ = (−1.8 + 3.6e308, 1 − 2e309) overflows: both coordinates
        // are infinite, and so is the loss there.
        var surface = SurfaceSpec(surface: try FormulaSurface(expression: "w1^2 + 10*w2^2"), name: "bowl",
                                  w1: -2...2, w2: -1.5...1.5, resolution: 16)
        surface.eigen = true
        var spec = FigureSpec(title: "", width: 800, height: 500, surface: surface,
                              runs: [RunSpec(learningRate: .absolute(1e308), start: Weights(-1.8, 1), stopping: Stopping(maxSteps: 10)),
                                     RunSpec(learningRate: .absolute(1e300), start: Weights(-1.8, 1), stopping: Stopping(maxSteps: 10))])
        spec.explanations = [ExplanationSpec(run: 0, step: 5, slice: true), ExplanationSpec(run: 1, step: 0)]
        let scene = try Scene(spec)
        #expect(scene.explanations.count == 2)
        let report = BatchRenderer.report(for: scene, config: "x.toml", output: "x.png", fingerprint: nil)
        let data = try ReportWriter.json(BatchReport(figures: [report]))
        let object = try JSONSerialization.jsonObject(with: data)
        let figure = try #require(((object as? [String: Any])?["figures"] as? [[String: Any]])?.first)
        for key in ["explanations", "eigen"] {
            let value = try #require(figure[key], "missing \(key)")
            #expect(numbers(in: value).allSatisfy { $0.isFinite })
            #expect(!strings(in: value).contains { ["inf", "-inf", "nan"].contains($0) }, "\(key): \(strings(in: value))")
        }
        let explanations = try #require(figure["explanations"] as? [[String: Any]])
        let thrown = explanations[0]
        #expect(thrown["step"] as? Int == 0 && thrown["stopped_at"] as? Int == 1)
        #expect((thrown["next"] as? [Any])?.allSatisfy { $0 is NSNull } == true, "\(thrown["next"] ?? "nil")")
        // Left out or null, as `final_loss` is (see ReportTests.jsonSchema).
        #expect(thrown["loss_after"] == nil || thrown["loss_after"] is NSNull)
        #expect(pair(thrown["point"], (-1.8, 1)))
        // η = 1e300 lands at a finite point whose loss overflows.
        let far = explanations[1]
        #expect(pair(far["next"], (-1.8 + 3.6e300, 1 - 2e301), 1e-12))
        #expect(far["loss_after"] == nil || far["loss_after"] is NSNull)
        #expect(close(far["loss_before"], 13.24))
    }

    @Test("a batch rendered in this process writes report.json whose figure carries the explanations, read back")
    func renderedBatch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("explained.toml")
        try ("size = [400, 300]\n" + Self.bowl.replacingOccurrences(of: "resolution = 24", with: "resolution = 24\neigen = true") + """

            [optimizer]
            start = [-1.8, 1.0]
            steps = 10
            learning_rates = [0.04]

            [[explain]]
            run = 1
            step = 1
            """).write(to: config, atomically: true, encoding: .utf8)
        let renderer = BatchRenderer(outputFolder: folder.appendingPathComponent("out"), jobs: 1, force: true)
        let report = renderer.render([config.path])
        #expect(report.figures.map(\.status) == [.rendered], "\(report.figures.map(\.error))")
        try ReportMerging.writeKeepingEarlier(report, to: renderer.outputFolder)
        let read = try ReportWriter.read(renderer.outputFolder.appendingPathComponent("report.json"))
        let figure = try #require(read.figures.first)
        let e = try #require(figure.explanations?.first)
        // w₁ = (0.92 · −1.8, 0.2 · 1), w₂ = (0.92² · −1.8, 0.2² · 1).
        #expect(e.run == 0 && e.step == 1 && e.stoppedAt == nil)
        #expect(abs(e.point[0]! - 0.92 * -1.8) < 1e-12 && abs(e.point[1]! - 0.2) < 1e-12)
        #expect(abs(e.next[0]! - 0.92 * 0.92 * -1.8) < 1e-12 && abs(e.next[1]! - 0.04) < 1e-12)
        #expect(figure.eigen?.eigenvalues == [2, 20])
        #expect(figure.phase == nil)
    }
}
