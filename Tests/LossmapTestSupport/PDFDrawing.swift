import LossmapCanvas

/// The strokes and fills on the pages of a PDF that Cairo wrote, read back as `DrawnPath`s
/// in canvas pixels: each page's content stream is inflated and its path operators replayed
/// (m l c v y h re; S s f F f* B B* b b* n; q Q cm; RG rg G g).
///
/// Enough of PDF for what Cairo writes for a figure, no more: no XObjects are followed (the
/// reader counts `Do` so a test notices if they appear) and text is only counted.
public struct PDFDrawing {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public var paths: [DrawnPath] = []
    /// How many text-showing operators (Tj, TJ, ', ") the pages hold: zero means no text.
    public var textShows = 0
    /// How many external objects (`Do`) the pages paint; this reader does not look inside.
    public var externalObjects = 0
    public var pageCount = 0

    /// Reads `bytes`; `height` is the canvas height, to turn PDF's upward y into canvas pixels.
    public init(_ bytes: [UInt8], height: Double) throws {
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw Failure(description: "not a PDF: no %PDF- header") }
        let contents = Self.pageContentObjects(bytes)
        guard !contents.isEmpty else { throw Failure(description: "the PDF has no page with contents") }
        pageCount = contents.count
        for number in contents {
            let stream = try Self.stream(of: number, in: bytes)
            var interpreter = ContentInterpreter(height: height)
            interpreter.run(stream)
            paths += interpreter.paths
            textShows += interpreter.textShows
            externalObjects += interpreter.externalObjects
        }
    }

    /// The object numbers in `/Contents N 0 R` (or `[N 0 R …]`) of every `/Type /Page`.
    static func pageContentObjects(_ bytes: [UInt8]) -> [Int] {
        let page = Array("/Type /Page".utf8), contents = Array("/Contents".utf8), endobj = Array("endobj".utf8)
        var numbers: [Int] = []
        var i = 0
        while let found = firstIndex(of: page, in: bytes, from: i) {
            i = found + page.count
            // "/Type /Pages" is the page tree, not a page.
            guard i < bytes.count, bytes[i] != UInt8(ascii: "s"), let end = firstIndex(of: endobj, in: bytes, from: i),
                  let key = firstIndex(of: contents, in: bytes, from: i), key < end else { continue }
            // The references: numbers in threes, "N 0 R".
            let words = String(decoding: bytes[(key + contents.count)..<end], as: UTF8.self)
                .split(whereSeparator: { " \n\r[]".contains($0) })
            var k = 0
            while k + 2 < words.count, let n = Int(words[k]), words[k + 1] == "0", words[k + 2] == "R" {
                numbers.append(n)
                k += 3
            }
        }
        return numbers
    }

    /// The (inflated, when FlateDecode) data of the stream object `number`.
    static func stream(of number: Int, in bytes: [UInt8]) throws -> [UInt8] {
        // "N 0 obj" at the start of a line ("14 0 obj" must not match "4 0 obj").
        let header = Array("\n\(number) 0 obj".utf8)
        let start = firstIndex(of: header, in: bytes, from: 0).map { $0 + header.count }
        guard let start, let keyword = firstIndex(of: Array("stream".utf8), in: bytes, from: start) else {
            throw Failure(description: "object \(number) is not a stream")
        }
        let dictionary = String(decoding: bytes[start..<keyword], as: UTF8.self)
        var dataStart = keyword + 6
        if dataStart < bytes.count, bytes[dataStart] == 0x0D { dataStart += 1 }
        if dataStart < bytes.count, bytes[dataStart] == 0x0A { dataStart += 1 }
        guard let end = firstIndex(of: Array("endstream".utf8), in: bytes, from: dataStart) else {
            throw Failure(description: "object \(number): no endstream")
        }
        let data = Array(bytes[dataStart..<end])
        return dictionary.contains("/FlateDecode") ? try Zlib.inflate(data) : data
    }
}

/// Replays a content stream's path and colour operators.
struct ContentInterpreter {
    struct State {
        var stroke = RGBA.black
        var fill = RGBA.black
        /// The current transformation matrix [a b c d e f], user space to PDF space.
        var matrix: [Double] = [1, 0, 0, 1, 0, 0]
    }

    let height: Double
    var paths: [DrawnPath] = []
    var textShows = 0
    var externalObjects = 0
    var state = State()
    var stack: [State] = []
    var operands: [Double] = []
    var subpaths: [[CanvasPoint]] = []
    var current: [CanvasPoint] = []
    var closed = false

    init(height: Double) { self.height = height }

    /// A user-space point in canvas pixels (PDF y grows upwards from the page's bottom).
    func canvasPoint(_ x: Double, _ y: Double) -> CanvasPoint {
        let m = state.matrix
        return CanvasPoint(m[0] * x + m[2] * y + m[4], height - (m[1] * x + m[3] * y + m[5]))
    }

    mutating func run(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { run($0) }
    }

    private mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        func isWhite(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x00 }
        func isDelimiter(_ b: UInt8) -> Bool {
            isWhite(b) || b == 0x28 || b == 0x29 || b == 0x3C || b == 0x3E || b == 0x5B || b == 0x5D || b == 0x2F || b == 0x25
        }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < n {
            let b = bytes[i]
            if isWhite(b) {
                i += 1
                continue
            }
            switch b {
            case 0x25: // % comment
                while i < n && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
            case 0x28: // ( a literal string, with nesting and escapes: skipped
                var depth = 0
                while i < n {
                    let c = bytes[i]
                    if c == 0x5C { i += 2; continue }
                    if c == 0x28 { depth += 1 }
                    if c == 0x29 { depth -= 1 }
                    i += 1
                    if depth == 0 { break }
                }
            case 0x3C: // < a hex string, or << a dictionary's start
                if i + 1 < n && bytes[i + 1] == 0x3C { i += 2 } else {
                    while i < n && bytes[i] != 0x3E { i += 1 }
                    i += 1
                }
            case 0x3E, 0x5B, 0x5D: // > ] [
                i += 1
            case 0x2F: // /Name
                i += 1
                while i < n && !isDelimiter(bytes[i]) { i += 1 }
            case 0x2B, 0x2D, 0x2E, 0x30...0x39: // a number: [+-]digits[.digits]
                var sign = 1.0
                if b == 0x2D { sign = -1; i += 1 } else if b == 0x2B { i += 1 }
                var value = 0.0
                while i < n && isDigit(bytes[i]) {
                    value = value * 10 + Double(bytes[i] - 0x30)
                    i += 1
                }
                if i < n && bytes[i] == 0x2E {
                    i += 1
                    var scale = 0.1
                    while i < n && isDigit(bytes[i]) {
                        value += Double(bytes[i] - 0x30) * scale
                        scale *= 0.1
                        i += 1
                    }
                }
                operands.append(sign * value)
            default:
                let start = i
                while i < n && !isDelimiter(bytes[i]) { i += 1 }
                if i == start { i += 1; continue }
                apply(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                operands.removeAll(keepingCapacity: true)
            }
        }
    }

    mutating func finishSubpath() {
        if !current.isEmpty { subpaths.append(current) }
        current = []
    }

    mutating func paint(_ kinds: [DrawnPath.Kind]) {
        finishSubpath()
        for kind in kinds where !subpaths.isEmpty {
            paths.append(DrawnPath(kind: kind, color: kind == .stroke ? state.stroke : state.fill,
                                   subpaths: subpaths, closed: closed))
        }
        subpaths = []
        closed = false
    }

    mutating func apply(_ op: String) {
        let o = operands
        switch op {
        case "q": stack.append(state)
        case "Q": state = stack.popLast() ?? state
        case "cm" where o.count >= 6:
            let a = Array(o.suffix(6)), m = state.matrix
            state.matrix = [a[0] * m[0] + a[1] * m[2], a[0] * m[1] + a[1] * m[3],
                            a[2] * m[0] + a[3] * m[2], a[2] * m[1] + a[3] * m[3],
                            a[4] * m[0] + a[5] * m[2] + m[4], a[4] * m[1] + a[5] * m[3] + m[5]]
        case "RG" where o.count >= 3: state.stroke = RGBA(red: o[o.count - 3], green: o[o.count - 2], blue: o[o.count - 1])
        case "rg" where o.count >= 3: state.fill = RGBA(red: o[o.count - 3], green: o[o.count - 2], blue: o[o.count - 1])
        case "G" where o.count >= 1: state.stroke = RGBA(red: o[o.count - 1], green: o[o.count - 1], blue: o[o.count - 1])
        case "g" where o.count >= 1: state.fill = RGBA(red: o[o.count - 1], green: o[o.count - 1], blue: o[o.count - 1])
        case "m" where o.count >= 2:
            finishSubpath()
            current = [canvasPoint(o[o.count - 2], o[o.count - 1])]
        case "l" where o.count >= 2: current.append(canvasPoint(o[o.count - 2], o[o.count - 1]))
        case "c" where o.count >= 6: current.append(canvasPoint(o[o.count - 2], o[o.count - 1]))
        case "v", "y": if o.count >= 4 { current.append(canvasPoint(o[o.count - 2], o[o.count - 1])) }
        case "h":
            closed = true
            finishSubpath()
        case "re" where o.count >= 4:
            finishSubpath()
            let x = o[o.count - 4], y = o[o.count - 3], w = o[o.count - 2], h = o[o.count - 1]
            subpaths.append([canvasPoint(x, y), canvasPoint(x + w, y), canvasPoint(x + w, y + h), canvasPoint(x, y + h)])
            closed = true
        case "S": paint([.stroke])
        case "s":
            closed = true
            paint([.stroke])
        case "f", "F", "f*": paint([.fill])
        case "B", "B*": paint([.fill, .stroke])
        case "b", "b*":
            closed = true
            paint([.fill, .stroke])
        case "n":
            // The end of a clip path: nothing painted.
            finishSubpath()
            subpaths = []
            closed = false
        case "Tj", "TJ", "'", "\"": textShows += 1
        case "Do": externalObjects += 1
        default: break
        }
    }
}
