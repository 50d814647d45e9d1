import Dispatch
import LossmapCanvas
import LossmapContour
import LossmapThreads

/// The map's filled bands as device pixels: each pixel takes the colour of the band that holds
/// the surface's value at its centre, bilinearly interpolated between the four grid samples
/// around it.
///
/// This is what filling the stacked superlevel polygons without antialiasing paints (a pixel
/// belongs to a polygon when its centre does), computed straight from the grid: one pass over
/// the pixels instead of twenty-odd polygons rasterised over each other, and flat colour up to
/// the isolines, which are drawn over the band edges anyway. Matplotlib's `contourf` does not
/// antialias its fills either. Vector outputs keep the polygons.
///
/// Within a cell the band edge is bilinear's level curve where the polygons' is marching
/// squares' chord between the same two edge crossings; on a 400² grid a cell is a pixel or
/// two wide, so the two differ by a fraction of a pixel.
///
/// Cells with a NaN or ±inf corner are masked, as in marching squares. Their pixels take the
/// nearest corner: its band when it is finite, nothing (the hatching below shows) when not, so
/// the mask's edge runs halfway between samples, where the polygons put it.
///
/// The isolines are painted in the same pass (`Isolines`): a pixel's distance to the level-L
/// curve is taken as |f − L| / |∇f|, f and its gradient those of the same bilinear surface at
/// the pixel's centre (the first-order distance to a level set, exact where f is linear; the
/// way shaders draw contour lines), and its coverage is `PixelBlend.lineCoverage` of that
/// distance, in a few shades. So each isoline is the very edge between two bands, and costs a
/// few multiplications per pixel rather than a polyline traced, simplified and painted
/// piece by piece (3.7 ms of the reference figure's 13 ms of drawing).
enum BandRaster {
    /// How the isolines are painted: `width` in device pixels, `color` composited over the
    /// bands at coverage rounded to `shades` steps (4 keeps them looking antialiased while
    /// the PNG stays half the size full antialiasing gives).
    struct Isolines {
        var width: Double
        var color: RGBA
        var shades: Int = 4
    }

    /// The pixels of `transform`'s plot rectangle at `scale` device pixels per canvas pixel
    /// whose centres lie inside it. `levels` ascend; `colors` has one more entry than
    /// `levels` (the band below the first level first). Masked pixels are 0 (transparent).
    static func image(grid: Grid, levels: [Double], colors: [RGBA], transform: PlotTransform, scale: Double,
                      isolines: Isolines? = nil) -> PixelImage {
        let area = region(transform.rect, scale: scale)
        guard area.width > 0, area.height > 0, grid.nx >= 2, grid.ny >= 2 else {
            return PixelImage(x: area.x, y: area.y, width: 0, height: 0, pixels: [])
        }
        var pixels = [UInt32](repeating: 0, count: area.width * area.height)
        pixels.withUnsafeMutableBufferPointer { buffer in
            paint(grid: grid, levels: levels, colors: colors, transform: transform, scale: scale, isolines: isolines,
                  into: buffer.baseAddress!, stride: area.width)
        }
        return PixelImage(x: area.x, y: area.y, width: area.width, height: area.height, pixels: pixels)
    }

    /// Paints the map straight into a raster canvas's pixels (`Canvas.writePixels`), skipping
    /// the image `image` returns: its 4 MB, zeroed and faulted in, then copied, were 1.5 ms of
    /// the reference figure. Masked pixels are left as they are (the hatching drawn before).
    /// Returns false, painting nothing, when the canvas has no pixels or the plot rectangle
    /// does not lie within them.
    static func paint(grid: Grid, levels: [Double], colors: [RGBA], transform: PlotTransform, scale: Double,
                      isolines: Isolines? = nil, on canvas: Canvas) -> Bool {
        let area = region(transform.rect, scale: scale)
        var painted = false
        let hasPixels = canvas.writePixels { pixels, width, height, stride in
            guard area.x >= 0, area.y >= 0, area.x + area.width <= width, area.y + area.height <= height else { return }
            painted = true
            guard area.width > 0, area.height > 0, grid.nx >= 2, grid.ny >= 2 else { return }
            paint(grid: grid, levels: levels, colors: colors, transform: transform, scale: scale, isolines: isolines,
                  into: pixels + area.y * stride + area.x, stride: stride)
        }
        return hasPixels && painted
    }

    /// The device pixels whose centres lie inside `rect` (canvas pixels) at `scale`: pixel k's
    /// centre is at k + ½ device pixels.
    static func region(_ rect: CanvasRect, scale: Double) -> (x: Int, y: Int, width: Int, height: Int) {
        let x0 = Int((rect.minX * scale - 0.5).rounded(.up)), x1 = Int((rect.maxX * scale - 0.5).rounded(.up))
        let y0 = Int((rect.minY * scale - 0.5).rounded(.up)), y1 = Int((rect.maxY * scale - 0.5).rounded(.up))
        return (x0, y0, max(x1 - x0, 0), max(y1 - y0, 0))
    }

    /// The region's pixels, written from `base` (its top-left pixel) with `stride` words a row.
    private static func paint(grid: Grid, levels: [Double], colors: [RGBA], transform: PlotTransform, scale: Double,
                              isolines: Isolines?, into base: UnsafeMutablePointer<UInt32>, stride: Int) {
        precondition(colors.count == levels.count + 1, "BandRaster: \(colors.count) colours for \(levels.count) levels")
        let rect = transform.rect
        let area = region(rect, scale: scale)
        let x0 = area.x, y0 = area.y, width = area.width, height = area.height
        guard width > 0, height > 0, grid.nx >= 2, grid.ny >= 2 else { return }
        let words = colors.map(PixelImage.argb)
        // Where each column's and each row's centre falls on the grid: a cell and a fraction.
        let columns = (0..<width).map { i in
            cellPosition(transform.w1.lowerBound + ((Double(x0 + i) + 0.5) / scale - rect.minX) / rect.width
                         * (transform.w1.upperBound - transform.w1.lowerBound), along: grid.xs)
        }
        let rows = (0..<height).map { j in
            cellPosition(transform.w2.lowerBound + (rect.maxY - (Double(y0 + j) + 0.5) / scale) / rect.height
                         * (transform.w2.upperBound - transform.w2.lowerBound), along: grid.ys)
        }
        // Grid cells per device pixel, across and down: the chain rule from a cell's bilinear
        // coordinates to the pixels' (its sign does not matter, only |∇f|).
        let cellsPerPixel = (x: (transform.w1.upperBound - transform.w1.lowerBound) / (rect.width * scale)
                                / ((grid.xs[grid.nx - 1] - grid.xs[0]) / Double(grid.nx - 1)),
                             y: (transform.w2.upperBound - transform.w2.lowerBound) / (rect.height * scale)
                                / ((grid.ys[grid.ny - 1] - grid.ys[0]) / Double(grid.ny - 1)))
        let lines = isolines.flatMap { style -> LineStyle? in
            guard style.width > 0, style.shades > 0, cellsPerPixel.x.isFinite, cellsPerPixel.y.isFinite else { return nil }
            return LineStyle(width: style.width, reach: style.width / 2 + 0.5, blend: PixelBlend(style.color),
                             shades: Double(style.shades), cellsPerPixel: cellsPerPixel)
        }
        do {
            // Each block of rows writes only its own rows.
            nonisolated(unsafe) let base = base
            let blocks = min(height, 16)
            Parallelism.perform(iterations: blocks) { block in
                var blended = [Double](repeating: 0, count: grid.nx)
                var rise = [Double](repeating: 0, count: grid.nx)
                // Raw buffers, taken once a block: the loop below runs for every pixel of the map.
                grid.values.withUnsafeBufferPointer { values in
                    blended.withUnsafeMutableBufferPointer { blended in
                        rise.withUnsafeMutableBufferPointer { rise in
                            columns.withUnsafeBufferPointer { columns in
                                levels.withUnsafeBufferPointer { levels in
                                    words.withUnsafeBufferPointer { words in
                                        for j in (block * height / blocks)..<((block + 1) * height / blocks) {
                                            fillRow(base + j * stride, row: rows[j], columns: columns, values: values, nx: grid.nx,
                                                    levels: levels, words: words, blended: blended, rise: rise, lines: lines)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A position on evenly spaced samples `positions` as the cell it falls in (clamped to the
    /// grid) and the fraction of the way across it.
    static func cellPosition(_ value: Double, along positions: [Double]) -> (cell: Int, fraction: Double) {
        let n = positions.count
        let f = (value - positions[0]) / (positions[n - 1] - positions[0]) * Double(n - 1)
        let clamped = f.isNaN ? 0 : min(max(f, 0), Double(n - 1))
        let cell = min(Int(clamped), n - 2)
        return (cell, clamped - Double(cell))
    }

    /// `Isolines` worked out for painting.
    struct LineStyle {
        let width: Double, reach: Double
        let blend: PixelBlend
        let shades: Double
        let cellsPerPixel: (x: Double, y: Double)
    }

    /// One row of pixels. The two grid rows around it are blended once per row, so each pixel
    /// is one linear interpolation along x and a band lookup that starts at its neighbour's band.
    /// `rise[c]` is the change from the lower grid row to the upper in column c: along y, the
    /// bilinear surface's slope.
    private static func fillRow(_ out: UnsafeMutablePointer<UInt32>, row: (cell: Int, fraction: Double),
                                columns: UnsafeBufferPointer<(cell: Int, fraction: Double)>, values: UnsafeBufferPointer<Double>,
                                nx: Int, levels: UnsafeBufferPointer<Double>, words: UnsafeBufferPointer<UInt32>,
                                blended: UnsafeMutableBufferPointer<Double>, rise: UnsafeMutableBufferPointer<Double>,
                                lines: LineStyle?) {
        let u = row.fraction
        let below = values.baseAddress! + row.cell * nx, above = below + nx
        for c in 0..<nx {
            let a = below[c], b = above[c]
            // A non-finite corner makes the blend non-finite, which marks the cell masked.
            blended[c] = a.isFinite && b.isFinite ? a + u * (b - a) : .nan
            rise[c] = b - a
        }
        var band = 0
        let top = levels.count
        let drawsLines = lines != nil
        let cellsX = lines?.cellsPerPixel.x ?? 0, cellsY = lines?.cellsPerPixel.y ?? 0
        let reachSquared = (lines?.reach ?? 0) * (lines?.reach ?? 0)
        for i in 0..<columns.count {
            let column = columns[i]
            let left = blended[column.cell], right = blended[column.cell + 1]
            var value = left + column.fraction * (right - left)
            if !value.isFinite {
                // Masked cell: the nearest corner decides.
                let corner = (column.fraction < 0.5 ? column.cell : column.cell + 1) + (u < 0.5 ? 0 : nx)
                value = below[corner]
                guard value.isFinite else { continue }
            }
            while band < top && value >= levels[band] { band += 1 }
            while band > 0 && value < levels[band - 1] { band -= 1 }
            out[i] = words[band]
            guard drawsLines, left.isFinite, right.isFinite else { continue }
            // Most pixels are far from both levels around them: a few multiplications say so.
            let gx = (right - left) * cellsX
            let r0 = rise[column.cell], r1 = rise[column.cell + 1]
            let gy = (r0 + column.fraction * (r1 - r0)) * cellsY
            let gradientSquared = gx * gx + gy * gy
            let limit = reachSquared * gradientSquared
            let gapBelow = band > 0 ? value - levels[band - 1] : .infinity
            let gapAbove = band < top ? levels[band] - value : .infinity
            guard gapBelow * gapBelow < limit || gapAbove * gapAbove < limit else { continue }
            out[i] = withIsolines(words[band], value: value, band: band, levels: levels, lines: lines!,
                                  gradientSquared: gradientSquared, limit: limit)
        }
    }

    /// `word` with every level within reach of the pixel composited over it, in ascending
    /// order as the levels' strokes would be. `gradientSquared` is |∇f|² per device pixel;
    /// level L is within reach when (f − L)² < `limit` = reach² |∇f|² (no square root).
    @inline(__always)
    private static func withIsolines(_ word: UInt32, value: Double, band: Int, levels: UnsafeBufferPointer<Double>,
                                     lines: LineStyle, gradientSquared: Double, limit: Double) -> UInt32 {
        guard gradientSquared > 0, limit.isFinite else { return word }
        var lowest = band
        while lowest > 0, (value - levels[lowest - 1]) * (value - levels[lowest - 1]) < limit { lowest -= 1 }
        var highest = band
        while highest < levels.count, (levels[highest] - value) * (levels[highest] - value) < limit { highest += 1 }
        guard lowest < highest else { return word }
        let inverse = 1 / gradientSquared.squareRoot()
        var word = word
        for k in lowest..<highest {
            let coverage = PixelBlend.lineCoverage(distance: abs(value - levels[k]) * inverse, width: lines.width)
            let steps = (coverage * lines.shades).rounded()
            if steps > 0 { word = lines.blend.over(word, coverage: steps / lines.shades) }
        }
        return word
    }
}
