import CGIF
import Foundation

/// Writes an animated GIF (GIF89a) frame by frame through giflib's encoder.
///
/// All frames share one palette (`GIFPalette`), the global colour table. The first frame is
/// stored whole; every later one only as the rectangle of pixels whose colour changed since the
/// previous frame, with the unchanged pixels inside it transparent (index 255), which LZW packs
/// to almost nothing: a descent path growing over a fixed map costs a few hundred bytes a frame.
///
/// Writes exactly to `path` (the caller renames it into place). Owns the file and giflib's
/// encoder and closes both in `finish()`, or in `deinit` if `finish()` was never called; no
/// giflib pointer leaves the class.
public final class GIFWriter {
    /// Where the GIF is written.
    public let path: String
    /// The size of the animation in pixels.
    public let width: Int, height: Int
    /// The index written for "unchanged since the previous frame"; never a palette entry.
    public static let transparentIndex: UInt8 = 255
    /// Delays are clamped to this range of centiseconds: browsers (Firefox, Chromium, WebKit)
    /// show frames with a delay of 0 or 1 cs for 10 cs, to tame GIFs that asked for "as fast as
    /// possible"; 65 535 is the most the 16-bit field holds.
    public static let delayRange = 2...65535

    private let mapper: GIFPalette.Mapper
    /// The colours of the last frame added, so the next maps only what changed.
    private var previousRGB: [UInt8]?
    private let sink: Sink
    private var gif: UnsafeMutablePointer<GifFileType>?
    /// The indices the viewer shows after the last frame: what the next frame is compared with.
    private var shown: [UInt8]?
    /// How many frames have been added.
    public private(set) var frameCount = 0

    /// The bytes handed to the file so far (some may still sit in its buffer until `finish()`).
    public var bytesWritten: Int { sink.bytes }

    /// Where giflib's output goes: our own FILE, so the file is created like every other output
    /// (mode 0666 less the umask; giflib's EGifOpenFileName would make it 0600), and the first
    /// failed write's errno (ENOSPC on a full disk) is kept to say what went wrong. giflib
    /// itself does not check its last write, the trailer, in EGifCloseFile; we do.
    private final class Sink {
        var file: UnsafeMutablePointer<FILE>?
        var bytes = 0
        var failure: Int32 = 0
        init(_ file: UnsafeMutablePointer<FILE>) { self.file = file }
    }

    /// Opens `path` and writes the header: GIF89a, the logical screen of `width` × `height`
    /// with `palette` as its global colour table and, unless `plays` is 1, the loop count.
    /// `plays`: how many times the animation is shown in all, 0 for forever.
    public init(path: String, width: Int, height: Int, palette: GIFPalette, plays: Int) throws {
        self.path = path
        self.width = width
        self.height = height
        mapper = GIFPalette.Mapper(palette)
        guard (1...65535).contains(width), (1...65535).contains(height) else {
            throw OutputError("cannot write \(path): a GIF is 1 to 65535 pixels on a side, not \(width)×\(height)")
        }
        guard plays >= 0 else { throw OutputError("cannot write \(path): an animation cannot play \(plays) times") }
        guard let file = fopen(path, "wb") else {
            throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        sink = Sink(file)
        var error: Int32 = 0
        gif = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), { gif, bytes, length in
            // A C function pointer captures nothing: the sink comes back through UserData.
            guard let gif, let user = gif.pointee.UserData, let bytes, length > 0 else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            guard let file = sink.file, sink.failure == 0 else { return 0 }
            let written = fwrite(bytes, 1, Int(length), file)
            sink.bytes += written
            if written < Int(length) { sink.failure = errno != 0 ? errno : EIO }
            return Int32(written)
        }, &error)
        do {
            guard let gif else { throw failure(error) }
            try writeHeader(gif, palette: palette, plays: plays)
        } catch {
            _ = close()
            throw error
        }
    }

    private func writeHeader(_ gif: UnsafeMutablePointer<GifFileType>, palette: GIFPalette, plays: Int) throws {
        // GIF89a: graphic control extensions (delays, transparency) are 89a; giflib writes the
        // version it is told to in the screen descriptor.
        EGifSetGifVersion(gif, true)
        // Always 256 entries (giflib wants a power of two; 8 bits a pixel is also what LZW
        // starts from), the unused ones black. The transparent index 255 is never an entry.
        var colors = [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: 256)
        for (i, c) in palette.colors.enumerated() { colors[i] = GifColorType(Red: c.0, Green: c.1, Blue: c.2) }
        guard let map = GifMakeMapObject(256, colors) else { throw failure(E_GIF_ERR_NOT_ENOUGH_MEM) }
        defer { GifFreeMapObject(map) }
        // 8 bits of colour resolution; background index 0 (the first key colour: a figure's
        // background when the caller lists it first; every pixel is covered by frame 1 anyway).
        try check(EGifPutScreenDesc(gif, Int32(width), Int32(height), 8, 0, map))
        guard plays != 1 else { return }
        // The NETSCAPE2.0 application extension (from Netscape Navigator 2.0; in no standard):
        // sub-block 1, then the loop count, 16 bits little-endian. Browsers show the animation
        // once and then repeat it "loop count" more times, 0 meaning forever (Chromium's
        // cc/paint/image_animation_count.h: "otherwise the animation plays n + 1 cycles"); so
        // n plays are written as n − 1, capped at the field's 65 535.
        let loops = plays == 0 ? 0 : min(plays - 1, 65535)
        try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE))
        try check(EGifPutExtensionBlock(gif, 11, Array("NETSCAPE2.0".utf8)))
        try check(EGifPutExtensionBlock(gif, 3, [1, UInt8(loops & 0xFF), UInt8(loops >> 8)]))
        try check(EGifPutExtensionTrailer(gif))
    }

    /// Adds a frame: `rgb` is width × height pixels, 3 bytes each, mapped through the palette;
    /// shown for `delayCentiseconds` (clamped to `delayRange`) before the next one.
    public func addFrame(rgb: [UInt8], delayCentiseconds: Int) throws {
        guard let gif else { throw OutputError("cannot write \(path): the GIF is already finished") }
        guard rgb.count == width * height * 3 else {
            throw OutputError("internal error: \(rgb.count) bytes do not make a \(width)×\(height) RGB frame")
        }
        // After the first frame only the pixels whose colour changed are mapped again (most
        // of a frame is the background it shares with the one before).
        let current = shown.flatMap { shown in previousRGB.map { Self.remapped(rgb, previous: $0, indices: shown, mapper: mapper) } }
            ?? mapper.indexed(rgb: rgb, width: width, height: height)
        var rect = (x: 0, y: 0, width: width, height: height)
        var pixels = current
        if let shown {
            rect = Self.changedRectangle(previous: shown, current: current, width: width, height: height)
            pixels = [UInt8](repeating: Self.transparentIndex, count: rect.width * rect.height)
            for row in 0..<rect.height {
                let start = (rect.y + row) * width + rect.x
                for column in 0..<rect.width where current[start + column] != shown[start + column] {
                    pixels[row * rect.width + column] = current[start + column]
                }
            }
        }
        // Graphic control: disposal 1, "do not dispose", so the next frame draws over this one;
        // the transparent index only where pixels were left out, i.e. after the first frame.
        var control = GraphicsControlBlock(
            DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false,
            DelayTime: Int32(min(max(delayCentiseconds, Self.delayRange.lowerBound), Self.delayRange.upperBound)),
            TransparentColor: shown == nil ? NO_TRANSPARENT_COLOR : Int32(Self.transparentIndex))
        var extensionBytes = [GifByteType](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes))
        try check(EGifPutImageDesc(gif, Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height), false, nil))
        // One call for the whole rectangle (giflib takes any length up to the image's pixels;
        // it masks them in place, hence the mutable buffer).
        try pixels.withUnsafeMutableBufferPointer { try check(EGifPutLine(gif, $0.baseAddress, Int32($0.count))) }
        shown = current
        previousRGB = rgb
        frameCount += 1
    }

    /// `rgb` as indices, given the indices of the frame before (`previous` its colours):
    /// unchanged pixels keep their index, changed ones are looked up.
    static func remapped(_ rgb: [UInt8], previous: [UInt8], indices: [UInt8], mapper: GIFPalette.Mapper) -> [UInt8] {
        var result = indices
        rgb.withUnsafeBufferPointer { now in
            previous.withUnsafeBufferPointer { before in
                result.withUnsafeMutableBufferPointer { out in
                    for i in 0..<out.count {
                        let o = 3 * i
                        if now[o] != before[o] || now[o + 1] != before[o + 1] || now[o + 2] != before[o + 2] {
                            out[i] = mapper.index(now[o], now[o + 1], now[o + 2])
                        }
                    }
                }
            }
        }
        return result
    }

    /// Writes the trailer and closes the file; throws if any of it could not be written.
    public func finish() throws {
        guard gif != nil else { throw OutputError("cannot write \(path): the GIF is already finished") }
        if let error = close() { throw error }
        guard frameCount > 0 else { throw OutputError("cannot write \(path): an animation needs at least one frame") }
    }

    deinit {
        // Not finished (an error, or the caller gave up): free giflib's encoder and close the
        // file. giflib's close writes the trailer too; the caller removes the unfinished file.
        _ = close()
    }

    /// Closes giflib's encoder and the file, once; the first error, if any.
    private func close() -> OutputError? {
        var error: OutputError?
        if let gif {
            var code: Int32 = 0
            if EGifCloseFile(gif, &code) == GIF_ERROR { error = failure(code) }
            self.gif = nil
        }
        if let file = sink.file {
            // A full disk shows as ENOSPC from the flush or the close of the buffered FILE.
            if fflush(file) != 0, sink.failure == 0 { sink.failure = errno }
            if fclose(file) != 0, sink.failure == 0 { sink.failure = errno }
            sink.file = nil
        }
        if error == nil, sink.failure != 0 { error = failure(E_GIF_ERR_WRITE_FAILED) }
        return error
    }

    private func check(_ status: Int32) throws {
        guard status == GIF_OK else { throw failure(gif?.pointee.Error ?? E_GIF_ERR_WRITE_FAILED) }
    }

    /// "cannot write PATH: " and why: the system's reason for a failed write (a full disk) when
    /// there is one, else giflib's message for its error code.
    private func failure(_ code: Int32) -> OutputError {
        if sink.failure != 0 {
            return OutputError("cannot write \(path): \(String(cString: strerror(sink.failure)))")
        }
        let message = GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
        return OutputError("cannot write \(path): giflib: \(message)")
    }

    /// The smallest rectangle holding every pixel whose index differs between two frames of
    /// `width` × `height` indices; 1 × 1 at the origin when none does (a GIF frame cannot be
    /// empty; its one pixel is then written transparent).
    static func changedRectangle(previous: [UInt8], current: [UInt8], width: Int,
                                 height: Int) -> (x: Int, y: Int, width: Int, height: Int) {
        precondition(previous.count == width * height && current.count == width * height)
        var top = -1, bottom = -1
        for y in 0..<height where previous[(y * width)..<((y + 1) * width)] != current[(y * width)..<((y + 1) * width)] {
            if top < 0 { top = y }
            bottom = y
        }
        guard top >= 0 else { return (0, 0, 1, 1) }
        var left = width, right = -1
        for y in top...bottom {
            let row = y * width
            // Only columns outside the ones found so far can widen the rectangle.
            var x = 0
            while x < left, previous[row + x] == current[row + x] { x += 1 }
            left = min(left, x)
            x = width - 1
            while x > right, previous[row + x] == current[row + x] { x -= 1 }
            right = max(right, x)
        }
        return (left, top, right - left + 1, bottom - top + 1)
    }
}
