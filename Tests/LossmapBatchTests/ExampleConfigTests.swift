import Foundation
import LossmapBatch
import LossmapCanvas
import LossmapConfig
import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapTestSupport
import Testing

/// Every example config under `config/`: what its figure draws (each run's path where its
/// trajectory goes, every level, the colorbar, the legend, the markers), read from a
/// recording of the drawing and from the PNG, SVG and PDF files written for it.
@Suite struct ExampleConfigTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var configs: [String] {
        let folder = repository.appendingPathComponent("config")
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var found: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".toml") { found.append(folder.appendingPathComponent(relative).path) }
        }
        return found.sorted()
    }

    /// The configs that draw maps, and those that draw a learning-rate sweep or a phase diagram instead.
    static var mapConfigs: [String] { configs.filter { !isSweep($0) && !isPhase($0) } }
    static var sweepConfigs: [String] { configs.filter(isSweep) }

    static func isSweep(_ path: String) -> Bool { hasKind(path, "sweep") }
    static func isPhase(_ path: String) -> Bool { hasKind(path, "phase") }

    static func hasKind(_ path: String, _ kind: String) -> Bool {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").contains { $0.replacingOccurrences(of: " ", with: "") == "kind=\"\(kind)\"" }
    }

    /// The config's figure in `theme` (its own when nil), at its own size unless one is given.
    /// The grid is capped at 40 samples a side to keep the test quick: trajectories do not
    /// depend on it, and levels and contours are checked against the scene that used it.
    static func scene(_ path: String, theme: Theme? = nil, size: (Int, Int)? = nil) throws -> Scene {
        let config = try FigureConfig.load(try SourceFile.read(path: path), defaultOutputName: "x.png")
        var spec = config.spec
        if let theme { spec.theme = theme }
        if let (width, height) = size {
            spec.width = width
            spec.height = height
            spec.scale = 1
        }
        spec.surface.resolution = min(spec.surface.resolution, 40)
        return try Scene(spec)
    }

    static func name(_ path: String) -> String {
        String(path.dropFirst(repository.path.count + "/config/".count))
    }

    @Test("there are example configs, the lecture among them, and a sweep")
    func examplesExist() {
        #expect(Self.configs.count >= 10)
        #expect(Self.configs.contains { $0.contains("/lecture/") })
        #expect(Self.sweepConfigs.count >= 1)
        #expect(Self.mapConfigs.count >= 10)
    }

    @Test("every run of every example config is stroked in its colour within 1 px of its trajectory", arguments: mapConfigs)
    func pathsFollowTrajectories(_ path: String) throws {
        let figure = try Self.scene(path)
        let canvas = RecordingCanvas(width: Double(figure.spec.width), height: Double(figure.spec.height))
        let renderer = FigureRenderer(figure)
        renderer.draw(on: canvas)
        let layout = renderer.layout(on: canvas)
        if figure.spec.layout == .grid && figure.runs.count > 1 {
            #expect(layout.maps.count == figure.runs.count, "a grid has one map per run")
        }
        let expected = RunPaths.expected(figure, layout: layout)
        let visible = expected.filter { !$0.visible.isEmpty }
        // A config whose runs all start off the map would make this test vacuous: none does.
        #expect(figure.runs.isEmpty || !visible.isEmpty, "\(Self.name(path)): no run has a point on the map")
        let problems = FigureChecks.pathProblems(figure, layout: layout, drawn: canvas.drawnPaths)
        #expect(problems.isEmpty, "\(Self.name(path)):\n\(problems.joined(separator: "\n"))")
    }

    @Test("every example config draws each level, the colorbar, every legend entry and every marker, in both themes",
          arguments: mapConfigs)
    func drawsEveryPart(_ path: String) throws {
        for theme in [Theme.light, Theme.dark] {
            let figure = try Self.scene(path, theme: theme)
            let canvas = RecordingCanvas(width: Double(figure.spec.width), height: Double(figure.spec.height))
            let renderer = FigureRenderer(figure)
            renderer.draw(on: canvas)
            let layout = renderer.layout(on: canvas)
            let context = "\(Self.name(path)) (\(theme.name))"
            let drawn = canvas.drawnPaths, texts = canvas.drawnTexts

            let levelProblems = FigureChecks.levelProblems(figure, layout: layout, drawn: drawn)
            #expect(levelProblems.isEmpty, "\(context):\n\(levelProblems.joined(separator: "\n"))")
            #expect(texts.contains { $0.text == "loss" && abs($0.point.x - layout.colorbar.minX) < 1 },
                    "\(context): the colorbar has no “loss” heading")

            // Everything at or below the legend's top edge, across its width: the legend's rows.
            let legend = CanvasRect(x: layout.legend.minX - 1, y: layout.legend.minY - 1, width: layout.legend.width + 2,
                                    height: canvas.height - layout.legend.minY + 1)
            let legendTexts = texts.filter { legend.contains($0.point) }.map(\.text)
            for run in figure.runs {
                // A recorded path is titled by its label alone (its note says it is recorded).
                let entry = run.spec.isRecorded ? run.label : "\(run.label) · \(run.trajectory.outcome.phrase)"
                #expect(legendTexts.contains(entry), "\(context): the legend lacks “\(entry)”; it holds \(legendTexts)")
                #expect(drawn.contains { $0.kind == .stroke && $0.color == run.color && $0.lies(within: legend) },
                        "\(context): the legend has no swatch in the colour of “\(run.label)”")
            }
            if !figure.runs.isEmpty { #expect(legendTexts.contains("start"), "\(context): no “start” legend entry") }
            if !figure.surface.minima.isEmpty {
                #expect(legendTexts.contains("minimum"), "\(context): no “minimum” legend entry")
            }
            for marker in figure.markers {
                #expect(legendTexts.contains { $0.hasPrefix(marker.spec.label) && $0.contains("loss") },
                        "\(context): the legend lacks the marker “\(marker.spec.label)”")
                for map in figure.contourMaps(layout) {
                    let transform = PlotTransform(w1: figure.w1, w2: figure.w2, rect: map)
                    guard map.contains(transform.point(marker.spec.at)) else { continue }
                    #expect(texts.contains { map.contains($0.point) && $0.text.hasPrefix(marker.spec.label) },
                            "\(context): the marker “\(marker.spec.label)” is not labelled on the map")
                }
            }
            let title = figure.spec.title
            if !title.isEmpty {
                #expect(texts.contains { $0.text == title || ($0.text.hasSuffix("…") && title.hasPrefix($0.text.dropLast())) },
                        "\(context): the title is not drawn")
            }
        }
    }

    @Test("the sweep config draws its loss curve through every finite sample and marks η_crit", arguments: sweepConfigs)
    func sweepDrawsCurve(_ path: String) throws {
        let figure = try Self.scene(path)
        let sweep = try #require(figure.sweep)
        let canvas = RecordingCanvas(width: Double(figure.spec.width), height: Double(figure.spec.height))
        FigureRenderer(figure).draw(on: canvas)
        let finite = sweep.samples.filter { ($0.finalLoss ?? .nan).isFinite }.count
        let curveColor = figure.spec.theme.runColor(3)
        let curves = canvas.drawnPaths.filter { $0.kind == .stroke && $0.color == curveColor && !$0.closed }
        #expect(curves.map { $0.points.count }.max() == finite,
                "\(Self.name(path)): the curve has \(curves.map { $0.points.count }) points, the sweep \(finite) finite samples")
        #expect(canvas.texts.contains { $0.hasPrefix("η_crit = ") }, "\(Self.name(path)): η_crit is not marked")
        #expect(canvas.texts.contains { $0.hasPrefix("learning rate η") }, "\(Self.name(path)): the x axis has no title")
    }

    @Test("every example config written as PNG, SVG and PDF in both themes shows each run's path and each level",
          arguments: configs)
    func filesShowTheFigure(_ path: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for theme in [Theme.light, Theme.dark] {
            // Small and coarse, so the test stays quick.
            let figure = try Self.scene(path, theme: theme, size: (480, 300))
            let layout = try FigureRenderer(figure).cairoLayout()
            let context = "\(Self.name(path)) (\(theme.name))"
            let sweepColor = theme.runColor(3)

            let png = folder.appendingPathComponent("\(theme.name.rawValue).png")
            try FigureFile.write(figure, to: png)
            let image = try PNGReader.read(png.path)
            #expect(image.width == 480 && image.height == 300, "\(context): PNG of \(image.width)×\(image.height)")
            if let phase = figure.phase {
                // Each configured run's ring shows in its colour.
                for place in phase.runPlaces {
                    let color = figure.runs[place.run].color
                    let shown = (0..<(image.width * image.height)).contains { i in
                        RasterLook.nearestDifference(to: color, around: CanvasPoint(Double(i % image.width), Double(i / image.width)),
                                                     in: image, radius: 0) < 30
                    }
                    #expect(shown, "\(context) .png: run \(place.run)'s ring colour appears nowhere")
                }
            } else if figure.sweep == nil {
                let problems = FigureChecks.pixelProblems(figure, layout: layout, image: image)
                #expect(problems.isEmpty, "\(context) .png:\n\(problems.joined(separator: "\n"))")
            } else {
                let shown = (0..<(image.width * image.height)).contains { i in
                    RasterLook.nearestDifference(to: sweepColor, around: CanvasPoint(Double(i % image.width), Double(i / image.width)),
                                                 in: image, radius: 0) < 30
                }
                #expect(shown, "\(context) .png: the sweep curve's colour appears nowhere")
            }

            let svg = folder.appendingPathComponent("\(theme.name.rawValue).svg")
            try FigureFile.write(figure, to: svg)
            let svgDrawing = SVGDrawing(try String(contentsOf: svg, encoding: .utf8))
            let pdf = folder.appendingPathComponent("\(theme.name.rawValue).pdf")
            // An animated config's PDF has a page per frame (checked below); its still figure here.
            var still = figure
            still.frames = nil
            try FigureFile.write(still, to: pdf)
            let pdfDrawing = try PDFDrawing([UInt8](try Data(contentsOf: pdf)), height: 300)
            if let frames = figure.frames {
                let pages = folder.appendingPathComponent("\(theme.name.rawValue)-pages.pdf")
                try FigureFile.write(figure, to: pages)
                let count = try PDFDrawing([UInt8](try Data(contentsOf: pages)), height: 300).pageCount
                #expect(count == frames.frameCount, "\(context): \(count) PDF pages for \(frames.frameCount) frames")
            }
            #expect(pdfDrawing.pageCount == 1 && pdfDrawing.externalObjects == 0, "\(context) .pdf: not the one flat page expected")
            for (ext, drawn, hasText) in [("svg", svgDrawing.paths, svgDrawing.glyphUses > 0),
                                          ("pdf", pdfDrawing.paths, pdfDrawing.textShows > 0)] {
                #expect(hasText, "\(context) .\(ext): no text")
                if let phase = figure.phase {
                    for place in phase.runPlaces {
                        let color = figure.runs[place.run].color
                        #expect(drawn.contains { $0.kind == .stroke && $0.color.matches(color, tolerance: 0.005) && $0.closed },
                                "\(context) .\(ext): no ring for run \(place.run)")
                    }
                } else if figure.sweep == nil {
                    let problems = FigureChecks.pathProblems(figure, layout: layout, drawn: drawn, colorTolerance: 0.005)
                        + FigureChecks.levelProblems(figure, layout: layout, drawn: drawn, colorTolerance: 0.005)
                    #expect(problems.isEmpty, "\(context) .\(ext):\n\(problems.joined(separator: "\n"))")
                } else {
                    #expect(drawn.contains { $0.kind == .stroke && $0.color.matches(sweepColor, tolerance: 0.005) && $0.points.count > 10 },
                            "\(context) .\(ext): no sweep curve")
                }
            }
        }
    }
}
