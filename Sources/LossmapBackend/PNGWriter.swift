import CPNG
import CZlib
import Foundation

/// Writes 8-bit RGB pixels as a PNG, with lossmap's own chunks (`PNGChunkWriter`) and the image
/// data deflated on several threads (`ParallelDeflate`): libpng deflates on one. A figure with
/// no background is written as 8-bit RGBA (colour type 6) instead.
///
/// The datastream is what libpng wrote before (PNG specification, 3rd edition): the signature,
/// IHDR, one iTXt chunk per text, the IDAT chunks of one zlib stream of the unfiltered rows, IEND;
/// given a resolution, a pHYs chunk follows IHDR.
/// The file is written to a temporary name in the same folder and renamed into place, so a
/// failed or interrupted write never leaves a truncated figure or clobbers the last good one.
/// No time chunk is written, and the pieces the rows are cut into depend only on the image's
/// size, so the same pixels and texts always give the same bytes, on any machine.
public enum PNGWriter {
    /// zlib level 3. Measured with `lossmap bench --png-options` on the reference figure
    /// (unfiltered rows, 2 pieces, wall time and the CPU time of both threads), before and after
    /// its bands became looked-up pixels and its isolines painted with four shades:
    ///
    ///     level   antialiased bands and isolines      bands per pixel, 4-shade isolines
    ///       1      8.0 ms (13.9 ms CPU)   424 KB       7.1 ms (11.8 ms CPU)   253 KB
    ///       3      8.9 ms (15.0 ms CPU)   408 KB       7.8 ms (12.8 ms CPU)   231 KB
    ///       6     18.4 ms (29.7 ms CPU)   383 KB      15.5 ms (25.8 ms CPU)   192 KB
    ///
    /// libpng's one thread took 29 ms for 383 KB at level 6 before. Level 3 halves the time of
    /// level 6 for a file 20% larger, still 40% smaller than before and than matplotlib's
    /// (332 KB); level 1 saves little more time for a further 10%.
    public static let defaultCompressionLevel: Int32 = 3
    /// The zlib strategies worth measuring on figures (zlib.h, deflateInit2).
    public enum Strategy: CaseIterable, Sendable, CustomStringConvertible {
        /// Z_DEFAULT_STRATEGY: matches of any length and distance, then Huffman coding.
        case standard
        /// Z_FILTERED: short matches are left as literals (meant for filtered rows).
        case filtered
        /// Z_RLE: matches at distance 1 only (runs), at the speed of level 1 whatever the level.
        case rle

        var zlibValue: Int32 {
            switch self {
            case .standard: Z_DEFAULT_STRATEGY
            case .filtered: Z_FILTERED
            case .rle: Z_RLE
            }
        }

        public var description: String {
            switch self {
            case .standard: "default"
            case .filtered: "filtered"
            case .rle: "rle"
            }
        }
    }

    /// zlib's default strategy. Measured on the reference figure at level 6: Z_FILTERED 392 KB
    /// (flat figure: 119 KB), Z_RLE 1.4 MB (runs alone miss the repeated antialiased edges and
    /// rows) against 383 KB (115 KB), at the same CPU time or within 30% of it.
    public static let defaultStrategy = Strategy.standard
    /// Row filters, as libpng's mask: PNG_FILTER_NONE (0x08), the only one written. No filter:
    /// figures are mostly flat colour, which deflate packs best unfiltered. Measured on the
    /// reference figure: unfiltered level 6 took 29 ms for 383 KB through libpng, libpng's
    /// adaptive filtering 51 ms for 402 KB.
    public static let defaultFilters: Int32 = 0x08

    /// Writes `rgb` (height rows of width × 3 bytes) to `url` with `texts` as iTXt chunks.
    /// `filters` must be PNG_FILTER_NONE (0x08; 0, libpng's PNG_NO_FILTERS, means the same).
    /// `pieces`: how many pieces the image data is deflated in, on as many threads; nil for the
    /// count its size gives (`pieceCount`). Different counts give different (equally valid) bytes.
    /// `dpi`: pixels per inch, recorded in a pHYs chunk (`PhysicalSize`); nil: no pHYs.
    public static func write(rgb: [UInt8], width: Int, height: Int, to url: URL,
                             compressionLevel: Int32 = defaultCompressionLevel, filters: Int32 = defaultFilters,
                             texts: [(key: String, value: String)] = [],
                             strategy: Strategy = defaultStrategy, pieces: Int? = nil, dpi: Double? = nil) throws {
        try write(rgb: rgb, width: width, height: height, to: url, compressionLevel: compressionLevel,
                  filters: filters, texts: texts, strategy: strategy, pieces: pieces,
                  maximumIDATLength: PNGChunkWriter.maximumDataLength, dpi: dpi)
    }

    /// How many pieces a width × height image is deflated in (by its size, on any machine).
    public static func pieceCount(width: Int, height: Int) -> Int {
        ParallelDeflate.pieceCount(forLength: (width * 3 + 1) * height)
    }

    /// Writes Cairo's ARGB32 pixels (`CairoCanvas.withARGB32Pixels`: premultiplied, `stride` bytes
    /// a row) as the RGB PNG `write(rgb:…)` makes of `CairoCanvas.rgbPixels()`, byte for byte,
    /// without that RGB copy: each thread converts its own rows as it deflates them.
    /// `alpha`: keep the pixels' alpha, as an RGBA PNG with straight (not premultiplied) colour,
    /// for a figure drawn on nothing. `dpi`: pixels per inch, in a pHYs chunk; nil: none.
    public static func write(argb32 pixels: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int, to url: URL,
                             compressionLevel: Int32 = defaultCompressionLevel,
                             texts: [(key: String, value: String)] = [],
                             strategy: Strategy = defaultStrategy, pieces: Int? = nil,
                             alpha: Bool = false, dpi: Double? = nil) throws {
        guard width > 0, height > 0, stride >= width * 4, let base = pixels.baseAddress,
              Int(bitPattern: base) % 4 == 0, stride % 4 == 0, pixels.count >= stride * (height - 1) + width * 4 else {
            throw OutputError("internal error: \(pixels.count) bytes of stride \(stride) do not make a \(width)×\(height) ARGB32 image")
        }
        try write(PNGPixels(base: base, layout: .argb32, stride: stride), width: width, height: height, to: url,
                  compressionLevel: compressionLevel, filters: defaultFilters, texts: texts, strategy: strategy,
                  pieces: pieces, maximumIDATLength: PNGChunkWriter.maximumDataLength, alpha: alpha, dpi: dpi)
    }

    /// `write`, with the largest IDAT chunk to write, for tests.
    static func write(rgb: [UInt8], width: Int, height: Int, to url: URL, compressionLevel: Int32, filters: Int32,
                      texts: [(key: String, value: String)], strategy: Strategy, pieces: Int?,
                      maximumIDATLength: Int, dpi: Double? = nil) throws {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw OutputError("internal error: \(rgb.count) bytes do not make a \(width)×\(height) RGB image")
        }
        try rgb.withUnsafeBytes { bytes in
            try write(PNGPixels(base: bytes.baseAddress!, layout: .rgb, stride: width * 3), width: width, height: height,
                      to: url, compressionLevel: compressionLevel, filters: filters, texts: texts, strategy: strategy,
                      pieces: pieces, maximumIDATLength: maximumIDATLength, dpi: dpi)
        }
    }

    private static func write(_ pixels: PNGPixels, width: Int, height: Int, to url: URL, compressionLevel: Int32,
                              filters: Int32, texts: [(key: String, value: String)], strategy: Strategy, pieces: Int?,
                              maximumIDATLength: Int, alpha: Bool = false, dpi: Double? = nil) throws {
        guard filters == defaultFilters || filters == 0 else {
            throw OutputError("internal error: PNG row filters \(filters) asked for; only filter type 0 (None) is written")
        }
        guard (0...9).contains(compressionLevel) else {
            throw OutputError("internal error: zlib level \(compressionLevel) asked for; levels are 0–9")
        }
        // IHDR's width and height are PNG four-byte unsigned integers, at most 2^31 − 1.
        guard width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw OutputError("cannot write \(url.path): a \(width)×\(height) image exceeds PNG's 2^31 − 1 limit")
        }
        // Only Cairo's words carry an alpha to keep.
        guard !alpha || pixels.layout == .argb32 else {
            throw OutputError("internal error: an RGBA PNG asked for of RGB pixels, which have no alpha")
        }
        let textChunks = try texts.map { try PNGTextChunk.data(key: $0.key, value: $0.value) }
        let physicalSize = try dpi.map { dpi in
            guard let size = PhysicalSize(dpi: dpi) else {
                throw OutputError("cannot write \(url.path): \(dpi) pixels per inch cannot be recorded in a PNG")
            }
            return size
        }
        // Deflated before the file is opened: a failure leaves nothing behind to remove.
        let imageData: ParallelDeflate.Stream
        do {
            imageData = try Self.imageData(pixels, width: width, height: height, level: compressionLevel,
                                           strategy: strategy, pieces: pieces, channels: alpha ? 4 : 3)
        } catch {
            throw OutputError("cannot write \(url.path): \(error)")
        }

        let temporary = AtomicFile.temporaryURL(for: url)
        do {
            let chunks = try PNGChunkWriter(path: temporary.path, shownPath: url.path)
            try chunks.writeSignature()
            try chunks.writeImageHeader(width: width, height: height, colourType: alpha ? 6 : 2)
            // pHYs before the image data, as "Chunk ordering" requires.
            if let physicalSize { try chunks.writeChunk("pHYs", physicalSize.data) }
            // Texts before the image data, where libpng's png_write_info put them.
            for text in textChunks { try chunks.writeChunk("iTXt", text) }
            try chunks.writeChunks("IDAT", parts: imageData.parts, maximumLength: maximumIDATLength)
            try chunks.writeChunk("IEND", [])
            try chunks.close()
        } catch {
            // Every failure path removes the temporary; a killed process's is swept by the
            // next batch (AtomicFile.removeStaleTemporaries).
            unlink(temporary.path)
            throw error
        }
        try AtomicFile.moveIntoPlace(temporary, url)
    }

    /// The zlib stream IDAT carries: every row of `pixels` as RGB (RGBA with `channels` 4),
    /// preceded by its filter type byte 0 (None), deflated in `pieces` pieces on as many threads
    /// (see `ParallelDeflate`). Each thread makes its own rows straight from `pixels`; the
    /// filtered image is never held whole.
    static func imageData(_ pixels: PNGPixels, width: Int, height: Int, level: Int32, strategy: Strategy = defaultStrategy,
                          pieces: Int? = nil, channels: Int = 3) throws -> ParallelDeflate.Stream {
        let rows = UnfilteredRows(width: width, height: height, pixels: pixels, channels: channels)
        return try ParallelDeflate(level: level, strategy: strategy.zlibValue).compress(length: rows.length, pieces: pieces) { offset, buffer in
            rows.copy(offset: offset, into: buffer)
        }
    }

    /// `imageData` of RGB rows.
    static func imageData(rgb: [UInt8], width: Int, height: Int, level: Int32, strategy: Strategy = defaultStrategy,
                          pieces: Int? = nil) throws -> ParallelDeflate.Stream {
        precondition(rgb.count == width * height * 3)
        return try rgb.withUnsafeBytes { bytes in
            try imageData(PNGPixels(base: bytes.baseAddress!, layout: .rgb, stride: width * 3), width: width, height: height,
                          level: level, strategy: strategy, pieces: pieces)
        }
    }
}

/// Where a PNG's pixels are read from: 8-bit RGB rows, or Cairo's premultiplied ARGB32 words.
/// Only a view: the caller keeps the memory alive and unchanged while it is read.
struct PNGPixels: @unchecked Sendable {
    enum Layout { case rgb, argb32 }
    /// The first row. Read, never written, from several threads at once.
    let base: UnsafeRawPointer
    let layout: Layout
    /// Bytes from one row to the next.
    let stride: Int
}

/// The scanlines of an image with filter type 0 (None) ("Filtering"): each row is a 0 byte
/// then the row's width × 3 RGB bytes (× 4 RGBA bytes with `channels` 4, from ARGB32 pixels).
struct UnfilteredRows: Sendable {
    let width: Int
    let height: Int
    let pixels: PNGPixels
    /// Bytes a pixel: 3 (RGB) or 4 (RGBA, straight alpha).
    var channels = 3
    /// A filtered row: the filter type byte and the pixels' bytes.
    var rowLength: Int { width * channels + 1 }
    var length: Int { rowLength * height }

    /// Writes filtered bytes offset ..< offset + buffer.count.
    func copy(offset: Int, into buffer: UnsafeMutableRawBufferPointer) {
        precondition(offset >= 0 && offset + buffer.count <= length)
        guard let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var written = 0, position = offset
        while written < buffer.count {
            let row = position / rowLength, column = position % rowLength
            let n = min(rowLength - column, buffer.count - written)
            var destination = out + written, from = column - 1, count = n
            if column == 0 {
                destination.pointee = 0
                destination += 1
                from = 0
                count -= 1
            }
            copyRow(row, bytes: from..<(from + count), to: destination)
            written += n
            position += n
        }
    }

    /// RGB bytes `bytes` (byte 3x + c is pixel x's channel c) of row `row`, to `destination`;
    /// RGBA bytes with `channels` 4.
    private func copyRow(_ row: Int, bytes: Range<Int>, to destination: UnsafeMutablePointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        let source = pixels.base + row * pixels.stride
        if channels == 4 {
            copyRGBA(source.assumingMemoryBound(to: UInt32.self), bytes: bytes, to: destination)
            return
        }
        switch pixels.layout {
        case .rgb:
            destination.update(from: source.assumingMemoryBound(to: UInt8.self) + bytes.lowerBound, count: bytes.count)
        case .argb32:
            let words = source.assumingMemoryBound(to: UInt32.self)
            var o = destination, byte = bytes.lowerBound
            /// One channel (0 red, 1 green, 2 blue) of pixel `x`.
            func channel(_ x: Int, _ c: Int) -> UInt8 {
                let (r, g, b) = ARGB32.rgb(words[x])
                return c == 0 ? r : c == 1 ? g : b
            }
            // A stretch may begin or end inside a pixel (the pieces and chunks are cut by
            // bytes): the odd bytes one by one, the whole pixels between them three at a time.
            while byte < bytes.upperBound && byte % 3 != 0 {
                o.pointee = channel(byte / 3, byte % 3)
                o += 1
                byte += 1
            }
            let wholeEnd = bytes.upperBound / 3
            var x = byte / 3
            while x < wholeEnd {
                let (r, g, b) = ARGB32.rgb(words[x])
                o[0] = r; o[1] = g; o[2] = b
                o += 3
                x += 1
            }
            byte = max(byte, x * 3)
            while byte < bytes.upperBound {
                o.pointee = channel(byte / 3, byte % 3)
                o += 1
                byte += 1
            }
        }
    }

    /// RGBA bytes `bytes` (byte 4x + c is pixel x's channel c: red, green, blue, alpha) of a row
    /// of ARGB32 `words`: the colour unpremultiplied (`ARGB32.rgb`), as PNG stores it ("Alpha
    /// representation": PNG does not premultiply), the alpha as it is. Pixel by pixel, the
    /// channels of each that lie in `bytes` (a stretch may begin or end inside a pixel).
    private func copyRGBA(_ words: UnsafePointer<UInt32>, bytes: Range<Int>, to destination: UnsafeMutablePointer<UInt8>) {
        var o = destination
        for x in (bytes.lowerBound / 4)...((bytes.upperBound - 1) / 4) {
            let word = words[x]
            let (r, g, b) = ARGB32.rgb(word)
            let channels = (r, g, b, UInt8(word >> 24))
            for c in max(0, bytes.lowerBound - 4 * x)..<min(4, bytes.upperBound - 4 * x) {
                switch c {
                case 0: o.pointee = channels.0
                case 1: o.pointee = channels.1
                case 2: o.pointee = channels.2
                default: o.pointee = channels.3
                }
                o += 1
            }
        }
    }

    /// The whole filtered image in one array (tests: the reference the streams must inflate to).
    func all() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        bytes.withUnsafeMutableBytes { copy(offset: 0, into: $0) }
        return bytes
    }
}

extension PNGWriter {
    /// A bare libpng write of the same pixels at the same level: no text chunks, no temporary
    /// file, no rename, one thread. The baseline `lossmap bench` measures our writer against.
    public static func writePlain(rgb: [UInt8], width: Int, height: Int, to path: String,
                                  compressionLevel: Int32 = defaultCompressionLevel, filters: Int32 = -1) throws {
        guard let file = fopen(path, "wb") else { throw OutputError("cannot write \(path)") }
        var error = lossmap_png_error()
        let result = rgb.withUnsafeBufferPointer { pixels in
            lossmap_png_write(file, pixels.baseAddress, UInt32(width), UInt32(height), UInt32(width * 3), 3,
                              compressionLevel, filters, &error)
        }
        fclose(file)
        if result != 0 { throw OutputError("libpng failed writing \(path)") }
    }
}
