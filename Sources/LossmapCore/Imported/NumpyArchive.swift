// Reading numpy's .npz files: a zip archive of .npy files, one per array, stored by np.savez and
// deflated by np.savez_compressed. The zip structures are PKWARE's APPNOTE.TXT (6.3.x):
// 4.3.7 local file header, 4.3.12 central directory header, 4.3.14 zip64 end of central
// directory record, 4.3.15 its locator, 4.3.16 end of central directory record, 4.5.3 the zip64
// extended information extra field. numpy opens every member with `force_zip64=True`, so its
// local headers carry zip64 fields even in small archives; archives past 4 GiB need them all.

import CZlib

/// The arrays of a numpy .npz archive, read from its central directory; each array is
/// unpacked and checked only when asked for.
public struct NumpyArchive: Sendable {
    /// The arrays' names in archive order, without ".npy" (as numpy's `NpzFile.files` lists them).
    public var names: [String] { members.map(\.name) }

    private let bytes: [UInt8]
    private let members: [Member]
    private let maxInflatedBytes: Int

    /// One file of the archive, as its central directory entry and local header place it.
    private struct Member: Sendable {
        var name: String
        var flags: Int
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var dataStart: Int
    }

    /// Reads the archive's directory. `maxInflatedBytes` bounds the size of any one array
    /// unpacked from it (a defence against zip bombs: a few KB that inflate to gigabytes).
    public init(bytes: [UInt8], maxInflatedBytes: Int) throws(NumpyError) {
        let zip = ZipBytes(bytes: bytes)
        let end = try zip.endOfCentralDirectory()
        var members: [Member] = []
        members.reserveCapacity(min(end.entries, end.size / 46))
        var p = end.offset
        let directoryEnd = end.offset + end.size
        for _ in 0..<end.entries {
            // Central directory header (4.3.12): 46 fixed bytes, then name, extra field, comment.
            guard zip.has(p, 46), p + 46 <= directoryEnd, zip.u32(p) == 0x0201_4B50 else {
                throw NumpyError("not a valid zip archive: its central directory is damaged (entry \(members.count + 1) of \(end.entries))")
            }
            let nameLength = zip.u16(p + 28), extraLength = zip.u16(p + 30), commentLength = zip.u16(p + 32)
            guard zip.has(p + 46, nameLength + extraLength + commentLength), p + 46 + nameLength + extraLength + commentLength <= directoryEnd else {
                throw NumpyError("not a valid zip archive: its central directory is damaged (entry \(members.count + 1) of \(end.entries))")
            }
            let path = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let shownPath = QuotedInput.shown(path)
            // Sizes and offset too large for their fields are -1 there, and 8 bytes each in
            // the zip64 extra field (4.5.3), in this order, only for those that are -1.
            var uncompressed = zip.u32(p + 24), compressed = zip.u32(p + 20), offset = zip.u32(p + 42)
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                guard let field = zip.zip64Field(in: (p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)) else {
                    throw NumpyError("not a valid zip archive: member `\(shownPath)` lacks the zip64 sizes its directory entry refers to")
                }
                var cursor = field.lowerBound
                func next() throws(NumpyError) -> Int {
                    guard cursor + 8 <= field.upperBound else {
                        throw NumpyError("not a valid zip archive: member `\(shownPath)` has a zip64 field too short for its sizes")
                    }
                    defer { cursor += 8 }
                    return zip.u64(cursor)
                }
                if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
                if compressed == 0xFFFF_FFFF { compressed = try next() }
                if offset == 0xFFFF_FFFF { offset = try next() }
            }
            guard uncompressed >= 0 else {
                throw NumpyError("not a valid zip archive: member `\(shownPath)` has an impossible size")
            }
            // Local file header (4.3.7): its name and extra field may differ in length from the
            // central directory's (numpy's has the zip64 sizes only here), so read its own.
            guard zip.has(offset, 30), zip.u32(offset) == 0x0403_4B50 else {
                throw NumpyError("not a valid zip archive: member `\(shownPath)` points to byte \(offset), where no file header is")
            }
            let dataStart = offset + 30 + zip.u16(offset + 26) + zip.u16(offset + 28)
            guard zip.has(dataStart, compressed) else {
                throw NumpyError("not a valid zip archive: the data of member `\(shownPath)` run past the end of the file")
            }
            let name = path.hasSuffix(".npy") ? String(path.dropLast(4)) : path
            members.append(Member(name: name, flags: zip.u16(p + 8), method: zip.u16(p + 10), crc: UInt32(zip.u32(p + 16)),
                                  compressedSize: compressed, uncompressedSize: uncompressed, dataStart: dataStart))
            p += 46 + nameLength + extraLength + commentLength
        }
        self.bytes = bytes
        self.members = members
        self.maxInflatedBytes = maxInflatedBytes
    }

    /// The array saved under `name` (as `np.savez(name=array)` names it), unpacked, its CRC-32
    /// checked, and read as a .npy file.
    public func array(named name: String) throws(NumpyError) -> NumpyArray {
        // The last of equal names, as Python's zipfile (and so numpy) finds it.
        guard let member = members.last(where: { $0.name == name }) else {
            let there = names.isEmpty ? "it holds no arrays" : "it holds " + names.map { "`\(QuotedInput.shown($0))`" }.joined(separator: ", ")
            throw NumpyError("the archive has no array `\(QuotedInput.shown(name))`; \(there)")
        }
        let shown = "array `\(QuotedInput.shown(name))`"
        guard member.flags & 1 == 0 else {
            throw NumpyError("\(shown) is encrypted, which lossmap does not read")
        }
        guard member.uncompressedSize <= maxInflatedBytes else {
            throw NumpyError("\(shown) is \(NumberFormatting.grouped(member.uncompressedSize)) bytes unpacked, more than the \(NumberFormatting.grouped(maxInflatedBytes)) lossmap reads from an archive")
        }
        let packed = bytes[member.dataStart..<(member.dataStart + member.compressedSize)]
        let data: [UInt8]
        switch member.method {
        case 0:
            guard member.compressedSize == member.uncompressedSize else {
                throw NumpyError("\(shown) is damaged: it is stored uncompressed, but its sizes differ (\(member.compressedSize) and \(member.uncompressedSize) bytes)")
            }
            data = Array(packed)
        case 8:
            data = try Self.inflate(packed, declared: member.uncompressedSize, shown: shown)
        default:
            let names = [1: "shrink", 6: "implode", 9: "deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "xz", 99: "AES encryption"]
            throw NumpyError("\(shown) is compressed with method \(member.method)\(names[member.method].map { " (\($0))" } ?? ""); lossmap reads stored and deflated arrays, as np.savez and np.savez_compressed write them")
        }
        let crc = data.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32_z(0, $0.baseAddress, $0.count)) }
        guard crc == member.crc else {
            throw NumpyError("\(shown) is damaged: its CRC-32 is \(Self.hex(crc)), the archive says \(Self.hex(member.crc))")
        }
        do {
            return try NumpyArray.parse(data)
        } catch {
            throw NumpyError("\(shown): \(error.message)")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Raw deflate (RFC 1951, no zlib or gzip wrapper: window bits -15) of `packed` into
    /// exactly `declared` bytes; more output than declared stops inflating at once.
    private static func inflate(_ packed: ArraySlice<UInt8>, declared: Int, shown: String) throws(NumpyError) -> [UInt8] {
        // Deflate expands at most 1032:1 (zlib's FAQ, "maximum compression ratio"): a larger
        // declared size is a lie, refused before anything is allocated for it.
        guard declared / 1032 <= packed.count else {
            throw NumpyError("\(shown) is damaged: it claims \(NumberFormatting.grouped(declared)) bytes, more than its \(NumberFormatting.grouped(packed.count)) compressed bytes can hold")
        }
        var stream = z_stream()
        // inflateInit2 is a C macro; this is what it expands to.
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw NumpyError("zlib could not start inflating \(shown)")
        }
        defer { inflateEnd(&stream) }
        // One byte more than declared: room to notice that the data go on past it.
        var output = [UInt8](repeating: 0, count: declared + 1)
        let failure: String? = packed.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var read = 0, written = 0
                while true {
                    // zlib counts in 32 bits; larger buffers go through in pieces.
                    let inChunk = min(input.count - read, Int(UInt32.max)), outChunk = min(out.count - written, Int(UInt32.max))
                    stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0 + read) }
                    stream.avail_in = UInt32(inChunk)
                    stream.next_out = out.baseAddress! + written
                    stream.avail_out = UInt32(outChunk)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    read += inChunk - Int(stream.avail_in)
                    written += outChunk - Int(stream.avail_out)
                    if written > declared {
                        return "it unpacks to more than the \(NumberFormatting.grouped(declared)) bytes the archive declares"
                    }
                    switch status {
                    case Z_STREAM_END:
                        return written == declared ? nil : "it unpacks to \(NumberFormatting.grouped(written)) bytes, the archive declares \(NumberFormatting.grouped(declared))"
                    case Z_OK:
                        continue
                    case Z_BUF_ERROR:
                        return "its compressed data end before the array does"
                    case Z_MEM_ERROR:
                        return "zlib ran out of memory"
                    default:
                        return "its compressed data are corrupt" + (stream.msg.map { " (zlib: \(String(cString: $0)))" } ?? "")
                    }
                }
            }
        }
        if let failure { throw NumpyError("\(shown) is damaged: \(failure)") }
        output.removeLast()
        return output
    }
}

/// Little-endian fields of a zip file, read only where `has` said they are.
private struct ZipBytes {
    let bytes: [UInt8]

    /// Whether `length` bytes from `offset` are inside the file, without overflowing.
    func has(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count && length <= bytes.count - offset
    }

    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    /// An 8-byte size or offset; one past `Int.max` cannot be in the file, and reads as -1 so `has` refuses it.
    func u64(_ at: Int) -> Int {
        let value = UInt64(u32(at)) | UInt64(u32(at + 4)) << 32
        return Int(exactly: value) ?? -1
    }

    /// The end of central directory record (4.3.16), and the zip64 one (4.3.14) when it
    /// holds the counts: where the central directory is, how long, and its entry count.
    func endOfCentralDirectory() throws(NumpyError) -> (offset: Int, size: Int, entries: Int) {
        // The record is 22 bytes and a comment of up to 65,535, so it starts within the last
        // 65,557 bytes; scanning back finds the last signature whose comment fits the file.
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 65_557)
        while at >= lowest, !(u32(at) == 0x0605_4B50 && at + 22 + u16(at + 20) <= bytes.count) { at -= 1 }
        guard at >= lowest, has(at, 22) else {
            let npy = bytes.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59])
            throw NumpyError("not a zip archive (an .npz file is one, as np.savez writes it)" + (npy ? ": this is a .npy file" : ""))
        }
        var disk = u16(at + 4), directoryDisk = u16(at + 6)
        var entries = u16(at + 10), size = u32(at + 12), offset = u32(at + 16)
        // The zip64 locator (4.3.15), 20 bytes right before the record, points to the zip64 record.
        if at >= 20, u32(at - 20) == 0x0706_4B50 {
            let record = u64(at - 20 + 8)
            guard has(record, 56), u32(record) == 0x0606_4B50 else {
                throw NumpyError("not a valid zip archive: its zip64 end of central directory record is missing")
            }
            disk = u32(record + 16)
            directoryDisk = u32(record + 20)
            entries = u64(record + 32)
            size = u64(record + 40)
            offset = u64(record + 48)
        } else if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw NumpyError("not a valid zip archive: it refers to a zip64 end of central directory record it does not have")
        }
        guard disk == 0, directoryDisk == 0 else {
            throw NumpyError("the archive is split across several files, which lossmap does not read")
        }
        guard entries >= 0, has(offset, size) else {
            throw NumpyError("not a valid zip archive: its central directory lies outside the file")
        }
        return (offset, size, entries)
    }

    /// The data of the zip64 extended information field (header id 0x0001, 4.5.3) among the
    /// extra fields in `range`, or nil.
    func zip64Field(in range: Range<Int>) -> Range<Int>? {
        var p = range.lowerBound
        while p + 4 <= range.upperBound {
            let id = u16(p), length = u16(p + 2)
            guard p + 4 + length <= range.upperBound else { return nil }
            if id == 0x0001 { return (p + 4)..<(p + 4 + length) }
            p += 4 + length
        }
        return nil
    }
}
