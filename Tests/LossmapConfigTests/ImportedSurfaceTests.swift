// Imported grids, recorded paths and small networks, from config text to the computed scene.
//
// Mutations tried, in a copy of the package (each made the named test fail, then was undone):
// - ImportedGridLoading.evenlySpaced given `rows` for w1 and `columns` for w2 (a transpose),
//   or stepping by (upper − lower) / count instead of / (count − 1): the .npy test fails.
// - matrixShape returning (shape[1], shape[0]): the .npy and .npz tests fail.
// - RecordedTrajectory taking the surface's losses even when the file gives them, or the
//   generated label keeping the folder ("recorded: runs/walk.csv"): the recorded-path test fails.
// - StabilityReport calling an interpolated grid's Hessian exact: the quadratic test fails.
// - SurfaceResolution.completing starting runs at (0, 0) instead of the training's first
//   point, or NetworkResolution adding no training run: the PCA network test fails.
// - NetworkResolution.checkCost allowing 10 × maxNetworkWork: the cost test fails.
import Foundation
import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// The numpy files this suite reads (written by scripts/make-imported-fixtures.py).
private let importedFolder = Fixtures.root.appendingPathComponent("imported").path

/// Decodes `text` as `test.toml` reading data files from `folder`, and checks it as `lossmap
/// check` does (the scene's resolving step loads every data file).
private func decoded(_ text: String, in folder: String) throws(DiagnosticList) -> FigureConfig {
    let config = try FigureConfig.load(SourceFile(name: "test.toml", text: text), defaultOutputName: "test.png", dataFolder: folder)
    _ = try Scene.validate(config.spec)
    return config
}

/// The headlines (`test.toml:LINE:COL: error: …`) of what is wrong with `text`, or nil.
private func problems(_ text: String, in folder: String = importedFolder) -> String? {
    do {
        _ = try decoded(text, in: folder)
        return nil
    } catch {
        return error.diagnostics.map(\.headline).joined(separator: "\n")
    }
}

/// A folder of its own under the temporary directory for the files a test writes, removed
/// with the value (a class: the folder is a resource with a lifetime).
private final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-imported-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The points and losses of each run, as bit patterns: equal only when bit for bit equal.
private func bits(_ scene: Scene) -> [[UInt64]] {
    scene.runs.map { run in
        run.trajectory.points.flatMap { [$0.x.bitPattern, $0.y.bitPattern] } + run.trajectory.losses.map(\.bitPattern)
    }
}

@Suite("Imported grids, recorded paths and networks, through the config")
struct ImportedSurfaceTests {
    // MARK: Imported grids

    /// 0.5·(w1² + 10·w2²): Hessian diag(1, 10), so η_crit = 2/λmax = 0.2, minimum at (0, 0).
    static func quadratic(_ w1: Double, _ w2: Double) -> Double { 0.5 * (w1 * w1 + 10 * w2 * w2) }

    /// The quadratic as a CSV matrix, w1 = −2, −1.75 … 2 across and w2 = −1, −0.875 … 1 down:
    /// every coordinate and loss a dyadic fraction, written and read back exactly.
    static func quadraticMatrix() -> String {
        let w1 = (0...16).map { -2 + 0.25 * Double($0) }, w2 = (0...16).map { -1 + 0.125 * Double($0) }
        var text = "w2\\w1," + w1.map { "\($0)" }.joined(separator: ",") + "\n"
        for y in w2 { text += "\(y)," + w1.map { "\(quadratic($0, y))" }.joined(separator: ",") + "\n" }
        return text
    }

    static let descent = "[optimizer]\nstart = [-1.5, 0.75]\nlearning_rate = 0.15\nsteps = 30\n[[run]]\n"

    @Test("a quadratic imported as a CSV matrix has the quadratic's η_crit, minimum and gradient-descent path")
    func quadraticGrid() throws {
        let folder = try ScratchFolder()
        try folder.write("quadratic.csv", Self.quadraticMatrix())
        let imported = try Scene(try decoded("[surface]\ngrid = \"quadratic.csv\"\nresolution = 64\n" + Self.descent, in: folder.path).spec)
        let formula = try Scene(try decoded("[surface]\nexpression = \"0.5*(w1^2 + 10*w2^2)\"\nw1 = [-2.0, 2.0]\nw2 = [-1.0, 1.0]\nresolution = 64\n"
                                            + Self.descent, in: folder.path).spec)
        #expect(imported.w1 == -2...2 && imported.w2 == -1...1)

        let stability = try #require(imported.stability)
        let critical = try #require(stability.criticalLearningRate)
        #expect(abs(critical - 2.0 / 10) < 1e-9, "η_crit \(critical)")
        #expect(stability.hessianSource == .interpolatedGrid)
        #expect(stability.footnote.contains("Hessian of the interpolated grid"), "\(stability.footnote)")
        // The star is drawn at the surface's minima.
        #expect(imported.surface.minima.count == 1)
        let star = try #require(imported.surface.minima.first)
        #expect(abs(star.x) < 1e-9 && abs(star.y) < 1e-9, "\(star)")

        // Bicubic Hermite interpolation with exact slopes reproduces a quadratic: the walk is the same.
        let walked = imported.runs[0].trajectory, reference = formula.runs[0].trajectory
        #expect(walked.points.count == 31 && reference.points.count == 31)
        for (k, (a, b)) in zip(walked.points, reference.points).enumerated() {
            #expect(abs(a.x - b.x) < 1e-9 && abs(a.y - b.y) < 1e-9, "step \(k): \(a) on the grid, \(b) on the formula")
        }
        for (a, b) in zip(walked.losses, reference.losses) { #expect(abs(a - b) < 1e-9) }
        // And the formula's walk is gradient descent: w2 × (1 − 0.15·10) = −0.5 a step.
        #expect(abs(reference.points[1].y - -0.375) < 1e-15 && abs(reference.points[1].x - -1.275) < 1e-15)
    }

    /// The .npy fixture's loss: rows along w2 = 0, 0.5 … 2, columns along w1 = −3, −2 … 3.
    static func lopsided(_ w1: Double, _ w2: Double) -> Double { (w1 - 1) * (w1 - 1) + 2 * (w2 - 0.5) * (w2 - 0.5) + 0.25 * w1 * w2 }

    @Test("a .npy grid's columns run along w1 and its rows along w2, evenly spaced over the given ranges")
    func npyGrid() throws {
        let scene = try Scene(try decoded("[surface]\ngrid = \"asymmetric.npy\"\nw1 = [-3.0, 3.0]\nw2 = [0.0, 2.0]\nresolution = 13\n", in: importedFolder).spec)
        #expect(scene.w1 == -3...3 && scene.w2 == 0...2)
        let surface = try #require(scene.surface as? BicubicSurface)
        let w1 = [-3.0, -2, -1, 0, 1, 2, 3], w2 = [0.0, 0.5, 1, 1.5, 2]
        #expect(surface.grid.w1 == w1 && surface.grid.w2 == w2)
        for (i, y) in w2.enumerated() {
            for (j, x) in w1.enumerated() {
                // The array element Z[i, j], recomputed from the script's formula (exact in binary).
                #expect(surface.grid.value(row: i, column: j) == Self.lopsided(x, y), "Z[\(i), \(j)]")
                #expect(abs(surface.value(at: Weights(x, y)) - Self.lopsided(x, y)) < 1e-12, "at (\(x), \(y))")
            }
        }
        // The map samples the bottom and top rows at every node (13 samples: w1 a step of 0.5).
        for (j, x) in w1.enumerated() {
            #expect(abs(scene.grid[2 * j, 0] - Self.lopsided(x, 0)) < 1e-12)
            #expect(abs(scene.grid[2 * j, 12] - Self.lopsided(x, 2)) < 1e-12)
        }
    }

    /// The .npz fixture's loss, over its uneven xcoordinates and ycoordinates.
    static func landscape(_ x: Double, _ y: Double) -> Double { (x - 0.25) * (x - 0.25) + 0.5 * (y - 0.5) * (y - 0.5) + 0.25 * x * y + 1 }

    @Test(".npz arrays named as loss-landscape names them are read with w1_key, w2_key and loss_key; without them the archive's arrays are listed")
    func npzNames() throws {
        let keys = "w1_key = \"xcoordinates\"\nw2_key = \"ycoordinates\"\nloss_key = \"train_loss\"\n"
        let scene = try Scene(try decoded("[surface]\ngrid = \"landscape.npz\"\n" + keys + "resolution = 16\n", in: importedFolder).spec)
        let x = [-1.0, -0.5, -0.25, 0, 0.25, 0.5, 1], y = [-0.5, 0.0, 0.5, 1, 2]
        #expect(scene.w1 == -1...1 && scene.w2 == -0.5...2)
        let surface = try #require(scene.surface as? BicubicSurface)
        #expect(surface.grid.w1 == x && surface.grid.w2 == y)
        for (i, w2) in y.enumerated() {
            for (j, w1) in x.enumerated() {
                #expect(surface.grid.value(row: i, column: j) == Self.landscape(w1, w2), "train_loss[\(i), \(j)]")
                #expect(abs(surface.value(at: Weights(w1, w2)) - Self.landscape(w1, w2)) < 1e-12)
            }
        }

        #expect(problems("[surface]\ngrid = \"landscape.npz\"\n")
            == "test.toml:2:8: error: cannot use `landscape.npz`: the archive has no array `loss`; it holds `xcoordinates`, `ycoordinates`, `train_loss`")
        #expect(problems("[surface]\ngrid = \"landscape.npz\"\nloss_key = \"train_loss\"\n")
            == "test.toml:2:8: error: cannot use `landscape.npz`: the archive has no array `w1`; it holds `xcoordinates`, `ycoordinates`, `train_loss`")
    }

    // MARK: Recorded paths

    @Test("a recorded path's points and losses are the file's, or the surface's without a loss column; its outcome is recorded")
    func recordedPath() throws {
        let folder = try ScratchFolder()
        // Losses that are not Rosenbrock's (12.5 at the first point): they can only come from the file.
        try folder.write("runs/walk.csv", "-1.5,2.0,9.0\n-1.25,1.5,8.5\n-0.75,0.5,3.25\n0.0,0.0,1.0\n")
        try folder.write("runs/plain.csv", "w1,w2\n1.5,-0.5\n1.25,1.0\n1.0,1.0\n")
        let config = try decoded("[surface]\nfunction = \"rosenbrock\"\nresolution = 32\n[[run]]\npath = \"runs/walk.csv\"\n"
                                 + "[[run]]\npath = \"runs/plain.csv\"\nlabel = \"Adam, by hand\"\n", in: folder.path)
        let scene = try Scene(config.spec)
        #expect(scene.runs.count == 2)

        let walk = scene.runs[0]
        let walkPoints = [Weights(-1.5, 2), Weights(-1.25, 1.5), Weights(-0.75, 0.5), Weights(0, 0)]
        #expect(walk.trajectory.points == walkPoints)
        #expect(walk.trajectory.losses == [9, 8.5, 3.25, 1])
        #expect(walk.trajectory.outcome == .recorded)
        #expect(walk.label == "recorded: walk.csv")
        // What the map's run layer draws (RunPaths.expected projects the same points).
        #expect(walk.drawnWalk == walkPoints)

        let plain = scene.runs[1]
        let plainPoints = [Weights(1.5, -0.5), Weights(1.25, 1), Weights(1, 1)]
        #expect(plain.trajectory.points == plainPoints)
        #expect(plain.trajectory.outcome == .recorded)
        #expect(plain.label == "Adam, by hand")
        // Rosenbrock's (1 − w1)² + 100 (w2 − w1²)², by hand: 756.5, 31.703125, 0.
        #expect(plain.trajectory.losses.count == 3)
        for (loss, expected) in zip(plain.trajectory.losses, [756.5, 31.703125, 0]) { #expect(abs(loss - expected) < 1e-12, "\(loss)") }
        #expect(plain.drawnWalk == plainPoints)

        // `check` reads the path file as `render` does, and blames the `path` value.
        try folder.write("runs/ragged.csv", "-1.5,2.0\n-1.2,1.8,4\n")
        #expect(problems("[surface]\nfunction = \"rosenbrock\"\n\n[[run]]\npath = \"runs/ragged.csv\"\n", in: folder.path)
            == "test.toml:5:8: error: bad data in `runs/ragged.csv`, line 2: expected 2 values (w1, w2) as the first row has, found 3")
    }

    // MARK: Networks

    /// A network small enough for a debug build: 40 points, 50 SGD steps, a 16 × 16 map.
    static func network(_ extra: String = "", directions: String = "pca") -> String {
        "[surface]\nmodel = \"mlp\"\nlayers = [2, 4, 1]\nsamples = 40\ntrain_steps = 50\nresolution = 16\ndirections = \"\(directions)\"\n" + extra
            + "[optimizer]\nlearning_rate = 0.5\nsteps = 10\n[[run]]\n[[run]]\nstart = [0.25, -0.25]\n"
    }

    @Test("a network sliced along its training's PCA directions draws the training as a recorded run, where runs without a start begin")
    func pcaNetwork() throws {
        let config = try decoded(Self.network(), in: importedFolder)
        #expect(config.spec.runs.count == 2)
        let scene = try Scene(config.spec)
        #expect(scene.runs.count == 3)
        let training = try #require(scene.runs.last)
        #expect(training.trajectory.outcome == .recorded)
        #expect(training.label.hasPrefix("SGD training, 50 steps (PCA: "), "\(training.label)")
        // One point per snapshot; the training starts away from the trained weights at (0, 0).
        let start = try #require(training.trajectory.points.first)
        #expect(training.trajectory.points.count > 2 && start != Weights(0, 0))
        #expect(scene.runs[0].trajectory.points.first == start)
        #expect(scene.runs[1].trajectory.points.first == Weights(0.25, -0.25))
        #expect(scene.markers.map(\.spec) == [MarkerSpec(at: Weights(0, 0), label: "trained weights")])
        #expect(scene.spec.subtitle.hasPrefix("2–4–1 tanh network, 50 SGD steps on 40 moons points"), "\(scene.spec.subtitle)")
        #expect(scene.training?.layers == [2, 4, 1])

        // The same config, the same scene, bit for bit; another seed, another training.
        let again = try Scene(try decoded(Self.network(), in: importedFolder).spec)
        #expect(bits(again) == bits(scene))
        #expect(again.grid.values.map(\.bitPattern) == scene.grid.values.map(\.bitPattern))
        let reseeded = try Scene(try decoded(Self.network("seed = 7\n"), in: importedFolder).spec)
        #expect(bits(reseeded).last != bits(scene).last)
    }

    @Test("a network sliced along random directions is drawn on [−1, 1]² with the config's runs only")
    func randomNetwork() throws {
        let config = try decoded(Self.network(directions: "random"), in: importedFolder)
        let scene = try Scene(config.spec)
        #expect(scene.w1 == -1...1 && scene.w2 == -1...1)
        #expect(scene.runs.count == config.spec.runs.count)
        #expect(scene.runs.allSatisfy { $0.trajectory.outcome != .recorded })
        // Runs without a start begin a tenth of the way in from the upper-left corner.
        let start = try #require(scene.runs[0].trajectory.points.first)
        #expect(abs(start.x - -0.8) < 1e-15 && abs(start.y - 0.8) < 1e-15, "\(start)")
        #expect(scene.markers.map(\.spec.label) == ["trained weights"])
        #expect(scene.spec.subtitle.contains("random directions"), "\(scene.spec.subtitle)")
    }

    @Test("a network whose map would pass maxNetworkWork is refused at `resolution`, in multiply-adds")
    func networkCost() {
        // 1,000 points × 2,000² cells × 12 weights = 4.8e10 multiply-adds for the map alone.
        let message = problems("[surface]\nmodel = \"mlp\"\nlayers = [2, 4, 1]\nsamples = 1000\nresolution = 2000\n")
        #expect(message?.hasPrefix("test.toml:5:14: error: this network costs 4.8e10 multiply-adds, more than the 3e10 allowed") == true,
                "\(message ?? "accepted")")
        #expect(ConfigLimits.maxNetworkWork == 3e10)
        // 1,000 × 1,500² × 12 = 2.7e10 is within the limit (one training step keeps the check quick).
        #expect(problems("[surface]\nmodel = \"mlp\"\nlayers = [2, 4, 1]\nsamples = 1000\ntrain_steps = 1\nresolution = 1500\n") == nil)
    }

    // MARK: Config errors

    @Test("perceptron keys on a network, a bad first layer, data given twice and network keys elsewhere are errors where written")
    func networkKeyErrors() {
        #expect(problems("[surface]\nmodel = \"mlp\"\npoints = [[0.0, 0.0, 1.0]]\nloss = \"mse\"\nbias = 1.0\n") == """
            test.toml:3:1: error: `points` applies to model = "perceptron" only, not to "mlp"
            test.toml:4:1: error: `loss` applies to model = "perceptron" only, not to "mlp"
            test.toml:5:1: error: `bias` applies to model = "perceptron" only, not to "mlp"
            """)
        #expect(problems("[surface]\nmodel = \"mlp\"\nlayers = [3, 4, 1]\n")
            == "test.toml:3:10: error: `layers`: a network's first layer is its 2 inputs (x1, x2), not 3: write [2, …, 1] instead of [3, 4, 1]")
        #expect(problems("[surface]\nmodel = \"mlp\"\ndata = \"points.csv\"\ndataset = \"circles\"\n")
            == "test.toml:4:1: error: `dataset` generates the network's data; `data` reads it from a file: keep one")
        #expect(problems("[surface]\nmodel = \"perceptron\"\npoints = [[1.0, 1.0, 1.0], [2.0, 2.0, 0.0]]\nlayers = [2, 4, 1]\n")
            == "test.toml:4:1: error: `layers` applies to model = \"mlp\" only, not to a perceptron")
        #expect(problems("[surface]\nfunction = \"booth\"\nlayers = [2, 4, 1]\n")
            == "test.toml:3:1: error: `layers` applies to model = \"mlp\" only, not to `function`")
    }
}
