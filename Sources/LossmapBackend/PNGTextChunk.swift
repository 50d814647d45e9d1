/// The data of an iTXt chunk, as libpng 1.6 wrote lossmap's texts before lossmap wrote its PNGs
/// itself (png_write_iTXt with no language tag and no translated keyword).
///
/// iTXt is the PNG text chunk for UTF-8 (tEXt and zTXt are Latin-1, and configs hold η and w₁).
/// Its layout ("iTXt International textual data"): keyword, NUL, compression flag, compression
/// method 0, language tag (empty), NUL, translated keyword (empty), NUL, text. Long texts (an
/// embedded config) are deflated into a zlib stream; short ones stay readable in the file.
enum PNGTextChunk {
    /// Texts longer than this many bytes are deflated: the rule the libpng writer applied.
    static let compressionThreshold = 512

    /// The chunk data for `key` and `value`. A keyword is 1–79 printable Latin-1 characters with
    /// no leading, trailing or doubled spaces ("Keywords and text strings"); lossmap's keys are
    /// ASCII constants, so anything else is a programming error, reported as such. As in the C
    /// strings libpng took, key and value end at a NUL byte.
    static func data(key: String, value: String) throws -> [UInt8] {
        let keyword = Array(key.utf8.prefix(while: { $0 != 0 }))
        guard (1...79).contains(keyword.count), keyword.allSatisfy({ (0x20...0x7E).contains($0) }),
              keyword.first != 0x20, keyword.last != 0x20,
              !zip(keyword, keyword.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 }) else {
            throw OutputError("internal error: “\(key)” is not a PNG text keyword")
        }
        let text = Array(value.utf8.prefix(while: { $0 != 0 }))
        let compressed = text.count > compressionThreshold
        var data = keyword
        // NUL, compression flag, compression method 0 (zlib deflate), empty language tag and
        // translated keyword, each ended by its NUL.
        data += [0, compressed ? 1 : 0, 0, 0, 0]
        // libpng deflates texts at zlib's default level whatever the image's level.
        data += compressed ? libpngHeader(try PNGDeflate.compress(text, level: PNGDeflate.defaultLevel), length: text.count) : text
        return data
    }

    /// `stream` (a zlib stream of `length` bytes with a 32 KiB window) with the header libpng
    /// gives it. libpng deflates a text of at most 16 KiB with the window cut to the smallest
    /// power of two that still holds the text and zlib's 262-byte lookahead (pngwutil.c,
    /// png_deflate_claim). Within a window that holds all of the input no match can reach
    /// further either way, so zlib emits the same deflate data; only CINFO (the window size
    /// in the header, RFC 1950 §2.2) and with it FCHECK differ.
    static func libpngHeader(_ stream: [UInt8], length: Int) -> [UInt8] {
        var windowBits = 15
        if length <= 16384 {
            var halfWindow = 1 << (windowBits - 1)
            while length + 262 <= halfWindow {
                halfWindow >>= 1
                windowBits -= 1
            }
        }
        guard windowBits < 15, stream.count >= 2 else { return stream }
        var patched = stream
        // CMF: CM 8 (deflate), CINFO = log2(window) − 8. FLG keeps FLEVEL and FDICT; FCHECK makes
        // CMF·256 + FLG a multiple of 31.
        let cmf = (windowBits - 8) << 4 | 8
        var flg = Int(stream[1]) & 0xE0
        flg += 31 - (cmf << 8 + flg) % 31
        patched[0] = UInt8(cmf)
        patched[1] = UInt8(flg)
        return patched
    }
}
