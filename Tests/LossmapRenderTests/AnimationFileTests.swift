import Foundation
import Testing
import LossmapBackend
@testable import LossmapBatch
import LossmapScene
import LossmapTestSupport

/// Animated outputs, decoded with decoders we did not write (giflib's reader, Pillow, libpng)
/// and compared frame by frame with the frames drawn for the same steps.
@Suite("Animated files")
struct AnimationFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-animation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The frames the animation must show, drawn directly.
    static func expectedFrames(_ scene: Scene) throws -> [RGBImage] {
        let rasterizer = try FrameRasterizer(scene)
        return try scene.frames!.steps.map { try rasterizer.frame(step: $0) }
    }

    /// Pixels that look different (GoldenImage's visible threshold), as a fraction.
    static func differing(_ a: [UInt8], _ b: [UInt8], width: Int) -> Double {
        GoldenImage.compare(a, b, width: width).0.fraction
    }

    static func scene(plays: Int = 0) throws -> Scene {
        var spec = AnimationFrameTests.spec()
        spec.animation?.plays = plays
        spec.animation?.holdFirst = 0.5
        spec.animation?.holdLast = 1
        return try Scene(spec)
    }

    @Test("a GIF read back with giflib: frame count, delays, loop, disposal, and every frame as drawn", arguments: [0, 1, 3])
    func gifDecodes(plays: Int) throws {
        let scene = try Self.scene(plays: plays)
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("walk.gif")
        let written = try #require(try FigureFile.write(scene, to: url))
        let gif = try GIFReader.read(url.path)
        let schedule = scene.frames!
        #expect(written.frames == schedule.frameCount && gif.frames.count == schedule.frameCount)
        #expect(gif.width == 800 && gif.height == 500)
        // plays: 0 forever (loop count 0), 1 once (no loop block), n: n − 1 repeats.
        #expect(gif.loopCount == (plays == 0 ? 0 : plays == 1 ? nil : plays - 1))
        #expect(gif.frames.map(\.delayCentiseconds) == schedule.durations.map { Int(($0 * 100).rounded()) })
        #expect(gif.frames.first?.delayCentiseconds == 60 && gif.frames.last?.delayCentiseconds == 110)
        #expect(gif.frames.allSatisfy { $0.disposal == 1 })
        // Frames after the first store only what changed: none covers the whole canvas.
        #expect(gif.frames.dropFirst().allSatisfy { $0.width * $0.height < 800 * 500 })
        let expected = try Self.expectedFrames(scene)
        for (k, (frame, image)) in zip(gif.frames, expected).enumerated() {
            // 255 colours for the whole animation: antialiased edges move to the nearest.
            let fraction = Self.differing(frame.composited, image.rgb, width: 800)
            #expect(fraction < 0.01, "GIF frame \(k) (step \(schedule.steps[k])): \(fraction * 100) % of pixels differ")
        }
        // The frames are not all alike: the GIF animates.
        #expect(Self.differing(gif.frames[0].composited, gif.frames.last!.composited, width: 800) > 0.001)
    }

    @Test("an animated PNG: chunks in order, the last frame as its default image, and Pillow reads every frame exactly")
    func apngDecodes() throws {
        let scene = try Self.scene(plays: 2)
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("walk.apng")
        try FigureFile.write(scene, to: url)
        let expected = try Self.expectedFrames(scene)
        let schedule = scene.frames!
        let chunks = try APNGChunks.read(url.path)
        #expect(chunks.animation?.frames == schedule.frameCount && chunks.animation?.plays == 2)
        #expect(chunks.idatBeforeFirstFDAT && !chunks.fcTLBeforeIDAT)
        #expect(chunks.frameControls.map { Double($0.delayNumerator) / Double($0.delayDenominator) } == schedule.durations)
        // libpng, which knows no APNG, decodes the default image: the last frame.
        let still = try PNGReader.read(url.path)
        #expect(still.rgb == expected.last!.rgb)
        let pillow = try Pillow.decode(url)
        #expect(pillow.n_frames == schedule.frameCount + 1 && pillow.loop == 2)
        for (k, (frame, image)) in zip(pillow.frames.dropFirst(), expected).enumerated() {
            #expect(frame.rgb == image.rgb, "APNG frame \(k) differs from the frame drawn for step \(schedule.steps[k])")
        }
    }

    @Test("a frames folder: one PNG per frame, numbered in order, each the frame drawn for its step, and a listing")
    func framesFolder() throws {
        let scene = try Self.scene()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("walk")
        let written = try #require(try FigureFile.write(scene, to: url, name: "walk/"))
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        let schedule = scene.frames!
        #expect(names == (0..<schedule.frameCount).map { FrameFolder.name(ofFrame: $0, count: schedule.frameCount) } + ["frames.txt"])
        #expect(written.frames == schedule.frameCount && written.bytes > 0)
        let expected = try Self.expectedFrames(scene)
        for (k, name) in names.dropLast().enumerated() {
            #expect(try PNGReader.read(url.appendingPathComponent(name).path).rgb == expected[k].rgb, "\(name)")
        }
        let listing = try String(contentsOf: url.appendingPathComponent("frames.txt"), encoding: .utf8)
        #expect(listing.contains("frame-001.png, 0, 0.60") && listing.contains("frame-021.png, 20, 1.10"))
        // Written again, it replaces its own frames (a desktop's .DS_Store does not stop it) …
        try Data().write(to: url.appendingPathComponent(".DS_Store"))
        try Data("stale".utf8).write(to: url.appendingPathComponent("frame-099.png"))
        try FigureFile.write(scene, to: url, name: "walk/")
        let again = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        #expect(again == names, "after writing again: \(again)")
        #expect(try PNGReader.read(url.appendingPathComponent(names[3]).path).rgb == expected[3].rgb)
        // … but never a folder holding the user's files.
        try Data("mine".utf8).write(to: url.appendingPathComponent("notes.txt"))
        #expect(throws: OutputError.self) { try FigureFile.write(scene, to: url, name: "walk/") }
        #expect(FileManager.default.fileExists(atPath: url.appendingPathComponent("notes.txt").path))
        // No temporary folder is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["walk"], "left behind: \(left)")
    }

    @Test("a PDF of an animation has one page per frame")
    func pdfPages() throws {
        let scene = try Self.scene()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("walk.pdf")
        try FigureFile.write(scene, to: url)
        let pdf = try PDFDrawing([UInt8](try Data(contentsOf: url)), height: 500)
        #expect(pdf.pageCount == scene.frames!.frameCount)
    }

    @Test("the same animation gives the same bytes", arguments: ["gif", "apng", "pdf"])
    func sameBytes(format: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.\(format)"), b = folder.appendingPathComponent("b.\(format)")
        try FigureFile.write(try Self.scene(), to: a)
        try FigureFile.write(try Self.scene(), to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    @Test("a failed write leaves no partial file and no temporary")
    func failedWriteLeavesNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A folder where the GIF should go: the rename fails after the frames are written.
        let url = folder.appendingPathComponent("walk.gif")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: OutputError.self) { try FigureFile.write(try Self.scene(), to: url) }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["walk.gif"], "left behind: \(left)")
    }
}
