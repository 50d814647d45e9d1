import Foundation
@testable import LossmapBackend
import LossmapCanvas
import LossmapTestSupport
import Testing

@Suite struct PNGWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a written PNG starts with the signature and an IHDR of the right size, and equal pixels give equal bytes")
    func writesDeterministicPNG() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let width = 7, height = 3
        let rgb = (0..<(width * height * 3)).map { UInt8($0 % 256) }
        let a = folder.appendingPathComponent("a.png"), b = folder.appendingPathComponent("b.png")
        try PNGWriter.write(rgb: rgb, width: width, height: height, to: a, texts: [("lossmap-config", "title = \"x\"")])
        try PNGWriter.write(rgb: rgb, width: width, height: height, to: b, texts: [("lossmap-config", "title = \"x\"")])
        let bytes = try [UInt8](Data(contentsOf: a))
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        #expect(Int(bytes[16]) << 24 | Int(bytes[17]) << 16 | Int(bytes[18]) << 8 | Int(bytes[19]) == width)
        #expect(Int(bytes[20]) << 24 | Int(bytes[21]) << 16 | Int(bytes[22]) << 8 | Int(bytes[23]) == height)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        // The config travels in an iTXt chunk; no tIME chunk is written.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("lossmap-config"))
        #expect(!text.contains("tIME"))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.png", "b.png"])
    }

    @Test("a failed write leaves the previous file untouched")
    func failedWriteKeepsOldFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("keep.png")
        try Data("old".utf8).write(to: target)
        #expect(throws: OutputError.self) {
            try PNGWriter.write(rgb: [1, 2, 3], width: 2, height: 2, to: target)
        }
        #expect(try Data(contentsOf: target) == Data("old".utf8))
        let missing = folder.appendingPathComponent("no/such/folder/x.png")
        #expect(throws: OutputError.self) {
            try PNGWriter.write(rgb: [1, 2, 3], width: 1, height: 1, to: missing)
        }
    }

    @Test("a filter other than None is refused, not silently ignored")
    func onlyFilterNone() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("x.png")
        #expect(throws: OutputError.self) {
            try PNGWriter.write(rgb: [1, 2, 3], width: 1, height: 1, to: url, filters: 0x10)
        }
        try PNGWriter.write(rgb: [1, 2, 3], width: 1, height: 1, to: url, filters: 0)
        #expect(try PNGReader.read(url.path).rgb == [1, 2, 3])
    }
}

// MARK: - The parallel zlib stream, read back by decoders lossmap did not write

/// Test images: noise (incompressible, so every piece has much to say), smooth gradients
/// (long matches across the cuts) and flat colour (almost nothing).
private enum TestImage {
    static func noise(_ width: Int, _ height: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed
        return (0..<(width * height * 3)).map { _ in
            // SplitMix64 (Steele, Lea, Flood 2014): fast, and the same bytes on every run.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
    }

    static func gradient(_ width: Int, _ height: Int) -> [UInt8] {
        var rgb = [UInt8]()
        rgb.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width { rgb += [UInt8(x % 256), UInt8(y % 256), UInt8((x + y) % 256)] }
        }
        return rgb
    }

    static func flat(_ width: Int, _ height: Int) -> [UInt8] {
        [UInt8]((0..<(width * height)).flatMap { _ in [240, 240, 250] as [UInt8] })
    }
}

/// Adler-32 as RFC 1950 §8.2 defines it, written out here rather than taken from zlib, so the
/// check does not share the code it checks.
private func adler32Reference(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in bytes {
        a = (a + UInt32(byte)) % 65521
        b = (b + a) % 65521
    }
    return b << 16 | a
}

/// The chunks of a PNG file: type and data, CRCs not checked (libpng and Pillow check them).
private func pngChunks(_ bytes: [UInt8]) -> [(type: String, data: [UInt8])] {
    var chunks: [(type: String, data: [UInt8])] = []
    var i = 8
    while i + 12 <= bytes.count {
        let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
        chunks.append((String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self), Array(bytes[(i + 8)..<(i + 8 + length)])))
        i += 12 + length
    }
    return chunks
}

@Suite struct ParallelPNGTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Sizes chosen to break a careless split: a single pixel (3 pieces of 1–2 bytes), odd widths,
    /// heights that no piece count divides, a full reference-sized figure.
    static let images: [(name: String, width: Int, height: Int, rgb: [UInt8])] = [
        ("1×1", 1, 1, [200, 10, 30]),
        ("noise 7×3", 7, 3, TestImage.noise(7, 3)),
        ("gradient 333×101", 333, 101, TestImage.gradient(333, 101)),
        ("noise 517×263", 517, 263, TestImage.noise(517, 263, seed: 7)),
        ("flat 640×480", 640, 480, TestImage.flat(640, 480)),
        ("noise 1600×1000", 1600, 1000, TestImage.noise(1600, 1000, seed: 3)),
    ]

    @Test("libpng (through Cairo) and Pillow read back exactly the pixels written, in 1, 2 and 3 pieces",
          arguments: [1, 2, 3])
    func roundTrip(pieces: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for image in Self.images {
            let url = folder.appendingPathComponent("\(image.width)x\(image.height)-\(pieces).png")
            try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url, pieces: pieces)
            let libpng = try PNGReader.read(url.path)
            #expect(libpng.width == image.width && libpng.height == image.height, "\(image.name)")
            #expect(libpng.rgb == image.rgb, "libpng: \(image.name) in \(pieces) pieces differs")
            let pillow = try Pillow.decodeStill(url)
            #expect(pillow.mode == "RGB" && pillow.width == image.width && pillow.height == image.height, "\(image.name)")
            #expect(pillow.rgb == image.rgb, "Pillow: \(image.name) in \(pieces) pieces differs")
        }
    }

    @Test("the IDAT data is one zlib stream: plain inflate gives exactly the filtered rows, and its Adler-32 is theirs",
          arguments: [1, 2, 3])
    func oneZlibStream(pieces: Int) throws {
        for image in Self.images {
            let rows = image.rgb.withUnsafeBytes {
                UnfilteredRows(width: image.width, height: image.height, pixels: PNGPixels(base: $0.baseAddress!, layout: .rgb, stride: image.width * 3)).all()
            }
            #expect(rows.count == image.height * (image.width * 3 + 1))
            let stream = try PNGWriter.imageData(rgb: image.rgb, width: image.width, height: image.height,
                                                 level: 6, pieces: pieces)
            #expect(stream.pieces.count == pieces)
            let bytes = stream.bytes
            // zlib's header: deflate with a 32 KiB window, FCHECK right (RFC 1950 §2.2).
            #expect(bytes[0] == 0x78 && (Int(bytes[0]) << 8 | Int(bytes[1])) % 31 == 0)
            // zlib's uncompress checks the Adler-32 itself and fails on a wrong one.
            #expect(try Zlib.inflate(bytes) == rows, "\(image.name) in \(pieces) pieces")
            let adler = bytes.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(adler == adler32Reference(rows), "\(image.name) in \(pieces) pieces")
            // Every piece but the last ends with a sync flush's empty stored block (00 00 FF FF),
            // byte-aligned and not final, so the next piece's blocks can follow it.
            for piece in stream.pieces.dropLast() {
                #expect(Array(piece.suffix(4)) == [0x00, 0x00, 0xFF, 0xFF], "\(image.name) in \(pieces) pieces")
            }
        }
    }

    @Test("each piece after the first is primed with the 32 KiB before it: repeated rows cost nothing at the cut")
    func dictionaryAcrossTheCut() throws {
        // Rows repeat every 8 (8 × 3001 bytes < 32 KiB): with the previous piece's last 32 KiB as
        // dictionary, the second piece is all matches; without it, it is noise, twice the size.
        let width = 1000, height = 400
        let block = TestImage.noise(width, 8, seed: 11)
        let rgb = (0..<(height / 8)).flatMap { _ in block }
        let one = try PNGWriter.imageData(rgb: rgb, width: width, height: height, level: 6, pieces: 1).count
        let two = try PNGWriter.imageData(rgb: rgb, width: width, height: height, level: 6, pieces: 2).count
        #expect(one > 24_000)
        #expect(two < one + 1_000, "2 pieces: \(two) bytes, 1 piece: \(one)")
    }

    @Test("the same pixels, level and texts give the same bytes however the threads run")
    func deterministic() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = Self.images[3]
        var files: [Data] = []
        for i in 0..<6 {
            let url = folder.appendingPathComponent("\(i).png")
            try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url,
                                texts: [("Title", "η and w₁")], pieces: 3)
            files.append(try Data(contentsOf: url))
        }
        #expect(Set(files).count == 1)
    }

    @Test("texts round-trip through Pillow as UTF-8 iTXt, long ones deflated, short ones plain")
    func texts() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = "# learning rates η for the weights w₁, w₂\n" + String(repeating: "learning_rates = [0.001, 0.002] # η\n", count: 20)
        #expect(config.utf8.count > PNGTextChunk.compressionThreshold)
        let texts: [(key: String, value: String)] = [("Software", "lossmap"), ("Title", "Descent on w₁, w₂ with η = 0.1"),
                                                     ("lossmap-config", config)]
        let url = folder.appendingPathComponent("texts.png")
        try PNGWriter.write(rgb: TestImage.gradient(50, 40), width: 50, height: 40, to: url, texts: texts, pieces: 2)
        let pillow = try Pillow.decodeStill(url)
        #expect(pillow.texts == Dictionary(uniqueKeysWithValues: texts.map { ($0.key, $0.value) }))
        // Layout: keyword, NUL, compression flag, method 0, empty language tag and translated
        // keyword; compressed exactly when longer than 512 bytes; all before the image data.
        let chunks = pngChunks([UInt8](try Data(contentsOf: url)))
        #expect(chunks.map(\.type) == ["IHDR", "iTXt", "iTXt", "iTXt", "IDAT", "IEND"])
        for (chunk, text) in zip(chunks.filter { $0.type == "iTXt" }, texts) {
            let keyword = Array(text.key.utf8)
            #expect(Array(chunk.data.prefix(keyword.count)) == keyword)
            let compressed: UInt8 = text.value.utf8.count > 512 ? 1 : 0
            #expect(Array(chunk.data[keyword.count..<(keyword.count + 5)]) == [0, compressed, 0, 0, 0])
            let payload = Array(chunk.data.dropFirst(keyword.count + 5))
            #expect((compressed == 1 ? try Zlib.inflate(payload) : payload) == Array(text.value.utf8))
        }
    }

    @Test("a zlib stream split over many IDAT chunks reads back whole")
    func manyIDATChunks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = Self.images[3]
        let url = folder.appendingPathComponent("split.png")
        try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url, compressionLevel: 6,
                            filters: PNGWriter.defaultFilters, texts: [], strategy: .standard, pieces: 2,
                            maximumIDATLength: 1000)
        let chunks = pngChunks([UInt8](try Data(contentsOf: url))).filter { $0.type == "IDAT" }
        #expect(chunks.count > 100 && chunks.dropLast().allSatisfy { $0.data.count == 1000 })
        #expect(try PNGReader.read(url.path).rgb == image.rgb)
        #expect(try Pillow.decodeStill(url).rgb == image.rgb)
    }

    @Test("levels and strategies all give readable files", arguments: [Int32(0), 1, 3, 6, 9])
    func levels(level: Int32) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = Self.images[2]
        for strategy in PNGWriter.Strategy.allCases {
            let url = folder.appendingPathComponent("\(level)-\(strategy).png")
            try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url,
                                compressionLevel: level, strategy: strategy, pieces: 2)
            #expect(try PNGReader.read(url.path).rgb == image.rgb, "level \(level), \(strategy)")
        }
    }
}

// MARK: - Straight from Cairo's ARGB32 pixels

@Suite struct ARGB32PNGTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a canvas written from its ARGB32 pixels gives the bytes of the same canvas written from rgbPixels",
          arguments: [1, 2, 3])
    func sameBytesAsRGB(pieces: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An odd size, antialiased edges, translucent fills over each other, text.
        let canvas = try CairoCanvas(width: 331, height: 217, background: RGBA(hex: 0xF4F1EA))
        for i in 0..<12 {
            var path = CanvasPath()
            path.addCircle(center: CanvasPoint(Double(20 + i * 27), Double(30 + (i * 53) % 160)), radius: Double(10 + i * 3))
            canvas.setColor(RGBA(red: Double(i) / 12, green: 0.4, blue: 1 - Double(i) / 12, alpha: i % 2 == 0 ? 1 : 0.45))
            canvas.fill(path, rule: .nonZero)
        }
        canvas.setColor(.black)
        canvas.drawText("η = 0.001, w₁", at: CanvasPoint(160, 200), font: Font(size: 14), anchor: TextAnchor(.center, .baseline))
        let image = try canvas.rgbPixels()
        let fromRGB = folder.appendingPathComponent("rgb.png"), fromARGB = folder.appendingPathComponent("argb.png")
        let texts: [(key: String, value: String)] = [("Title", "w₁")]
        try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: fromRGB, texts: texts, pieces: pieces)
        try canvas.withARGB32Pixels { pixels, width, height, stride in
            try PNGWriter.write(argb32: pixels, width: width, height: height, stride: stride, to: fromARGB,
                                texts: texts, pieces: pieces)
        }
        #expect(try Data(contentsOf: fromARGB) == Data(contentsOf: fromRGB))
        #expect(try PNGReader.read(fromARGB.path).rgb == image.rgb)
    }

    @Test("rows are found by the stride, padding is skipped, and premultiplied alpha is undone")
    func strideAndAlpha() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let width = 13, height = 9, stride = width * 4 + 12
        var words = [UInt32](repeating: 0xDEAD_BEEF, count: stride / 4 * height)  // padding: garbage
        var expected: [UInt8] = []
        var state: UInt32 = 12345
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                let alpha: UInt32 = [255, 255, 128, 1, 0, 200][Int(state >> 29) % 6]
                // Premultiplied channels are at most alpha.
                let r = (state >> 8) % (alpha + 1), g = (state >> 16) % (alpha + 1), b = (state >> 3) % (alpha + 1)
                words[y * stride / 4 + x] = alpha << 24 | r << 16 | g << 8 | b
                // Straight colour: c · 255 / a, rounded, as Cairo's own PNG writer unpremultiplies.
                func straight(_ c: UInt32) -> UInt8 { alpha == 0 ? 0 : UInt8(min(255, (c * 255 + alpha / 2) / alpha)) }
                expected += [straight(r), straight(g), straight(b)]
            }
        }
        let url = folder.appendingPathComponent("argb.png")
        try words.withUnsafeBytes { bytes in
            try PNGWriter.write(argb32: bytes, width: width, height: height, stride: stride, to: url, pieces: 3)
        }
        #expect(try Pillow.decodeStill(url).rgb == expected)
        #expect(throws: OutputError.self) {
            try words.withUnsafeBytes { bytes in
                try PNGWriter.write(argb32: bytes, width: width, height: height + 1, stride: stride, to: url)
            }
        }
    }
}

/// A raster canvas's pixel memory is kept and reused (`PixelMemory`): a new canvas must never
/// show what an earlier one drew there.
@Suite("Canvas memory")
struct CanvasMemoryTests {
    @Test("a canvas made in the memory of an earlier one starts as its background alone, translucent ones too")
    func reusedMemoryStartsClean() throws {
        // An opaque black canvas, drawn over entirely, then released: its memory is kept.
        do {
            let first = try CairoCanvas(width: 40, height: 30, background: .black)
            first.setColor(RGBA(red: 1, green: 0, blue: 0))
            first.fill(.rect(CanvasRect(x: 0, y: 0, width: 40, height: 30)), rule: .nonZero)
        }
        // Half-transparent white over fresh memory is premultiplied (128, 128, 128, 128) in every pixel.
        let second = try CairoCanvas(width: 40, height: 30, background: RGBA(red: 1, green: 1, blue: 1, alpha: 0.5))
        let words = try second.withARGB32Pixels { pixels, width, height, stride in
            (0..<height).flatMap { y in (0..<width).map { x in pixels.load(fromByteOffset: y * stride + x * 4, as: UInt32.self) } }
        }
        #expect(Set(words) == [PixelImage.argb(RGBA(red: 1, green: 1, blue: 1, alpha: 0.5))])
    }

    @Test("a canvas's memory given back is taken again by the next canvas of its size, and dropped for another size")
    func memoryReused() throws {
        // A pool of its own: the shared one serves the canvases of tests running at the same time.
        let pool = PixelMemory.Pool()
        let block = try #require(pool.take(4096 * 7))
        pool.give(block)
        let again = try #require(pool.take(4096 * 7))
        #expect(again === block)
        pool.give(again)
        let other = try #require(pool.take(4096 * 9))
        #expect(other !== block)
        pool.give(other)
    }
}
