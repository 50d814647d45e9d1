import CZlib
import Dispatch
import Foundation
import LossmapThreads

/// One zlib stream (RFC 1950) of an input compressed in contiguous pieces on several threads,
/// the way pigz does it (Mark Adler's parallel gzip, pigz.c: "parallel compression"):
///
/// - the input is cut into N contiguous pieces; each is deflated raw (RFC 1951, no zlib
///   wrapper: `deflateInit2` with windowBits −15) on its own thread;
/// - every piece but the first starts with `deflateSetDictionary` set to the last 32 KiB of the
///   previous piece's input, so matches may reach back across the cut as in a serial stream
///   (RFC 1951 §2: distances reach back at most 32768 bytes, the whole window);
/// - every piece but the last ends with `Z_SYNC_FLUSH`: the data so far plus an empty stored
///   block, which leaves the output byte-aligned and the last block not final (BFINAL 0), so
///   the next piece's blocks can simply follow; the last piece ends with `Z_FINISH`;
/// - the stream is the 2-byte zlib header, the pieces one after another, and the Adler-32 of the
///   whole input (RFC 1950 §2.2), combined from the pieces' own with zlib's `adler32_combine`.
///
/// The input is never held whole: `produce` writes any stretch of it on demand, so each thread
/// makes its piece (and the 32 KiB before it, for the dictionary) in small chunks. What a piece
/// compresses depends only on the input, the level, the strategy and N, never on which thread
/// runs first, so equal inputs give equal bytes.
struct ParallelDeflate {
    /// deflate's window: 32 KiB (RFC 1951 §2), the most a dictionary can usefully hold.
    static let windowSize = 32_768
    /// Pieces at most: the cap keeps a batch, which already renders one figure per core in
    /// worker processes, from starting cores² threads at once.
    static let maximumPieces = 4
    /// Bytes of input a piece gets at least. The count follows from the size alone, never from
    /// the machine's cores, so the same figure is the same bytes on every machine (pigz cuts
    /// fixed 128 KiB blocks for the same reason). 1 MiB makes the reference figure's 4.8 MB
    /// four pieces, two per core of the 2-core machines this was measured on: its halves took
    /// unequal times (the map's rows deflate slower than the legend's), and with quarters
    /// the core that finishes first takes the next (6.6 against 7.0 ms, 409 bytes more).
    static let minimumPieceLength = 1 * 1024 * 1024
    /// How much input a thread makes and hands to deflate at a time: small enough to stay in the
    /// cache, large enough that the calls cost nothing.
    static let chunkLength = 64 * 1024

    /// zlib level, 0–9.
    let level: Int32
    /// zlib strategy (`Z_DEFAULT_STRATEGY`, `Z_FILTERED`, `Z_RLE`, …).
    let strategy: Int32

    init(level: Int32, strategy: Int32 = Z_DEFAULT_STRATEGY) {
        self.level = level
        self.strategy = strategy
    }

    /// How many pieces an input of `length` bytes is cut into: no piece shorter than
    /// `minimumPieceLength`, at most `maximumPieces`.
    static func pieceCount(forLength length: Int) -> Int {
        max(1, min(maximumPieces, length / minimumPieceLength))
    }

    /// A complete zlib stream, kept in parts so they can be written without joining them.
    struct Stream {
        /// The 2-byte header (RFC 1950 §2.2: CMF, FLG).
        var header: [UInt8]
        /// Each piece's raw deflate data, in order.
        var pieces: [[UInt8]]
        /// The Adler-32 of the whole input, big-endian (RFC 1950 §2.2: ADLER32).
        var trailer: [UInt8]

        var parts: [[UInt8]] { [header] + pieces + [trailer] }
        var count: Int { parts.reduce(0) { $0 + $1.count } }
        /// The stream in one array (tests, small streams).
        var bytes: [UInt8] { parts.flatMap { $0 } }
    }

    /// Compresses the `length` bytes `produce` makes, in `pieces` pieces (the machine's choice if
    /// nil). `produce(offset, buffer)` must fill `buffer` with input bytes offset ..< offset +
    /// buffer.count; it is called from several threads at once, for disjoint or overlapping
    /// stretches, and must only read shared state.
    func compress(length: Int, pieces requested: Int? = nil,
                  produce: @Sendable (Int, UnsafeMutableRawBufferPointer) -> Void) throws -> Stream {
        precondition(length >= 0)
        let count = max(1, min(requested ?? Self.pieceCount(forLength: length), max(length, 1)))
        // Piece k is input[bounds[k] ..< bounds[k + 1]].
        let bounds = (0...count).map { length * $0 / count }
        var results = [PieceResult?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot, so the outcome does not depend on scheduling.
            nonisolated(unsafe) let slots = buffer.baseAddress!
            if count == 1 {
                slots[0] = compressPiece(bounds[0]..<bounds[1], last: true, produce: produce)
            } else {
                Parallelism.perform(iterations: count) { k in
                    slots[k] = compressPiece(bounds[k]..<bounds[k + 1], last: k == count - 1, produce: produce)
                }
            }
        }
        var compressed: [[UInt8]] = []
        var adler = adler32(0, nil, 0)
        for (k, result) in results.enumerated() {
            switch result! {
            case .failure(let message): throw OutputError(message)
            case .success(let data, let pieceAdler):
                compressed.append(data)
                // zlib.h, adler32_combine: the Adler-32 of a concatenation from the two parts' sums
                // and the second part's length (pigz combines its blocks' checks the same way).
                adler = k == 0 ? pieceAdler : adler32_combine(adler, pieceAdler, bounds[k + 1] - bounds[k])
            }
        }
        var trailer: [UInt8] = []
        trailer.appendPNGInteger(UInt32(truncatingIfNeeded: adler))
        return Stream(header: Self.header(level: level, strategy: strategy), pieces: compressed, trailer: trailer)
    }

    /// The zlib header zlib itself writes (deflate.c, "Write the zlib header"): CM 8 (deflate),
    /// CINFO 7 (a 32 KiB window), no preset dictionary, FLEVEL from the level and strategy, and
    /// FCHECK making CMF·256 + FLG a multiple of 31 (RFC 1950 §2.2).
    static func header(level: Int32, strategy: Int32) -> [UInt8] {
        let levelFlags: Int
        if strategy >= Z_HUFFMAN_ONLY || level < 2 { levelFlags = 0 }
        else if level < 6 { levelFlags = 1 }
        else if level == 6 { levelFlags = 2 }
        else { levelFlags = 3 }
        var header = 0x78 << 8 | levelFlags << 6
        header += 31 - header % 31
        return [UInt8(header >> 8), UInt8(header & 0xFF)]
    }

    enum PieceResult {
        case success([UInt8], adler: UInt)
        case failure(String)
    }

    /// Raw deflate of input[range], primed with the 32 KiB before it, ending in a sync flush
    /// (or, for the last piece, the final block); and the Adler-32 of input[range].
    private func compressPiece(_ range: Range<Int>, last: Bool,
                               produce: (Int, UnsafeMutableRawBufferPointer) -> Void) -> PieceResult {
        var stream = z_stream()
        // deflateInit2 is a C macro: its function with the version and size it passes.
        // memLevel 8: zlib's default (DEF_MEM_LEVEL), as compress2 and libpng use.
        var status = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, strategy, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { return .failure("zlib could not start deflating (status \(status))") }
        defer { deflateEnd(&stream) }

        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: max(Self.chunkLength, Self.windowSize), alignment: 16)
        defer { input.deallocate() }
        let outputLength = Int(deflateBound(&stream, UInt(Self.chunkLength))) + 64
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: outputLength, alignment: 16)
        defer { output.deallocate() }
        let base = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)

        if range.lowerBound > 0 {
            let start = max(0, range.lowerBound - Self.windowSize)
            let dictionary = UnsafeMutableRawBufferPointer(rebasing: input[0..<(range.lowerBound - start)])
            produce(start, dictionary)
            status = deflateSetDictionary(&stream, base, UInt32(dictionary.count))
            guard status == Z_OK else { return .failure("zlib refused the dictionary (status \(status))") }
        }

        var compressed: [UInt8] = []
        // A guess that saves most regrowth: figures deflate to well under a quarter.
        compressed.reserveCapacity(range.count / 4 + 1024)
        var adler = adler32(0, nil, 0)
        var offset = range.lowerBound
        repeat {
            let n = min(Self.chunkLength, range.upperBound - offset)
            produce(offset, UnsafeMutableRawBufferPointer(rebasing: input[0..<n]))
            adler = adler32(adler, base, UInt32(n))
            offset += n
            let flush = offset < range.upperBound ? Z_NO_FLUSH : (last ? Z_FINISH : Z_SYNC_FLUSH)
            stream.next_in = base
            stream.avail_in = UInt32(n)
            // zlib's documented loop (zlib.h, zpipe.c): call deflate until it leaves output room
            // unused, which means it has taken all the input and done the flush asked for.
            repeat {
                stream.next_out = out
                stream.avail_out = UInt32(outputLength)
                status = deflate(&stream, flush)
                // Z_BUF_ERROR only says no progress was possible: not fatal (zlib.h, deflate()).
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    return .failure("zlib could not deflate (status \(status))")
                }
                compressed.append(contentsOf: UnsafeBufferPointer(start: out, count: outputLength - Int(stream.avail_out)))
            } while stream.avail_out == 0
        } while offset < range.upperBound
        if last && status != Z_STREAM_END { return .failure("zlib did not finish the stream (status \(status))") }
        return .success(compressed, adler: adler)
    }
}
