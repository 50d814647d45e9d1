/// A Canvas that draws nothing and records every call, for tests that check what a figure
/// draws (which texts, where paths go) without looking at pixels.
public final class RecordingCanvas: Canvas {
    public enum Call: Equatable {
        case save, restore
        case color(RGBA)
        case lineWidth(Double)
        case dash([Double], Double)
        case stroke(CanvasPath)
        case fill(CanvasPath, FillRule)
        case clip(CanvasPath, FillRule)
        case text(String, CanvasPoint, Font, TextAnchor, Double)
        case pixels(PixelImage)
    }

    public let width: Double
    public let height: Double
    public private(set) var calls: [Call] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    public func save() { calls.append(.save) }
    public func restore() { calls.append(.restore) }
    public func setColor(_ color: RGBA) { calls.append(.color(color)) }
    public func setLineWidth(_ width: Double) { calls.append(.lineWidth(width)) }
    public func setDash(_ pattern: [Double], phase: Double) { calls.append(.dash(pattern, phase)) }
    public func stroke(_ path: CanvasPath) { calls.append(.stroke(path)) }
    public func fill(_ path: CanvasPath, rule: FillRule) { calls.append(.fill(path, rule)) }
    public func clip(to path: CanvasPath, rule: FillRule) { calls.append(.clip(path, rule)) }
    /// A recording is a vector canvas: views give it shapes.
    public var pixelScale: Double? { nil }
    public func drawPixels(_ image: PixelImage) { calls.append(.pixels(image)) }
    public func writePixels(_ body: (UnsafeMutablePointer<UInt32>, Int, Int, Int) -> Void) -> Bool { false }
    public func drawText(_ text: String, at point: CanvasPoint, font: Font, anchor: TextAnchor, angle: Double) {
        calls.append(.text(text, point, font, anchor, angle))
    }

    /// A fixed-width approximation (0.6 em per character), enough for layout in tests.
    public func measureText(_ text: String, font: Font) -> TextExtent {
        TextExtent(width: Double(text.count) * font.size * 0.6, ascent: font.size * 0.76, descent: font.size * 0.24)
    }

    /// Every text drawn, in order.
    public var texts: [String] {
        calls.compactMap { if case .text(let s, _, _, _, _) = $0 { s } else { nil } }
    }

    /// Every point of every stroked or filled path.
    public var pathPoints: [CanvasPoint] {
        calls.flatMap { call -> [CanvasPoint] in
            let path: CanvasPath
            switch call {
            case .stroke(let p), .fill(let p, _): path = p
            default: return []
            }
            return path.elements.flatMap { element -> [CanvasPoint] in
                switch element {
                case .move(let p), .line(let p): return [p]
                case .curve(let a, let b, let c): return [a, b, c]
                case .circle(let c, _): return [c]
                case .close: return []
                }
            }
        }
    }
}
