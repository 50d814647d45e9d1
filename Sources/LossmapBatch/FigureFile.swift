import Foundation
import LossmapBackend
import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapThreads

/// Draws a computed figure into a file: PNG through Cairo's raster surface and lossmap's own
/// PNG writer, SVG
/// and PDF through Cairo's vector surfaces. Every format is written to a temporary file in
/// the target folder and renamed into place, so a failed render never leaves half a file.
public enum FigureFile {
    /// Draws `figure` and writes it to `url`, in the format its extension names. `config`,
    /// the source text, is embedded in PNGs so a figure can be traced back to it.
    /// An animated figure (one with frames) becomes a GIF, an animated PNG, a PDF of one
    /// page per frame or a folder of frames (`AnimationFile`); what was written is returned.
    /// A still PNG is drawn on `canvas` when one was made in advance for it.
    @discardableResult
    public static func write(_ figure: Scene, to url: URL, config: String? = nil, name: String? = nil,
                             progress: AnimationFile.Progress? = nil, canvas: PendingCanvas? = nil) throws -> AnimationFile.Written? {
        let shown = name ?? url.lastPathComponent
        guard let format = FigureFormat(fileName: shown) else {
            throw OutputError("cannot write \(url.path): use a name ending in "
                + FigureFormat.extensions.map { ".\($0)" }.joined(separator: ", ") + ", or a folder name ending in /")
        }
        if figure.frames != nil, format.canAnimate {
            return try AnimationFile.write(figure, to: url, format: format, config: config, progress: progress)
        }
        switch format {
        case .png: try writePNG(figure, to: url, config: config, canvas: canvas)
        case .svg: try writeVector(figure, to: url, format: .svg)
        case .pdf: try writeVector(figure, to: url, format: .pdf)
        case .gif, .apng, .frames:
            throw OutputError("cannot write \(url.path): a .\(format == .frames ? "frames folder" : format.rawValue) needs an animated map figure")
        }
        return nil
    }

    public static func writePNG(_ figure: Scene, to url: URL, config: String? = nil, canvas pending: PendingCanvas? = nil) throws {
        var texts: [(key: String, value: String)] = [(key: "Software", value: "lossmap")]
        if !figure.spec.title.isEmpty { texts.append((key: "Title", value: figure.spec.title)) }
        if let config { texts.append((key: "lossmap-config", value: config)) }
        // Straight from Cairo's pixels: the PNG writer's threads convert the rows they deflate,
        // with no RGB copy of the whole figure in between.
        let canvas = try draw(figure, on: pending?.take())
        PhaseTrace.mark("drawn")
        // Alpha kept only for a figure drawn on nothing: with the theme's background every
        // pixel is opaque, and the RGB file is the one lossmap always wrote.
        let spec = figure.spec
        try canvas.withARGB32Pixels { pixels, width, height, stride in
            try PNGWriter.write(argb32: pixels, width: width, height: height, stride: stride, to: url, texts: texts,
                                alpha: spec.background == .transparent, dpi: spec.rasterDPI)
        }
    }

    /// The figure's pixels (at its scale), as 8-bit RGB rows, drawn on one Cairo surface.
    public static func rasterize(_ figure: Scene) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        try draw(figure).rgbPixels()
    }

    /// The figure drawn (at its scale) on one Cairo raster surface.
    ///
    /// Drawing in horizontal bands on several threads was measured and dropped: every band
    /// walks every path, so two bands on two threads drew the reference figure in 0.6–0.9×
    /// the time but with 1.4× the CPU, which halved what `--jobs 2` gains on a deck.
    public static func draw(_ figure: Scene, on made: CairoCanvas? = nil) throws -> CairoCanvas {
        let spec = figure.spec
        let canvas = try made ?? CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale, background: spec.canvasColor)
        canvas.halo = halo(for: spec)
        FigureRenderer(figure).draw(on: canvas)
        return canvas
    }

    /// On a figure with no background, the theme's halo around what is drawn in the theme's
    /// text colours (titles, axes and frames, the legend, the panels): it keeps the colours
    /// its theme gives it, and the halo keeps it legible on a slide of the other brightness.
    /// On the theme's own background the halo vanishes. Lines get 1.5 px of it (at the
    /// reference size), as much as the frame is wide.
    static func halo(for spec: FigureSpec) -> CairoCanvas.Halo? {
        guard spec.background == .transparent else { return nil }
        return CairoCanvas.Halo(color: spec.theme.halo, colors: [spec.theme.text, spec.theme.mutedText],
                                lineReach: 1.5 * FigureStyle(spec).unit)
    }

    static func writeVector(_ figure: Scene, to url: URL, format: CairoCanvas.VectorFormat) throws {
        let temporary = AtomicFile.temporaryURL(for: url)
        do {
            let canvas = try CairoCanvas(vector: format, path: temporary.path, width: figure.spec.width,
                                         height: figure.spec.height, background: figure.spec.canvasColor,
                                         pointsPerPixel: figure.spec.pointsPerPixel)
            canvas.halo = halo(for: figure.spec)
            FigureRenderer(figure).draw(on: canvas)
            try canvas.finish()
        } catch {
            unlink(temporary.path)
            throw OutputError("cannot write \(url.path): \(error)")
        }
        try AtomicFile.moveIntoPlace(temporary, url)
    }
}
