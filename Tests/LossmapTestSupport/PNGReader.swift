import CCairo

/// Reads PNG files back into RGB pixels for the golden-image and output tests, with Cairo's
/// own PNG decoder (libpng underneath): a decoder lossmap did not write checks what lossmap wrote.
public enum PNGReader {
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The pixels of the PNG at `path` as 8-bit RGB rows, alpha composited over white.
    public static func read(_ path: String) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        guard let surface = cairo_image_surface_create_from_png(path) else {
            throw ReadError(description: "cannot read \(path)")
        }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ReadError(description: "cannot read \(path): " + String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw ReadError(description: "no pixels in \(path)") }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        rgb.withUnsafeMutableBufferPointer { out in
            for row in 0..<height {
                let words = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                var o = row * width * 3
                for column in 0..<width {
                    // ARGB32: premultiplied alpha in native-endian words; over white, a premultiplied
                    // channel c becomes c + (255 − a).
                    let word = words[column]
                    let a = (word >> 24) & 0xFF
                    out[o] = UInt8(min(255, ((word >> 16) & 0xFF) + 255 - a))
                    out[o + 1] = UInt8(min(255, ((word >> 8) & 0xFF) + 255 - a))
                    out[o + 2] = UInt8(min(255, (word & 0xFF) + 255 - a))
                    o += 3
                }
            }
        }
        return (width, height, rgb)
    }
}
