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
        let w = image.width, h = image.height
        let ox = Double(image.x), oy = Double(image.y)
        let half = width / 2, reach = width / 2 + 0.5
        // The colour over a pixel at each coverage step, as premultiplied factors.
        let alphas = (0...shades).map { color.alpha * Double($0) / Double(shades) }
        var coverage = [UInt8](repeating: 0, count: w * h)
        var touched: [Int] = []
        for lines in levels {
            for line in lines {
                for (a, b) in zip(line, line.dropFirst()) {
                    let ax = a.x - ox, ay = a.y - oy, bx = b.x - ox, by = b.y - oy
                    guard ax.isFinite, ay.isFinite, bx.isFinite, by.isFinite else { continue }
                    let i0 = max(Int((min(ax, bx) - reach).rounded(.down)), 0), i1 = min(Int((max(ax, bx) + reach).rounded(.up)), w)
                    let j0 = max(Int((min(ay, by) - reach).rounded(.down)), 0), j1 = min(Int((max(ay, by) + reach).rounded(.up)), h)
                    guard i0 < i1, j0 < j1 else { continue }
                    let dx = bx - ax, dy = by - ay
                    let lengthSquared = dx * dx + dy * dy
                    for j in j0..<j1 {
                        let py = Double(j) + 0.5
                        for i in i0..<i1 {
                            let px = Double(i) + 0.5
                            // Distance from the pixel's centre to the segment.
                            let t = lengthSquared > 0 ? min(max(((px - ax) * dx + (py - ay) * dy) / lengthSquared, 0), 1) : 0
                            let ex = px - (ax + t * dx), ey = py - (ay + t * dy)
                            let c = half - (ex * ex + ey * ey).squareRoot() + 0.5
                            guard c > 0 else { continue }
                            let step = UInt8(min(c, 1) * Double(shades) + 0.5)
                            let k = j * w + i
                            if step > coverage[k] {
                                if coverage[k] == 0 { touched.append(k) }
                                coverage[k] = step
                            }
                        }
                    }
                }
            }
            for k in touched {
                image.pixels[k] = over(color, alpha: alphas[Int(coverage[k])], image.pixels[k])
                coverage[k] = 0
            }
            touched.removeAll(keepingCapacity: true)
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
