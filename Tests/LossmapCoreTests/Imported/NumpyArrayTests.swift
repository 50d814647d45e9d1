// The .npy reader against files written by numpy itself (scripts/make-numpy-fixtures.py), whose
// grids hold Z[i, j] = i·10 + j + 0.5, and against headers written here by hand.
//
// Mutations tried, each failing a test here: Fortran order read as C order (no transpose), the
// Fortran strides built from the wrong axis's length, '>' read as little-endian, version 2.0 read
// with a 2-byte header length, the trailing-bytes check dropped, `(5)` taken as a tuple.

import Foundation
@testable import LossmapCore
import Testing

/// The fixture files written by scripts/make-numpy-fixtures.py, found from this file.
enum NumpyFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/numpy")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// Z[i, j] = i·10 + j + 0.5 on `rows` × `columns`, in C order.
    static func grid(rows: Int, columns: Int) -> [Double] {
        (0..<rows).flatMap { i in (0..<columns).map { j in Double(i * 10 + j) + 0.5 } }
    }
}

/// A .npy file with `header` as its header text (padded as numpy pads it) and `data` after it.
private func npy(_ header: String, data: [UInt8] = [], version: UInt8 = 1) -> [UInt8] {
    var text = Array(header.utf8)
    let preamble = version == 1 ? 10 : 12
    while (preamble + text.count + 1) % 64 != 0 { text.append(0x20) }
    text.append(0x0A)
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    let length = text.count
    bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)]
        : [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
    return bytes + text + data
}

private func littleEndian(_ values: [Double]) -> [UInt8] {
    values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
}

private func refusal(_ bytes: [UInt8]) -> String? {
    do {
        _ = try NumpyArray.parse(bytes)
        return nil
    } catch {
        return error.message
    }
}

@Suite struct NumpyArrayTests {
    @Test("numpy's float64 grid in C order reads as Z[i, j] = i·10 + j + 0.5", arguments: [
        "grid-f8.npy", "grid-f4-big.npy", "grid-fortran.npy", "grid-version2.npy", "grid-version3.npy",
    ])
    func grid(name: String) throws {
        let array = try NumpyArray.parse(NumpyFixtures.bytes(name))
        #expect(array.shape == [3, 4])
        #expect(array.values == NumpyFixtures.grid(rows: 3, columns: 4))
    }

    @Test("a 3-D array reads in C order, whether numpy stored it in C or Fortran order", arguments: ["cube.npy", "cube-fortran.npy"])
    func cube(name: String) throws {
        let array = try NumpyArray.parse(NumpyFixtures.bytes(name))
        #expect(array.shape == [2, 3, 4])
        // np.arange(24).reshape(2, 3, 4): element (a, b, c) is 12a + 4b + c.
        #expect(array.values == (0..<24).map(Double.init))
    }

    @Test("a 0-d array is one number with an empty shape; an empty array has no values")
    func scalarAndEmpty() throws {
        #expect(try NumpyArray.parse(NumpyFixtures.bytes("scalar.npy")) == NumpyArray(shape: [], values: [2.5]))
        #expect(try NumpyArray.parse(NumpyFixtures.bytes("empty.npy")) == NumpyArray(shape: [0, 3], values: []))
    }

    @Test("np.arange's int64 coordinates become doubles")
    func arange() throws {
        #expect(try NumpyArray.parse(NumpyFixtures.bytes("arange-i8.npy")) == NumpyArray(shape: [5], values: [-2, -1, 0, 1, 2]))
    }

    @Test("every integer type reads in either byte order", arguments: [
        "int-i1.npy", "int-i2-little.npy", "int-i2-big.npy", "int-i4-little.npy", "int-i4-big.npy",
        "int-i8-little.npy", "int-i8-big.npy", "int-u1.npy", "int-u2-little.npy", "int-u2-big.npy",
        "int-u4-little.npy", "int-u4-big.npy", "int-u8-little.npy", "int-u8-big.npy",
    ])
    func integers(name: String) throws {
        let signed = name.hasPrefix("int-i")
        #expect(try NumpyArray.parse(NumpyFixtures.bytes(name)).values == (signed ? [-3, 0, 7, 100] : [0, 3, 7, 200]))
    }

    @Test("bool arrays read as 1 and 0")
    func bools() throws {
        #expect(try NumpyArray.parse(NumpyFixtures.bytes("bool.npy")).values == [1, 0, 1])
    }

    @Test("numpy's arrays of other kinds are refused, saying which kind", arguments: [
        ("object.npy", "object arrays (saved with allow_pickle) are not supported; lossmap reads float64, float32 and integer arrays"),
        ("complex.npy", "unsupported dtype `<c16` (complex); lossmap reads float64, float32 and integer arrays"),
        ("structured.npy", "structured arrays (with named fields) are not supported; lossmap reads float64, float32 and integer arrays"),
        ("float16.npy", "unsupported dtype `<f2` (float16); lossmap reads float64, float32 and integer arrays"),
        ("unicode.npy", "unsupported dtype `<U3` (text); lossmap reads float64, float32 and integer arrays"),
        ("bytes.npy", "unsupported dtype `|S3` (text); lossmap reads float64, float32 and integer arrays"),
        ("datetime.npy", "unsupported dtype `<M8[D]` (dates and times); lossmap reads float64, float32 and integer arrays"),
    ])
    func refusedKinds(name: String, message: String) throws {
        #expect(refusal(try NumpyFixtures.bytes(name)) == message)
    }

    @Test("damaged files say how: cut short, bytes after the data, not a .npy file")
    func damagedFiles() throws {
        // 3 × 4 doubles are 96 bytes; the fixture lost 5 of them, or gained 4.
        #expect(refusal(try NumpyFixtures.bytes("truncated.npy")) == "the file is cut short: the array needs 96 bytes of data, the file has 91 after its header")
        #expect(refusal(try NumpyFixtures.bytes("trailing.npy")) == "the file has 4 bytes after the array's data (the array needs 96, the file has 100 after its header)")
        #expect(refusal(try NumpyFixtures.bytes("bad-magic.npy")) == "not a .npy file: it does not begin with numpy's signature \\x93NUMPY")
        #expect(refusal(try NumpyFixtures.bytes("grid.npz")) == "not a .npy file: it does not begin with numpy's signature \\x93NUMPY (it is a zip archive; is it an .npz?)")
        #expect(refusal([]) == "not a .npy file: it does not begin with numpy's signature \\x93NUMPY")
    }

    @Test("a header is read with its keys in any order, either quotes, any spacing and Python 2's L suffix")
    func tolerantHeader() throws {
        let data = littleEndian([1, 2, 3, 4, 5, 6])
        for header in [
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
            "{\"shape\":(2,3),\"fortran_order\":False,\"descr\":\"<f8\"}",
            "{ 'fortran_order' : False ,\n 'shape' : ( 2L , 3L ) , 'descr' : '<f8' }",
        ] {
            #expect(try NumpyArray.parse(npy(header, data: data)) == NumpyArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]), "\(header)")
        }
        #expect(try NumpyArray.parse(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3)}", data: data)).values == [1, 3, 5, 2, 4, 6])
        #expect(try NumpyArray.parse(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6,)}", data: data, version: 2)).shape == [6])
        #expect(try NumpyArray.parse(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,)}", data: [7, 250])).values == [7, 250])
        // '=' is the machine's order, little-endian on every machine lossmap is built for.
        #expect(try NumpyArray.parse(npy("{'descr': '=f8', 'fortran_order': False, 'shape': (1,)}", data: littleEndian([0.25]))).values == [0.25])
    }

    @Test("malformed headers and impossible shapes are refused, never trapped on", arguments: [
        ("{'descr': '<f8', 'fortran_order': False}", "malformed .npy header: it has no shape"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "malformed .npy header: unexpected key `extra` (a header holds descr, fortran_order and shape)"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}", "malformed .npy header: shape is not a tuple such as (3, 4)"),
        ("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}", "malformed .npy header: fortran_order is not True or False"),
        ("{'descr': '|f8', 'fortran_order': False, 'shape': (2,)}", "malformed .npy header: dtype `|f8` does not say its byte order"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 2)}", "the shape (-1, 2) has a negative length"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4)}", "the shape (4611686018427387904, 4) has too many elements to count"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,)}", "the shape (2305843009213693952,) needs more bytes than can be counted"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", "the .npy header's shape has a length too large to count"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)", "malformed .npy header: a bracket that is never closed at byte 119 of `{'descr': '<f8', 'fortran_order': False, 'shape': (2,)      …`"),
    ])
    func malformedHeaders(header: String, message: String) {
        #expect(refusal(npy(header)) == message)
    }

    @Test("unsupported versions and a header longer than the file are refused")
    func preamble() {
        #expect(refusal(Array(npy("{}").prefix(6)) + [4, 0, 0, 0]) == "unsupported .npy version 4.0; lossmap reads versions 1.0, 2.0 and 3.0")
        #expect(refusal([0x93] + Array("NUMPY".utf8) + [1, 0, 0xFF, 0x00, 0x7B]) == "the .npy header should be 255 bytes long, but the file has only 1 after its preamble")
        #expect(refusal([0x93] + Array("NUMPY".utf8) + [2, 0, 0x01]) == "the .npy file ends inside its preamble, before the header's length")
        // 100,000 open brackets: refused by depth, not by exhausting the stack.
        #expect(refusal(npy(String(repeating: "(", count: 100_000), version: 2)) == "malformed .npy header: brackets nested too deeply at byte 33 of `((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((…`")
    }

    @Test("every prefix and thousands of corrupted copies of a file are read or refused, never trapped on")
    func neverTraps() throws {
        let original = try NumpyFixtures.bytes("grid-fortran.npy")
        for length in 0..<original.count { #expect(refusal(Array(original.prefix(length))) != nil) }
        var random = SplitMix64(seed: 2024)
        for _ in 0..<5_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                // Mostly the header, where the parsing is.
                let at = Int.random(in: 0..<(Bool.random(using: &random) ? 128 : bytes.count), using: &random)
                bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
            _ = refusal(bytes)
        }
    }
}
