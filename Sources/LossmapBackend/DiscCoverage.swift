/// How much of each device pixel a set of discs covers: the mask a raster canvas fills a
/// path's step dots through, in one composite instead of one tessellated circle per dot.
///
/// Coverage of a pixel by a disc of radius r whose centre is d from the pixel's centre is
/// taken as clamp(r − d + ½, 0, 1): the area a straight edge at that distance leaves inside a
/// unit pixel, measured along the normal. For radii of a pixel and more it is within a few
/// per cent of the exact area (the discs' curvature is what it ignores), the approximation
/// signed-distance font and marker renderers use. Overlapping discs take the larger
/// coverage, so their union is filled once, as a non-zero fill of all of them would be.
/// Matplotlib's Agg backend draws markers the same way in spirit: rasterised once, then
/// stamped (it also snaps them to whole pixels, which this does not).
struct DiscCoverage {
    /// The mask's top-left device pixel and size; `stride` bytes per row (a multiple of 4,
    /// as Cairo's A8 surfaces need).
    let x: Int, y: Int, width: Int, height: Int, stride: Int
    /// 0…255 per pixel, row-major with `stride`.
    var bytes: [UInt8]
    /// The tiles (`tile` × `tile` pixels, counted from the mask's corner) that any disc
    /// touches: only these are composited, so dots spread over a large map cost their own
    /// pixels and not the whole box around them.
    var touchedTiles: [(column: Int, row: Int)]
    static let tile = 32

    /// The coverage of discs of `radius` device pixels around `centers` (device pixels),
    /// within `bounds` (x0, y0, x1, y1: the device pixels that can be painted).
    init?(centers: [(x: Double, y: Double)], radius: Double, bounds: (x0: Int, y0: Int, x1: Int, y1: Int)) {
        let reach = radius + 0.5
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        for c in centers where c.x.isFinite && c.y.isFinite {
            minX = min(minX, Int((c.x - reach).rounded(.down))); maxX = max(maxX, Int((c.x + reach).rounded(.up)))
            minY = min(minY, Int((c.y - reach).rounded(.down))); maxY = max(maxY, Int((c.y + reach).rounded(.up)))
        }
        minX = max(minX, bounds.x0); minY = max(minY, bounds.y0)
        maxX = min(maxX, bounds.x1); maxY = min(maxY, bounds.y1)
        guard radius > 0, radius.isFinite, minX < maxX, minY < maxY else { return nil }
        x = minX; y = minY; width = maxX - minX; height = maxY - minY
        stride = (width + 3) / 4 * 4
        var bytes = [UInt8](repeating: 0, count: stride * height)
        let tilesAcross = (width + Self.tile - 1) / Self.tile, tilesDown = (height + Self.tile - 1) / Self.tile
        var touched = [Bool](repeating: false, count: tilesAcross * tilesDown)
        // Pixels whose centres lie within r − ½ of a centre are covered whole (clamp gives 1):
        // only the ring outside that needs the square root.
        let reachSquared = reach * reach
        let whole = radius - 0.5, wholeSquared = whole > 0 ? whole * whole : -1
        let rowBytes = stride
        bytes.withUnsafeMutableBufferPointer { bytes in
            for c in centers where c.x.isFinite && c.y.isFinite {
                // The pixels whose centres can be within reach, clipped to the mask.
                let i0 = max(Int((c.x - reach).rounded(.down)), minX), i1 = min(Int((c.x + reach).rounded(.up)), maxX)
                let j0 = max(Int((c.y - reach).rounded(.down)), minY), j1 = min(Int((c.y + reach).rounded(.up)), maxY)
                guard i0 < i1, j0 < j1 else { continue }
                for j in j0..<j1 {
                    let dy = Double(j) + 0.5 - c.y
                    let dySquared = dy * dy
                    guard dySquared < reachSquared else { continue }
                    let row = (j - minY) * rowBytes - minX
                    for i in i0..<i1 {
                        let dx = Double(i) + 0.5 - c.x
                        let squared = dx * dx + dySquared
                        let byte: UInt8
                        if squared <= wholeSquared {
                            byte = 255
                        } else {
                            let coverage = radius - squared.squareRoot() + 0.5
                            guard coverage > 0 else { continue }
                            byte = coverage >= 1 ? 255 : UInt8((coverage * 255).rounded())
                        }
                        if byte > bytes[row + i] { bytes[row + i] = byte }
                    }
                }
                for tj in (j0 - minY) / Self.tile...((j1 - 1 - minY) / Self.tile) {
                    for ti in (i0 - minX) / Self.tile...((i1 - 1 - minX) / Self.tile) { touched[tj * tilesAcross + ti] = true }
                }
            }
        }
        self.bytes = bytes
        touchedTiles = touched.indices.filter { touched[$0] }.map { (column: $0 % tilesAcross, row: $0 / tilesAcross) }
    }
}
