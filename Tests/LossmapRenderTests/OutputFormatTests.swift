import Foundation
import Testing
import LossmapBackend
import LossmapBatch
import LossmapCanvas
@testable import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapTestSupport

@Suite struct OutputFormatTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("PNG, SVG and PDF are chosen by extension, each shows every run's path and every level, and rendering twice gives byte-identical files")
    func formatsAndDeterminism() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let figure = try Scene(rosenbrockSpec(width: 640, height: 400, resolution: 60))
        let layout = try FigureRenderer(figure).cairoLayout()
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
            // What the file shows: every run's path where its trajectory goes, every level.
            var problems: [String]
            switch ext {
            case "png":
                problems = FigureChecks.pixelProblems(figure, layout: layout, image: try PNGReader.read(a.path))
            case "svg":
                let drawing = SVGDrawing(String(decoding: bytes, as: UTF8.self))
                problems = FigureChecks.pathProblems(figure, layout: layout, drawn: drawing.paths, colorTolerance: 0.005)
                    + FigureChecks.levelProblems(figure, layout: layout, drawn: drawing.paths, colorTolerance: 0.005)
                for run in figure.runs where !drawing.paths.contains(where: { $0.kind == .stroke && $0.color.matches(run.color, tolerance: 0.005) }) {
                    problems.append("no path element is stroked in the colour of “\(run.label)”")
                }
                if drawing.glyphUses == 0 { problems.append("no text") }
            default:
                let drawing = try PDFDrawing([UInt8](bytes), height: 400)
                problems = FigureChecks.pathProblems(figure, layout: layout, drawn: drawing.paths, colorTolerance: 0.005)
                    + FigureChecks.levelProblems(figure, layout: layout, drawn: drawing.paths, colorTolerance: 0.005)
                if drawing.textShows == 0 { problems.append("no text") }
            }
            #expect(problems.isEmpty, ".\(ext):\n\(problems.joined(separator: "\n"))")
        }
        #expect(throws: OutputError.self) { try FigureFile.write(figure, to: dir.appendingPathComponent("x.gif")) }
        // Only the six finished files remain: no temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 6)
    }

    @Test("scale 2 doubles every pixel dimension and keeps the layout: each run's colour shows at twice its coordinates")
    func hiDPI() throws {
        var spec = rosenbrockSpec(width: 400, height: 250, resolution: 30)
        spec.scale = 2
        let figure = try Scene(spec)
        let image = try FigureFile.rasterize(figure)
        #expect(image.width == 800 && image.height == 500)
        let layout = try FigureRenderer(figure).cairoLayout()
        let problems = FigureChecks.pixelProblems(figure, layout: layout, image: image, scale: 2)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
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
