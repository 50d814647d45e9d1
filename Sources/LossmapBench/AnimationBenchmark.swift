import Foundation
import LossmapBackend
import LossmapBatch
import LossmapCore
import LossmapRender
import LossmapScene
import LossmapSpec

/// `lossmap bench --animation`: the reference figure as the 60-frame 800×500 GIF of
/// benchmarks/animation.toml (paths growing 8 steps a frame), against a still figure of the
/// same size: what the background costs once, what each later frame costs to draw and to
/// encode, and the ratio of a frame to a still figure (the goal: at most 15 %).
struct AnimationBenchmark {
    let repeats: Int
    let folder: URL

    /// The animation of benchmarks/animation.toml, built in code.
    static func spec() -> FigureSpec {
        var spec = referenceSpec(steps: 472)
        spec.width = 800
        spec.height = 500
        var animation = AnimationSpec()
        animation.stepping = .every(8)
        animation.maxFrames = 60
        animation.holdFirst = 0
        animation.holdLast = 0
        spec.animation = animation
        return spec
    }

    func run() throws -> String {
        let figure = try Scene(Self.spec())
        var stillSpec = Self.spec()
        stillSpec.animation = nil
        let schedule = try figure.frames.orThrow()
        var phases: [String: [Double]] = [:]
        var bytes = 0
        for i in 0..<repeats {
            // A still figure of the same size: computed (grid, contours, runs), drawn whole,
            // then encoded as a PNG; the frames share the computed scene.
            var t = now()
            let still = try Scene(stillSpec)
            phases["still figure: computing", default: []].append(now() - t)
            t = now()
            let image = try FigureFile.rasterize(still)
            try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height,
                                to: folder.appendingPathComponent("still-\(i).png"))
            phases["still figure: drawing + PNG", default: []].append(now() - t)

            // The animation as AnimationFile writes it, phase by phase.
            t = now()
            let frames = try FrameRasterizer(figure)
            phases["background, once", default: []].append(now() - t)
            t = now()
            let first = try frames.frame(step: schedule.steps[0])
            let last = try frames.frame(step: schedule.lastStep)
            let keys = FigureRenderer(figure).keyColors.map { c -> (UInt8, UInt8, UInt8) in
                (UInt8((c.red * 255).rounded()), UInt8((c.green * 255).rounded()), UInt8((c.blue * 255).rounded()))
            }
            let palette = GIFPalette.choose(keyColors: keys, samples: [first.rgb, last.rgb])
            phases["palette (first, last frame)", default: []].append(now() - t)
            let url = folder.appendingPathComponent("animation-\(i).gif")
            let writer = try GIFWriter(path: url.path, width: first.width, height: first.height, palette: palette, plays: 0)
            var drawing: [Double] = [], encoding: [Double] = []
            for (k, step) in schedule.steps.enumerated() {
                t = now()
                let image = k == 0 ? first : try frames.frame(step: step)
                let drawn = now()
                try writer.addFrame(rgb: image.rgb, delayCentiseconds: 10)
                if k > 0 {
                    drawing.append(drawn - t)
                    encoding.append(now() - drawn)
                }
            }
            try writer.finish()
            phases["a later frame: drawing", default: []].append(median(drawing))
            phases["a later frame: GIF encoding", default: []].append(median(encoding))
            
            bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        }
        // The whole write, as `render` does it (frames drawn again, palette, file), timed apart.
        var whole: [Double] = []
        for i in 0..<repeats {
            let t = now()
            _ = try FigureFile.write(figure, to: folder.appendingPathComponent("whole-\(i).gif"))
            whole.append(now() - t)
        }
        let m = { (name: String) in median(phases[name] ?? []) * 1000 }
        let drawnTime = m("still figure: drawing + PNG")
        let stillTime = m("still figure: computing") + drawnTime
        let frameTime = m("a later frame: drawing") + m("a later frame: GIF encoding")
        var lines = ["animation: Rosenbrock 800×500, 400×400 grid, 4 runs, \(schedule.frameCount) frames every 8 steps (GIF)",
                     "median of \(repeats) runs, milliseconds:"]
        for name in ["still figure: computing", "still figure: drawing + PNG", "background, once", "palette (first, last frame)",
                     "a later frame: drawing", "a later frame: GIF encoding"] {
            lines.append(ReferenceBenchmark.row(name, m(name)))
        }
        lines.append(ReferenceBenchmark.row("the GIF written whole", median(whole) * 1000))
        lines.append(String(format: "a later frame / a still figure: %.1f %% (goal: at most 15 %%); / its drawing and PNG alone: %.1f %%",
                            100 * frameTime / stillTime, 100 * frameTime / drawnTime))
        lines.append("GIF size: \(bytes) bytes")
        lines.append(String(format: "peak memory: %.1f MiB", peakMemoryMiB()))
        return lines.joined(separator: "\n")
    }
}

extension Optional {
    /// The value, or an error saying it is missing.
    func orThrow() throws -> Wrapped {
        guard let self else { throw BenchmarkError("the benchmark figure has no frames") }
        return self
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
