import Dispatch
import Foundation
import LossmapBackend
import LossmapBatch
import LossmapCore
import LossmapScene
import LossmapSpec

/// `lossmap bench`: where the time of a reference figure goes, measured in-process. The
/// command line (`lossmap bench`) only parses its options and calls `run`.
public struct Benchmarks {
    public var repeats = 7
    public var scaling = false
    public var pngOptions = false
    public var deck = false
    public var surfaces = false
    /// Also time the 60-frame GIF against a still figure of its size.
    public var animation = false
    /// Also time the 3-D surface view against the map.
    public var surfaceView = false
    /// Also time the perceptron grid against numpy (`benchmarks/perceptron_numpy.py`); part of
    /// `surfaces` too.
    public var numpy = false
    /// Also time drawing one zig-zag path of each of these step counts (empty: not at all).
    public var longPathSteps: [Int] = []
    /// Where to leave the longest zig-zag figure, to look at; nil for nowhere.
    public var longPathFigure: String?
    /// Folder for scratch files.
    public var scratch: String
    /// The lossmap executable, to time the deck in worker processes as `render` runs it;
    /// nil: in this process only.
    public var executable: URL?

    public init(repeats: Int = 7, scaling: Bool = false, pngOptions: Bool = false, deck: Bool = false, surfaces: Bool = false,
                longPathSteps: [Int] = [], longPathFigure: String? = nil,
                scratch: String = FileManager.default.temporaryDirectory.path, executable: URL? = nil) {
        self.executable = executable
        self.repeats = repeats
        self.scaling = scaling
        self.pngOptions = pngOptions
        self.deck = deck
        self.surfaces = surfaces
        self.longPathSteps = longPathSteps
        self.longPathFigure = longPathFigure
        self.scratch = scratch
    }

    /// The step counts `lossmap bench --long-paths` times: 10⁴, 10⁵ and 10⁶.
    public static let longPathDefaultSteps = LongPathBenchmark.defaultSteps

    /// Runs the benchmarks asked for and returns the report, to print.
    public func run() throws -> String {
        let folder = URL(fileURLWithPath: scratch).appendingPathComponent("lossmap-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try ReferenceBenchmark(repeats: repeats, folder: folder, pngOptions: pngOptions).run()
        if let executable { text += "\n" + (try ProcessBenchmark(executable: executable, repeats: repeats, folder: folder).run()) }
        if scaling { text += "\n" + ScalingBenchmark().run() }
        if deck { text += "\n" + (try DeckBenchmark(folder: folder, executable: executable).run()) }
        if surfaces { text += "\n\n" + SurfaceBenchmark.run() }
        if surfaces || numpy { text += "\n\n" + NumpyComparison.run() }
        if animation { text += "\n\n" + (try AnimationBenchmark(repeats: repeats, folder: folder).run()) }
        if surfaceView { text += "\n\n" + (try SurfaceViewBenchmark(repeats: repeats, folder: folder).run()) }
        if !longPathSteps.isEmpty {
            text += "\n\n" + (try LongPathBenchmark(steps: longPathSteps, keepFigureAt: longPathFigure.map { URL(fileURLWithPath: $0) }).run())
        }
        return text
    }
}

/// Monotonic seconds since an arbitrary origin.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU seconds (user and system, every thread) this process has used so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(macOS)
    getrusage(RUSAGE_SELF, &usage)
    #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Peak resident memory of this process so far, in MiB (Linux reports ru_maxrss in KiB).
func peakMemoryMiB() -> Double {
    var usage = rusage()
    #if os(macOS)
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576
    #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
    #endif
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// The figure issue 8 names, built in code so the benchmark needs no config file.
func referenceSpec(resolution: Int = 400, steps: Int = 500) -> FigureSpec {
    let surface = SurfaceSpec(surface: Rosenbrock(), name: "rosenbrock", w1: -2...2, w2: -1...3, resolution: resolution,
                              levels: .count(20), levelScale: .log)
    let runs = [0.0001, 0.0005, 0.001, 0.0015].map { rate in
        RunSpec(learningRate: .absolute(rate), start: Weights(-1.5, 2), stopping: Stopping(maxSteps: steps))
    }
    return FigureSpec(title: "Gradient descent on Rosenbrock", surface: surface, runs: runs)
}

struct ReferenceBenchmark {
    let repeats: Int
    let folder: URL
    /// Also time PNG encoding at zlib levels 1, 3 and 6, by strategy, in one piece and in parallel.
    var pngOptions = false

    func run() throws -> String {
        var phases: [String: [Double]] = [:]
        var size = 0
        for i in 0..<repeats {
            var timings = ComputeTimings()
            let figure = try Scene(referenceSpec(), timings: &timings)
            phases["surface evaluation", default: []].append(timings.surface)
            phases["choosing levels", default: []].append(timings.contouring)
            phases["optimisation", default: []].append(timings.optimisation)
            // A PNG paints its isolines from the grid with the bands; SVG and PDF trace them.
            let traced = now()
            _ = figure.isolines
            phases["isolines traced (SVG/PDF only)", default: []].append(now() - traced)
            var t = now()
            let image = try FigureFile.rasterize(figure)
            phases["drawing", default: []].append(now() - t)
            let ours = folder.appendingPathComponent("reference-\(i).png")
            t = now()
            try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: ours,
                                texts: [(key: "lossmap-config", value: String(repeating: "x = 1\n", count: 40))])
            phases["PNG encoding", default: []].append(now() - t)
            t = now()
            try PNGWriter.writePlain(rgb: image.rgb, width: image.width, height: image.height,
                                     to: folder.appendingPathComponent("plain-\(i).png").path, filters: PNGWriter.defaultFilters)
            phases["bare libpng write (baseline)", default: []].append(now() - t)
            size = (try? FileManager.default.attributesOfItem(atPath: ours.path)[.size] as? Int) ?? 0
        }
        let order = ["surface evaluation", "choosing levels", "optimisation", "drawing", "PNG encoding"]
        var lines = ["reference figure: Rosenbrock 1600×1000, 400×400 grid, 20 log levels, 4 runs × 500 steps",
                     "median of \(repeats) runs, milliseconds:"]
        var total = 0.0
        for name in order {
            let m = median(phases[name] ?? []) * 1000
            total += m
            lines.append(Self.row(name, m))
        }
        lines.append(Self.row("total (sum of medians)", total))
        lines.append(Self.row("isolines traced (SVG/PDF only)", median(phases["isolines traced (SVG/PDF only)"] ?? []) * 1000))
        let ours = median(phases["PNG encoding"] ?? []), plain = median(phases["bare libpng write (baseline)"] ?? [])
        lines.append(Self.row("bare libpng write (baseline)", plain * 1000) + String(format: "  (our writer / bare libpng = %.2f×)", ours / plain))
        lines.append("PNG size: \(size) bytes")
        if pngOptions {
            let image = try FigureFile.rasterize(Scene(referenceSpec()))
            let machine = PNGWriter.pieceCount(width: image.width, height: image.height)
            lines.append("PNG encoding by zlib level, strategy and pieces deflated in parallel (by its size: \(machine)), "
                + "unfiltered rows, reference figure, median of 5:")
            let url = folder.appendingPathComponent("f.png")
            // Wall time and CPU time (all threads): on a busy machine the pieces wait for a core,
            // and the CPU time still shows what each level costs.
            func measure(level: Int32, strategy: PNGWriter.Strategy, pieces: Int) -> String {
                let times = (0..<5).map { _ -> (wall: Double, cpu: Double) in
                    let t = now(), c = cpuSeconds()
                    try? PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url,
                                         compressionLevel: level, strategy: strategy, pieces: pieces)
                    return (now() - t, cpuSeconds() - c)
                }
                let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                return String(format: "%6.1f ms (cpu %5.1f) %8d bytes", median(times.map(\.wall)) * 1000,
                              median(times.map(\.cpu)) * 1000, bytes)
            }
            for strategy in PNGWriter.Strategy.allCases {
                for level in strategy == .rle ? [Int32(6)] : [1, 3, 6] {
                    let row = "  \(strategy) level \(level):".padding(toLength: 24, withPad: " ", startingAt: 0)
                    let serial = measure(level: level, strategy: strategy, pieces: 1)
                    lines.append(row + "1 piece " + serial + (machine > 1 ? "   \(machine) pieces " + measure(level: level, strategy: strategy, pieces: machine) : ""))
                }
            }
            // What `render` does: the PNG straight from Cairo's ARGB32 pixels (each thread converts
            // its rows), against the RGB copy (`rgbPixels`) and the write from it.
            let canvas = try FigureFile.draw(Scene(referenceSpec()))
            let fromCopy = (0..<5).map { _ -> Double in
                let t = now()
                if let image = try? canvas.rgbPixels() {
                    try? PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url)
                }
                return now() - t
            }
            let direct = (0..<5).map { _ -> Double in
                let t = now()
                try? canvas.withARGB32Pixels { pixels, width, height, stride in
                    try PNGWriter.write(argb32: pixels, width: width, height: height, stride: stride, to: url)
                }
                return now() - t
            }
            lines.append(String(format: "  default level 6, \(machine) pieces: RGB copy + write %.1f ms, from Cairo's ARGB32 %.1f ms",
                                median(fromCopy) * 1000, median(direct) * 1000))
            let times = (0..<5).map { _ -> (wall: Double, cpu: Double) in
                let t = now(), c = cpuSeconds()
                try? PNGWriter.writePlain(rgb: image.rgb, width: image.width, height: image.height, to: url.path,
                                          compressionLevel: PNGWriter.defaultCompressionLevel, filters: PNGWriter.defaultFilters)
                return (now() - t, cpuSeconds() - c)
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            lines.append("  bare libpng level 6:".padding(toLength: 24, withPad: " ", startingAt: 0) + "1 piece "
                + String(format: "%6.1f ms (cpu %5.1f) %8d bytes", median(times.map(\.wall)) * 1000, median(times.map(\.cpu)) * 1000, bytes))
        }
        lines.append(String(format: "peak memory: %.1f MiB", peakMemoryMiB()))
        return lines.joined(separator: "\n")
    }

    static func row(_ name: String, _ milliseconds: Double) -> String {
        "  " + name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%9.2f", milliseconds)
    }
}

/// How time grows with grid resolution, steps and data size.
struct ScalingBenchmark {
    func time(_ repeats: Int = 3, _ work: () -> Void) -> Double {
        median((0..<repeats).map { _ in
            let t = now()
            work()
            return now() - t
        })
    }

    func run() -> String {
        var lines = ["", "grid resolution (the reference figure's scene: surface evaluation, levels, runs), ms:"]
        var previous: Double?
        for n in [100, 200, 400, 800, 1600] {
            let t = time { _ = try? Scene(referenceSpec(resolution: n, steps: 1)) } * 1000
            let growth = previous.map { String(format: "  ×%.1f for ×4 cells", t / $0) } ?? ""
            lines.append(String(format: "  %5d × %-5d %9.1f%@", n, n, t, growth as NSString))
            previous = t
        }
        lines.append("")
        lines.append("steps (one gradient-descent run on Rosenbrock, η = 0.001), ms:")
        previous = nil
        for steps in [100, 1_000, 10_000, 100_000] {
            let descent = Descent(learningRate: 0.001, start: Weights(-1.5, 2),
                                  stopping: Stopping(maxSteps: steps, gradientTolerance: 0))
            let t = time { _ = descent.run(on: Rosenbrock()) } * 1000
            let growth = previous.map { String(format: "  ×%.1f for ×10 steps", t / $0) } ?? ""
            lines.append(String(format: "  %7d %9.3f%@", steps, t, growth as NSString))
            previous = t
        }
        return lines.joined(separator: "\n")
    }
}

/// A folder of 100 figures rendered with 1 job and with 2, alternating, three times each:
/// in worker processes as `render` does (a pool of long-lived workers, and for comparison a
/// fresh process per figure) and in this process, as before figures were contained.
struct DeckBenchmark {
    let folder: URL
    var executable: URL?

    func run() throws -> String {
        let deck = folder.appendingPathComponent("deck")
        try FileManager.default.createDirectory(at: deck, withIntermediateDirectories: true)
        var paths: [String] = []
        for i in 0..<100 {
            let rate = 0.0001 * Double(1 + i % 20)
            let text = """
                title = "Deck figure \(i)"
                size = [800, 500]
                [surface]
                function = "rosenbrock"
                resolution = 200
                [optimizer]
                steps = 300
                learning_rates = [\(rate), \(rate * 2)]
                """
            let url = deck.appendingPathComponent("figure-\(i).toml")
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        var modes: [(name: String, isolation: FigureIsolation)] = [("in this process (no containment)", .inProcess)]
        if let executable {
            modes.insert(("worker pool (as render runs)", .workers(executable: executable)), at: 0)
            modes.insert(("a process per figure", .workers(executable: executable, figuresPerWorker: 1)), at: 1)
        }
        var times: [String: [Double]] = [:]
        for round in 0..<3 {
            for mode in round % 2 == 0 ? modes : modes.reversed() {
                for jobs in round % 2 == 0 ? [1, 2] : [2, 1] {
                    let out = folder.appendingPathComponent("deck-out-\(jobs)")
                    let t = now()
                    let report = BatchRenderer(outputFolder: out, jobs: jobs, force: true, isolation: mode.isolation).render(paths)
                    times["\(mode.name) \(jobs)", default: []].append(now() - t)
                    guard report.failures.isEmpty else { return "deck: \(report.failures.count) figures failed: \(report.failures[0].error ?? "")" }
                }
            }
        }
        // `lossmap check` on the same 100 configs: read, parse and decode only.
        let checking = median((0..<5).map { _ -> Double in
            let t = now()
            for path in paths { _ = ConfigCheck.problems(in: path) }
            return now() - t
        })
        var text = String(format: "\nchecking the 100 configs (lossmap check, in this process): %.1f ms, median of 5", checking * 1000)
        if let executable {
            let contained = median((0..<5).map { _ -> Double in
                let t = now()
                _ = ConfigCheck.problems(in: paths, jobs: 2, isolation: .workers(executable: executable))
                return now() - t
            })
            text += String(format: "\nchecking them in 2 worker processes, as lossmap check does: %.1f ms, median of 5", contained * 1000)
        }
        text += "\ndeck of 100 figures (800×500, 200×200 grid, 2 runs each), median of 3:"
        for mode in modes {
            let one = median(times["\(mode.name) 1"]!), two = median(times["\(mode.name) 2"]!)
            text += String(format: "\n  %@\n    1 job   %.2f s\n    2 jobs  %.2f s  (%.2f× faster)", mode.name as NSString, one, two, one / two)
        }
        return text
    }
}
