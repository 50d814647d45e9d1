import Foundation
import Testing
@testable import LossmapBackend
import LossmapCore
import LossmapTestSupport

/// The one palette of an animation: key colours exact, the rest a median cut, mapped fast.
@Suite struct GIFPaletteTests {
    static let white: (UInt8, UInt8, UInt8) = (255, 255, 255)
    static let black: (UInt8, UInt8, UInt8) = (0, 0, 0)
    static let red: (UInt8, UInt8, UInt8) = (214, 39, 40)
    static let blue: (UInt8, UInt8, UInt8) = (31, 119, 180)

    /// 64 × 64 pixels of 4096 distinct colours, more than any palette holds.
    static let gradient: [UInt8] = (0..<(64 * 64)).flatMap { i -> [UInt8] in
        let x = i % 64, y = i / 64
        return [UInt8(x * 4), UInt8(y * 4), UInt8((x + y) * 2)]
    }

    static func packed(_ colors: [(UInt8, UInt8, UInt8)]) -> [UInt32] {
        colors.map { UInt32($0.0) << 16 | UInt32($0.1) << 8 | UInt32($0.2) }
    }

    @Test("key colours come first, once each, exactly, and map to themselves; the palette never exceeds 255 entries")
    func keyColorsAreExact() {
        let keys = [Self.white, Self.red, Self.white, Self.blue, Self.black, Self.red]
        let palette = GIFPalette.choose(keyColors: keys, samples: [Self.gradient])
        #expect(palette.keyColorCount == 4)
        #expect(Self.packed(Array(palette.colors.prefix(4))) == Self.packed([Self.white, Self.red, Self.blue, Self.black]))
        #expect(palette.colors.count == 255)
        // No entry twice: an index is the only name of its colour.
        #expect(Set(Self.packed(palette.colors)).count == palette.colors.count)
        let mapper = GIFPalette.Mapper(palette)
        for (i, key) in [Self.white, Self.red, Self.blue, Self.black].enumerated() {
            #expect(palette.index(key.0, key.1, key.2) == UInt8(i))
            #expect(mapper.index(key.0, key.1, key.2) == UInt8(i))
        }
    }

    @Test("more key colours than entries: the first maxColors are kept")
    func tooManyKeys() {
        let keys = (0..<300).map { (UInt8($0 % 256), UInt8($0 / 256), UInt8(7)) }
        let palette = GIFPalette.choose(keyColors: keys, samples: [Self.gradient])
        #expect(Self.packed(palette.colors) == Self.packed(Array(keys.prefix(255))))
        let small = GIFPalette.choose(keyColors: [Self.white, Self.black], samples: [Self.gradient], maxColors: 5)
        #expect(small.colors.count == 5)
        #expect(Self.packed(Array(small.colors.prefix(2))) == Self.packed([Self.white, Self.black]))
    }

    @Test("the same input gives the same palette")
    func deterministic() {
        let a = GIFPalette.choose(keyColors: [Self.white, Self.red], samples: [Self.gradient, Self.gradient.reversed()])
        let b = GIFPalette.choose(keyColors: [Self.white, Self.red], samples: [Self.gradient, Self.gradient.reversed()])
        #expect(a == b)
        #expect(Self.packed(a.colors) == Self.packed(b.colors))
    }

    @Test("a few colours are all kept exactly, key colours among them only once")
    func fewColorsExact() {
        let image: [UInt8] = [10, 20, 30, 200, 100, 50, 10, 20, 30, 255, 255, 255]
        let plain = GIFPalette.choose(keyColors: [], samples: [image])
        #expect(Set(Self.packed(plain.colors)) == Set(Self.packed([(10, 20, 30), (200, 100, 50), Self.white])))
        #expect(plain.colors.count == 3)
        let keyed = GIFPalette.choose(keyColors: [Self.white], samples: [image])
        #expect(Self.packed(keyed.colors) == Self.packed([Self.white, (10, 20, 30), (200, 100, 50)]))
        let indices = keyed.indexed(rgb: image, width: 4, height: 1)
        #expect(indices == [1, 2, 1, 0])
    }

    @Test("the cached mapper gives the search's answer for every colour, also when colours share a cache slot")
    func mapperMatchesSearch() {
        let palette = GIFPalette.choose(keyColors: [Self.white, Self.red], samples: [Self.gradient])
        // 60 000 random colours in 65 536 slots: thousands of them collide.
        var random = SplitMix64(seed: 1982)
        let rgb = (0..<(3 * 60_000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        // Twice through one mapper: the second pass reads what the first cached.
        let mapper = GIFPalette.Mapper(palette)
        let first = mapper.indexed(rgb: rgb, width: 60_000, height: 1)
        let second = mapper.indexed(rgb: rgb, width: 60_000, height: 1)
        let searched = (0..<60_000).map { palette.index(rgb[3 * $0], rgb[3 * $0 + 1], rgb[3 * $0 + 2]) }
        #expect(first == searched)
        #expect(second == searched)
    }

    @Test("the search sorted on green finds exactly what a linear search over every entry finds, ties to the lower index")
    func sortedSearchIsExact() {
        // Duplicate greens and near-ties on purpose: key colours sharing a green channel.
        let keys: [(UInt8, UInt8, UInt8)] = [Self.white, Self.black, (10, 100, 10), (12, 100, 8), (200, 100, 40), (0, 101, 0)]
        let palette = GIFPalette.choose(keyColors: keys, samples: [Self.gradient])
        let entries = palette.colors.map { (Int($0.0), Int($0.1), Int($0.2)) }
        func linear(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
            var best = Int.max, index = 0
            for (i, e) in entries.enumerated() {
                let d = 2 * (r - e.0) * (r - e.0) + 4 * (g - e.1) * (g - e.1) + 3 * (b - e.2) * (b - e.2)
                if d < best { best = d; index = i }
            }
            return UInt8(index)
        }
        var random = SplitMix64(seed: 42)
        var wrong = 0
        for _ in 0..<30_000 {
            let v = random.next()
            let r = UInt8(truncatingIfNeeded: v), g = UInt8(truncatingIfNeeded: v >> 8), b = UInt8(truncatingIfNeeded: v >> 16)
            if palette.nearest(GIFPalette.pack(r, g, b)) != linear(Int(r), Int(g), Int(b)) { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) of 30 000 colours got another entry than the linear search")
    }

    @Test("every colour of a sample ends near its entry, and the cached mapper agrees with the search")
    func medianCutQuality() {
        let palette = GIFPalette.choose(keyColors: [Self.white], samples: [Self.gradient])
        let indices = palette.indexed(rgb: Self.gradient, width: 64, height: 64)
        let colors = palette.colors
        var worst = 0, total = 0
        for i in 0..<(64 * 64) {
            let entry = colors[Int(indices[i])]
            #expect(indices[i] == palette.index(Self.gradient[3 * i], Self.gradient[3 * i + 1], Self.gradient[3 * i + 2]))
            let error = max(abs(Int(entry.0) - Int(Self.gradient[3 * i])), abs(Int(entry.1) - Int(Self.gradient[3 * i + 1])),
                            abs(Int(entry.2) - Int(Self.gradient[3 * i + 2])))
            worst = max(worst, error)
            total += error
        }
        // 4096 colours on a plane through the RGB cube in 254 entries: 16 colours a box, about
        // 4 × 4 samples, 16 levels a side, ±6 around the mean were the boxes square. They are
        // cut on 8-level bins and stretched along red (weighted 2 against green's 4), so allow
        // one bin more: 14 and 5.04 measured; a cut away from the median or a box colour other
        // than the mean goes far past this.
        #expect(worst <= 16)
        #expect(Double(total) / 4096 <= 6)
    }
}

/// The GIF writer on small synthetic frames, read back with giflib's decoder and our own
/// compositing (GIFReader), so what is checked is what a viewer would show.
@Suite struct GIFWriterTests {
    static let width = 40, height = 30
    /// The figure's colours: three background stripes and the moving square.
    static let stripes: [(UInt8, UInt8, UInt8)] = [(255, 255, 255), (230, 240, 250), (200, 220, 240)]
    static let square: (UInt8, UInt8, UInt8) = (214, 39, 40)

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-gif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Horizontal stripes with a 3 × 3 square whose top-left corner is at (x, y).
    static func frame(squareAt x: Int, _ y: Int) -> [UInt8] {
        var rgb: [UInt8] = []
        for row in 0..<height {
            for column in 0..<width {
                let c = (x..<(x + 3)).contains(column) && (y..<(y + 3)).contains(row) ? square : stripes[row / 10]
                rgb += [c.0, c.1, c.2]
            }
        }
        return rgb
    }

    static let positions = [(2, 3), (10, 8), (11, 12)]
    static let frames = positions.map { frame(squareAt: $0.0, $0.1) }

    static func write(_ frames: [[UInt8]], to path: String, plays: Int, delays: [Int]) throws -> Int {
        let palette = GIFPalette.choose(keyColors: stripes + [square], samples: [frames.first!, frames.last!])
        let writer = try GIFWriter(path: path, width: width, height: height, palette: palette, plays: plays)
        for (rgb, delay) in zip(frames, delays) { try writer.addFrame(rgb: rgb, delayCentiseconds: delay) }
        try writer.finish()
        return writer.bytesWritten
    }

    @Test("changedRectangle bounds exactly the pixels that differ, and is 1 × 1 at the origin when none does")
    func changedRectangle() {
        let before: [UInt8] = [0, 0, 0, 0,
                               0, 0, 0, 0,
                               0, 0, 0, 0]
        #expect(GIFWriter.changedRectangle(previous: before, current: before, width: 4, height: 3) == (0, 0, 1, 1))
        var corner = before
        corner[11] = 5
        #expect(GIFWriter.changedRectangle(previous: before, current: corner, width: 4, height: 3) == (3, 2, 1, 1))
        var origin = before
        origin[0] = 5
        #expect(GIFWriter.changedRectangle(previous: before, current: origin, width: 4, height: 3) == (0, 0, 1, 1))
        // A later row's change further left widens the rectangle found on an earlier row.
        let spread: [UInt8] = [0, 0, 0, 7,
                               0, 0, 0, 0,
                               7, 0, 0, 0]
        #expect(GIFWriter.changedRectangle(previous: before, current: spread, width: 4, height: 3) == (0, 0, 4, 3))
        let middle: [UInt8] = [0, 0, 0, 0,
                               0, 7, 7, 0,
                               0, 0, 0, 0]
        #expect(GIFWriter.changedRectangle(previous: before, current: middle, width: 4, height: 3) == (1, 1, 2, 1))
    }

    @Test("frames read back as written: timing, disposal, loop count, changed rectangles, transparency and pixels",
          arguments: [(0, 0 as Int?), (1, nil), (3, 2)])
    func roundTrip(plays: Int, loopCount: Int?) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.gif").path
        // The last frame repeats the one before: nothing changed.
        let frames = Self.frames + [Self.frames[2]]
        let bytes = try Self.write(frames, to: path, plays: plays, delays: [5, 1, 100_000, 7])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.starts(with: Array("GIF89a".utf8)))
        #expect(bytes == data.count)
        let gif = try GIFReader.read(path)
        #expect(gif.width == Self.width && gif.height == Self.height)
        #expect(gif.loopCount == loopCount)
        #expect(gif.globalColors.count == 256 * 3)
        #expect(gif.frames.count == 4)
        // Under 2 cs is shown as 10 cs by browsers; 65 535 is the field's largest.
        #expect(gif.frames.map(\.delayCentiseconds) == [5, 2, 65535, 7])
        #expect(gif.frames.map(\.disposal) == [1, 1, 1, 1])
        #expect(gif.frames.map(\.transparentIndex) == [nil, 255, 255, 255])
        let rects = gif.frames.map { [$0.x, $0.y, $0.width, $0.height] }
        // Frame 2: the square left (2, 3) for (10, 8), so columns 2...12, rows 3...10 changed;
        // frame 3: from (10, 8) to (11, 12), columns 10...13, rows 8...14; frame 4: nothing.
        #expect(rects == [[0, 0, 40, 30], [2, 3, 11, 8], [10, 8, 4, 7], [0, 0, 1, 1]])
        for (i, frame) in gif.frames.enumerated() {
            #expect(frame.composited == frames[i], "frame \(i) as shown differs from the frame given")
        }
    }

    @Test("the same frames give the same bytes")
    func deterministic() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.gif").path, b = dir.appendingPathComponent("b.gif").path
        _ = try Self.write(Self.frames, to: a, plays: 0, delays: [4, 4, 4])
        _ = try Self.write(Self.frames, to: b, plays: 0, delays: [4, 4, 4])
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test("colours outside the palette are shown as their nearest entries, the same in every frame")
    func offPaletteColors() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.gif").path
        // A soft-edged square: its rim is a blend of red over the stripes, in no key colour.
        let frames = Self.frames.map { rgb -> [UInt8] in
            var rgb = rgb
            for i in stride(from: 0, to: rgb.count, by: 3) where rgb[i] == 214 && rgb[i + 1] == 39 {
                let j = i + 3
                if j + 2 < rgb.count, rgb[j] != 214 { rgb[j + 1] = UInt8((Int(rgb[j + 1]) + 39) / 2) }
            }
            return rgb
        }
        let palette = GIFPalette.choose(keyColors: Self.stripes + [Self.square], samples: [frames.first!, frames.last!])
        let writer = try GIFWriter(path: path, width: Self.width, height: Self.height, palette: palette, plays: 0)
        for rgb in frames { try writer.addFrame(rgb: rgb, delayCentiseconds: 10) }
        try writer.finish()
        let gif = try GIFReader.read(path)
        let colors = palette.colors
        for (i, frame) in gif.frames.enumerated() {
            let expected = palette.indexed(rgb: frames[i], width: Self.width, height: Self.height)
                .flatMap { [colors[Int($0)].0, colors[Int($0)].1, colors[Int($0)].2] }
            #expect(frame.composited == expected, "frame \(i)")
        }
    }

    @Test("a writer dropped before finish closes its file, which then holds the frames so far")
    func droppedWriter() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.gif").path
        do {
            let palette = GIFPalette.choose(keyColors: Self.stripes + [Self.square], samples: [Self.frames[0]])
            let writer = try GIFWriter(path: path, width: Self.width, height: Self.height, palette: palette, plays: 0)
            try writer.addFrame(rgb: Self.frames[0], delayCentiseconds: 10)
            try writer.addFrame(rgb: Self.frames[1], delayCentiseconds: 10)
        }
        let gif = try GIFReader.read(path)
        #expect(gif.frames.count == 2)
        #expect(gif.frames.last?.composited == Self.frames[1])
    }

    @Test("a path that cannot be written, or a full disk, is an OutputError naming the path")
    func unwritable() throws {
        let palette = GIFPalette.choose(keyColors: Self.stripes, samples: [])
        let missing = "/no/such/folder/x.gif"
        let error = #expect(throws: OutputError.self) {
            _ = try GIFWriter(path: missing, width: Self.width, height: Self.height, palette: palette, plays: 0)
        }
        #expect(error?.description.contains(missing) == true)
        #expect(error?.description.contains("No such file or directory") == true)
        // /dev/full accepts the open and fails every write with ENOSPC.
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let full = #expect(throws: OutputError.self) {
            let writer = try GIFWriter(path: "/dev/full", width: Self.width, height: Self.height, palette: palette, plays: 0)
            for rgb in Self.frames { try writer.addFrame(rgb: rgb, delayCentiseconds: 10) }
            try writer.finish()
        }
        #expect(full?.description == "cannot write /dev/full: No space left on device")
    }
}
