import CZlib
import Foundation

/// Writes a PNG datastream chunk by chunk to a file: the signature, then chunks framed as the
/// PNG specification (3rd edition, "Chunk layout") has them: a 4-byte big-endian length, the
/// 4-letter type, the data, and a CRC-32 of type and data ("CRC algorithm": the ISO 3309 /
/// ITU-T V.42 polynomial, which is exactly zlib's `crc32`).
///
/// It exists because Debian's libpng 1.6 cannot write animated PNGs, so `APNGWriter` frames
/// the chunks itself, and because `PNGWriter` deflates a still's pixels on several threads,
/// which libpng cannot. It writes straight to `path`; the caller makes the write atomic.
final class PNGChunkWriter {
    /// The PNG signature ("PNG signature"): a high byte, "PNG", CR LF, Ctrl-Z, LF.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// A chunk's data may be at most 2^31 − 1 bytes ("Chunk layout": the length is a PNG
    /// four-byte unsigned integer, which the specification limits to 2^31 − 1).
    static let maximumDataLength = Int(Int32.max)

    let path: String
    /// The path error messages name: the file's final name when `path` is a temporary one.
    let shownPath: String
    private var descriptor: Int32
    /// Bytes written so far, signature included.
    private(set) var bytesWritten = 0

    /// Creates (or truncates) the file at `path`; errors name `shownPath` (`path` if nil).
    init(path: String, shownPath: String? = nil) throws {
        self.path = path
        self.shownPath = shownPath ?? path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError("cannot write \(self.shownPath): \(String(cString: strerror(errno)))") }
    }

    deinit {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
    }

    func writeSignature() throws {
        try writeAll(Self.signature)
    }

    /// "IHDR Image header": 8 bits a sample, `colourType` (2 RGB, 6 RGBA), compression method 0,
    /// filter method 0, no interlace.
    func writeImageHeader(width: Int, height: Int, colourType: UInt8) throws {
        var header = [UInt8]()
        header.appendPNGInteger(UInt32(width))
        header.appendPNGInteger(UInt32(height))
        header += [8, colourType, 0, 0, 0]
        try writeChunk("IHDR", header)
    }

    /// Writes one chunk: length, `type` (four ASCII letters), `data`, CRC-32 over type and data.
    func writeChunk(_ type: String, _ data: [UInt8]) throws {
        try writeChunk(type, parts: [data[...]])
    }

    /// Writes one chunk whose data is `parts` one after another, without joining them first.
    func writeChunk(_ type: String, parts: [ArraySlice<UInt8>]) throws {
        let typeBytes = Array(type.utf8)
        precondition(typeBytes.count == 4 && typeBytes.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) },
                     "a PNG chunk type is four ASCII letters, not “\(type)”")
        let length = parts.reduce(0) { $0 + $1.count }
        guard length <= Self.maximumDataLength else {
            throw OutputError("cannot write \(shownPath): a \(type) chunk of \(length) bytes exceeds PNG's 2^31 − 1 limit")
        }
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        for part in parts {
            crc = part.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        }
        var head = [UInt8]()
        head.appendPNGInteger(UInt32(length))
        head += typeBytes
        var tail = [UInt8]()
        tail.appendPNGInteger(UInt32(truncatingIfNeeded: crc))
        if parts.count == 1 {
            // One buffer, one write(2) per chunk: a frame's chunk is at most a few megabytes.
            try writeAll(head + parts[0] + tail)
        } else {
            // Parts (a parallel zlib stream's pieces) are written as they are: joining them
            // would copy the whole image data once more.
            try writeAll(head[...])
            for part in parts { try writeAll(part) }
            try writeAll(tail[...])
        }
    }

    /// Writes `parts` (one datastream, e.g. a zlib stream) as consecutive chunks of `type`, each
    /// holding at most `maximumLength` bytes: "IDAT Image data" allows the stream to be split
    /// among several IDAT chunks at arbitrary boundaries.
    func writeChunks(_ type: String, parts: [[UInt8]], maximumLength: Int = maximumDataLength) throws {
        precondition(maximumLength > 0)
        var chunk: [ArraySlice<UInt8>] = [], room = maximumLength
        for part in parts {
            var rest = part[...]
            while !rest.isEmpty {
                let taken = rest.prefix(room)
                chunk.append(taken)
                rest = rest.dropFirst(taken.count)
                room -= taken.count
                if room == 0 {
                    try writeChunk(type, parts: chunk)
                    chunk = []
                    room = maximumLength
                }
            }
        }
        if !chunk.isEmpty { try writeChunk(type, parts: chunk) }
    }

    /// Closes the file; a full disk or a failing device can report here too, so it is checked.
    func close() throws {
        guard descriptor >= 0 else { return }
        let status = closeDescriptor(descriptor)
        descriptor = -1
        if status != 0 { throw OutputError("cannot write \(shownPath): \(String(cString: strerror(errno)))") }
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        try writeAll(bytes[...])
    }

    private func writeAll(_ bytes: ArraySlice<UInt8>) throws {
        guard descriptor >= 0 else { throw OutputError("internal error: \(shownPath) was already closed") }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = writeBytes(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        // ENOSPC (a full disk) and EFBIG (a file size limit) arrive here, named by strerror.
        if failure != 0 { throw OutputError("cannot write \(shownPath): \(String(cString: strerror(failure)))") }
        bytesWritten += bytes.count
    }
}

/// What a pHYs chunk says ("pHYs Physical pixel dimensions"): pixels per metre, the same on x
/// and y (square pixels), so slide software and image viewers place the image at its size in
/// inches (width / dpi). The specification counts per metre, not per inch: 1 in = 0.0254 m.
struct PhysicalSize: Equatable {
    /// The unit specifier for the metre; 0 would say "unknown", an aspect ratio only.
    static let metre: UInt8 = 1
    let pixelsPerMetre: UInt32

    /// `dpi` pixels per inch, rounded to whole pixels per metre: 96 dpi is 3780 (3779.5),
    /// read back as 96.012 dpi; nil when that is not a PNG four-byte integer of at least 1.
    init?(dpi: Double) {
        let perMetre = (dpi / 0.0254).rounded()
        guard perMetre.isFinite, perMetre >= 1, perMetre <= Double(Int32.max) else { return nil }
        pixelsPerMetre = UInt32(perMetre)
    }

    /// The chunk's 9 bytes: pixels per unit on x, on y, and the unit.
    var data: [UInt8] {
        var bytes = [UInt8]()
        bytes.appendPNGInteger(pixelsPerMetre)
        bytes.appendPNGInteger(pixelsPerMetre)
        bytes.append(Self.metre)
        return bytes
    }
}

/// zlib's deflate at a fixed level, so the same pixels always give the same bytes (with the
/// same zlib: another zlib version may choose other matches and give other, equally valid bytes).
enum PNGDeflate {
    /// Level 6: zlib's (and libpng's) default balance. APNG frames are small and encoded as they
    /// come, one at a time; the still PNG, one large image, uses level 3 (`PNGWriter`).
    static let defaultLevel: Int32 = 6

    /// The zlib stream (header, deflate data, Adler-32) of `bytes`: what IDAT and fdAT carry
    /// ("Compression": compression method 0 is zlib-format deflate).
    static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) throws -> [UInt8] {
        var capacity = compressBound(UInt(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &capacity, input.baseAddress, UInt(input.count), level)
            }
        }
        guard status == Z_OK else {
            // compressBound makes Z_BUF_ERROR impossible; Z_MEM_ERROR is the one left.
            throw OutputError("zlib could not deflate \(bytes.count) bytes (status \(status))")
        }
        output.removeSubrange(Int(capacity)...)
        return output
    }
}

/// PNG filter method 0 for 8-bit RGBA rows ("Filter types for filter method 0"), with the filter
/// type chosen per row by the heuristic the specification recommends ("Filter selection"):
/// the type whose output bytes, taken as signed differences, have the smallest sum of absolute
/// values. Ties go to the lower type number, so the choice is deterministic.
public enum PNGRowFilter {
    /// Which filter types rows get.
    public enum Selection: Sendable {
        /// Type 0 for every row.
        case none
        /// Per row, the type the specification's heuristic picks.
        case adaptive
    }

    /// Bytes per complete pixel: 4 for 8-bit RGBA (the "bpp" of the filter definitions).
    static let bytesPerPixel = 4

    /// `rgba` (height rows of width × 4 bytes) as the filtered scanlines a zlib stream of IDAT or
    /// fdAT holds: each row preceded by its filter type byte.
    static func filter(rgba: [UInt8], width: Int, height: Int, selection: Selection = .adaptive) -> [UInt8] {
        let bpp = bytesPerPixel, rowLength = width * bpp
        precondition(rgba.count == rowLength * height, "\(rgba.count) bytes do not make a \(width)×\(height) RGBA image")
        var output = [UInt8](repeating: 0, count: height * (rowLength + 1))
        let zeros = [UInt8](repeating: 0, count: rowLength)
        rgba.withUnsafeBufferPointer { image in
            zeros.withUnsafeBufferPointer { zeroRow in
                output.withUnsafeMutableBufferPointer { out in
                    for row in 0..<height {
                        let current = UnsafeBufferPointer(rebasing: image[(row * rowLength)..<((row + 1) * rowLength)])
                        // The row above the first is taken as zeros ("Filter types for filter method 0").
                        let prior = row == 0 ? zeroRow : UnsafeBufferPointer(rebasing: image[((row - 1) * rowLength)..<(row * rowLength)])
                        if selection == .none {
                            let start = row * (rowLength + 1)
                            out[start] = 0
                            for i in 0..<rowLength { out[start + 1 + i] = current[i] }
                            continue
                        }
                        var sums = [Int](repeating: 0, count: 5)
                        for i in 0..<rowLength {
                            let x = current[i], b = prior[i]
                            let a: UInt8 = i >= bpp ? current[i - bpp] : 0, c: UInt8 = i >= bpp ? prior[i - bpp] : 0
                            for type in 0..<5 { sums[type] += signedMagnitude(filtered(type, x: x, a: a, b: b, c: c)) }
                        }
                        var best = 0
                        for type in 1..<5 where sums[type] < sums[best] { best = type }
                        let start = row * (rowLength + 1)
                        out[start] = UInt8(best)
                        for i in 0..<rowLength {
                            let a: UInt8 = i >= bpp ? current[i - bpp] : 0, c: UInt8 = i >= bpp ? prior[i - bpp] : 0
                            out[start + 1 + i] = filtered(best, x: current[i], a: a, b: prior[i], c: c)
                        }
                    }
                }
            }
        }
        return output
    }

    /// Filt(x) for filter `type`: x the byte, a the one a pixel to the left, b the one above,
    /// c the one above and to the left; arithmetic modulo 256.
    @inline(__always)
    static func filtered(_ type: Int, x: UInt8, a: UInt8, b: UInt8, c: UInt8) -> UInt8 {
        switch type {
        case 0: return x                                                  // None
        case 1: return x &- a                                             // Sub
        case 2: return x &- b                                             // Up
        case 3: return x &- UInt8((Int(a) + Int(b)) >> 1)                  // Average: floor((a + b) / 2)
        default: return x &- paethPredictor(a: a, b: b, c: c)             // Paeth
        }
    }

    /// The Paeth predictor as the specification defines it ("Filter type 4: Paeth"): of a, b
    /// and c the one closest to a + b − c, ties broken in the order a, b, c.
    @inline(__always)
    static func paethPredictor(a: UInt8, b: UInt8, c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// |v| of a filtered byte read as a signed difference (two's complement): 255 counts as 1.
    @inline(__always)
    static func signedMagnitude(_ value: UInt8) -> Int {
        Int(min(value, 0 &- value))
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` as a PNG four-byte unsigned integer (network byte order, "Integers and byte order").
    mutating func appendPNGInteger(_ value: UInt32) {
        append(UInt8(value >> 24)); append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF)); append(UInt8(value & 0xFF))
    }

    /// Appends `value` as a PNG two-byte unsigned integer (network byte order).
    mutating func appendPNGInteger(_ value: UInt16) {
        append(UInt8(value >> 8)); append(UInt8(value & 0xFF))
    }
}

/// The C library's `write(2)` and `close(2)`, under names `PNGChunkWriter`'s own do not shadow.
private func writeBytes(_ fd: CInt, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private func closeDescriptor(_ fd: CInt) -> CInt {
    close(fd)
}
