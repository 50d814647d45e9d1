import Foundation
import LossmapBackend
import Testing

@Suite struct PNGWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a written PNG starts with the signature and an IHDR of the right size, and equal pixels give equal bytes")
    func writesDeterministicPNG() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let width = 7, height = 3
        let rgb = (0..<(width * height * 3)).map { UInt8($0 % 256) }
        let a = folder.appendingPathComponent("a.png"), b = folder.appendingPathComponent("b.png")
        try PNGWriter.write(rgb: rgb, width: width, height: height, to: a, texts: [("lossmap-config", "title = \"x\"")])
        try PNGWriter.write(rgb: rgb, width: width, height: height, to: b, texts: [("lossmap-config", "title = \"x\"")])
        let bytes = try [UInt8](Data(contentsOf: a))
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        #expect(Int(bytes[16]) << 24 | Int(bytes[17]) << 16 | Int(bytes[18]) << 8 | Int(bytes[19]) == width)
        #expect(Int(bytes[20]) << 24 | Int(bytes[21]) << 16 | Int(bytes[22]) << 8 | Int(bytes[23]) == height)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        // The config travels in a tEXt chunk; no tIME chunk is written.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("lossmap-config"))
        #expect(!text.contains("tIME"))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.png", "b.png"])
    }

    @Test("a failed write leaves the previous file untouched")
    func failedWriteKeepsOldFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("keep.png")
        try Data("old".utf8).write(to: target)
        #expect(throws: OutputError.self) {
            try PNGWriter.write(rgb: [1, 2, 3], width: 2, height: 2, to: target)
        }
        #expect(try Data(contentsOf: target) == Data("old".utf8))
        let missing = folder.appendingPathComponent("no/such/folder/x.png")
        #expect(throws: OutputError.self) {
            try PNGWriter.write(rgb: [1, 2, 3], width: 1, height: 1, to: missing)
        }
    }
}
