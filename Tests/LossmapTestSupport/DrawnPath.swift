import LossmapCanvas

/// One stroke or fill a figure made, read back from wherever it was drawn (a recording, an
/// SVG or a PDF), in canvas pixels: what the tests compare with where things must be.
public struct DrawnPath: Sendable {
    public enum Kind: Sendable { case stroke, fill }

    public var kind: Kind
    /// The paint's colour; vector files keep alpha apart (in the SVG style or a PDF graphics
    /// state), so only the recording knows it and the vector readers leave it at 1.
    public var color: RGBA
    /// The sub-paths as point lists (a curve by its end point, a circle by its centre).
    public var subpaths: [[CanvasPoint]]
    /// Whether any sub-path is closed (rectangles, rings, polygons): a descent path never is.
    public var closed: Bool

    public init(kind: Kind, color: RGBA, subpaths: [[CanvasPoint]], closed: Bool) {
        self.kind = kind
        self.color = color
        self.subpaths = subpaths
        self.closed = closed
    }

    /// Every point of every sub-path.
    public var points: [CanvasPoint] { subpaths.flatMap { $0 } }

    /// Whether every point lies inside `rect` grown by `slack` pixels on every side.
    public func lies(within rect: CanvasRect, slack: Double = 0.5) -> Bool {
        let grown = rect.insetBy(-slack)
        let all = points
        return !all.isEmpty && all.allSatisfy(grown.contains)
    }
}

/// A text a figure drew, with its anchor point and colour.
public struct DrawnText: Sendable {
    public var text: String
    public var point: CanvasPoint
    public var color: RGBA
}

extension RGBA {
    /// Whether the colours agree to within `tolerance` per channel (alpha ignored: vector
    /// files keep it apart from the colour).
    public func matches(_ other: RGBA, tolerance: Double = 0.002) -> Bool {
        abs(red - other.red) <= tolerance && abs(green - other.green) <= tolerance && abs(blue - other.blue) <= tolerance
    }
}

extension RecordingCanvas {
    /// The recorded strokes and fills with the colour each was painted in, following
    /// `save()`/`restore()` as a real canvas does.
    public var drawnPaths: [DrawnPath] {
        var paths: [DrawnPath] = []
        replay(path: { kind, path, color in paths.append(DrawnPath(kind: kind, color: color, canvasPath: path)) },
               text: { _ in })
        return paths
    }

    /// The recorded texts with their anchor points and colours.
    public var drawnTexts: [DrawnText] {
        var texts: [DrawnText] = []
        replay(path: { _, _, _ in }, text: { texts.append($0) })
        return texts
    }

    private func replay(path: (DrawnPath.Kind, CanvasPath, RGBA) -> Void, text: (DrawnText) -> Void) {
        var color = RGBA.black
        var saved: [RGBA] = []
        for call in calls {
            switch call {
            case .save: saved.append(color)
            case .restore: color = saved.popLast() ?? color
            case .color(let c): color = c
            case .stroke(let p): path(.stroke, p, color)
            case .fill(let p, _): path(.fill, p, color)
            case .text(let s, let point, _, _, _): text(DrawnText(text: s, point: point, color: color))
            case .lineWidth, .dash, .clip, .pixels: break
            }
        }
    }
}

extension DrawnPath {
    init(kind: Kind, color: RGBA, canvasPath: CanvasPath) {
        var subpaths: [[CanvasPoint]] = []
        var current: [CanvasPoint] = []
        var closed = false
        func finish() {
            if !current.isEmpty { subpaths.append(current) }
            current = []
        }
        for element in canvasPath.elements {
            switch element {
            case .move(let p):
                finish()
                current = [p]
            case .line(let p): current.append(p)
            case .curve(_, _, let p): current.append(p)
            case .circle(let c, _):
                finish()
                subpaths.append([c])
                closed = true
            case .close: closed = true
            }
        }
        finish()
        self.init(kind: kind, color: color, subpaths: subpaths, closed: closed)
    }
}
