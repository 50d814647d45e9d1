import LossmapCanvas

/// The strokes and fills of an SVG that Cairo wrote, read back as `DrawnPath`s: every
/// `<path>` and `<rect>` with a colour of its own. Glyph outlines (in `<defs>`, coloured by the
/// group that uses them) are left out; `glyphUses` counts the glyphs drawn instead.
///
/// Cairo writes absolute commands (M, L, C, Z) in user units, which are canvas pixels.
public struct SVGDrawing {
    public var paths: [DrawnPath] = []
    /// How many glyphs the drawing places (`<use xlink:href="#glyph…">`): zero means no text.
    public var glyphUses = 0

    public init(_ text: String) {
        let bytes = Array(text.utf8)
        let use = Array("use ".utf8), path = Array("path ".utf8), rect = Array("rect ".utf8), glyph = Array("#glyph".utf8)
        var i = 0
        while let open = firstIndex(of: [UInt8(ascii: "<")], in: bytes, from: i) {
            guard let close = firstIndex(of: [UInt8(ascii: ">")], in: bytes, from: open) else { break }
            i = close + 1
            let tag = bytes[(open + 1)..<close]
            if tag.starts(with: use) {
                if firstIndex(of: glyph, in: Array(tag), from: 0) != nil { glyphUses += 1 }
                continue
            }
            let isRect = tag.starts(with: rect)
            guard isRect || tag.starts(with: path) else { continue }
            let attributes = Self.attributes(String(decoding: tag, as: UTF8.self))
            let style = Self.style(attributes["style"] ?? "")
            let fill = style["fill"].flatMap(Self.color), stroke = style["stroke"].flatMap(Self.color)
            // Glyph outlines carry no colour of their own.
            guard fill != nil || stroke != nil else { continue }
            var subpaths: [[CanvasPoint]]
            var closed: Bool
            if isRect {
                let x = Double(attributes["x"] ?? "0") ?? 0, y = Double(attributes["y"] ?? "0") ?? 0
                let w = Double(attributes["width"] ?? "0") ?? 0, h = Double(attributes["height"] ?? "0") ?? 0
                subpaths = [[CanvasPoint(x, y), CanvasPoint(x + w, y), CanvasPoint(x + w, y + h), CanvasPoint(x, y + h)]]
                closed = true
            } else {
                (subpaths, closed) = Self.pathData(attributes["d"] ?? "")
            }
            if let matrix = attributes["transform"].flatMap(Self.matrix) {
                subpaths = subpaths.map { $0.map { p in
                    CanvasPoint(matrix[0] * p.x + matrix[2] * p.y + matrix[4], matrix[1] * p.x + matrix[3] * p.y + matrix[5])
                } }
            }
            if let fill { paths.append(DrawnPath(kind: .fill, color: fill, subpaths: subpaths, closed: closed)) }
            if let stroke { paths.append(DrawnPath(kind: .stroke, color: stroke, subpaths: subpaths, closed: closed)) }
        }
    }

    /// `name="value"` pairs of a tag.
    static func attributes(_ tag: String) -> [String: String] {
        var result: [String: String] = [:]
        let bytes = Array(tag.utf8)
        var i = 0, nameStart = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                nameStart = i + 1
                i += 1
            case UInt8(ascii: "=") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\""):
                var end = i + 2
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
                let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
                result[name] = String(decoding: bytes[min(i + 2, end)..<end], as: UTF8.self)
                i = end + 1
                nameStart = i
            default:
                i += 1
            }
        }
        return result
    }

    /// `key:value;` pairs of a style attribute.
    static func style(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(separator: ";") {
            guard let colon = part.firstIndex(of: ":") else { continue }
            result[part[..<colon].trimmingSpaces] = part[part.index(after: colon)...].trimmingSpaces
        }
        return result
    }

    /// `rgb(83.529412%,36.862745%,0%)` or `#RRGGBB`; nil for `none` and anything else.
    static func color(_ text: String) -> RGBA? {
        if text.hasPrefix("#") { return RGBA(hexString: text) }
        guard text.hasPrefix("rgb("), text.hasSuffix(")") else { return nil }
        let parts = text.dropFirst(4).dropLast().split(separator: ",").map { part -> Double? in
            let percent = part.hasSuffix("%")
            guard let value = Double(percent ? String(part.dropLast()) : String(part)) else { return nil }
            return percent ? value / 100 : value / 255
        }
        guard parts.count == 3, let r = parts[0], let g = parts[1], let b = parts[2] else { return nil }
        return RGBA(red: r, green: g, blue: b)
    }

    /// `matrix(a,b,c,d,e,f)`.
    static func matrix(_ text: String) -> [Double]? {
        guard text.hasPrefix("matrix("), text.hasSuffix(")") else { return nil }
        let values = text.dropFirst(7).dropLast().split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double(String($0)) }
        return values.count == 6 ? values : nil
    }

    /// The sub-paths of path data with absolute commands (M, L, H, V, C, Q, Z) and plain
    /// decimal numbers, as Cairo writes them.
    static func pathData(_ d: String) -> ([[CanvasPoint]], Bool) {
        var subpaths: [[CanvasPoint]] = []
        var current: [CanvasPoint] = []
        var closed = false
        var command: UInt8 = 0x4D // M
        var numbers: [Double] = []
        func flush() {
            switch command {
            case 0x4D, 0x4C: // M, L
                var k = 0
                while k + 1 < numbers.count {
                    let p = CanvasPoint(numbers[k], numbers[k + 1])
                    if command == 0x4D && k == 0 {
                        if !current.isEmpty { subpaths.append(current) }
                        current = [p]
                    } else {
                        current.append(p)
                    }
                    k += 2
                }
            case 0x48: if let x = numbers.last, let last = current.last { current.append(CanvasPoint(x, last.y)) } // H
            case 0x56: if let y = numbers.last, let last = current.last { current.append(CanvasPoint(last.x, y)) } // V
            case 0x43: // C: the end point of each curve
                var k = 0
                while k + 5 < numbers.count {
                    current.append(CanvasPoint(numbers[k + 4], numbers[k + 5]))
                    k += 6
                }
            case 0x51: // Q
                var k = 0
                while k + 3 < numbers.count {
                    current.append(CanvasPoint(numbers[k + 2], numbers[k + 3]))
                    k += 4
                }
            case 0x5A: closed = true // Z
            default: break
            }
            numbers.removeAll(keepingCapacity: true)
        }
        let bytes = Array(d.utf8)
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < bytes.count {
            let b = bytes[i]
            if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) {
                flush()
                command = b
                i += 1
            } else if b == 0x2D || b == 0x2B || b == 0x2E || isDigit(b) {
                var sign = 1.0
                if b == 0x2D { sign = -1; i += 1 } else if b == 0x2B { i += 1 }
                var value = 0.0
                while i < bytes.count && isDigit(bytes[i]) {
                    value = value * 10 + Double(bytes[i] - 0x30)
                    i += 1
                }
                if i < bytes.count && bytes[i] == 0x2E {
                    i += 1
                    var scale = 0.1
                    while i < bytes.count && isDigit(bytes[i]) {
                        value += Double(bytes[i] - 0x30) * scale
                        scale *= 0.1
                        i += 1
                    }
                }
                numbers.append(sign * value)
            } else {
                i += 1
            }
        }
        flush()
        if !current.isEmpty { subpaths.append(current) }
        return (subpaths, closed)
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
