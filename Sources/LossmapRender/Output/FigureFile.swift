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
    public static func write(_ figure: ComputedFigure, to url: URL, config: String? = nil) throws {
        guard let format = FigureFormat(fileName: url.lastPathComponent) else {
            throw OutputError("cannot write \(url.path): use a .png, .svg or .pdf name")
        }
        switch format {
        case .png: try writePNG(figure, to: url, config: config)
        case .svg: try writeVector(figure, to: url, format: .svg)
        case .pdf: try writeVector(figure, to: url, format: .pdf)
        }
    }

    public static func writePNG(_ figure: ComputedFigure, to url: URL, config: String? = nil) throws {
        let image = try rasterize(figure)
        var texts: [(key: String, value: String)] = [(key: "Software", value: "lossmap")]
        if !figure.spec.title.isEmpty { texts.append((key: "Title", value: figure.spec.title)) }
        if let config { texts.append((key: "lossmap-config", value: config)) }
        try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: url, texts: texts)
    }

    /// The figure's pixels (at its scale), as 8-bit RGB rows, drawn on one Cairo surface.
    ///
    /// Drawing in horizontal bands on several threads was measured and dropped: every band
    /// walks every path, so two bands on two threads drew the reference figure in 0.6–0.9×
    /// the time but with 1.4× the CPU, which halved what `--jobs 2` gains on a deck.
    public static func rasterize(_ figure: ComputedFigure) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        let spec = figure.spec
        let canvas = try CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale, background: spec.theme.background)
        FigureRenderer(figure).draw(on: canvas)
        return try canvas.rgbPixels()
    }

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
public enum AtomicFile {
    /// A hidden, unique name beside `url` (same folder, so the rename is atomic).
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    /// Removes temporary files that a killed lossmap left in `folder` (`.NAME.PID.N.tmp` whose
    /// process no longer runs). Files of a lossmap still running are left alone.
    public static func removeStaleTemporaries(in folder: URL) {
        // Subfolders too: `output = "deck/x.png"` writes its temporary beside deck/x.png.
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("."), name.hasSuffix(".tmp") else { continue }
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]), UInt32(parts[parts.count - 2]) != nil else { continue }
            // kill(pid, 0) probes a process without signalling it; ESRCH: there is none.
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder.appendingPathComponent(relative).path)
            }
        }
    }

    /// Flushes `temporary` to the disk and renames it to `url`: after a crash or a power
    /// loss the target holds the old file or the whole new one, never a torn one.
    public static func moveIntoPlace(_ temporary: URL, _ url: URL) throws {
        let fd = open(temporary.path, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputError("cannot move the finished figure into \(url.path): \(reason)")
        }
    }
}
