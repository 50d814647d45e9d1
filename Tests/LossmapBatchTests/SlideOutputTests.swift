import Foundation
import LossmapBackend
import LossmapBatch
import LossmapCanvas
import LossmapConfig
import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapTestSupport
import Testing

/// The files of slide-ready figures (issue 20), read back by independent readers: a
/// transparent PNG (Pillow) is see-through where nothing is drawn, opaque on the map, and its
/// text has a halo; `dpi` is the pHYs Pillow reads and the PDF's and SVG's page size; SVG
/// text is glyph outlines (no `<text>`), a PDF's fonts are embedded; and without the new
/// keys the files are what they always were (RGB, no pHYs, a background rectangle).
///
/// Mutations tried (each made a test here fail, then was undone): the pHYs unit byte 0
/// (Pillow then reports no dpi); pixels per metre from dpi / 0.254; `rasterDPI` without
/// `scale`; the background painted on the PNG anyway (alpha 255 in the corner); the vector
/// canvas given the theme's background; an animated PDF's later pages given the theme's
/// background; the alpha channel dropped (colour type 2 for a transparent figure); the halo
/// left out of `FigureFile`. Not a fault: painting the vector canvas's transparent background
/// anyway (CairoCanvas's `alpha > 0` guard removed) changes no byte, as Cairo drops a paint
/// of alpha 0 itself; the guard says what is meant.
@Suite("Slide-ready files: transparent, dpi, embedded glyphs")
struct SlideOutputTests {
    /// A map of the bowl w1² + 10·w2², small and coarse, with `top` at the top level.
    func scene(_ top: String) throws -> Scene {
        let text = """
            title = "Slide"
            size = [480, 300]
            \(top)
            [surface]
            function = "quadratic"
            condition = 10
            resolution = 40

            [optimizer]
            start = [-1.8, 1.0]
            steps = 20
            learning_rates = [0.05, 0.15]
            """
        return try Scene(try FigureConfig.load(SourceFile(name: "slide.toml", text: text), defaultOutputName: "slide.png").spec)
    }

    /// A fresh folder, removed when `body` is done.
    func inFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-slide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// What Pillow reads of a PNG: its mode, its dpi (`info["dpi"]`, from pHYs) and the
    /// RGBA of every pixel.
    struct PillowImage: Decodable {
        let mode: String
        let width: Int
        let height: Int
        let dpi: [Double]?
        let rgba: String

        func pixel(_ x: Int, _ y: Int) -> [Int] {
            let start = rgba.index(rgba.startIndex, offsetBy: (y * width + x) * 8)
            return (0..<4).map { c in
                let from = rgba.index(start, offsetBy: 2 * c)
                return Int(rgba[from..<rgba.index(from, offsetBy: 2)], radix: 16) ?? -1
            }
        }
    }

    static let pillowScript = """
        import json, sys
        try:
            from PIL import Image
        except ImportError:
            sys.exit(3)
        im = Image.open(sys.argv[1])
        im.load()
        dpi = im.info.get("dpi")
        print(json.dumps({"mode": im.mode, "width": im.width, "height": im.height,
                          "dpi": [float(d) for d in dpi] if dpi else None,
                          "rgba": im.convert("RGBA").tobytes().hex()}))
        """

    struct NoPillow: Error, CustomStringConvertible {
        let description: String
    }

    func pillow(_ url: URL) throws -> PillowImage {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.pillowScript, url.path]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { throw NoPillow(description: "cannot run python3: run scripts/install-deps.sh") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NoPillow(description: "Pillow could not read \(url.path) (status \(process.terminationStatus)): run scripts/install-deps.sh")
        }
        return try JSONDecoder().decode(PillowImage.self, from: data)
    }

    @Test("a transparent PNG is RGBA: see-through in an empty corner, opaque on the map, its title haloed")
    func transparentPNG() throws {
        let figure = try scene("background = \"transparent\"")
        let map = try FigureRenderer(figure).cairoLayout().maps[0]
        let image = try inFolder { folder -> PillowImage in
            let url = folder.appendingPathComponent("t.png")
            try FigureFile.write(figure, to: url)
            return try pillow(url)
        }
        #expect(image.mode == "RGBA" && image.width == 480 && image.height == 300)
        #expect(image.pixel(2, 2)[3] == 0, "corner: \(image.pixel(2, 2))")
        #expect(image.pixel(477, 297)[3] == 0, "corner: \(image.pixel(477, 297))")
        // The bands fill the map: opaque throughout, a pixel inside each quarter.
        for (fx, fy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
            let p = image.pixel(Int(map.minX + fx * map.width), Int(map.minY + fy * map.height))
            #expect(p[3] == 255, "map at (\(fx), \(fy)): \(p)")
        }
        // The title: dark letters (the light theme's text) in a white halo, on nothing.
        var letters = 0, halo = 0, clear = 0
        for y in 0..<Int(map.minY * 0.6) {
            for x in 0..<480 {
                let p = image.pixel(x, y)
                if p[3] == 0 { clear += 1 } else if p[3] > 200 && p[0] < 60 { letters += 1 } else if p[3] > 200 && p[0] > 230 { halo += 1 }
            }
        }
        #expect(letters > 20 && halo > letters && clear > 10 * halo, "letters \(letters), halo \(halo), clear \(clear)")
    }

    @Test("without the new keys the PNG is RGB on the theme's background, with no pHYs")
    func defaultPNG() throws {
        let image = try inFolder { folder -> PillowImage in
            let url = folder.appendingPathComponent("d.png")
            try FigureFile.write(try scene(""), to: url)
            return try pillow(url)
        }
        #expect(image.mode == "RGB" && image.dpi == nil)
        #expect(image.pixel(2, 2) == [255, 255, 255, 255])
    }

    @Test("dpi is the pHYs Pillow reads, in pixels per metre rounded, and scale multiplies it",
          arguments: [(96.0, 1.0), (192.0, 1.0), (300.0, 1.0), (150.0, 2.0)])
    func physicalSize(_ dpi: Double, _ scale: Double) throws {
        let image = try inFolder { folder -> PillowImage in
            let url = folder.appendingPathComponent("p.png")
            try FigureFile.write(try scene("dpi = \(dpi)\nscale = \(scale)"), to: url)
            return try pillow(url)
        }
        #expect(image.width == Int(480 * scale))
        // The chunk holds round(dpi × scale / 0.0254) pixels per metre, the same on x and y;
        // Pillow turns it back into dots per inch: 96 → 3780 → 96.012.
        let perMetre = (dpi * scale / 0.0254).rounded()
        let readBack = try #require(image.dpi)
        #expect(readBack.count == 2 && readBack[0] == readBack[1])
        #expect(abs(readBack[0] - perMetre * 0.0254) < 0.01, "\(readBack) for \(dpi) dpi × \(scale)")
        #expect(abs(readBack[0] - dpi * scale) < 0.02)
    }

    @Test("the pHYs chunk's bytes: pixels per metre twice, big-endian, and the unit 1 (the metre)")
    func physicalSizeBytes() throws {
        let bytes = try inFolder { folder -> [UInt8] in
            let url = folder.appendingPathComponent("b.png")
            try FigureFile.write(try scene("dpi = 96"), to: url)
            return [UInt8](try Data(contentsOf: url))
        }
        let chunks = try APNGChunks(bytes: bytes)
        let names = chunks.types
        // Right after IHDR, before the image data ("Chunk ordering").
        #expect(names.first == "IHDR" && names.dropFirst().first == "pHYs")
        let data = try #require(chunks.chunks.first { $0.type == "pHYs" }).data
        // 96 / 0.0254 = 3779.53 → 3780 = 0x00000EC4.
        #expect(Array(data) == [0, 0, 0x0E, 0xC4, 0, 0, 0x0E, 0xC4, 1])
    }

    /// Whether `paths` hold a fill in `color` over the whole `width` × `height` canvas.
    func fillsCanvas(_ paths: [DrawnPath], _ color: RGBA, width: Double, height: Double) -> Bool {
        paths.contains { path in
            let xs = path.points.map(\.x), ys = path.points.map(\.y)
            guard path.kind == .fill, path.color.matches(color), let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return false }
            return x0 <= 0.5 && y0 <= 0.5 && x1 >= width - 0.5 && y1 >= height - 0.5
        }
    }

    @Test("SVG: text is glyph outlines (no <text>); transparent, no background rectangle; with dpi, the size in points")
    func svg() throws {
        let (plain, transparent, sized) = try inFolder { folder -> (String, String, String) in
            var texts: [String] = []
            for (name, top) in [("p.svg", ""), ("t.svg", "background = \"transparent\""), ("s.svg", "dpi = 96")] {
                let url = folder.appendingPathComponent(name)
                try FigureFile.write(try scene(top), to: url)
                texts.append(try String(contentsOf: url, encoding: .utf8))
            }
            return (texts[0], texts[1], texts[2])
        }
        for svg in [plain, transparent] {
            #expect(!svg.contains("<text"))
            #expect(svg.contains("<symbol overflow=\"visible\" id=\"glyph0-1\">"))
            #expect(SVGDrawing(svg).glyphUses > 20)
        }
        let white = RGBA.white
        #expect(fillsCanvas(SVGDrawing(plain).paths, white, width: 480, height: 300))
        #expect(!fillsCanvas(SVGDrawing(transparent).paths, white, width: 480, height: 300))
        // One pixel a point without dpi (as always); at 96 dpi, 480 pixels are 5 in = 360 pt.
        #expect(plain.contains("width=\"480pt\" height=\"300pt\" viewBox=\"0 0 480 300\""))
        #expect(sized.contains("width=\"360pt\" height=\"225pt\" viewBox=\"0 0 360 225\""))
    }

    @Test("PDF: every font embedded (a FontFile for each descriptor); transparent, no page fill; with dpi, the page in points")
    func pdf() throws {
        let files = try inFolder { folder -> [[UInt8]] in
            try [("p.pdf", ""), ("t.pdf", "background = \"transparent\""), ("s.pdf", "dpi = 150")].map { name, top in
                let url = folder.appendingPathComponent(name)
                try FigureFile.write(try scene(top), to: url)
                return [UInt8](try Data(contentsOf: url))
            }
        }
        func count(_ needle: String, in bytes: [UInt8]) -> Int {
            let pattern = Array(needle.utf8)
            guard bytes.count >= pattern.count else { return 0 }
            return (0...(bytes.count - pattern.count)).filter { i in bytes[i] == pattern[0] && Array(bytes[i..<(i + pattern.count)]) == pattern }.count
        }
        for bytes in files {
            let descriptors = count("/Type /FontDescriptor", in: bytes), embedded = count("/FontFile", in: bytes)
            #expect(descriptors > 0)
            #expect(embedded == descriptors, "\(embedded) font files for \(descriptors) descriptors")
            // Subsets, named with a tag: "ABCDEF+DejaVuSans".
            #expect(count("+DejaVuSans", in: bytes) >= 1)
        }
        let plain = try PDFDrawing(files[0], height: 300), transparent = try PDFDrawing(files[1], height: 300)
        #expect(plain.textShows > 0)
        #expect(fillsCanvas(plain.paths, .white, width: 480, height: 300))
        #expect(!fillsCanvas(transparent.paths, .white, width: 480, height: 300))
        #expect(count("/MediaBox [ 0 0 480 300 ]", in: files[0]) == 1)
        #expect(count("/MediaBox [ 0 0 480 300 ]", in: files[1]) == 1)
        // 480 × 300 pixels at 150 dpi: 3.2 × 2 in = 230.4 × 144 pt.
        #expect(count("/MediaBox [ 0 0 230.4 144 ]", in: files[2]) == 1)
    }

    @Test("an animated PDF (a page a frame) has the theme's background on every page, or with transparent on none")
    func animatedPDF() throws {
        for transparent in [false, true] {
            let figure = try scene("output = \"a.pdf\"\n" + (transparent ? "background = \"transparent\"\n" : "") + "[animation]\nevery = 5")
            let frames = try #require(figure.frames).frameCount
            let bytes = try inFolder { folder -> [UInt8] in
                let url = folder.appendingPathComponent("a.pdf")
                try FigureFile.write(figure, to: url)
                return [UInt8](try Data(contentsOf: url))
            }
            let drawing = try PDFDrawing(bytes, height: 300)
            #expect(drawing.pageCount == frames && frames > 2)
            let pageFills = drawing.paths.filter { fillsCanvas([$0], .white, width: 480, height: 300) }.count
            #expect(pageFills == (transparent ? 0 : frames), "transparent \(transparent): \(pageFills) page fills on \(frames) pages")
        }
    }
}
