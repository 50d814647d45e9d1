import Foundation
import Testing
@testable import LossmapBackend
import LossmapCanvas
import LossmapCore
import LossmapTestSupport

/// Synthetic frames: three shaded horizontal bands and a red 3×3 square that moves, small enough
/// that every rectangle can be worked out by hand.
private struct SyntheticFrames {
    static let width = 40, height = 30
    static let red: [UInt8] = [255, 0, 0]

    /// The background: bands of three colours, each shaded left to right so that the row filters
    /// have something to predict; no pixel of it is the square's red.
    static func background() -> [UInt8] {
        let bands: [[UInt8]] = [[30, 60, 90], [200, 200, 180], [10, 120, 40]]
        var rgb = [UInt8]()
        for y in 0..<height {
            let band = bands[y / 10]
            for x in 0..<width { rgb += [band[0] &+ UInt8(x), band[1], band[2] &+ UInt8(2 * x)] }
        }
        return rgb
    }

    /// The background with the square's top-left corner at (x, y).
    static func frame(squareAt x: Int, _ y: Int) -> [UInt8] {
        var rgb = background()
        for row in y..<(y + 3) {
            for column in x..<(x + 3) { rgb.replaceSubrange(((row * width + column) * 3)..<((row * width + column) * 3 + 3), with: red) }
        }
        return rgb
    }

    /// Square at (5, 4), then (9, 12), then in the bottom-right corner (37, 27).
    static let squares = [(5, 4), (9, 12), (37, 27)]
    static var frames: [[UInt8]] { squares.map { frame(squareAt: $0.0, $0.1) } }
    static let delays = [0.1, 0.25, 1.5]
    /// Each later frame's changed area: the union of the square's old and new place.
    static let changedAreas = [(x: 0, y: 0, width: 40, height: 30), (5, 4, 7, 11), (9, 12, 31, 18)]
}

@Suite struct APNGWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-apng-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `frames` (the last as the default image) to `url`.
    func write(_ frames: [[UInt8]], delays: [Double], plays: Int, width: Int = SyntheticFrames.width,
               height: Int = SyntheticFrames.height, to url: URL) throws {
        // The heuristic's filters, so every filter type is exercised (the default is none).
        let writer = try APNGWriter(path: url.path, width: width, height: height, frameCount: frames.count,
                                    plays: plays, defaultImage: frames.last!, filtering: .adaptive)
        for (frame, delay) in zip(frames, delays) { try writer.addFrame(rgb: frame, delaySeconds: delay) }
        try writer.finish()
        #expect(writer.bytesWritten == (try Data(contentsOf: url)).count)
    }

    @Test("the chunks come in order with right CRCs, sequence numbers without gaps, and each later frame holds just the changed rectangle")
    func chunkLayout() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("moving.png")
        let frames = SyntheticFrames.frames
        try write(frames, delays: SyntheticFrames.delays, plays: 2, to: url)

        // The reader checks the signature, the framing and every CRC with its own CRC-32.
        let png = try APNGChunks.read(url.path)
        let types = png.types
        #expect(types.first == "IHDR" && types.last == "IEND")
        let ihdr = png.chunks[0].data
        #expect(ihdr == [0, 0, 0, 40, 0, 0, 0, 30, 8, 6, 0, 0, 0], "IHDR: 40×30, 8-bit RGBA, not interlaced")
        let acTL = try #require(types.firstIndex(of: "acTL")), idat = try #require(types.firstIndex(of: "IDAT"))
        let firstFDAT = try #require(types.firstIndex(of: "fdAT"))
        #expect(acTL < idat && idat < firstFDAT, "order: \(types)")
        #expect(png.idatBeforeFirstFDAT)
        #expect(!png.fcTLBeforeIDAT, "the default image must not be part of the animation")
        #expect(png.animation?.frames == 3 && png.animation?.plays == 2)
        #expect(png.sequenceNumbers == Array(0..<png.sequenceNumbers.count), "sequence numbers: \(png.sequenceNumbers)")
        #expect(png.frameControls.count == 3)
        #expect(png.frameControls.map(\.sequence) == [0, 2, 4])
        #expect(png.frameDataSequences == [1, 3, 5])
        #expect(types.filter { $0 == "fcTL" }.count == 3 && types.filter { $0 == "IDAT" }.count == 1)
        #expect(png.chunks.contains { $0.type == "tEXt" && $0.data == Array("Software\0lossmap".utf8) })

        for (index, control) in png.frameControls.enumerated() {
            let expected = SyntheticFrames.changedAreas[index]
            #expect(control.x + control.width <= 40 && control.y + control.height <= 30, "\(control) leaves the canvas")
            #expect((control.x, control.y, control.width, control.height) == expected, "frame \(index): \(control)")
            #expect(control.delayDenominator == 1000)
            #expect(control.delayNumerator == Int((SyntheticFrames.delays[index] * 1000).rounded()))
            #expect(control.dispose == 0, "dispose NONE: each frame stays for the next to draw over")
            #expect(control.blend == (index == 0 ? 0 : 1), "the first frame replaces the canvas, later ones draw OVER it")
        }

        // The default image's rows use more than one filter type (the adaptive choice runs).
        let stream = try Zlib.inflate(png.chunks[idat].data)
        #expect(stream.count == 30 * (1 + 40 * 4))
        let filterTypes = Set(stride(from: 0, to: stream.count, by: 1 + 40 * 4).map { stream[$0] })
        #expect(filterTypes.count > 1 && filterTypes.allSatisfy { $0 <= 4 }, "filter types \(filterTypes.sorted())")

        // A decoder that knows no APNG (libpng, through Cairo) shows the default image.
        let still = try PNGReader.read(url.path)
        #expect(still.width == 40 && still.height == 30)
        #expect(still.rgb == frames.last!)
    }

    @Test("Pillow composes every frame to exactly the input, with the written durations and loop count")
    func pillowDecodesEveryFrame() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("moving.png")
        let frames = SyntheticFrames.frames
        try write(frames, delays: SyntheticFrames.delays, plays: 2, to: url)
        try checkWithPillow(url, frames: frames, delays: SyntheticFrames.delays, plays: 2)
    }

    @Test("an unchanged frame is stored as one transparent pixel, and a one-pixel change as that pixel")
    func unchangedFrame() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("still.png")
        let first = SyntheticFrames.frame(squareAt: 20, 10)
        var last = first
        last[(29 * 40 + 39) * 3] = 255  // the bottom-right pixel turns redder
        let frames = [first, first, last], delays = [0.04, 70, 0]
        try write(frames, delays: delays, plays: 0, to: url)
        let controls = try APNGChunks.read(url.path).frameControls
        #expect(controls.count == 3)
        #expect(controls.map { [$0.x, $0.y, $0.width, $0.height] } == [[0, 0, 40, 30], [0, 0, 1, 1], [39, 29, 1, 1]])
        // 70 s does not fit 16-bit milliseconds: hundredths instead.
        #expect(controls.map { [$0.delayNumerator, $0.delayDenominator] } == [[40, 1000], [7000, 100], [0, 1000]])
        try checkWithPillow(url, frames: frames, delays: delays, plays: 0)
    }

    @Test("rows of every filter type (None, Sub, Up, Average, Paeth) decode to exactly the input")
    func everyFilterType() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("noise.png")
        // Noise, on which any of the five filters may win a row, with a smooth 2-D gradient
        // (which Paeth predicts exactly) pasted into later frames.
        let width = 48, height = 64
        var random = SplitMix64(seed: 7)
        let noise = (0..<(width * height * 3)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        func pasting(_ rgb: [UInt8], gradientFrom top: Int, to bottom: Int, scale: Int) -> [UInt8] {
            var out = rgb
            for y in top..<bottom {
                for x in 4..<(width - 4) {
                    let i = (y * width + x) * 3
                    out[i] = UInt8(truncatingIfNeeded: scale * (x + y)); out[i + 1] = UInt8(truncatingIfNeeded: 2 * x + y); out[i + 2] = 9
                }
            }
            return out
        }
        let frames = [noise, pasting(noise, gradientFrom: 10, to: 30, scale: 3), pasting(noise, gradientFrom: 20, to: 60, scale: 5)]
        try write(frames, delays: [0.05, 0.05, 0.05], plays: 0, width: width, height: height, to: url)

        let png = try APNGChunks.read(url.path)
        var streams = [(data: try Zlib.inflate(png.chunks.first { $0.type == "IDAT" }!.data), width: width)]
        for (control, chunk) in zip(png.frameControls, png.chunks.filter { $0.type == "fdAT" }) {
            streams.append((try Zlib.inflate(Array(chunk.data.dropFirst(4))), control.width))
        }
        var used = Set<UInt8>()
        for stream in streams {
            used.formUnion(stride(from: 0, to: stream.data.count, by: 1 + stream.width * 4).map { stream.data[$0] })
        }
        #expect(used == [0, 1, 2, 3, 4], "filter types used: \(used.sorted())")
        try checkWithPillow(url, frames: frames, delays: [0.05, 0.05, 0.05], plays: 0)
    }

    @Test("the same frames give the same bytes")
    func deterministic() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.png"), b = folder.appendingPathComponent("b.png")
        try write(SyntheticFrames.frames, delays: SyntheticFrames.delays, plays: 0, to: a)
        try write(SyntheticFrames.frames, delays: SyntheticFrames.delays, plays: 0, to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    @Test("finish() refuses a frame count other than the announced one, and a frame beyond it is refused")
    func wrongFrameCount() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let frames = SyntheticFrames.frames
        let short = try APNGWriter(path: folder.appendingPathComponent("short.png").path, width: 40, height: 30,
                                   frameCount: 3, plays: 0, defaultImage: frames[2])
        try short.addFrame(rgb: frames[0], delaySeconds: 0.1)
        try short.addFrame(rgb: frames[1], delaySeconds: 0.1)
        #expect(throws: OutputError.self) { try short.finish() }

        let long = try APNGWriter(path: folder.appendingPathComponent("long.png").path, width: 40, height: 30,
                                  frameCount: 1, plays: 0, defaultImage: frames[0])
        try long.addFrame(rgb: frames[0], delaySeconds: 0.1)
        #expect(throws: OutputError.self) { try long.addFrame(rgb: frames[1], delaySeconds: 0.1) }
        try long.finish()
        #expect(try APNGChunks.read(folder.appendingPathComponent("long.png").path).animation?.frames == 1)
    }

    @Test("an unwritable path gives an OutputError naming the path and the reason")
    func unwritablePath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-no-such-\(UUID().uuidString)/a.png").path
        do {
            _ = try APNGWriter(path: path, width: 40, height: 30, frameCount: 1, plays: 0, defaultImage: SyntheticFrames.background())
            Issue.record("writing into a missing folder succeeded")
        } catch let error as OutputError {
            #expect(error.description.contains(path), "\(error)")
            #expect(error.description.contains("No such file or directory"), "\(error)")
        }
    }

    @Test("the changed rectangle is the smallest one holding every changed pixel, nil if none changed")
    func changedRectangle() {
        let background = SyntheticFrames.background()
        #expect(APNGWriter.changedRectangle(previous: background, current: background, width: 40, height: 30) == nil)
        var corner = background
        corner[0] = 0
        let topLeft = APNGWriter.changedRectangle(previous: background, current: corner, width: 40, height: 30)
        #expect(topLeft.map { [$0.x, $0.y, $0.width, $0.height] } == [0, 0, 1, 1])
        // Only the blue channel of two far pixels: (3, 7) and (38, 20).
        var two = background
        two[(7 * 40 + 3) * 3 + 2] &+= 1
        two[(20 * 40 + 38) * 3 + 2] &+= 1
        let span = APNGWriter.changedRectangle(previous: background, current: two, width: 40, height: 30)
        #expect(span.map { [$0.x, $0.y, $0.width, $0.height] } == [3, 7, 36, 14])
    }

    @Test("delays are written in milliseconds while they fit 16 bits, then coarser, and clamped at 65535 s")
    func delayFractions() {
        func fraction(_ seconds: Double) -> [Int] {
            let f = APNGWriter.delayFraction(seconds: seconds)
            return [Int(f.numerator), Int(f.denominator)]
        }
        #expect(fraction(0) == [0, 1000])
        #expect(fraction(0.1) == [100, 1000])
        #expect(fraction(0.0334) == [33, 1000])
        #expect(fraction(65.535) == [65535, 1000])
        #expect(fraction(65.6) == [6560, 100])
        #expect(fraction(1000) == [1000, 1])
        #expect(fraction(1e9) == [65535, 1])
    }
}

// MARK: - Pillow, an independent APNG decoder (Tests/LossmapTestSupport/Pillow.swift)

/// Checks Pillow's reading of `url` against the frames written, with the last frame as the
/// default image. Pillow counts a default image that is not part of the animation as a frame of
/// its own (frame 0, without a duration), so it reports one frame more than acTL announces.
private func checkWithPillow(_ url: URL, frames: [[UInt8]], delays: [Double], plays: Int,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
    let animation = try Pillow.decode(url)
    #expect(animation.default_image, "Pillow did not see a separate default image", sourceLocation: sourceLocation)
    #expect(animation.n_frames == frames.count + 1, "n_frames \(animation.n_frames)", sourceLocation: sourceLocation)
    #expect(animation.loop == plays, "loop \(String(describing: animation.loop))", sourceLocation: sourceLocation)
    #expect(animation.frames.count == frames.count + 1, sourceLocation: sourceLocation)
    let expected = [frames.last!] + frames
    for (index, (decoded, rgb)) in zip(animation.frames, expected).enumerated() {
        let rgba = hexBytes(decoded.rgba)
        #expect(rgba.count == rgb.count / 3 * 4, "frame \(index) size", sourceLocation: sourceLocation)
        let opaque = stride(from: 3, to: rgba.count, by: 4).allSatisfy { rgba[$0] == 255 }
        let colours = stride(from: 0, to: rgba.count, by: 4).flatMap { rgba[$0..<($0 + 3)] }
        #expect(opaque, "Pillow's frame \(index) is not opaque everywhere", sourceLocation: sourceLocation)
        #expect(colours == rgb, "Pillow's frame \(index) differs from the input in \(differingPixels(colours, rgb)) pixels",
                sourceLocation: sourceLocation)
        if index > 0 {
            #expect(abs((decoded.duration ?? -1) - delays[index - 1] * 1000) < 1e-9, "frame \(index) duration \(String(describing: decoded.duration)) ms",
                    sourceLocation: sourceLocation)
        }
    }
}

private func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8).map { $0 <= 0x39 ? $0 - 0x30 : $0 - 0x61 + 10 }
    return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

private func differingPixels(_ a: [UInt8], _ b: [UInt8]) -> Int {
    guard a.count == b.count else { return max(a.count, b.count) / 3 }
    return stride(from: 0, to: a.count, by: 3).filter { a[$0..<($0 + 3)] != b[$0..<($0 + 3)] }.count
}
