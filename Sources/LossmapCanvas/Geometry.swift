/// A point on the canvas, in pixels from the top-left corner, y pointing down.
public struct CanvasPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle on the canvas, in pixels, origin at its top-left corner.
public struct CanvasRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    public func contains(_ p: CanvasPoint) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// The rectangle grown by `d` on every side (shrunk for negative `d`).
    public func insetBy(_ d: Double) -> CanvasRect {
        CanvasRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }

    public func intersects(_ other: CanvasRect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }
}

/// A vector path in canvas pixels: a list of drawing commands, built up as a value.
public struct CanvasPath: Sendable, Equatable {
    public enum Element: Sendable, Equatable {
        case move(CanvasPoint)
        case line(CanvasPoint)
        case curve(CanvasPoint, CanvasPoint, CanvasPoint)
        /// A full circle, drawn as its own closed sub-path.
        case circle(center: CanvasPoint, radius: Double)
        case close
    }

    public private(set) var elements: [Element] = []

    public init() {}

    public mutating func move(to p: CanvasPoint) { elements.append(.move(p)) }
    public mutating func line(to p: CanvasPoint) { elements.append(.line(p)) }
    public mutating func curve(to p: CanvasPoint, control1: CanvasPoint, control2: CanvasPoint) {
        elements.append(.curve(control1, control2, p))
    }
    public mutating func addCircle(center: CanvasPoint, radius: Double) {
        elements.append(.circle(center: center, radius: radius))
    }
    public mutating func close() { elements.append(.close) }

    /// Appends a polygon (closed) or polyline through `points`.
    public mutating func addPolyline(_ points: [CanvasPoint], closed: Bool) {
        guard let first = points.first else { return }
        move(to: first)
        for p in points.dropFirst() { line(to: p) }
        if closed { close() }
    }

    public mutating func addRect(_ r: CanvasRect) {
        addPolyline([CanvasPoint(r.minX, r.minY), CanvasPoint(r.maxX, r.minY),
                     CanvasPoint(r.maxX, r.maxY), CanvasPoint(r.minX, r.maxY)], closed: true)
    }

    public static func rect(_ r: CanvasRect) -> CanvasPath {
        var p = CanvasPath()
        p.addRect(r)
        return p
    }

    public var isEmpty: Bool { elements.isEmpty }
}
