/// A block of device pixels to be drawn as they are: what a raster canvas takes when a view
/// already knows the colour of every pixel (the map's bands, looked up per pixel).
///
/// Pixels are 32-bit premultiplied ARGB (alpha in the high byte), Cairo's `ARGB32` and
/// pixman's native layout, so a raster canvas copies them without converting. A pixel with
/// alpha 0 leaves what is below it.
public struct PixelImage: Sendable, Equatable {
    /// The device pixel column and row of the image's top-left pixel.
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    /// Row-major, `width × height` pixels.
    public var pixels: [UInt32]

    public init(x: Int, y: Int, width: Int, height: Int, pixels: [UInt32]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height,
                     "PixelImage: \(pixels.count) pixels for \(width) × \(height)")
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The premultiplied ARGB word of `color`: each channel scaled by alpha and rounded, as
    /// Cairo stores a solid colour's pixels.
    public static func argb(_ color: RGBA) -> UInt32 {
        func byte(_ v: Double) -> UInt32 { UInt32((min(max(v, 0), 1) * 255).rounded()) }
        let a = min(max(color.alpha, 0), 1)
        return byte(a) << 24 | byte(color.red * a) << 16 | byte(color.green * a) << 8 | byte(color.blue * a)
    }

    /// The pixel at column `i`, row `j` of the image.
    public subscript(i: Int, j: Int) -> UInt32 { pixels[j * width + i] }
}
