import Foundation
import LossmapCanvas
import LossmapContour
import Testing
@testable import LossmapBackend
@testable import LossmapRender

/// The map's pixel layers (bands looked up per pixel, isolines and step dots painted as
/// coverage) on tiny literal grids and lines, against hand computations.
@Suite("Pixel layers")
struct PixelLayerTests {
    /// Band index of each pixel of `image`, by colour.
    func bands(_ image: PixelImage, colors: [RGBA]) -> [[Int]] {
        let words = colors.map(PixelImage.argb)
        return (0..<image.height).map { j in (0..<image.width).map { i in words.firstIndex(of: image[i, j]) ?? -1 } }
    }

    let colors = [RGBA(hex: 0x000000), RGBA(hex: 0x808080), RGBA(hex: 0xFFFFFF)]

    @Test("each pixel takes the band of the bilinear value at its centre")
    func bandsOfALinearSurface() {
        // f = w1 + 10·w2 on a 3 × 3 grid over [0, 2]²: bilinear interpolation is exact for it.
        let xs = [0.0, 1, 2], ys = [0.0, 1, 2]
        let grid = Grid(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in x + 10 * y } })
        let transform = PlotTransform(w1: 0...2, w2: 0...2, rect: CanvasRect(x: 0, y: 0, width: 4, height: 4))
        let image = BandRaster.image(grid: grid, levels: [5, 15], colors: colors, transform: transform, scale: 1)
        #expect(image.x == 0 && image.y == 0 && image.width == 4 && image.height == 4)
        // Pixel centres: w1 = 0.25, 0.75, 1.25, 1.75 left to right; w2 = 1.75, 1.25, 0.75, 0.25
        // top to bottom. f = w1 + 10·w2: top row 17.75…19.25 (≥ 15), then 12.75…14.25,
        // 7.75…9.25 (both in [5, 15)), then 2.75…4.25 (< 5).
        #expect(bands(image, colors: colors) == [[2, 2, 2, 2], [1, 1, 1, 1], [1, 1, 1, 1], [0, 0, 0, 0]])
    }

    @Test("a band edge runs where the interpolated value crosses the level, also across a pixel row")
    func diagonalEdge() {
        // f = w1 + w2 on [0, 4]², level 4: the diagonal. Pixel (i, j) has centre w1 = i + 0.5,
        // w2 = 3.5 − j, so f = 4 + i − j: band 1 where i ≥ j.
        let xs = [0.0, 2, 4], ys = [0.0, 2, 4]
        let grid = Grid(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in x + y } })
        let transform = PlotTransform(w1: 0...4, w2: 0...4, rect: CanvasRect(x: 0, y: 0, width: 4, height: 4))
        let image = BandRaster.image(grid: grid, levels: [4], colors: Array(colors.prefix(2)), transform: transform, scale: 1)
        #expect(bands(image, colors: colors) == [[1, 1, 1, 1], [0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1]])
    }

    @Test("every band gets its own colour, in level order, across many levels")
    func manyBands() {
        // f = w1 on [0, 10], levels 1 … 9: pixel i's centre is at w1 = (i + ½)/10, in band ⌊w1⌋.
        let grid = Grid(xs: [0, 10], ys: [0, 1], values: [0, 10, 0, 10])
        let colors = (0...9).map { RGBA(red: Double($0) / 9, green: 0.5, blue: 1 - Double($0) / 9) }
        let transform = PlotTransform(w1: 0...10, w2: 0...1, rect: CanvasRect(x: 0, y: 0, width: 100, height: 2))
        let image = BandRaster.image(grid: grid, levels: (1...9).map(Double.init), colors: colors, transform: transform, scale: 1)
        for j in 0..<2 {
            for i in 0..<100 { #expect(image[i, j] == PixelImage.argb(colors[i / 10]), "pixel \(i), \(j)") }
        }
    }

    @Test("only pixels whose centres are inside the plot rectangle, at the device scale")
    func pixelAlignment() {
        let grid = Grid(xs: [0, 1], ys: [0, 1], values: [0, 0, 0, 0])
        // x 0.3…2.7, y 1.1…2.2 canvas pixels at scale 2: device 0.6…5.4 and 2.2…4.4. Centres
        // inside: columns 1…4 (1.5…4.5), rows 2…3 (2.5, 3.5).
        let transform = PlotTransform(w1: 0...1, w2: 0...1, rect: CanvasRect(x: 0.3, y: 1.1, width: 2.4, height: 1.1))
        let image = BandRaster.image(grid: grid, levels: [], colors: [colors[1]], transform: transform, scale: 2)
        #expect(image.x == 1 && image.y == 2 && image.width == 4 && image.height == 2)
        #expect(image.pixels.allSatisfy { $0 == PixelImage.argb(colors[1]) })
    }

    @Test("a masked corner leaves its quarter of the cell to the hatching; the rest takes the nearest sample")
    func maskedCorner() {
        // One cell, NaN at (w1 = 1, w2 = 1): the top-right of the picture.
        let grid = Grid(xs: [0, 1], ys: [0, 1], values: [0, 10, 10, .nan])
        let transform = PlotTransform(w1: 0...1, w2: 0...1, rect: CanvasRect(x: 0, y: 0, width: 4, height: 4))
        let image = BandRaster.image(grid: grid, levels: [5], colors: Array(colors.prefix(2)), transform: transform, scale: 1)
        // Nearest corners: top-left (0, 1) → 10, top-right NaN, bottom-left (0, 0) → 0, bottom-right (1, 0) → 10.
        #expect(bands(image, colors: colors) == [[1, 1, -1, -1], [1, 1, -1, -1], [0, 0, 1, 1], [0, 0, 1, 1]])
        #expect(image[3, 0] == 0 && image[2, 1] == 0, "masked pixels are transparent")
    }

    /// The map of `grid` over `w1` × `w2` on a `width` × `height` pixel rectangle, every band
    /// white and the isolines of `levels` in `color` (opaque black unless told).
    func isolines(_ grid: Grid, levels: [Double], w1: ClosedRange<Double>, w2: ClosedRange<Double>, width: Int, height: Int,
                  lineWidth: Double = 1, color: RGBA = .black, shades: Int = 4) -> PixelImage {
        let transform = PlotTransform(w1: w1, w2: w2, rect: CanvasRect(x: 0, y: 0, width: Double(width), height: Double(height)))
        return BandRaster.image(grid: grid, levels: levels, colors: Array(repeating: .white, count: levels.count + 1),
                                transform: transform, scale: 1,
                                isolines: BandRaster.Isolines(width: lineWidth, color: color, shades: shades))
    }

    func grey(_ word: UInt32) -> Int { Int(word & 0xFF) }

    /// The grey a pixel at `distance` from a black line of `width` over white gets, in `shades`.
    func expectedGrey(distance: Double, width: Double, shades: Int, alpha: Double = 1) -> Int {
        let step = (min(max(width / 2 - distance + 0.5, 0), 1) * Double(shades)).rounded()
        return Int((255 * (1 - alpha * step / Double(shades))).rounded())
    }

    /// f = a·w1 + b·w2 on one cell over the window: bilinear interpolation is exact for it.
    func plane(_ a: Double, _ b: Double, w1: ClosedRange<Double>, w2: ClosedRange<Double>) -> Grid {
        let xs = [w1.lowerBound, w1.upperBound], ys = [w2.lowerBound, w2.upperBound]
        return Grid(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in a * x + b * y } })
    }

    @Test("an isoline through pixel centres covers its column; one on a pixel boundary covers both columns half")
    func isolineCoverage() {
        // f = w1 over [0, 6] on 6 pixels: pixel i's centre has f = i + ½.
        let grid = plane(1, 0, w1: 0...6, w2: 0...6)
        let through = isolines(grid, levels: [2.5], w1: 0...6, w2: 0...6, width: 6, height: 6)
        #expect((0..<6).map { grey(through[$0, 3]) } == [255, 255, 0, 255, 255, 255])
        // Distance ½ from both columns' centres: coverage ½ − ½ + ½ = ½, two of four shades.
        let between = isolines(grid, levels: [3], w1: 0...6, w2: 0...6, width: 6, height: 6)
        #expect((0..<6).map { grey(between[$0, 3]) } == [255, 255, 128, 128, 255, 255])
    }

    @Test("every pixel takes its distance to the level line, in pixels, however the window is stretched")
    func stretchedPlaneAgainstBruteForce() {
        // f = w1 + w2 with w1 over [0, 2] on 70 pixels and w2 over [0, 1] on 80 (rows > 16, so
        // several row blocks on several threads). The level line w1 + w2 = 1.2 in pixels:
        // x/35 + (80 − y)/80 = 1.2; distance from (x, y) to it is |x/35 + (80 − y)/80 − 1.2| / |(1/35, −1/80)|.
        let grid = plane(1, 1, w1: 0...2, w2: 0...1)
        let image = isolines(grid, levels: [1.2], w1: 0...2, w2: 0...1, width: 70, height: 80, lineWidth: 1.3, shades: 4)
        let norm = (1 / 35.0 * 1 / 35.0 + 1 / 80.0 * 1 / 80.0).squareRoot()
        for j in 0..<80 {
            for i in 0..<70 {
                let x = Double(i) + 0.5, y = Double(j) + 0.5
                let d = abs(x / 35 + (80 - y) / 80 - 1.2) / norm
                let expected = expectedGrey(distance: d, width: 1.3, shades: 4)
                #expect(abs(grey(image[i, j]) - expected) <= 1, "pixel (\(i), \(j)): \(grey(image[i, j])) against \(expected)")
            }
        }
    }

    @Test("levels closer than a line's width are each composited, in ascending order, so they darken together")
    func denseLevels() {
        // f = w1 over [0, 8] on 8 pixels; levels 3.4 and 3.6 both reach pixel 3 (centre 3.5).
        let grid = plane(1, 0, w1: 0...8, w2: 0...8)
        let half = RGBA(red: 0, green: 0, blue: 0, alpha: 0.5)
        let one = isolines(grid, levels: [3.4], w1: 0...8, w2: 0...8, width: 8, height: 8, color: half)
        let two = isolines(grid, levels: [3.4, 3.6], w1: 0...8, w2: 0...8, width: 8, height: 8, color: half)
        // Distance 0.1: coverage 0.9, four shades → 1 (rounded), so ½ black: 128; twice: 64.
        #expect(grey(one[3, 4]) == 128)
        #expect(grey(two[3, 4]) == 64)
    }

    @Test("no isoline is painted in a masked cell, and none where the surface is flat")
    func maskedAndFlat() {
        let masked = Grid(xs: [0, 1], ys: [0, 1], values: [0, 10, 10, .nan])
        let image = isolines(masked, levels: [5], w1: 0...1, w2: 0...1, width: 8, height: 8)
        // Every pixel is a band (white), hatching (0) or nothing else: no black line pixels.
        #expect(image.pixels.allSatisfy { $0 == PixelImage.argb(.white) || $0 == 0 })
        let flat = isolines(Grid(xs: [0, 1], ys: [0, 1], values: [5, 5, 5, 5]), levels: [5], w1: 0...1, w2: 0...1, width: 4, height: 4)
        #expect(flat.pixels.allSatisfy { $0 == PixelImage.argb(.white) })
    }

    @Test("painted in place on a canvas, the map is the very pixels its image gives, masked ones left as they were")
    func paintedInPlace() throws {
        // A surface with a NaN sample (a masked corner), isolines, and a plot rectangle off the origin.
        let xs = (0..<9).map { Double($0) }, ys = (0..<7).map { Double($0) }
        let values = ys.flatMap { y in xs.map { x in x == 6 && y == 4 ? .nan : x * x + 3 * y } }
        let grid = Grid(xs: xs, ys: ys, values: values)
        let transform = PlotTransform(w1: 0...8, w2: 0...6, rect: CanvasRect(x: 7.3, y: 5.6, width: 61, height: 43))
        let levels = [4.0, 9, 20, 35, 50], colors = (0...5).map { RGBA(red: Double($0) / 5, green: 0.4, blue: 0.3) }
        let lines = BandRaster.Isolines(width: 1.3, color: RGBA(red: 0, green: 0, blue: 0, alpha: 0.6))
        func canvas() throws -> CairoCanvas {
            let canvas = try CairoCanvas(width: 80, height: 60, scale: 2)
            // What the hatching leaves under masked pixels.
            canvas.setColor(RGBA(red: 0.9, green: 0.1, blue: 0.1))
            canvas.fill(.rect(CanvasRect(x: 0, y: 0, width: 80, height: 60)), rule: .nonZero)
            return canvas
        }
        let direct = try canvas(), copied = try canvas()
        #expect(BandRaster.paint(grid: grid, levels: levels, colors: colors, transform: transform, scale: 2, isolines: lines, on: direct))
        copied.drawPixels(BandRaster.image(grid: grid, levels: levels, colors: colors, transform: transform, scale: 2, isolines: lines))
        let a = try direct.rgbPixels(), b = try copied.rgbPixels()
        #expect(a.width == 160 && a.height == 120)
        #expect(a.rgb == b.rgb)
        #expect(!BandRaster.paint(grid: grid, levels: levels, colors: colors, transform: transform, scale: 2, on: RecordingCanvas(width: 80, height: 60)),
                "a vector canvas has no pixels")
    }

    @Test("disc coverage is within a few per cent of the exact area and the union is filled once")
    func discCoverage() throws {
        let center = (x: 10.3, y: 7.7), radius = 3.0
        let mask = try #require(DiscCoverage(centers: [center], radius: radius, bounds: (0, 0, 40, 40)))
        var worst = 0.0
        for j in 0..<mask.height {
            for i in 0..<mask.width {
                // The exact area by 32 × 32 samples in the pixel.
                var inside = 0
                for a in 0..<32 {
                    for b in 0..<32 {
                        let x = Double(mask.x + i) + (Double(a) + 0.5) / 32, y = Double(mask.y + j) + (Double(b) + 0.5) / 32
                        if (x - center.x) * (x - center.x) + (y - center.y) * (y - center.y) <= radius * radius { inside += 1 }
                    }
                }
                worst = max(worst, abs(Double(mask.bytes[j * mask.stride + i]) / 255 - Double(inside) / 1024))
            }
        }
        #expect(worst < 0.08, "largest coverage error \(worst)")
        let pair = try #require(DiscCoverage(centers: [(5, 5), (6, 5)], radius: 2, bounds: (0, 0, 20, 20)))
        #expect(pair.bytes[(5 - pair.y) * pair.stride + (5 - pair.x)] == 255)
        #expect(pair.stride % 4 == 0)
    }

    @Test("discs far apart touch only their own tiles, and the mask stops at the bounds")
    func discTiles() throws {
        let mask = try #require(DiscCoverage(centers: [(2, 2), (200, 150)], radius: 1.5, bounds: (0, 0, 1000, 1000)))
        #expect(mask.touchedTiles.count == 2)
        let clipped = try #require(DiscCoverage(centers: [(2, 2)], radius: 4, bounds: (1, 1, 5, 5)))
        #expect(clipped.x == 1 && clipped.y == 1 && clipped.width == 4 && clipped.height == 4)
        #expect(DiscCoverage(centers: [(50, 50)], radius: 2, bounds: (0, 0, 10, 10)) == nil, "nothing to paint")
    }
}

/// Fonts are opened from their files where DejaVu Sans is installed (CI installs it), so no
/// figure waits for fontconfig.
@Suite("Font files")
struct FontFaceTests {
    @Test("DejaVu Sans, regular and bold, is opened straight from its files")
    func facesFromFiles() {
        let installed = FontFaces.folders.contains { FileManager.default.fileExists(atPath: $0 + "/DejaVuSans.ttf") }
        guard installed, ProcessInfo.processInfo.environment["LOSSMAP_FONTCONFIG"] != "1" else { return }
        #expect(FontFaces.face(bold: false) != nil)
        #expect(FontFaces.face(bold: true) != nil)
        #expect(FontFaces.face(bold: true) != FontFaces.face(bold: false))
    }
}
