import Foundation

/// Writes an animated PNG (APNG) frame by frame: full-colour frames, exact pixels, and a still
/// default image that viewers without APNG support show instead.
///
/// The layout follows the PNG specification, 3rd edition ("APNG: frame-based animation",
/// "acTL Animation Control Chunk", "fcTL Frame Control Chunk", "fdAT Frame Data Chunk"):
///
///     signature, IHDR, acTL, tEXt Software, IDAT (the default image, no fcTL before it),
///     then per frame fcTL + fdAT, then IEND.
///
/// The default image is not part of the animation (no fcTL precedes the IDAT), so the caller can
/// pass the final frame as the still. Every frame after the first stores only the rectangle that
/// changed since the previous frame, with unchanged pixels in it fully transparent, drawn OVER the
/// canvas left by the previous frame (dispose NONE): the blitting matplotlib and gifsicle do.
/// All pixels are 8-bit RGBA, opaque where drawn. The file is written exactly at `path`; the
/// caller makes it atomic (write a temporary, then `AtomicFile.moveIntoPlace`).
public final class APNGWriter {
    /// fcTL dispose_op APNG_DISPOSE_OP_NONE: the frame stays on the canvas for the next one.
    static let disposeNone: UInt8 = 0
    /// fcTL blend_op APNG_BLEND_OP_SOURCE: the frame's pixels replace the canvas region.
    static let blendSource: UInt8 = 0
    /// fcTL blend_op APNG_BLEND_OP_OVER: the frame is alpha-composited over the canvas region.
    static let blendOver: UInt8 = 1

    /// The file written, exactly this path.
    public let path: String
    /// The canvas size in pixels, of the default image and of every frame.
    public let width: Int
    public let height: Int
    /// The number of frames announced in acTL; `finish()` checks that exactly this many were added.
    public let frameCount: Int
    /// How often the animation plays (acTL num_plays); 0: forever.
    public let plays: Int
    /// Bytes written to the file so far.
    public var bytesWritten: Int { chunks.bytesWritten }

    private let chunks: PNGChunkWriter
    /// The last frame added, RGB: what the canvas shows when the next frame is drawn.
    private var previous: [UInt8]?
    private var framesAdded = 0
    /// fcTL and fdAT share one sequence counter from 0 ("fcTL Frame Control Chunk": sequence
    /// numbers let a decoder detect missing or reordered chunks).
    private var sequenceNumber: UInt32 = 0
    private var finished = false

    /// Opens `path` and writes everything before the first frame: signature, IHDR, acTL, tEXt
    /// and `defaultImage` (RGB, 3 bytes a pixel, width × height) as the still IDAT.
    /// How rows are filtered before deflating.
    public let filtering: PNGRowFilter.Selection

    /// `filtering`: `.none` by default, as for still figures (`PNGWriter.defaultFilters`):
    /// flat-colour figures pack best unfiltered; measured on the 60-frame benchmark animation,
    /// 545 KB unfiltered against 627 KB with the per-row heuristic, and faster.
    public init(path: String, width: Int, height: Int, frameCount: Int, plays: Int, defaultImage rgb: [UInt8],
                filtering: PNGRowFilter.Selection = .none) throws {
        self.filtering = filtering
        // IHDR's width and height, acTL's counts: PNG four-byte unsigned integers, at most 2^31 − 1;
        // acTL num_frames 0 is invalid ("acTL Animation Control Chunk").
        let limit = Int(Int32.max)
        guard (1...limit).contains(width), (1...limit).contains(height),
              rgb.count % 3 == 0, rgb.count / 3 == width * height else {
            throw OutputError("internal error: \(rgb.count) bytes do not make a \(width)×\(height) RGB image")
        }
        guard (1...limit).contains(frameCount), (0...limit).contains(plays) else {
            throw OutputError("internal error: an animated PNG of \(frameCount) frames playing \(plays) times")
        }
        self.path = path
        self.width = width
        self.height = height
        self.frameCount = frameCount
        self.plays = plays
        chunks = try PNGChunkWriter(path: path)

        try chunks.writeSignature()
        // RGBA, as the frames' transparent pixels need.
        try chunks.writeImageHeader(width: width, height: height, colourType: 6)
        // acTL must come before the first IDAT ("acTL Animation Control Chunk").
        var control = [UInt8]()
        control.appendPNGInteger(UInt32(frameCount))
        control.appendPNGInteger(UInt32(plays))
        try chunks.writeChunk("acTL", control)
        try chunks.writeChunk("tEXt", Array("Software".utf8) + [0] + Array("lossmap".utf8))
        let still = try compressedRows(rgba: Self.opaque(rgb))
        try chunks.writeChunk("IDAT", still)
    }

    deinit {
        // An unfinished file is closed, never completed: it lacks IEND, so no viewer takes it for whole.
        try? chunks.close()
    }

    /// Adds the next frame (RGB, width × height × 3 bytes), shown for `delaySeconds`.
    public func addFrame(rgb: [UInt8], delaySeconds: Double) throws {
        guard !finished else { throw OutputError("internal error: a frame added to \(path) after it was finished") }
        guard framesAdded < frameCount else {
            throw OutputError("internal error: frame \(framesAdded + 1) added to \(path), which announced \(frameCount)")
        }
        guard rgb.count == width * height * 3 else {
            throw OutputError("internal error: \(rgb.count) bytes do not make a \(width)×\(height) RGB frame")
        }
        guard delaySeconds >= 0, delaySeconds.isFinite else {
            throw OutputError("internal error: a frame delay of \(delaySeconds) s")
        }
        let region: (x: Int, y: Int, width: Int, height: Int)
        let pixels: [UInt8]
        let blend: UInt8
        if let previous {
            // An unchanged frame still needs a frame: one transparent pixel, drawn over nothing.
            region = Self.changedRectangle(previous: previous, current: rgb, width: width, height: height) ?? (0, 0, 1, 1)
            pixels = Self.changes(previous: previous, current: rgb, canvasWidth: width, in: region)
            blend = Self.blendOver
        } else {
            // "fcTL Frame Control Chunk": the first frame's region must be the whole canvas.
            region = (0, 0, width, height)
            pixels = Self.opaque(rgb)
            blend = Self.blendSource
        }
        let delay = Self.delayFraction(seconds: delaySeconds)
        var control = [UInt8]()
        control.appendPNGInteger(sequenceNumber)
        control.appendPNGInteger(UInt32(region.width))
        control.appendPNGInteger(UInt32(region.height))
        control.appendPNGInteger(UInt32(region.x))
        control.appendPNGInteger(UInt32(region.y))
        control.appendPNGInteger(delay.numerator)
        control.appendPNGInteger(delay.denominator)
        control += [Self.disposeNone, blend]
        let compressed = try compressedRows(rgba: pixels, width: region.width, height: region.height)
        try chunks.writeChunk("fcTL", control)
        // "fdAT Frame Data Chunk": a sequence number, then data as in IDAT. One fdAT per frame:
        // a frame of the canvas sizes lossmap draws deflates to megabytes, far below a chunk's limit.
        var data = [UInt8]()
        data.reserveCapacity(4 + compressed.count)
        data.appendPNGInteger(sequenceNumber + 1)
        data += compressed
        try chunks.writeChunk("fdAT", data)
        sequenceNumber += 2
        framesAdded += 1
        previous = rgb
    }

    /// Checks that exactly `frameCount` frames were added, writes IEND and closes the file.
    public func finish() throws {
        guard !finished else { return }
        // acTL announced frameCount: with fewer frames viewers stall or loop early, with more
        // they drop the rest, so a miscount is an error, not a quietly different animation.
        guard framesAdded == frameCount else {
            throw OutputError("internal error: \(path) announced \(frameCount) frames but \(framesAdded) were added")
        }
        try chunks.writeChunk("IEND", [])
        try chunks.close()
        finished = true
    }

    /// The smallest rectangle holding every pixel where `current` differs from `previous` (both
    /// RGB, width × height), nil if none does.
    static func changedRectangle(previous: [UInt8], current: [UInt8], width: Int, height: Int)
        -> (x: Int, y: Int, width: Int, height: Int)? {
        precondition(previous.count == width * height * 3 && current.count == previous.count)
        let rowLength = width * 3
        return previous.withUnsafeBufferPointer { old in
            current.withUnsafeBufferPointer { new in
                func rowDiffers(_ y: Int) -> Bool {
                    memcmp(old.baseAddress! + y * rowLength, new.baseAddress! + y * rowLength, rowLength) != 0
                }
                guard let top = (0..<height).first(where: rowDiffers) else { return nil }
                let bottom = (top..<height).last(where: rowDiffers)!
                var left = width, right = -1
                for y in top...bottom {
                    let start = y * rowLength
                    // Only columns outside the span found so far can widen it.
                    var x = 0
                    while x < left {
                        let i = start + x * 3
                        if old[i] != new[i] || old[i + 1] != new[i + 1] || old[i + 2] != new[i + 2] { left = x; break }
                        x += 1
                    }
                    x = width - 1
                    while x > right {
                        let i = start + x * 3
                        if old[i] != new[i] || old[i + 1] != new[i + 1] || old[i + 2] != new[i + 2] { right = x; break }
                        x -= 1
                    }
                }
                return (left, top, right - left + 1, bottom - top + 1)
            }
        }
    }

    /// fcTL's delay as delay_num / delay_den seconds, both 16-bit. Milliseconds (den 1000) while
    /// the delay fits, up to 65.535 s; longer ones in hundredths (up to 655.35 s), then whole
    /// seconds; anything beyond 65535 s (18 h) is clamped to it. Rounded to the nearest unit;
    /// den is never 0 (which "fcTL Frame Control Chunk" reads as 100).
    static func delayFraction(seconds: Double) -> (numerator: UInt16, denominator: UInt16) {
        for denominator in [1000, 100, 1] as [UInt16] {
            let numerator = (seconds * Double(denominator)).rounded()
            if numerator <= Double(UInt16.max) { return (UInt16(max(numerator, 0)), denominator) }
        }
        return (UInt16.max, 1)
    }

    /// RGB as opaque RGBA.
    static func opaque(_ rgb: [UInt8]) -> [UInt8] {
        var rgba = [UInt8](repeating: 255, count: rgb.count / 3 * 4)
        var o = 0
        for i in stride(from: 0, to: rgb.count, by: 3) {
            rgba[o] = rgb[i]; rgba[o + 1] = rgb[i + 1]; rgba[o + 2] = rgb[i + 2]
            o += 4
        }
        return rgba
    }

    /// The RGBA pixels of `region`: changed pixels opaque, unchanged ones (0, 0, 0, 0), which
    /// blend OVER leaves as the previous frame showed them (and which deflate packs into runs).
    static func changes(previous: [UInt8], current: [UInt8], canvasWidth: Int,
                        in region: (x: Int, y: Int, width: Int, height: Int)) -> [UInt8] {
        var rgba = [UInt8](repeating: 0, count: region.width * region.height * 4)
        var o = 0
        for y in region.y..<(region.y + region.height) {
            for x in region.x..<(region.x + region.width) {
                let i = (y * canvasWidth + x) * 3
                if previous[i] != current[i] || previous[i + 1] != current[i + 1] || previous[i + 2] != current[i + 2] {
                    rgba[o] = current[i]; rgba[o + 1] = current[i + 1]; rgba[o + 2] = current[i + 2]; rgba[o + 3] = 255
                }
                o += 4
            }
        }
        return rgba
    }

    /// Filtered and deflated rows, the data of IDAT and (after the sequence number) of fdAT.
    private func compressedRows(rgba: [UInt8], width: Int? = nil, height: Int? = nil) throws -> [UInt8] {
        let filtered = PNGRowFilter.filter(rgba: rgba, width: width ?? self.width, height: height ?? self.height,
                                           selection: filtering)
        do {
            return try PNGDeflate.compress(filtered)
        } catch let error as OutputError {
            throw OutputError("cannot write \(path): \(error)")
        }
    }
}
