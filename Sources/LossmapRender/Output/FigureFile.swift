import Foundation

/// Renders a computed figure into a PNG file through Cairo and libpng.
public enum FigureFile {
    /// Draws `figure` and writes it to `url` (atomically). `config` is embedded as a text chunk
    /// so the PNG can be traced back to its source.
    public static func writePNG(_ figure: ComputedFigure, to url: URL, config: String? = nil) throws {
        let canvas = try CairoCanvas(width: figure.spec.width, height: figure.spec.height)
        FigureRenderer(figure).draw(on: canvas)
        let image = try canvas.rgbPixels()
        var texts: [(key: String, value: String)] = [(key: "Software", value: "lossmap")]
        if !figure.spec.title.isEmpty { texts.append((key: "Title", value: figure.spec.title)) }
        if let config { texts.append((key: "lossmap-config", value: config)) }
        try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url, texts: texts)
    }
}
