import LossmapCanvas
import Testing
@testable import LossmapRender

/// The mountain's own rasteriser (`PolygonCoverage`, `PixelPainter`) on tiny grids, against
/// hand-computed areas and a brute-force estimate.
@Suite("Pixel painter")
struct PixelPainterTests {
    /// Coverage of each pixel of a `width` × `height` grid at the origin.
    func coverage(_ polygon: [CanvasPoint], width: Int, height: Int) -> [[Double]] {
        var grid = [[Double]](repeating: [Double](repeating: 0, count: width), count: height)
        var coverage = PolygonCoverage()
        coverage.cover(polygon, columns: 0..<width, rows: 0..<height) { i, j, c in grid[j][i] += c }
        return grid
    }

    func close(_ a: [[Double]], _ b: [[Double]], within tolerance: Double = 1e-9) -> Bool {
        zip(a, b).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) <= tolerance } }
    }

    @Test("a unit square half a pixel off the grid covers four pixels a quarter each")
    func unitSquare() {
        let square = [CanvasPoint(1.5, 0.5), CanvasPoint(2.5, 0.5), CanvasPoint(2.5, 1.5), CanvasPoint(1.5, 1.5)]
        #expect(close(coverage(square, width: 4, height: 3),
                      [[0, 0.25, 0.25, 0], [0, 0.25, 0.25, 0], [0, 0, 0, 0]]))
        // Either orientation.
        #expect(close(coverage(square.reversed(), width: 4, height: 3),
                      [[0, 0.25, 0.25, 0], [0, 0.25, 0.25, 0], [0, 0, 0, 0]]))
    }

    @Test("a rectangle 0.2…2.7 × 0.6…1.0: its area in each pixel, by hand")
    func rectangle() {
        // Rows: only row 0 (y 0.6…1.0, height 0.4). Columns: 0.8, 1, 0.7 of each pixel.
        let rect = [CanvasPoint(0.2, 0.6), CanvasPoint(2.7, 0.6), CanvasPoint(2.7, 1.0), CanvasPoint(0.2, 1.0)]
        #expect(close(coverage(rect, width: 4, height: 2), [[0.32, 0.4, 0.28, 0], [0, 0, 0, 0]]))
    }

    @Test("a triangle's edge pixels match a 64 × 64-sample estimate of their area")
    func triangleAgainstSampling() {
        let triangle = [CanvasPoint(0.3, 0.7), CanvasPoint(7.6, 2.2), CanvasPoint(2.9, 5.8)]
        let exact = coverage(triangle, width: 8, height: 7)
        for j in 0..<7 {
            for i in 0..<8 {
                var inside = 0
                for sy in 0..<64 {
                    for sx in 0..<64 {
                        let p = CanvasPoint(Double(i) + (Double(sx) + 0.5) / 64, Double(j) + (Double(sy) + 0.5) / 64)
                        if SurfaceGeometry.polygon(triangle, contains: p) { inside += 1 }
                    }
                }
                let sampled = Double(inside) / 4096
                #expect(abs(exact[j][i] - sampled) < 0.01, "pixel (\(i), \(j)): \(exact[j][i]) against \(sampled)")
            }
        }
        // And the whole: the triangle's area.
        let area = abs((7.6 - 0.3) * (5.8 - 0.7) - (2.9 - 0.3) * (2.2 - 0.7)) / 2
        #expect(abs(exact.joined().reduce(0, +) - area) < 1e-9)
    }

    @Test("two faces sharing a slanted edge tile the pixels on it: their coverages sum to 1")
    func adjacentFacesTile() {
        // A 3 × 3 square cut along a line that crosses pixels at odd fractions.
        let a = [CanvasPoint(0, 0), CanvasPoint(3, 0), CanvasPoint(1.3, 3), CanvasPoint(0, 3)]
        let b = [CanvasPoint(3, 0), CanvasPoint(3, 3), CanvasPoint(1.3, 3)]
        let ca = coverage(a, width: 3, height: 3), cb = coverage(b, width: 3, height: 3)
        for j in 0..<3 {
            for i in 0..<3 { #expect(abs(ca[j][i] + cb[j][i] - 1) < 1e-9, "pixel (\(i), \(j))") }
        }
        // (Painted one over the other, a pixel on the edge still lets c·(1 − c) of what is below
        // through, as any "over" compositing does: SurfaceView grows its faces for that.)
    }

    @Test("painter's order: a later shape covers an earlier one where it covers the whole pixel")
    func laterCoversEarlier() {
        let red = RGBA(red: 1, green: 0, blue: 0), blue = RGBA(red: 0, green: 0, blue: 1)
        var paints = PixelPaints()
        paints.fill([CanvasPoint(0, 0), CanvasPoint(4, 0), CanvasPoint(4, 2), CanvasPoint(0, 2)], red)
        paints.fill([CanvasPoint(1, 0), CanvasPoint(2.5, 0), CanvasPoint(2.5, 2), CanvasPoint(1, 2)], blue)
        var image = PixelImage(x: 0, y: 0, width: 4, height: 2, pixels: [UInt32](repeating: 0, count: 8))
        PixelPainter.paint(paints, into: &image)
        let r = PixelImage.argb(red), b = PixelImage.argb(blue)
        // Column 2 is half blue over red: 0x80 red kept (127.5 rounded), 0x80 blue.
        #expect(image.pixels == [r, b, 0xFF80_0080, r, r, b, 0xFF80_0080, r])
        // The other order: red covers blue everywhere.
        var reversed = PixelPaints()
        reversed.fill([CanvasPoint(1, 0), CanvasPoint(2.5, 0), CanvasPoint(2.5, 2), CanvasPoint(1, 2)], blue)
        reversed.fill([CanvasPoint(0, 0), CanvasPoint(4, 0), CanvasPoint(4, 2), CanvasPoint(0, 2)], red)
        var under = PixelImage(x: 0, y: 0, width: 4, height: 2, pixels: [UInt32](repeating: 0, count: 8))
        PixelPainter.paint(reversed, into: &under)
        #expect(under.pixels.allSatisfy { $0 == r })
    }

    @Test("an image placed off the origin paints at device positions; a polygon past its sides is cut")
    func offsetImageAndClipping() {
        var paints = PixelPaints()
        // 10.5…100 × 20…21: reaches far past the image's right side.
        paints.fill([CanvasPoint(10.5, 20), CanvasPoint(100, 20), CanvasPoint(100, 21), CanvasPoint(10.5, 21)], RGBA(red: 0, green: 1, blue: 0))
        var image = PixelImage(x: 10, y: 20, width: 3, height: 1, pixels: [0, 0, 0])
        PixelPainter.paint(paints, into: &image)
        let green = PixelImage.argb(RGBA(red: 0, green: 1, blue: 0))
        #expect(image.pixels == [0x8000_8000, green, green])
    }

    @Test("a line's pixels: full at its core, clamp(w/2 − d + ½) beside it, round caps")
    func lineCoverage() {
        var grid = [[Double]](repeating: [Double](repeating: 0, count: 7), count: 3)
        let pairs = [CanvasPoint(1.5, 1.5), CanvasPoint(5.5, 1.5)]
        pairs.withUnsafeBufferPointer { buffer in
            PixelPainter.coverLines(buffer, width: 1, columns: 0..<7, rows: 0..<3) { i, j, c in grid[j][i] = c }
        }
        // Centres on the line: d = 0, coverage 1; a row away: d = 1, 0.5 − 1 + 0.5 = 0. Past the
        // ends, the caps: column 0 is d = 1 from (1.5, 1.5), nothing; the caps round, so the
        // diagonal neighbours (d = √2) get nothing either.
        #expect(grid == [[0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0]])
    }
}
