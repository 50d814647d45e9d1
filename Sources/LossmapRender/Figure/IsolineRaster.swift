import Foundation
import LossmapCanvas

/// The isolines painted straight into the bands' pixels, antialiased with a few shades.
///
/// Cairo's stroker takes 5 ms for the reference figure's 20 isolines, and its antialiasing
/// gives each isoline crossing of a pixel row its own shades: over flat bands those shades
/// were two thirds of the PNG's bytes. Here each pixel's coverage by a line of `width` is
/// clamp(width/2 − d + ½, 0, 1), d the distance from the pixel's centre to the polyline (the
/// signed-distance approximation `DiscCoverage` uses: within a few per cent of the exact
/// area), rounded to `shades` steps. A polyline's segments take the larger coverage where
/// they meet, so a level is composited once, as one stroke of it is; round joins and caps
/// come from measuring distance to segments.
enum IsolineRaster {
    /// Coverage steps: 4 keeps the lines looking antialiased (the goldens, drawn with
    /// Cairo's full antialiasing, pass) while the reference figure's PNG stays under half of
    /// what full antialiasing gives.
    static let defaultShades = 4

    /// Composites each level's `lines` (device pixels) over `image` in `color`.
    static func draw(_ levels: [[[CanvasPoint]]], width: Double, color: RGBA, shades: Int = defaultShades,
                     into image: inout PixelImage) {
        guard image.width > 0, image.height > 0, width > 0, shades > 0 else { return }
        let origin = CanvasPoint(Double(image.x), Double(image.y))
        // The colour over a pixel at each coverage step.
        let alphas = (0...shades).map { color.alpha * Double($0) / Double(shades) }
        var coverage = Coverage(width: image.width, height: image.height, lineWidth: width, shades: shades)
        for lines in levels {
            for line in lines {
                for (a, b) in zip(line, line.dropFirst()) {
                    let a = CanvasPoint(a.x - origin.x, a.y - origin.y), b = CanvasPoint(b.x - origin.x, b.y - origin.y)
                    guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { continue }
                    // In pieces of at most 2 px: a long diagonal segment's bounding box holds
                    // its length squared in pixels, a piece's a few. The nearest piece is as
                    // near as the segment, so the coverage (the largest over pieces) is the same.
                    let pieces = max(1, Int((hypot(b.x - a.x, b.y - a.y) / 2).rounded(.up)))
                    for piece in 0..<pieces {
                        let t0 = Double(piece) / Double(pieces), t1 = Double(piece + 1) / Double(pieces)
                        coverage.add(CanvasPoint(a.x + t0 * (b.x - a.x), a.y + t0 * (b.y - a.y)),
                                     CanvasPoint(a.x + t1 * (b.x - a.x), a.y + t1 * (b.y - a.y)))
                    }
                }
            }
            // One level done: composite it once, and clear what it covered.
            for k in coverage.touched {
                image.pixels[k] = over(color, alpha: alphas[Int(coverage.steps[k])], image.pixels[k])
                coverage.steps[k] = 0
            }
            coverage.touched.removeAll(keepingCapacity: true)
        }
    }

    /// One level's coverage steps per pixel, and which pixels have any.
    struct Coverage {
        let width: Int, height: Int
        let half: Double, reach: Double
        let shades: Int
        var steps: [UInt8]
        var touched: [Int] = []

        init(width: Int, height: Int, lineWidth: Double, shades: Int) {
            self.width = width
            self.height = height
            half = lineWidth / 2
            reach = lineWidth / 2 + 0.5
            self.shades = shades
            steps = [UInt8](repeating: 0, count: width * height)
        }

        /// Covers the pixels near the segment a–b, keeping each pixel's largest step.
        mutating func add(_ a: CanvasPoint, _ b: CanvasPoint) {
            let i0 = max(Int((min(a.x, b.x) - reach).rounded(.down)), 0), i1 = min(Int((max(a.x, b.x) + reach).rounded(.up)), width)
            let j0 = max(Int((min(a.y, b.y) - reach).rounded(.down)), 0), j1 = min(Int((max(a.y, b.y) + reach).rounded(.up)), height)
            guard i0 < i1, j0 < j1 else { return }
            let dx = b.x - a.x, dy = b.y - a.y
            let lengthSquared = dx * dx + dy * dy
            for j in j0..<j1 {
                let py = Double(j) + 0.5
                for i in i0..<i1 {
                    let px = Double(i) + 0.5
                    // Distance from the pixel's centre to the segment.
                    let t = lengthSquared > 0 ? min(max(((px - a.x) * dx + (py - a.y) * dy) / lengthSquared, 0), 1) : 0
                    let ex = px - (a.x + t * dx), ey = py - (a.y + t * dy)
                    let c = half - (ex * ex + ey * ey).squareRoot() + 0.5
                    guard c > 0 else { continue }
                    let step = UInt8(min(c, 1) * Double(shades) + 0.5)
                    let k = j * width + i
                    if step > steps[k] {
                        if steps[k] == 0 { touched.append(k) }
                        steps[k] = step
                    }
                }
            }
        }
    }

    /// `color` at `alpha` composited over a premultiplied ARGB pixel (Porter–Duff "over").
    static func over(_ color: RGBA, alpha: Double, _ pixel: UInt32) -> UInt32 {
        guard alpha > 0 else { return pixel }
        let keep = 1 - alpha
        func channel(_ shift: UInt32, _ source: Double) -> UInt32 {
            let below = Double((pixel >> shift) & 0xFF)
            return UInt32(min(max((source * alpha * 255 + below * keep).rounded(), 0), 255)) << shift
        }
        return channel(24, 1) | channel(16, color.red) | channel(8, color.green) | channel(0, color.blue)
    }
}
