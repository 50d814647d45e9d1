/// How overlapping sub-paths decide what is inside when filling.
public enum FillRule: Sendable {
    /// Inside where the winding number is non-zero.
    case nonZero
    /// Inside where a ray crosses an odd number of edges: holes stay empty whatever their direction.
    case evenOdd
}

/// How a text is placed relative to its anchor point.
public struct TextAnchor: Sendable, Equatable {
    public enum Horizontal: Sendable { case left, center, right }
    public enum Vertical: Sendable { case top, middle, baseline, bottom }
    public var horizontal: Horizontal
    public var vertical: Vertical
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }
}

/// A font request: the family is the canvas's sans-serif (DejaVu Sans where installed).
public struct Font: Sendable, Equatable {
    /// Size in pixels (the em height).
    public var size: Double
    public var bold: Bool
    public init(size: Double, bold: Bool = false) {
        self.size = size
        self.bold = bold
    }
}

/// The size of a laid-out text, in pixels.
public struct TextExtent: Sendable, Equatable {
    /// Advance width.
    public var width: Double
    /// Height above the baseline (the font's ascent).
    public var ascent: Double
    /// Depth below the baseline (the font's descent, positive).
    public var descent: Double
    public var height: Double { ascent + descent }
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }
}

/// The drawing contract the figure code draws on; one implementation draws with Cairo, one
/// records calls for tests.
///
/// Units are pixels; the origin is the top-left corner, x to the right, y down. The initial
/// state: colour black, line width 1, no dash, round caps and joins, no clip. `save()` and
/// `restore()` push and pop all of it (colour, line width, dash, clip).
public protocol Canvas: AnyObject {
    /// The canvas size in pixels (before any device scale).
    var width: Double { get }
    var height: Double { get }

    func save()
    func restore()

    /// The colour of later strokes, fills and texts.
    func setColor(_ color: RGBA)
    /// Stroke width in pixels.
    func setLineWidth(_ width: Double)
    /// Dash lengths in pixels, alternating on/off; empty for a solid line.
    func setDash(_ pattern: [Double], phase: Double)

    /// Strokes the path's outline with the current colour, width and dash.
    func stroke(_ path: CanvasPath)
    /// Fills the path's inside with the current colour.
    func fill(_ path: CanvasPath, rule: FillRule)
    /// Restricts later drawing to the path's inside, by `rule` (intersected with any current clip).
    func clip(to path: CanvasPath, rule: FillRule)

    /// Device pixels per canvas pixel on a canvas made of pixels; nil on a vector canvas
    /// (SVG, PDF, a recording), which must be given shapes, not pixels.
    var pixelScale: Double? { get }
    /// Copies `image` onto a raster canvas at its device pixel position, over what is there
    /// (alpha 0 leaves it), inside the clip; a vector canvas ignores it.
    func drawPixels(_ image: PixelImage)
    /// On a raster canvas, lends `body` its device pixels to write in place: premultiplied
    /// ARGB words, `stride` words a row, the top-left device pixel first; the clip does not
    /// apply, so `body` writes only where it means to. Returns false on a vector canvas,
    /// which has no pixels (`body` is not called).
    func writePixels(_ body: (_ pixels: UnsafeMutablePointer<UInt32>, _ width: Int, _ height: Int, _ stride: Int) -> Void) -> Bool
    /// Fills the union of the discs of `radius` around `centers` with the current colour, as
    /// a non-zero fill of their circles would: a path's step dots, which a raster canvas can
    /// paint far faster than it can tessellate a thousand circles.
    func fillDiscs(_ centers: [CanvasPoint], radius: Double)

    /// Draws `text` with the current colour, placed by `anchor` relative to `point`, turned
    /// by `angle` radians clockwise about that point.
    func drawText(_ text: String, at point: CanvasPoint, font: Font, anchor: TextAnchor, angle: Double)
    /// The extent `text` would take in `font`.
    func measureText(_ text: String, font: Font) -> TextExtent
}

extension Canvas {
    public func clip(to path: CanvasPath) { clip(to: path, rule: .nonZero) }

    /// The discs as circles in one path, filled non-zero: what vector canvases draw.
    public func fillDiscs(_ centers: [CanvasPoint], radius: Double) {
        var path = CanvasPath()
        for c in centers { path.addCircle(center: c, radius: radius) }
        fill(path, rule: .nonZero)
    }

    public func drawText(_ text: String, at point: CanvasPoint, font: Font, anchor: TextAnchor) {
        drawText(text, at: point, font: font, anchor: anchor, angle: 0)
    }
}
