import LossmapCanvas

/// A colour composited OVER a premultiplied ARGB pixel at some coverage (Porter–Duff "over"),
/// with the colour's premultiplied channels worked out once: what the map's isolines and the
/// mountain's faces and paths are painted into pixels with.
struct PixelBlend {
    /// Premultiplied channels × 255.
    let a: Double, r: Double, g: Double, b: Double
    /// The colour's own word, for an opaque colour at full coverage.
    let solid: UInt32?

    init(_ color: RGBA) {
        let alpha = min(max(color.alpha, 0), 1)
        a = alpha * 255
        r = min(max(color.red, 0), 1) * alpha * 255
        g = min(max(color.green, 0), 1) * alpha * 255
        b = min(max(color.blue, 0), 1) * alpha * 255
        solid = alpha >= 1 ? PixelImage.argb(color) : nil
    }

    @inline(__always)
    func over(_ pixel: UInt32, coverage: Double) -> UInt32 {
        guard coverage > 0 else { return pixel }
        if coverage >= 1, let solid { return solid }
        let keep = 1 - a / 255 * coverage
        // Rounded to the nearest byte: the sums are never negative, so + ½ and truncation do it.
        @inline(__always) func channel(_ shift: UInt32, _ value: Double) -> UInt32 {
            UInt32(min(value * coverage + Double((pixel >> shift) & 0xFF) * keep + 0.5, 255)) << shift
        }
        return channel(24, a) | channel(16, r) | channel(8, g) | channel(0, b)
    }

    /// How much of a pixel a line `width` wide covers when its centre is `distance` from the
    /// line: clamp(width/2 − d + ½, 0, 1), the area a straight edge at that distance leaves in
    /// a unit pixel, measured along the normal (round caps and joins come from measuring the
    /// distance to segments). Within a few per cent of the exact area for lines a pixel wide
    /// and more; the signed-distance approximation font and marker renderers use.
    @inline(__always)
    static func lineCoverage(distance: Double, width: Double) -> Double {
        min(max(width / 2 - distance + 0.5, 0), 1)
    }
}
