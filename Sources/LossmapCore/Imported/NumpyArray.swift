// Reading numpy's .npy files, as NEP 1 ("A Simple File Format for NumPy Arrays") describes them
// and numpy/lib/format.py writes them:
//
//   "\x93NUMPY", major and minor version bytes, the header's length (little-endian: 2 bytes in
//   version 1.0, 4 in 2.0 and 3.0), the header (a Python dict literal such as
//   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }, padded with spaces and a
//   newline; Latin-1 text before 3.0, UTF-8 from it), then the raw elements and nothing else.

/// An n-dimensional numeric array read from a .npy file, its values as doubles.
public struct NumpyArray: Sendable, Equatable {
    /// The length of each dimension, outermost first (`[]` for a single number).
    public var shape: [Int]
    /// Every element, in C (row-major) order whatever order the file stored them in.
    public var values: [Double]

    /// Reads a whole .npy file: float64, float32, integer and bool arrays, either byte order,
    /// C or Fortran order. Anything else, or a damaged file, is an error saying what it is.
    public static func parse(_ bytes: [UInt8]) throws(NumpyError) -> NumpyArray {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
        guard bytes.count >= 8, bytes[0..<6].elementsEqual(magic) else {
            let zip = bytes.starts(with: [0x50, 0x4B])  // "PK": a zip archive, such as an .npz
            throw NumpyError("not a .npy file: it does not begin with numpy's signature \\x93NUMPY"
                             + (zip ? " (it is a zip archive; is it an .npz?)" : ""))
        }
        let major = bytes[6], minor = bytes[7]
        guard minor == 0, (1...3).contains(major) else {
            throw NumpyError("unsupported .npy version \(major).\(minor); lossmap reads versions 1.0, 2.0 and 3.0")
        }
        // Version 1.0 counts the header in 2 bytes; 2.0 and 3.0 in 4 (numpy.lib.format).
        let lengthBytes = major == 1 ? 2 : 4
        let headerStart = 8 + lengthBytes
        guard bytes.count >= headerStart else {
            throw NumpyError("the .npy file ends inside its preamble, before the header's length")
        }
        var headerLength = 0
        for k in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(bytes[8 + k]) }
        guard headerLength <= bytes.count - headerStart else {
            throw NumpyError("the .npy header should be \(NumberFormatting.grouped(headerLength)) bytes long, but the file has only \(NumberFormatting.grouped(bytes.count - headerStart)) after its preamble")
        }
        let dataStart = headerStart + headerLength
        let header = try NumpyHeader(bytes[headerStart..<dataStart], utf8: major >= 3)

        var count = 1
        for length in header.shape {
            guard length >= 0 else { throw NumpyError("the shape \(header.shapeText) has a negative length") }
            let (product, overflow) = count.multipliedReportingOverflow(by: length)
            guard !overflow else { throw NumpyError("the shape \(header.shapeText) has too many elements to count") }
            count = product
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: header.element.size)
        guard !overflow else { throw NumpyError("the shape \(header.shapeText) needs more bytes than can be counted") }
        let present = bytes.count - dataStart
        guard needed <= present else {
            throw NumpyError("the file is cut short: the array needs \(NumberFormatting.grouped(needed)) bytes of data, the file has \(NumberFormatting.grouped(present)) after its header")
        }
        guard needed == present else {
            throw NumpyError("the file has \(NumberFormatting.grouped(present - needed)) bytes after the array's data (the array needs \(NumberFormatting.grouped(needed)), the file has \(NumberFormatting.grouped(present)) after its header)")
        }

        let stored = bytes.withUnsafeBytes { raw in
            header.element.decode(UnsafeRawBufferPointer(rebasing: raw[dataStart...]), count: count)
        }
        let values = header.fortranOrder ? cOrder(fromFortran: stored, shape: header.shape) : stored
        return NumpyArray(shape: header.shape, values: values)
    }

    /// The elements of a Fortran-order array (first index fastest) in C order (last index fastest).
    static func cOrder(fromFortran stored: [Double], shape: [Int]) -> [Double] {
        guard shape.count >= 2, !stored.isEmpty else { return stored }
        // Element (i₀, …, iₙ₋₁) is at Σ iₖ·strideₖ in Fortran order, with stride₀ = 1 and
        // strideₖ = strideₖ₋₁ · shapeₖ₋₁; none overflows, their product being the element count.
        var strides = [Int](repeating: 1, count: shape.count)
        for k in 1..<shape.count { strides[k] = strides[k - 1] * shape[k - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        var result = [Double]()
        result.reserveCapacity(stored.count)
        for _ in 0..<stored.count {
            result.append(stored[source])
            // Advance the C-order index like an odometer, last digit first.
            var k = shape.count - 1
            while k >= 0 {
                index[k] += 1
                source += strides[k]
                if index[k] < shape[k] { break }
                source -= strides[k] * shape[k]
                index[k] = 0
                k -= 1
            }
        }
        return result
    }
}

/// Why a .npy or .npz file cannot be read, in the user's words (the caller adds the file's name).
public struct NumpyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A .npy header's three keys (numpy.lib.format refuses a header with any other).
private struct NumpyHeader {
    var element: NumpyElement
    var fortranOrder: Bool
    var shape: [Int]
    var shapeText: String { shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")" }

    init(_ text: ArraySlice<UInt8>, utf8: Bool) throws(NumpyError) {
        var parser = PythonLiteralParser(bytes: text, utf8: utf8)
        guard case .dict(let entries) = try parser.parseHeader() else {
            throw NumpyError("malformed .npy header: it is not a dict of descr, fortran_order and shape")
        }
        var descr: PythonLiteral?, fortran: PythonLiteral?, shape: PythonLiteral?
        for (key, value) in entries {
            switch key {
            case "descr": descr = value
            case "fortran_order": fortran = value
            case "shape": shape = value
            default: throw NumpyError("malformed .npy header: unexpected key `\(QuotedInput.shown(key))` (a header holds descr, fortran_order and shape)")
            }
        }
        guard let descr, let fortran, let shape else {
            let missing = [("descr", descr), ("fortran_order", fortran), ("shape", shape)].filter { $0.1 == nil }.map(\.0)
            throw NumpyError("malformed .npy header: it has no \(missing.joined(separator: " or "))")
        }
        switch descr {
        case .string(let name): element = try NumpyElement(descr: name)
        case .list: throw NumpyError("structured arrays (with named fields) are not supported; lossmap reads float64, float32 and integer arrays")
        default: throw NumpyError("malformed .npy header: descr is not a dtype name")
        }
        guard case .bool(let isFortran) = fortran else {
            throw NumpyError("malformed .npy header: fortran_order is not True or False")
        }
        fortranOrder = isFortran
        guard case .tuple(let lengths) = shape else {
            throw NumpyError("malformed .npy header: shape is not a tuple such as (3, 4)")
        }
        var dimensions: [Int] = []
        for length in lengths {
            guard case .integer(let n) = length else {
                throw NumpyError("malformed .npy header: shape holds something other than whole numbers")
            }
            dimensions.append(n)
        }
        self.shape = dimensions
    }
}

/// The element types lossmap reads, with their byte order.
private struct NumpyElement {
    enum Kind { case float64, float32, signed, unsigned, bool }
    var kind: Kind
    var size: Int
    var bigEndian: Bool

    static let readable = "lossmap reads float64, float32 and integer arrays"

    /// A dtype's name as numpy's `dtype.str` spells it: byte order (`<` little, `>` big, `=`
    /// native, `|` not applicable), kind letter, size in bytes (numpy.lib.format's descr).
    init(descr: String) throws(NumpyError) {
        let shown = QuotedInput.shown(descr)
        var rest = Substring(descr)
        var order: Character = "="
        if let first = rest.first, "<>=|".contains(first) {
            order = first
            rest = rest.dropFirst()
        }
        guard let letter = rest.first else { throw NumpyError("malformed .npy header: descr `\(shown)` names no dtype") }
        let size = Int(rest.dropFirst())
        func refuse(_ what: String) -> NumpyError {
            NumpyError("unsupported dtype `\(shown)` (\(what)); \(Self.readable)")
        }
        switch (letter, size) {
        case ("O", _): throw NumpyError("object arrays (saved with allow_pickle) are not supported; \(Self.readable)")
        case ("U", _), ("S", _), ("a", _): throw refuse("text")
        case ("c", _): throw refuse("complex")
        case ("M", _), ("m", _): throw refuse("dates and times")
        case ("V", _): throw refuse("raw bytes")
        case ("f", 8?): kind = .float64
        case ("f", 4?): kind = .float32
        case ("f", 2?): throw refuse("float16")
        case ("f", _): throw refuse("extended precision")
        case ("i", let n?) where [1, 2, 4, 8].contains(n): kind = .signed
        case ("u", let n?) where [1, 2, 4, 8].contains(n): kind = .unsigned
        case ("b", 1?): kind = .bool
        default: throw NumpyError("unsupported dtype `\(shown)`; \(Self.readable)")
        }
        self.size = size ?? 0
        guard order != "|" || self.size == 1 else {
            throw NumpyError("malformed .npy header: dtype `\(shown)` does not say its byte order")
        }
        #if _endian(big)
        bigEndian = order == ">" || order == "="
        #else
        bigEndian = order == ">"
        #endif
    }

    /// `count` elements from `raw` (which holds exactly `count × size` bytes), as doubles.
    /// Integers beyond 2⁵³ round to the nearest double.
    func decode(_ raw: UnsafeRawBufferPointer, count: Int) -> [Double] {
        switch (kind, size) {
        case (.float64, _): return load(raw, count, UInt64.self) { Double(bitPattern: $0) }
        case (.float32, _): return load(raw, count, UInt32.self) { Double(Float(bitPattern: $0)) }
        case (.bool, _): return load(raw, count, UInt8.self) { $0 == 0 ? 0 : 1 }
        case (.signed, 1): return load(raw, count, Int8.self) { Double($0) }
        case (.signed, 2): return load(raw, count, Int16.self) { Double($0) }
        case (.signed, 4): return load(raw, count, Int32.self) { Double($0) }
        case (.signed, _): return load(raw, count, Int64.self) { Double($0) }
        case (.unsigned, 1): return load(raw, count, UInt8.self) { Double($0) }
        case (.unsigned, 2): return load(raw, count, UInt16.self) { Double($0) }
        case (.unsigned, 4): return load(raw, count, UInt32.self) { Double($0) }
        case (.unsigned, _): return load(raw, count, UInt64.self) { Double($0) }
        }
    }

    private func load<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, _ count: Int, _: T.Type,
                                            _ convert: (T) -> Double) -> [Double] {
        let big = bigEndian
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count {
                let stored = raw.loadUnaligned(fromByteOffset: k * MemoryLayout<T>.size, as: T.self)
                buffer[k] = convert(big ? T(bigEndian: stored) : T(littleEndian: stored))
            }
            initialized = count
        }
    }
}

/// The Python literals a .npy header is made of.
private indirect enum PythonLiteral {
    case string(String), integer(Int), bool(Bool), none
    case tuple([PythonLiteral]), list([PythonLiteral]), dict([(String, PythonLiteral)])
}

/// A tolerant reader of the one dict literal a .npy header holds: keys in any order, any
/// spacing, strings in ' or ", True/False/None, integers (with the `L` suffix Python 2 wrote,
/// which numpy.lib.format's `_filter_header` also drops), tuples (`(5,)`, `()`; `(5)` is 5, as
/// in Python) and lists (a structured dtype's descr).
private struct PythonLiteralParser {
    let bytes: ArraySlice<UInt8>
    let utf8: Bool
    var position: Int
    /// Deep enough for any dtype numpy writes; a header of nested brackets cannot exhaust the stack.
    static let maxDepth = 32

    init(bytes: ArraySlice<UInt8>, utf8: Bool) {
        self.bytes = bytes
        self.utf8 = utf8
        position = bytes.startIndex
    }

    mutating func parseHeader() throws(NumpyError) -> PythonLiteral {
        let value = try parseValue(depth: 0)
        skipSpace()
        guard position == bytes.endIndex else { throw malformed("text after the dict") }
        return value
    }

    private func malformed(_ what: String) -> NumpyError {
        NumpyError("malformed .npy header: \(what) at byte \(position - bytes.startIndex + 1) of `\(QuotedInput.shown(latin1: bytes))`")
    }

    private mutating func skipSpace() {
        while position < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func parseValue(depth: Int) throws(NumpyError) -> PythonLiteral {
        guard depth < Self.maxDepth else { throw malformed("brackets nested too deeply") }
        skipSpace()
        guard position < bytes.endIndex else { throw malformed("the header ends where a value should be") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var entries: [(String, PythonLiteral)] = []
            for item in try parseItems(closing: UInt8(ascii: "}"), depth: depth, isDict: true).items {
                guard case .tuple(let pair) = item, pair.count == 2, case .string(let key) = pair[0] else {
                    throw malformed("a dict key that is not a string")
                }
                entries.append((key, pair[1]))
            }
            return .dict(entries)
        case UInt8(ascii: "("):
            position += 1
            let (items, trailingComma) = try parseItems(closing: UInt8(ascii: ")"), depth: depth, isDict: false)
            // `(x)` is x in Python; only a comma makes a tuple of one: `(x,)`.
            if items.count == 1, !trailingComma { return items[0] }
            return .tuple(items)
        case UInt8(ascii: "["):
            position += 1
            return .list(try parseItems(closing: UInt8(ascii: "]"), depth: depth, isDict: false).items)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try parseInteger())
        default:
            for (word, value) in [("True", PythonLiteral.bool(true)), ("False", .bool(false)), ("None", .none)]
            where bytes[position...].starts(with: word.utf8) {
                position += word.utf8.count
                return value
            }
            throw malformed("unexpected `\(QuotedInput.shown(latin1: bytes[position..<min(position + 1, bytes.endIndex)]))`")
        }
    }

    /// Comma-separated items up to `closing` (a trailing comma allowed); a dict's items are
    /// `key: value` pairs, returned as 2-tuples. Says whether a comma followed the last item.
    private mutating func parseItems(closing: UInt8, depth: Int, isDict: Bool) throws(NumpyError) -> (items: [PythonLiteral], trailingComma: Bool) {
        var items: [PythonLiteral] = []
        var trailingComma = false
        while true {
            skipSpace()
            guard position < bytes.endIndex else { throw malformed("a bracket that is never closed") }
            if bytes[position] == closing {
                position += 1
                return (items, trailingComma)
            }
            var item = try parseValue(depth: depth + 1)
            if isDict {
                skipSpace()
                guard position < bytes.endIndex, bytes[position] == UInt8(ascii: ":") else { throw malformed("a missing `:`") }
                position += 1
                item = .tuple([item, try parseValue(depth: depth + 1)])
            }
            items.append(item)
            skipSpace()
            guard position < bytes.endIndex else { throw malformed("a bracket that is never closed") }
            trailingComma = bytes[position] == UInt8(ascii: ",")
            if trailingComma {
                position += 1
            } else if bytes[position] != closing {
                throw malformed("a missing comma")
            }
        }
    }

    private mutating func parseString() throws(NumpyError) -> String {
        let quote = bytes[position]
        position += 1
        var content: [UInt8] = []
        while position < bytes.endIndex, bytes[position] != quote {
            // A backslash keeps the next character as it is: enough for the names numpy writes.
            if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.endIndex { position += 1 }
            content.append(bytes[position])
            position += 1
        }
        guard position < bytes.endIndex else { throw malformed("a string that is never closed") }
        position += 1
        return utf8 ? String(decoding: content, as: UTF8.self) : QuotedInput.latin1(content)
    }

    private mutating func parseInteger() throws(NumpyError) -> Int {
        var negative = false
        if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        var value = 0, digits = 0
        while position < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(bytes[position] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw NumpyError("the .npy header's shape has a length too large to count") }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw malformed("a sign without digits") }
        if position < bytes.endIndex, bytes[position] == UInt8(ascii: "L") || bytes[position] == UInt8(ascii: "l") { position += 1 }
        return negative ? -value : value
    }
}

private extension QuotedInput {
    /// Latin-1 bytes as text: each byte is the scalar of the same number (.npy headers before 3.0).
    static func latin1(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    static func shown(latin1 bytes: some Collection<UInt8>) -> String {
        shown(latin1(bytes.prefix(maxShown + 1)))
    }
}
