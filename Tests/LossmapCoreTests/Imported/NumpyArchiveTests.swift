// The .npz reader against archives written by np.savez and np.savez_compressed (with numpy's
// forced zip64 local headers), one written by hand with zip64 fields everywhere (checked with
// Python's zipfile and numpy.load), and copies of them damaged here byte by byte.
//
// Mutations tried, each failing a test here: the local header's name and extra lengths taken
// from the central directory (numpy's differ by the 20-byte zip64 field), the zip64 extra
// field's offset read before its sizes, the zip64 end record ignored, the CRC check dropped, the
// zip-bomb limit compared against the compressed size, the end record searched for only where an
// archive without a comment has it.

import Foundation
@testable import LossmapCore
import Testing

/// Where things are in a zip, for damaging them on purpose (APPNOTE.TXT 4.3.12, 4.3.16).
private struct ZipLayout {
    var bytes: [UInt8]

    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    mutating func put32(_ value: Int, at: Int) {
        for k in 0..<4 { bytes[at + k] = UInt8(value >> (8 * k) & 0xFF) }
    }

    var endRecord: Int {
        (0...(bytes.count - 22)).reversed().first { u32($0) == 0x0605_4B50 }!
    }
    var directoryOffset: Int { u32(endRecord + 16) }

    /// The central directory entry of `path`.
    func entry(_ path: String) -> Int {
        var p = directoryOffset
        while String(decoding: bytes[(p + 46)..<(p + 46 + u16(p + 28))], as: UTF8.self) != path {
            p += 46 + u16(p + 28) + u16(p + 30) + u16(p + 32)
        }
        return p
    }
}

private func archiveRefusal(_ bytes: [UInt8], max: Int = 1 << 20, reading name: String = "loss") -> String? {
    do {
        _ = try NumpyArchive(bytes: bytes, maxInflatedBytes: max).array(named: name)
        return nil
    } catch {
        return error.message
    }
}

@Suite struct NumpyArchiveTests {
    @Test("np.savez, np.savez_compressed and a zip64 archive give the grid and its coordinates", arguments: [
        "grid.npz", "grid-compressed.npz", "grid-zip64.npz",
    ])
    func grid(name: String) throws {
        let archive = try NumpyArchive(bytes: NumpyFixtures.bytes(name), maxInflatedBytes: 1 << 20)
        #expect(archive.names == ["w1", "w2", "loss"])
        #expect(try archive.array(named: "w1") == NumpyArray(shape: [4], values: [0, 1, 2, 3]))
        #expect(try archive.array(named: "w2") == NumpyArray(shape: [5], values: [-1, -0.5, 0, 0.5, 1]))
        #expect(try archive.array(named: "loss") == NumpyArray(shape: [5, 4], values: NumpyFixtures.grid(rows: 5, columns: 4)))
    }

    @Test("a missing array is named along with those there are")
    func missingMember() throws {
        let archive = try NumpyArchive(bytes: NumpyFixtures.bytes("grid.npz"), maxInflatedBytes: 1 << 20)
        #expect(throws: NumpyError("the archive has no array `los`; it holds `w1`, `w2`, `loss`")) { try archive.array(named: "los") }
    }

    @Test("a byte flipped in deflated data, or in stored data, is caught")
    func corruptData() throws {
        let message = try #require(archiveRefusal(NumpyFixtures.bytes("grid-corrupt.npz")))
        #expect(message.hasPrefix("array `loss` is damaged: "), "\(message)")
        // The stored archive's last data byte belongs to the loss, the last member.
        var zip = ZipLayout(bytes: try NumpyFixtures.bytes("grid.npz"))
        zip.bytes[zip.directoryOffset - 1] ^= 0x01
        let crc = zip.u32(zip.entry("loss.npy") + 16)
        let hex = String(crc, radix: 16, uppercase: true)
        let stated = "0x" + String(repeating: "0", count: 8 - hex.count) + hex
        let refusal = try #require(archiveRefusal(zip.bytes))
        #expect(refusal.hasPrefix("array `loss` is damaged: its CRC-32 is 0x") && refusal.hasSuffix(", the archive says \(stated)"), "\(refusal)")
        #expect(archiveRefusal(zip.bytes, reading: "w1") == nil)
    }

    @Test("methods other than stored and deflate, and encrypted members, are refused")
    func refusedMembers() throws {
        #expect(archiveRefusal(try NumpyFixtures.bytes("method-lzma.npz"))
                == "array `loss` is compressed with method 14 (LZMA); lossmap reads stored and deflated arrays, as np.savez and np.savez_compressed write them")
        var zip = ZipLayout(bytes: try NumpyFixtures.bytes("grid.npz"))
        zip.bytes[zip.entry("loss.npy") + 8] |= 1
        #expect(archiveRefusal(zip.bytes) == "array `loss` is encrypted, which lossmap does not read")
    }

    @Test("an array larger unpacked than the limit is refused, and so is inflating past the declared size")
    func zipBombs() throws {
        // loss.npy is 128 header bytes and 20 doubles: 288 bytes; w1.npy 128 + 4 × 8 = 160.
        let compressed = try NumpyFixtures.bytes("grid-compressed.npz")
        #expect(archiveRefusal(compressed, max: 287) == "array `loss` is 288 bytes unpacked, more than the 287 lossmap reads from an archive")
        #expect(archiveRefusal(compressed, max: 288) == nil)
        var zip = ZipLayout(bytes: compressed)
        zip.put32(100, at: zip.entry("loss.npy") + 24)
        #expect(archiveRefusal(zip.bytes) == "array `loss` is damaged: it unpacks to more than the 100 bytes the archive declares")
        zip.put32(300, at: zip.entry("loss.npy") + 24)
        #expect(archiveRefusal(zip.bytes) == "array `loss` is damaged: it unpacks to 288 bytes, the archive declares 300")
        // Deflate cannot expand more than 1032 times: a larger claim is refused before allocating it.
        let packed = zip.u32(zip.entry("loss.npy") + 20)
        zip.put32(packed * 1032 + 1032, at: zip.entry("loss.npy") + 24)
        #expect(archiveRefusal(zip.bytes, max: Int.max)
                == "array `loss` is damaged: it claims \(NumberFormatting.grouped(packed * 1032 + 1032)) bytes, more than its \(packed) compressed bytes can hold")
    }

    @Test("files that are not zip archives, or whose records point outside them, are refused")
    func notArchives() throws {
        func opening(_ bytes: [UInt8]) -> String? {
            do {
                _ = try NumpyArchive(bytes: bytes, maxInflatedBytes: 1 << 20)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(opening(try NumpyFixtures.bytes("grid-f8.npy")) == "not a zip archive (an .npz file is one, as np.savez writes it): this is a .npy file")
        #expect(opening([]) == "not a zip archive (an .npz file is one, as np.savez writes it)")
        var zip = ZipLayout(bytes: try NumpyFixtures.bytes("grid.npz"))
        zip.put32(zip.bytes.count, at: zip.endRecord + 16)
        #expect(opening(zip.bytes) == "not a valid zip archive: its central directory lies outside the file")
        zip = ZipLayout(bytes: try NumpyFixtures.bytes("grid.npz"))
        zip.put32(0xFFFF_FFFF, at: zip.endRecord + 16)
        #expect(opening(zip.bytes) == "not a valid zip archive: it refers to a zip64 end of central directory record it does not have")
        zip = ZipLayout(bytes: try NumpyFixtures.bytes("grid.npz"))
        zip.put32(zip.bytes.count - 10, at: zip.entry("w2.npy") + 42)
        #expect(opening(zip.bytes) == "not a valid zip archive: member `w2.npy` points to byte \(zip.bytes.count - 10), where no file header is")
    }

    @Test("every prefix and thousands of corrupted copies of an archive are read or refused, never trapped on", arguments: [
        "grid.npz", "grid-compressed.npz", "grid-zip64.npz",
    ])
    func neverTraps(name: String) throws {
        let original = try NumpyFixtures.bytes(name)
        func readEverything(_ bytes: [UInt8]) {
            guard let archive = try? NumpyArchive(bytes: bytes, maxInflatedBytes: 1 << 16) else { return }
            for name in archive.names { _ = try? archive.array(named: name) }
        }
        for length in 0..<original.count { readEverything(Array(original.prefix(length))) }
        var random = SplitMix64(seed: 7)
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                // Mostly the directory and end records, where the offsets are.
                let from = Bool.random(using: &random) ? max(0, bytes.count - 300) : 0
                bytes[Int.random(in: from..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            readEverything(bytes)
        }
    }
}
