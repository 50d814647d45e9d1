import Foundation
import LossmapBatch
import LossmapCore
import LossmapScene
import LossmapSpec

/// `lossmap bench --surface-view`: a `view = "surface"` figure at 1600×1000 with an 80×80
/// mesh against the still map of the same surface and runs (the goal: at most 2× the map),
/// each computed, drawn and encoded as a PNG.
struct SurfaceViewBenchmark {
    let repeats: Int
    let folder: URL

    /// The lesson-like bowl of the reference figure's size: Rosenbrock, four runs, 80×80 mesh.
    static func spec(_ view: FigureView) -> FigureSpec {
        var spec = referenceSpec()
        spec.view = view
        spec.camera.resolution = 80
        spec.camera.heightScale = .log
        return spec
    }

    func run() throws -> String {
        var times: [String: [Double]] = [:]
        for i in 0..<repeats {
            for (name, view) in [("map", FigureView.map), ("surface", .surface), ("both", .both)] {
                let t = now()
                let scene = try Scene(Self.spec(view))
                try FigureFile.write(scene, to: folder.appendingPathComponent("\(name)-\(i).png"))
                times[name, default: []].append(now() - t)
            }
        }
        let map = median(times["map"] ?? []) * 1000, surface = median(times["surface"] ?? []) * 1000
        let both = median(times["both"] ?? []) * 1000
        return [
            "3-D surface: Rosenbrock 1600×1000, 4 runs × 500 steps, log height; median of \(repeats), computed + drawn + PNG, ms:",
            ReferenceBenchmark.row("view = map (400×400 grid)", map),
            ReferenceBenchmark.row("view = surface (80×80 mesh)", surface),
            ReferenceBenchmark.row("view = both", both),
            String(format: "surface / map: %.2f× (goal: at most 2×); both / map: %.2f×", surface / map, both / map),
            String(format: "peak memory: %.1f MiB", peakMemoryMiB()),
        ].joined(separator: "\n")
    }
}
