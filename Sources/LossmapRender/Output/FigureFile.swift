import Dispatch
import Foundation

/// The file formats a figure can be written in, chosen by the output name's extension.
public enum FigureFormat: String, Sendable, CaseIterable {
    case png, svg, pdf

    /// The format for a file name, by its extension (case-insensitive); nil if unsupported.
    public init?(fileName: String) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        self.init(rawValue: ext)
    }
}

/// Draws a computed figure into a file: PNG through Cairo's raster surface and libpng, SVG
/// and PDF through Cairo's vector surfaces. Every format is written to a temporary file in
/// the target folder and renamed into place, so a failed render never leaves half a file.
public enum FigureFile {
    /// Draws `figure` and writes it to `url`, in the format its extension names. `config`,
    /// the source text, is embedded in PNGs so a figure can be traced back to it.
    public static func write(_ figure: ComputedFigure, to url: URL, config: String? = nil, tiles: Int = defaultTiles) throws {
        guard let format = FigureFormat(fileName: url.lastPathComponent) else {
            throw OutputError("cannot write \(url.path): use a .png, .svg or .pdf name")
        }
        switch format {
        case .png: try writePNG(figure, to: url, config: config, tiles: tiles)
        case .svg: try writeVector(figure, to: url, format: .svg)
        case .pdf: try writeVector(figure, to: url, format: .pdf)
        }
    }

    public static func writePNG(_ figure: ComputedFigure, to url: URL, config: String? = nil, tiles: Int = defaultTiles) throws {
        let image = try rasterize(figure, tiles: tiles)
        var texts: [(key: String, value: String)] = [(key: "Software", value: "lossmap")]
        if !figure.spec.title.isEmpty { texts.append((key: "Title", value: figure.spec.title)) }
        if let config { texts.append((key: "lossmap-config", value: config)) }
        try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url, texts: texts)
    }

    /// The figure's pixels (at its scale), as 8-bit RGB rows.
    ///
    /// Cairo draws on one thread per surface, so the figure is cut into `tiles` horizontal
    /// bands drawn concurrently, each on its own surface with the whole figure's coordinates,
    /// and stacked. Every band rasterises the same geometry at a whole-pixel offset, so the
    /// result is the same image a single surface gives (the golden tests hold either way).
    public static func rasterize(_ figure: ComputedFigure, tiles: Int = defaultTiles) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        let spec = figure.spec
        let deviceHeight = Int((Double(spec.height) * spec.scale).rounded())
        let count = max(1, min(tiles, deviceHeight / 64))
        let bounds = (0...count).map { $0 * deviceHeight / count }
        var results = [Result<(width: Int, height: Int, rgb: [UInt8]), Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: count) { k in
                slots[k] = Result {
                    let canvas = try CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale,
                                                 rows: bounds[k]..<bounds[k + 1], background: spec.theme.background)
                    FigureRenderer(figure).draw(on: canvas)
                    return try canvas.rgbPixels()
                }
            }
        }
        var rgb: [UInt8] = []
        var width = 0
        for result in results {
            guard let result else { continue }
            let tile = try result.get()
            width = tile.width
            if rgb.isEmpty { rgb.reserveCapacity(tile.width * deviceHeight * 3) }
            rgb += tile.rgb
        }
        return (width, deviceHeight, rgb)
    }

    /// One band per core, at most four. On the idle 2-core reference machine two bands drew
    /// the reference figure in 0.69× the one-band time (`lossmap bench` reports both); the
    /// batch renderer gives each figure only the cores its parallel jobs leave free.
    public static var defaultTiles: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) }

    static func writeVector(_ figure: ComputedFigure, to url: URL, format: CairoCanvas.VectorFormat) throws {
        let temporary = AtomicFile.temporaryURL(for: url)
        do {
            let canvas = try CairoCanvas(vector: format, path: temporary.path, width: figure.spec.width,
                                         height: figure.spec.height, background: figure.spec.theme.background)
            FigureRenderer(figure).draw(on: canvas)
            try canvas.finish()
        } catch {
            unlink(temporary.path)
            throw OutputError("cannot write \(url.path): \(error)")
        }
        try AtomicFile.moveIntoPlace(temporary, url)
    }
}

/// Write-then-rename: the target only ever holds a complete file.
enum AtomicFile {
    /// A hidden, unique name beside `url` (same folder, so the rename is atomic).
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    static func moveIntoPlace(_ temporary: URL, _ url: URL) throws {
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputError("cannot move the finished figure into \(url.path): \(reason)")
        }
    }
}
