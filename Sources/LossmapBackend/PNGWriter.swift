import CPNG
import Foundation

/// Writes 8-bit RGB pixels as a PNG through libpng.
///
/// The file is written to a temporary name in the same folder and renamed into place, so a
/// failed or interrupted write never leaves a truncated figure or clobbers the last good one.
/// No time chunk is written, so the same pixels and texts always give the same bytes.
public enum PNGWriter {
    /// zlib level 6: libpng's default balance; level 9 is ~2× slower for ~3% smaller files.
    public static let defaultCompressionLevel: Int32 = 6
    /// Row filters (PNG_FILTER_NONE = 0x08 … PAETH = 0x80; -1: libpng's adaptive choice).
    /// No filter: figures are mostly flat colour, which deflate packs best unfiltered. Measured
    /// on the reference figure (`lossmap bench --png-options`): unfiltered level 6 took 29 ms for
    /// 357 KB, libpng's adaptive filtering 51 ms for 383 KB.
    public static let defaultFilters: Int32 = 0x08

    public static func write(rgb: [UInt8], width: Int, height: Int, to url: URL,
                             compressionLevel: Int32 = defaultCompressionLevel, filters: Int32 = defaultFilters,
                             texts: [(key: String, value: String)] = []) throws {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw OutputError("internal error: \(rgb.count) bytes do not make a \(width)×\(height) RGB image")
        }
        let temporary = AtomicFile.temporaryURL(for: url)
        guard let file = fopen(temporary.path, "wb") else {
            throw OutputError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        var error = lossmap_png_error()
        // libpng keeps pointers to the text chunks until png_write_info, so the C strings
        // must outlive the call: strdup them and free them afterwards.
        let keys = texts.prefix(8).map { strdup($0.key) }
        let values = texts.prefix(8).map { strdup($0.value) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keyPointers = keys.map { UnsafePointer<CChar>($0) }
        let valuePointers = values.map { UnsafePointer<CChar>($0) }
        let result = rgb.withUnsafeBufferPointer { pixels in
            keyPointers.withUnsafeBufferPointer { k in
                valuePointers.withUnsafeBufferPointer { v in
                    lossmap_png_write(file, pixels.baseAddress, UInt32(width), UInt32(height), UInt32(width * 3), 3,
                                      compressionLevel, filters, k.baseAddress, v.baseAddress, Int32(keyPointers.count), &error)
                }
            }
        }
        // The first failure's reason: a full disk shows as ENOSPC from the flush or the close.
        var reason: Int32 = 0
        if fflush(file) != 0 { reason = errno }
        if fclose(file) != 0, reason == 0 { reason = errno }
        guard result == 0, reason == 0 else {
            // Every failure path removes the temporary; a killed process's is swept by the
            // next batch (AtomicFile.removeStaleTemporaries).
            unlink(temporary.path)
            let message = withUnsafeBytes(of: error.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            throw OutputError("cannot write \(url.path): \(result != 0 ? "libpng: " + message : String(cString: strerror(reason)))")
        }
        try AtomicFile.moveIntoPlace(temporary, url)
    }
}

extension PNGWriter {
    /// A bare libpng write of the same pixels at the same level: no text chunks, no temporary
    /// file, no rename. The baseline `lossmap bench` measures our writer against.
    public static func writePlain(rgb: [UInt8], width: Int, height: Int, to path: String,
                                  compressionLevel: Int32 = defaultCompressionLevel, filters: Int32 = -1) throws {
        guard let file = fopen(path, "wb") else { throw OutputError("cannot write \(path)") }
        var error = lossmap_png_error()
        let result = rgb.withUnsafeBufferPointer { pixels in
            lossmap_png_write(file, pixels.baseAddress, UInt32(width), UInt32(height), UInt32(width * 3), 3,
                              compressionLevel, filters, nil, nil, 0, &error)
        }
        fclose(file)
        if result != 0 { throw OutputError("libpng failed writing \(path)") }
    }
}
