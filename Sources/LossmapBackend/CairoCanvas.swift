import CCairo
import Foundation
import LossmapCanvas

/// A failure inside Cairo, with Cairo's own description of its status.
public struct CairoError: Error, CustomStringConvertible {
    public let description: String
}

/// The Canvas drawn by Cairo into an in-memory image (the raster behind every PNG).
///
/// Owns its Cairo surface and context and destroys them in `deinit`; no Cairo pointer
/// leaves this class. `scale` multiplies every coordinate, so a figure laid out at
/// 1600×1000 renders at 3200×2000 with `scale: 2` and the same layout.
public final class CairoCanvas: Canvas {
    public let width: Double
    public let height: Double
    /// Device pixels per canvas pixel.
    public let scale: Double
    private let surface: OpaquePointer
    /// A raster canvas's pixels, when they are in memory of our own rather than Cairo's.
    private var memory: PixelMemory?
    fileprivate let context: OpaquePointer
    /// An image surface (PNG, GIF, APNG frames), not an SVG or PDF file.
    private let isRaster: Bool
    /// The colour and line width set last, and those `save()` kept: what a text or a line is
    /// drawn in decides whether it gets the `halo`, and a line's halo is wider than the line.
    private var color = RGBA.black
    private var lineWidth = 1.0
    private var saved: [(color: RGBA, lineWidth: Double)] = []

    /// A halo around what is drawn in a few colours, so that it reads on whatever lies behind
    /// a figure with no background: text, axes and frames in the theme's text colours.
    public struct Halo: Sendable, Equatable {
        /// The halo's colour.
        public var color: RGBA
        /// Only texts, lines and shapes drawn in one of these colours get it: the theme's text
        /// colours, for what stands on the slide; the paths and labels over the map have their
        /// own halos and backgrounds.
        public var colors: [RGBA]
        /// How far it reaches beyond letters, as a fraction of the font size.
        public var textReach: Double
        /// How far it reaches beyond lines and the edges of shapes, in pixels.
        public var lineReach: Double

        public init(color: RGBA, colors: [RGBA], textReach: Double = Halo.defaultTextReach, lineReach: Double) {
            self.color = color
            self.colors = colors
            self.textReach = textReach
            self.lineReach = lineReach
        }

        /// 0.08 em: 1.7 px around 21-px tick labels, as wide as a letter's stem, enough to
        /// separate the letters from a slide of the opposite brightness without looking bold.
        public static let defaultTextReach = 0.08
    }

    /// Drawn around what matches (see `Halo`); nil, the default: none.
    public var halo: Halo?

    /// The halo for what is drawn now, in the current colour; nil when it gets none.
    private var currentHalo: Halo? {
        guard let halo, halo.colors.contains(color) else { return nil }
        return halo
    }

    /// A raster canvas of `width` × `height` pixels (times `scale`), filled with `background`.
    public convenience init(width: Int, height: Int, scale: Double = 1, background: RGBA = .white) throws {
        let deviceWidth = Int((Double(width) * scale).rounded())
        let deviceHeight = Int((Double(height) * scale).rounded())
        guard width > 0, height > 0, scale > 0, deviceWidth <= 32767, deviceHeight <= 32767 else {
            throw CairoError(description: "a canvas of \(deviceWidth)×\(deviceHeight) pixels is beyond Cairo's 32767-pixel limit")
        }
        // The pixels in memory of our own (`PixelMemory`), painted with the background below.
        let stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, Int32(deviceWidth)))
        let memory = stride > 0 ? PixelMemory.take(stride * deviceHeight) : nil
        let surface = memory.map {
            cairo_image_surface_create_for_data($0.base.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32,
                                                Int32(deviceWidth), Int32(deviceHeight), Int32(stride))
        } ?? cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(deviceWidth), Int32(deviceHeight))
        do {
            try self.init(surface: surface, width: width, height: height, scale: scale, background: background)
        } catch {
            if let memory { PixelMemory.give(memory) }
            throw error
        }
        self.memory = memory
    }

    /// The vector formats Cairo writes.
    public enum VectorFormat: Sendable {
        case svg, pdf
    }

    /// A vector canvas that writes an SVG or PDF file at `path` as it draws; call `finish()`
    /// to complete the file. One canvas pixel is `pointsPerPixel` points (1/72 in) in a PDF and
    /// as many user units in an SVG (Cairo's SVG surface gives its size in points too). A
    /// `background` with alpha 0 is not painted at all: the file then has no background shape.
    public convenience init(vector format: VectorFormat, path: String, width: Int, height: Int, background: RGBA = .white,
                            pointsPerPixel: Double = 1) throws {
        guard pointsPerPixel.isFinite, pointsPerPixel > 0 else {
            throw CairoError(description: "internal error: \(pointsPerPixel) points per pixel asked for")
        }
        let pageWidth = Double(width) * pointsPerPixel, pageHeight = Double(height) * pointsPerPixel
        let surface: OpaquePointer?
        switch format {
        case .svg:
            surface = cairo_svg_surface_create(path, pageWidth, pageHeight)
            if let surface { cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1) }
        case .pdf:
            surface = cairo_pdf_surface_create(path, pageWidth, pageHeight)
            if let surface {
                // A fixed creation date: Cairo would stamp the current time, and then the same
                // config would not give the same file twice.
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "lossmap")
            }
        }
        try self.init(surface: surface, width: width, height: height, scale: pointsPerPixel, background: background)
    }

    private init(surface: OpaquePointer?, width: Int, height: Int, scale: Double, background: RGBA) throws {
        guard let surface else { throw CairoError(description: "could not create a Cairo surface") }
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(surface)
            throw CairoError(description: "Cairo: " + String(cString: cairo_status_to_string(status)))
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw CairoError(description: "could not create a Cairo context")
        }
        self.width = Double(width)
        self.height = Double(height)
        self.scale = scale
        self.surface = surface
        self.context = context
        self.isRaster = cairo_surface_get_type(surface) == CAIRO_SURFACE_TYPE_IMAGE
        cairo_scale(context, scale, scale)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        // Unhinted outlines and greyscale antialiasing: text looks the same at every scale
        // and does not depend on the machine's fontconfig hinting preferences.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
        setColor(background)
        // A raster's memory may hold an earlier canvas's pixels (`PixelMemory`): the background
        // replaces them (SOURCE) rather than being composited over them, a transparent one
        // too. On fresh memory, all zeros, the two are the same; vector surfaces keep the
        // plain paint, and none at all for a transparent background (no invisible rectangle).
        if isRaster { cairo_set_operator(context, CAIRO_OPERATOR_SOURCE) }
        if isRaster || background.alpha > 0 { cairo_paint(context) }
        if isRaster { cairo_set_operator(context, CAIRO_OPERATOR_OVER) }
        setColor(.black)
    }

    /// Completes a vector file (a raster canvas needs no finishing) and reports any error.
    public func finish() throws {
        try checkStatus()
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            throw CairoError(description: "Cairo: " + String(cString: cairo_status_to_string(status)))
        }
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
        if let memory { PixelMemory.give(memory) }
    }

    public func save() {
        cairo_save(context)
        saved.append((color, lineWidth))
    }

    public func restore() {
        cairo_restore(context)
        if let state = saved.popLast() { (color, lineWidth) = state }
    }

    public func setColor(_ color: RGBA) {
        self.color = color
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    public func setLineWidth(_ width: Double) {
        lineWidth = width
        cairo_set_line_width(context, width)
    }

    public func setDash(_ pattern: [Double], phase: Double) {
        pattern.withUnsafeBufferPointer { buffer in
            cairo_set_dash(context, buffer.baseAddress, Int32(buffer.count), phase)
        }
    }

    public var pixelScale: Double? { isRaster ? scale : nil }

    public func writePixels(_ body: (UnsafeMutablePointer<UInt32>, Int, Int, Int) -> Void) -> Bool {
        guard isRaster, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return false }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface), stride % 4 == 0 else { return false }
        body(UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt32.self), Int(cairo_image_surface_get_width(surface)),
             Int(cairo_image_surface_get_height(surface)), stride / 4)
        cairo_surface_mark_dirty(surface)
        return true
    }

    public func drawPixels(_ image: PixelImage) {
        guard isRaster, image.width > 0, image.height > 0 else { return }
        image.pixels.withUnsafeBufferPointer { buffer in
            // Cairo reads the words in place (ARGB32 is native-endian premultiplied, as the
            // image holds them); the surface lives only for this paint.
            let data = UnsafeMutableRawPointer(mutating: buffer.baseAddress!).assumingMemoryBound(to: UInt8.self)
            guard let source = cairo_image_surface_create_for_data(data, CAIRO_FORMAT_ARGB32, Int32(image.width),
                                                                    Int32(image.height), Int32(image.width * 4)) else { return }
            defer { cairo_surface_destroy(source) }
            cairo_save(context)
            // Device pixels: no scale and whole-pixel offsets, so each word lands on one pixel.
            cairo_identity_matrix(context)
            cairo_set_source_surface(context, source, Double(image.x), Double(image.y))
            cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_NEAREST)
            cairo_paint(context)
            cairo_restore(context)
        }
    }

    public func fillDiscs(_ centers: [CanvasPoint], radius: Double) {
        guard isRaster else {
            var path = CanvasPath()
            for c in centers { path.addCircle(center: c, radius: radius) }
            fill(path, rule: .nonZero)
            return
        }
        // The clip's box in device pixels bounds the mask; the clip itself still applies.
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        cairo_clip_extents(context, &x0, &y0, &x1, &y1)
        cairo_user_to_device(context, &x0, &y0)
        cairo_user_to_device(context, &x1, &y1)
        let device = centers.map { c -> (x: Double, y: Double) in
            var x = c.x, y = c.y
            cairo_user_to_device(context, &x, &y)
            return (x, y)
        }
        guard let coverage = DiscCoverage(centers: device, radius: radius * scale,
                                          bounds: (Int(x0.rounded(.down)), Int(y0.rounded(.down)),
                                                   Int(x1.rounded(.up)), Int(y1.rounded(.up)))) else { return }
        coverage.bytes.withUnsafeBufferPointer { buffer in
            let data = UnsafeMutableRawPointer(mutating: buffer.baseAddress!).assumingMemoryBound(to: UInt8.self)
            guard let mask = cairo_image_surface_create_for_data(data, CAIRO_FORMAT_A8, Int32(coverage.width),
                                                                  Int32(coverage.height), Int32(coverage.stride)) else { return }
            defer { cairo_surface_destroy(mask) }
            cairo_save(context)
            cairo_identity_matrix(context)
            // Only the tiles a disc touches: pixel-aligned rectangles clip at no cost.
            let tile = DiscCoverage.tile
            for t in coverage.touchedTiles {
                let tx = coverage.x + t.column * tile, ty = coverage.y + t.row * tile
                cairo_rectangle(context, Double(tx), Double(ty), Double(min(tile, coverage.x + coverage.width - tx)),
                                Double(min(tile, coverage.y + coverage.height - ty)))
            }
            cairo_clip(context)
            cairo_mask_surface(context, mask, Double(coverage.x), Double(coverage.y))
            cairo_restore(context)
        }
    }

    public func stroke(_ path: CanvasPath) {
        if let halo = currentHalo { strokeHalo(path, width: lineWidth + 2 * halo.lineReach, halo: halo) }
        addPath(path)
        cairo_stroke(context)
    }

    public func fill(_ path: CanvasPath, rule: FillRule) {
        if let halo = currentHalo { strokeHalo(path, width: 2 * halo.lineReach, halo: halo) }
        addPath(path)
        cairo_set_fill_rule(context, rule == .evenOdd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING)
        cairo_fill(context)
    }

    public func clip(to path: CanvasPath, rule: FillRule) {
        addPath(path)
        cairo_set_fill_rule(context, rule == .evenOdd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING)
        cairo_clip(context)
    }

    public func drawText(_ text: String, at point: CanvasPoint, font: Font, anchor: TextAnchor, angle: Double) {
        guard !text.isEmpty else { return }
        selectFont(font)
        var textExtents = cairo_text_extents_t()
        var fontExtents = cairo_font_extents_t()
        cairo_text_extents(context, text, &textExtents)
        cairo_font_extents(context, &fontExtents)
        let dx: Double
        switch anchor.horizontal {
        case .left: dx = 0
        case .center: dx = -textExtents.x_advance / 2
        case .right: dx = -textExtents.x_advance
        }
        // Vertical placement uses the font's ascent and descent, not the ink of this text, so
        // labels of one row line up whatever letters they hold.
        let dy: Double
        switch anchor.vertical {
        case .top: dy = fontExtents.ascent
        case .middle: dy = (fontExtents.ascent - fontExtents.descent) / 2
        case .baseline: dy = 0
        case .bottom: dy = -fontExtents.descent
        }
        cairo_save(context)
        cairo_translate(context, point.x, point.y)
        cairo_rotate(context, angle)
        if let halo = currentHalo { drawHalo(text, at: (dx, dy), size: font.size, halo: halo) }
        cairo_move_to(context, dx, dy)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    /// The text in the halo's colour, shown 12 times around its place at `reach` em: Cairo's
    /// text-to-path call is not among those lossmap loads, and shown copies work on every
    /// surface alike. 12 directions leave gaps of 0.52 × reach between neighbouring copies
    /// (2 sin 15°), under a pixel for every font a figure uses, so the halo reads as one
    /// outline. Then the text's own colour is set again.
    private func drawHalo(_ text: String, at origin: (x: Double, y: Double), size: Double, halo: Halo) {
        let r = halo.textReach * size
        cairo_set_source_rgba(context, halo.color.red, halo.color.green, halo.color.blue, halo.color.alpha)
        for k in 0..<12 {
            let a = Double(k) * Double.pi / 6
            cairo_move_to(context, origin.x + r * cos(a), origin.y + r * sin(a))
            cairo_show_text(context, text)
        }
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    public func measureText(_ text: String, font: Font) -> TextExtent {
        selectFont(font)
        var textExtents = cairo_text_extents_t()
        var fontExtents = cairo_font_extents_t()
        cairo_text_extents(context, text, &textExtents)
        cairo_font_extents(context, &fontExtents)
        return TextExtent(width: textExtents.x_advance, ascent: fontExtents.ascent, descent: fontExtents.descent)
    }

    /// Cairo's status; drawing errors are sticky in Cairo, so checking once at the end suffices.
    public func checkStatus() throws {
        let status = cairo_status(context)
        if status != CAIRO_STATUS_SUCCESS {
            throw CairoError(description: "Cairo: " + String(cString: cairo_status_to_string(status)))
        }
    }

    /// The rendered pixels as 8-bit RGB rows (the background is opaque, so alpha is dropped).
    public func rgbPixels() throws -> (width: Int, height: Int, rgb: [UInt8]) {
        try withARGB32Pixels { pixels, w, h, stride in
            var rgb = [UInt8](repeating: 0, count: w * h * 3)
            rgb.withUnsafeMutableBufferPointer { out in
                for row in 0..<h {
                    let words = (pixels.baseAddress! + row * stride).assumingMemoryBound(to: UInt32.self)
                    var o = row * w * 3
                    for column in 0..<w {
                        // Undo premultiplication; for the opaque pixels of a figure this is exact.
                        let (r, g, b) = ARGB32.rgb(words[column])
                        out[o] = r; out[o + 1] = g; out[o + 2] = b
                        o += 3
                    }
                }
            }
            return (w, h, rgb)
        }
    }

    /// Lends `body` the rendered pixels as they lie in Cairo's surface (CAIRO_FORMAT_ARGB32,
    /// premultiplied, `stride` bytes a row), without copying them: `PNGWriter.write(argb32:…)`
    /// reads them straight from there. The pixels are valid only during `body`.
    public func withARGB32Pixels<Result>(
        _ body: (_ pixels: UnsafeRawBufferPointer, _ width: Int, _ height: Int, _ stride: Int) throws -> Result
    ) throws -> Result {
        try checkStatus()
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw CairoError(description: "Cairo returned no pixel data")
        }
        return try body(UnsafeRawBufferPointer(start: data, count: stride * h), w, h, stride)
    }

    /// A raster canvas's pixels as they are now, to be put back with `restore(_:)`: an
    /// animation draws its unchanging background once and starts every frame from it.
    public struct Snapshot: Sendable {
        fileprivate let bytes: [UInt8]
        fileprivate let stride: Int
        fileprivate let height: Int
    }

    public func snapshot() throws -> Snapshot {
        try checkStatus()
        cairo_surface_flush(surface)
        let h = Int(cairo_image_surface_get_height(surface)), stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw CairoError(description: "Cairo returned no pixel data")
        }
        return Snapshot(bytes: Array(UnsafeBufferPointer(start: data, count: stride * h)), stride: stride, height: h)
    }

    /// Puts back the pixels of `snapshot`, taken from a canvas of the same size and scale;
    /// the drawing state (colour, clip, transform) is left as it is.
    public func restore(_ snapshot: Snapshot) throws {
        cairo_surface_flush(surface)
        let h = Int(cairo_image_surface_get_height(surface)), stride = Int(cairo_image_surface_get_stride(surface))
        guard h == snapshot.height, stride == snapshot.stride, let data = cairo_image_surface_get_data(surface) else {
            throw CairoError(description: "a snapshot can only be restored on a canvas of its own size")
        }
        snapshot.bytes.withUnsafeBufferPointer { source in
            data.update(from: source.baseAddress!, count: source.count)
        }
        cairo_surface_mark_dirty(surface)
    }

    /// Ends the page of a PDF canvas and starts a new, blank one of the same size (the
    /// background painted again, unless it is transparent): one page per frame of an animation.
    public func nextPage(background: RGBA) {
        cairo_show_page(context)
        guard background.alpha > 0 else { return }
        save()
        setColor(background)
        cairo_paint(context)
        restore()
    }

    private func selectFont(_ font: Font) {
        if let face = FontFaces.face(bold: font.bold) {
            cairo_set_font_face(context, face)
        } else {
            cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                   font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
        cairo_set_font_size(context, font.size)
    }

    /// `path` stroked `width` wide in the halo's colour (with the current dash), under the
    /// line or shape about to be drawn on it.
    private func strokeHalo(_ path: CanvasPath, width: Double, halo: Halo) {
        cairo_save(context)
        cairo_set_source_rgba(context, halo.color.red, halo.color.green, halo.color.blue, halo.color.alpha)
        cairo_set_line_width(context, width)
        addPath(path)
        cairo_stroke(context)
        cairo_restore(context)
    }

    private func addPath(_ path: CanvasPath) {
        cairo_new_path(context)
        for element in path.elements {
            switch element {
            case .move(let p): cairo_move_to(context, p.x, p.y)
            case .line(let p): cairo_line_to(context, p.x, p.y)
            case .curve(let c1, let c2, let p): cairo_curve_to(context, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
            case .circle(let c, let r):
                cairo_new_sub_path(context)
                cairo_arc(context, c.x, c.y, r, 0, 2 * Double.pi)
                cairo_close_path(context)
            case .close: cairo_close_path(context)
            }
        }
    }
}
