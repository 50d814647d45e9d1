/// Cairo's CAIRO_FORMAT_ARGB32 pixels: one native-endian 32-bit word each, alpha in the top
/// byte, red, green and blue below it, premultiplied by alpha (cairo.h, cairo_format_t).
enum ARGB32 {
    /// The straight (not premultiplied) red, green and blue of `word`. For the opaque pixels of
    /// a figure (every pixel lies over the opaque background) this is exact; for others it
    /// rounds to the nearest and clamps at 255; a fully transparent pixel is black.
    @inline(__always)
    static func rgb(_ word: UInt32) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let a = word >> 24
        var r = (word >> 16) & 0xFF, g = (word >> 8) & 0xFF, b = word & 0xFF
        if a != 0 && a != 255 {
            r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a)
            b = min(255, (b * 255 + a / 2) / a)
        }
        return (UInt8(r), UInt8(g), UInt8(b))
    }
}
