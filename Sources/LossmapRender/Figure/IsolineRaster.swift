import Foundation
import LossmapCanvas
import LossmapThreads

/// The isolines painted straight into the bands' pixels, antialiased with a few shades.
///
/// Cairo's stroker takes 5 ms for the reference figure's 20 isolines, and its antialiasing
/// gives each isoline crossing of a pixel row its own shades: over flat bands those shades
/// were two thirds of the PNG's bytes. Here each pixel's coverage by a line of `width` is
/// `PixelBlend.lineCoverage` of its centre's distance to the polyline, rounded to `shades`
/// steps. A polyline's segments take the larger coverage where
/// they meet, so a level is composited once, as one stroke of it is; round joins and caps
/// come from measuring distance to segments.
enum IsolineRaster {
    /// Coverage steps: 4 keeps the lines looking antialiased (the goldens, drawn with
    /// Cairo's full antialiasing, pass) while the reference figure's PNG stays under half of
    /// what full antialiasing gives.
    static let defaultShades = 4

    /// Composites each level's `lines` (device pixels) over `image` in `color`. The rows are
    /// painted in two halves (on two threads when the figure has them), each covering and
    /// compositing only its own rows: the same pixels as one pass.
    static func draw(_ levels: [[[CanvasPoint]]], width: Double, color: RGBA, shades: Int = defaultShades,
                     into image: inout PixelImage) {
        guard image.width > 0, image.height > 0, width > 0, shades > 0 else { return }
        let origin = CanvasPoint(Double(image.x), Double(image.y))
        // Each level's pieces, in the image's pixels: segments cut to at most 2 px, since a long
        // diagonal segment's bounding box holds its length squared in pixels and a piece's a
        // few. The nearest piece is as near as the segment, so the coverage (the largest over
        // pieces) is the same.
        let pieces: [[(CanvasPoint, CanvasPoint)]] = levels.map { lines in
            var pieces: [(CanvasPoint, CanvasPoint)] = []
            for line in lines {
                for (a, b) in zip(line, line.dropFirst()) {
                    let a = CanvasPoint(a.x - origin.x, a.y - origin.y), b = CanvasPoint(b.x - origin.x, b.y - origin.y)
                    guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { continue }
                    let count = max(1, Int((hypot(b.x - a.x, b.y - a.y) / 2).rounded(.up)))
                    for k in 0..<count {
                        let t0 = Double(k) / Double(count), t1 = Double(k + 1) / Double(count)
                        pieces.append((CanvasPoint(a.x + t0 * (b.x - a.x), a.y + t0 * (b.y - a.y)),
                                       CanvasPoint(a.x + t1 * (b.x - a.x), a.y + t1 * (b.y - a.y))))
                    }
                }
            }
            return pieces
        }
        let blend = PixelBlend(color)
        let imageWidth = image.width, imageHeight = image.height
        let halves = imageHeight >= 64 ? 2 : 1
        image.pixels.withUnsafeMutableBufferPointer { buffer in
            // Each half writes only its own rows.
            nonisolated(unsafe) let pixels = buffer.baseAddress!
            Parallelism.perform(iterations: halves) { half in
                let rows = (half * imageHeight / halves)..<((half + 1) * imageHeight / halves)
                var coverage = Coverage(width: imageWidth, rows: rows, lineWidth: width, shades: shades)
                for level in pieces {
                    for (a, b) in level { coverage.add(a, b) }
                    // One level done: composite it once, and clear what it covered.
                    for k in coverage.touched {
                        let pixel = (rows.lowerBound * imageWidth) + k
                        pixels[pixel] = blend.over(pixels[pixel], coverage: Double(coverage.steps[k]) / Double(shades))
                        coverage.steps[k] = 0
                    }
                    coverage.touched.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    /// One level's coverage steps for the pixels of some rows, and which pixels have any.
    struct Coverage {
        let width: Int
        let rows: Range<Int>
        let lineWidth: Double, reach: Double
        let shades: Int
        /// Per pixel of `rows`, counted from the first row's first pixel.
        var steps: [UInt8]
        var touched: [Int] = []

        init(width: Int, rows: Range<Int>, lineWidth: Double, shades: Int) {
            self.width = width
            self.rows = rows
            self.lineWidth = lineWidth
            reach = lineWidth / 2 + 0.5
            self.shades = shades
            steps = [UInt8](repeating: 0, count: width * rows.count)
        }

        /// Covers the pixels of `rows` near the segment a–b, keeping each pixel's largest step.
        mutating func add(_ a: CanvasPoint, _ b: CanvasPoint) {
            let i0 = max(Int((min(a.x, b.x) - reach).rounded(.down)), 0), i1 = min(Int((max(a.x, b.x) + reach).rounded(.up)), width)
            let j0 = max(Int((min(a.y, b.y) - reach).rounded(.down)), rows.lowerBound)
            let j1 = min(Int((max(a.y, b.y) + reach).rounded(.up)), rows.upperBound)
            guard i0 < i1, j0 < j1 else { return }
            let dx = b.x - a.x, dy = b.y - a.y
            let lengthSquared = dx * dx + dy * dy
            let inverse = lengthSquared > 0 ? 1 / lengthSquared : 0
            let reachSquared = reach * reach
            for j in j0..<j1 {
                let py = Double(j) + 0.5
                for i in i0..<i1 {
                    let px = Double(i) + 0.5
                    // Distance from the pixel's centre to the segment.
                    let t = min(max(((px - a.x) * dx + (py - a.y) * dy) * inverse, 0), 1)
                    let ex = px - (a.x + t * dx), ey = py - (a.y + t * dy)
                    let squared = ex * ex + ey * ey
                    guard squared < reachSquared else { continue }
                    let c = PixelBlend.lineCoverage(distance: squared.squareRoot(), width: lineWidth)
                    let step = UInt8(c * Double(shades) + 0.5)
                    let k = (j - rows.lowerBound) * width + i
                    if step > steps[k] {
                        if steps[k] == 0 { touched.append(k) }
                        steps[k] = step
                    }
                }
            }
        }
    }
}
