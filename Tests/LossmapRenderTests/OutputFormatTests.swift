import Foundation
import Testing
import LossmapBackend
import LossmapBatch
import LossmapCanvas
@testable import LossmapRender
import LossmapScene
import LossmapSpec

@Suite struct OutputFormatTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("PNG, SVG and PDF are chosen by extension, and rendering twice gives byte-identical files")
    func formatsAndDeterminism() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let figure = try Scene(rosenbrockSpec(width: 640, height: 400, resolution: 60))
        for ext in ["png", "svg", "pdf"] {
            let a = dir.appendingPathComponent("a.\(ext)"), b = dir.appendingPathComponent("b.\(ext)")
            try FigureFile.write(figure, to: a, config: "title = \"x\"")
            try FigureFile.write(figure, to: b, config: "title = \"x\"")
            let bytes = try Data(contentsOf: a)
            if ext == "svg" {
                // Cairo numbers SVG ids (surface12, glyph3-1) with process-wide counters, so
                // two renders in one process differ only in those numbers; separate runs of
                // the tool give identical files (checked in the CLI tests).
                func normalized(_ d: Data) -> String {
                    String(decoding: d, as: UTF8.self).replacingOccurrences(of: #"(surface|glyph|image|pattern|clip|mask)[0-9-]+"#,
                                                                            with: "$1", options: .regularExpression)
                }
                #expect(normalized(bytes) == normalized(try Data(contentsOf: b)))
            } else {
                #expect(bytes == (try Data(contentsOf: b)), "\(ext) differs between two renders")
            }
            let head = String(decoding: bytes.prefix(64), as: UTF8.self)
            switch ext {
            case "png": #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            case "svg": #expect(head.contains("<?xml") || head.contains("<svg"))
            default: #expect(head.hasPrefix("%PDF-"))
            }
        }
        #expect(throws: OutputError.self) { try FigureFile.write(figure, to: dir.appendingPathComponent("x.gif")) }
        // Only the six finished files remain: no temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 6)
    }

    @Test("scale 2 doubles every pixel dimension and keeps the layout")
    func hiDPI() throws {
        var spec = rosenbrockSpec(width: 400, height: 250, resolution: 30)
        spec.scale = 2
        let image = try FigureFile.rasterize(try Scene(spec))
        #expect(image.width == 800 && image.height == 500)
    }

    @Test("the dark theme paints a dark background and light text")
    func darkTheme() throws {
        var spec = rosenbrockSpec(width: 640, height: 400, resolution: 30)
        spec.theme = .dark
        let image = try FigureFile.rasterize(try Scene(spec))
        #expect(Array(image.rgb[0..<3]) == [0x16, 0x18, 0x1D])
        let canvas = RecordingCanvas(width: 640, height: 400)
        FigureRenderer(try Scene(spec)).draw(on: canvas)
        #expect(canvas.calls.contains(.color(Theme.dark.text)))
        #expect(!canvas.calls.contains(.color(Theme.light.text)))
    }
}
