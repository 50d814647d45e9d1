import Foundation

/// An animated PNG read back chunk by chunk, for the tests: every CRC checked with a CRC-32 of
/// our own (not zlib's, which the writer uses), so a writer that frames or checksums chunks
/// wrongly cannot agree with itself here.
public struct APNGChunks {
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// One chunk as stored: its type, its data, and where its length field starts in the file.
    public struct Chunk {
        public let type: String
        public let data: [UInt8]
        public let offset: Int
    }

    /// The fields of an fcTL chunk ("fcTL Frame Control Chunk", PNG specification 3rd edition).
    public struct FrameControl: Equatable, CustomStringConvertible {
        public let sequence: Int
        public let width: Int
        public let height: Int
        public let x: Int
        public let y: Int
        public let delayNumerator: Int
        public let delayDenominator: Int
        public let dispose: Int
        public let blend: Int

        public init(sequence: Int, width: Int, height: Int, x: Int, y: Int,
                    delayNumerator: Int, delayDenominator: Int, dispose: Int, blend: Int) {
            self.sequence = sequence; self.width = width; self.height = height; self.x = x; self.y = y
            self.delayNumerator = delayNumerator; self.delayDenominator = delayDenominator
            self.dispose = dispose; self.blend = blend
        }

        public var description: String {
            "fcTL #\(sequence) \(width)×\(height) at (\(x), \(y)), delay \(delayNumerator)/\(delayDenominator), dispose \(dispose), blend \(blend)"
        }
    }

    /// Every chunk, in file order.
    public let chunks: [Chunk]
    /// acTL's num_frames and num_plays, nil without an acTL.
    public let animation: (frames: Int, plays: Int)?
    /// The fcTL chunks in file order.
    public let frameControls: [FrameControl]
    /// The sequence numbers of the fdAT chunks in file order.
    public let frameDataSequences: [Int]
    /// The sequence numbers of fcTL and fdAT together, in file order (0, 1, 2, … when right).
    public let sequenceNumbers: [Int]
    /// Whether the first IDAT comes before the first fdAT (true too when there is no fdAT).
    public let idatBeforeFirstFDAT: Bool
    /// Whether an fcTL comes before the first IDAT, i.e. the default image is the first frame.
    public let fcTLBeforeIDAT: Bool

    /// The chunk types in file order.
    public var types: [String] { chunks.map(\.type) }

    /// Reads and checks the PNG at `path`: signature, chunk framing, every chunk's CRC.
    public static func read(_ path: String) throws -> APNGChunks {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try APNGChunks(bytes: bytes, name: path)
    }

    public init(bytes: [UInt8], name: String = "the PNG") throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else {
            throw ReadError(description: "\(name) does not start with the PNG signature")
        }
        var chunks = [Chunk]()
        var offset = 8
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { throw ReadError(description: "\(name): a truncated chunk at byte \(offset)") }
            let length = Self.integer(bytes, offset)
            guard length <= Int(Int32.max), offset + 12 + length <= bytes.count else {
                throw ReadError(description: "\(name): the chunk at byte \(offset) claims \(length) bytes, past the end of the file")
            }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let stored = UInt32(Self.integer(bytes, offset + 8 + length))
            let computed = CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)])
            guard stored == computed else {
                throw ReadError(description: "\(name): the \(type) chunk at byte \(offset) has CRC \(hex(stored)), expected \(hex(computed))")
            }
            chunks.append(Chunk(type: type, data: data, offset: offset))
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard chunks.last?.type == "IEND", offset == bytes.count else {
            throw ReadError(description: "\(name) does not end with IEND")
        }
        self.chunks = chunks

        var animation: (frames: Int, plays: Int)?
        var controls = [FrameControl](), dataSequences = [Int](), sequences = [Int]()
        for chunk in chunks {
            let d = chunk.data
            switch chunk.type {
            case "acTL":
                guard d.count == 8 else { throw ReadError(description: "\(name): acTL holds \(d.count) bytes, not 8") }
                animation = (Self.integer(d, 0), Self.integer(d, 4))
            case "fcTL":
                guard d.count == 26 else { throw ReadError(description: "\(name): fcTL holds \(d.count) bytes, not 26") }
                let control = FrameControl(
                    sequence: Self.integer(d, 0), width: Self.integer(d, 4), height: Self.integer(d, 8),
                    x: Self.integer(d, 12), y: Self.integer(d, 16),
                    delayNumerator: Int(d[20]) << 8 | Int(d[21]), delayDenominator: Int(d[22]) << 8 | Int(d[23]),
                    dispose: Int(d[24]), blend: Int(d[25]))
                controls.append(control)
                sequences.append(control.sequence)
            case "fdAT":
                guard d.count >= 4 else { throw ReadError(description: "\(name): fdAT holds \(d.count) bytes, no sequence number") }
                dataSequences.append(Self.integer(d, 0))
                sequences.append(Self.integer(d, 0))
            default:
                break
            }
        }
        self.animation = animation
        frameControls = controls
        frameDataSequences = dataSequences
        sequenceNumbers = sequences
        let types = chunks.map(\.type)
        let firstIDAT = types.firstIndex(of: "IDAT")
        let firstFDAT = types.firstIndex(of: "fdAT")
        let firstFCTL = types.firstIndex(of: "fcTL")
        idatBeforeFirstFDAT = firstIDAT != nil && (firstFDAT == nil || firstIDAT! < firstFDAT!)
        fcTLBeforeIDAT = firstFCTL != nil && firstIDAT != nil && firstFCTL! < firstIDAT!
    }

    /// A PNG four-byte unsigned integer (big-endian) at `offset`.
    static func integer(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }
}

/// CRC-32 as the PNG specification's sample code computes it ("CRC algorithm" and its annex
/// "Sample CRC implementation"): the reflected polynomial 0xEDB88320, a 256-entry table, the
/// register started at all ones and inverted at the end.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum<Bytes: Collection>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

private func hex(_ value: UInt32) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
}
