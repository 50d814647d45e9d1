import Foundation
import LossmapBackend
import LossmapCanvas
import LossmapRender
import LossmapScene
import LossmapSpec

/// Writes an animated figure: a GIF, an animated PNG, a PDF with one page per frame, or a
/// folder of numbered PNG frames. Like a still figure, everything is written under a
/// temporary name and renamed into place, so a killed render leaves no partial GIF and no
/// half-filled frames folder.
public enum AnimationFile {
    /// What was written, for the report.
    public struct Written: Sendable, Equatable {
        public var frames: Int
        /// Seconds one play lasts.
        public var duration: Double
        /// Bytes on disk (all frames' files together for a folder).
        public var bytes: Int
    }

    /// Called after each frame is made: (frames made, frames in all).
    public typealias Progress = (Int, Int) -> Void

    public static func write(_ figure: Scene, to url: URL, format: FigureFormat, config: String? = nil,
                             progress: Progress? = nil) throws -> Written {
        guard let schedule = figure.frames else {
            throw OutputError("cannot write \(url.path): the figure has no frames (an animated output needs a map figure)")
        }
        switch format {
        case .gif: try writeGIF(figure, schedule, to: url, progress: progress)
        case .apng: try writeAPNG(figure, schedule, to: url, progress: progress)
        case .pdf: try writePages(figure, schedule, to: url, progress: progress)
        case .frames: try FrameFolder.write(figure, schedule, to: url, config: config, progress: progress)
        case .png, .svg:
            throw OutputError("cannot write \(url.path): a .\(format.rawValue) file holds one still figure, not frames")
        }
        return Written(frames: schedule.frameCount, duration: schedule.duration, bytes: Self.bytes(at: url))
    }

    /// GIF delays are in hundredths of a second.
    static func centiseconds(_ seconds: Double) -> Int { Int((seconds * 100).rounded()) }

    static func writeGIF(_ figure: Scene, _ schedule: FrameSchedule, to url: URL, progress: Progress?) throws {
        // One palette for every frame, from the figure's own colours and the first and last
        // frames (which hold every kind of pixel: bands, lines and paths blended over them).
        let (first, last) = try {
            // Its canvas goes before the frame threads start theirs.
            let frames = try FrameRasterizer(figure)
            return (try frames.frame(step: schedule.steps[0]), try frames.frame(step: schedule.steps[schedule.steps.count - 1]))
        }()
        let keys = FigureRenderer(figure).keyColors.map(Self.bytes(of:))
        let palette = GIFPalette.choose(keyColors: keys, samples: [first.rgb, last.rgb])
        try AtomicFile.writeThrough(url) { temporary in
            let writer = try GIFWriter(path: temporary.path, width: first.width, height: first.height, palette: palette,
                                       plays: figure.spec.animation?.plays ?? 0)
            try writer.addFrame(rgb: first.rgb, delayCentiseconds: centiseconds(schedule.durations[0]))
            progress?(1, schedule.frameCount)
            // The frames between, drawn on other threads while these are encoded.
            let middle = Array(schedule.steps.dropFirst().dropLast())
            try FrameStream(figure, steps: middle).forEach { i, image in
                try writer.addFrame(rgb: image.rgb, delayCentiseconds: centiseconds(schedule.durations[i + 1]))
                progress?(i + 2, schedule.frameCount)
            }
            if schedule.frameCount > 1 {
                try writer.addFrame(rgb: last.rgb, delayCentiseconds: centiseconds(schedule.durations[schedule.frameCount - 1]))
                progress?(schedule.frameCount, schedule.frameCount)
            }
            try writer.finish()
        }
    }

    static func writeAPNG(_ figure: Scene, _ schedule: FrameSchedule, to url: URL, progress: Progress?) throws {
        // The default image, which viewers that know no APNG show, is the last frame: the
        // outcome, as the still figure shows it.
        let last = try FrameRasterizer(figure).frame(step: schedule.steps[schedule.steps.count - 1])
        try AtomicFile.writeThrough(url) { temporary in
            let writer = try APNGWriter(path: temporary.path, width: last.width, height: last.height,
                                        frameCount: schedule.frameCount, plays: figure.spec.animation?.plays ?? 0,
                                        defaultImage: last.rgb)
            try FrameStream(figure, steps: schedule.steps).forEach { i, image in
                try writer.addFrame(rgb: image.rgb, delaySeconds: schedule.durations[i])
                progress?(i + 1, schedule.frameCount)
            }
            try writer.finish()
        }
    }

    /// One PDF page per frame, each drawn whole (vector: there are no pixels to reuse), for
    /// Beamer's `\includegraphics[page=k]` and `\animategraphics`.
    static func writePages(_ figure: Scene, _ schedule: FrameSchedule, to url: URL, progress: Progress?) throws {
        let spec = figure.spec
        var renderer = FigureRenderer(figure)
        try AtomicFile.writeThrough(url) { temporary in
            let canvas = try CairoCanvas(vector: .pdf, path: temporary.path, width: spec.width, height: spec.height,
                                         background: spec.canvasColor, pointsPerPixel: spec.pointsPerPixel)
            canvas.halo = FigureFile.halo(for: spec)
            renderer.fixedLayout = renderer.layout(on: canvas)
            for (i, step) in schedule.steps.enumerated() {
                if i > 0 { canvas.nextPage(background: spec.canvasColor) }
                renderer.drawFrame(step: step, on: canvas)
                progress?(i + 1, schedule.frameCount)
            }
            try canvas.finish()
        }
    }

    /// A colour as Cairo stores it in 8 bits a channel (opaque: a figure's key colours are).
    static func bytes(of color: RGBA) -> (UInt8, UInt8, UInt8) {
        func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
        return (byte(color.red), byte(color.green), byte(color.blue))
    }

    /// The size of a file, or of a folder's files together.
    static func bytes(at url: URL) -> Int {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return 0 }
        guard info.st_mode & S_IFMT == S_IFDIR else { return Int(info.st_size) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.reduce(0) { total, name in
            var file = stat()
            return total + (stat(url.appendingPathComponent(name).path, &file) == 0 ? Int(file.st_size) : 0)
        }
    }
}
