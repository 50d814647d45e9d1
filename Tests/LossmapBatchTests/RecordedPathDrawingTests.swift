// The drawing half of the recorded-path tests (ImportedSurfaceTests in LossmapConfigTests has
// the numbers): the path stroked through its points, and its legend entry.
import Foundation
import Testing
import LossmapCanvas
import LossmapConfig
import LossmapCore
import LossmapRender
import LossmapScene
import LossmapSpec
import LossmapTestSupport

@Suite("Recorded paths on the figure")
struct RecordedPathDrawingTests {
    @Test("a recorded path is stroked through its points, and the legend gives its label and the recorded-path note")
    func recordedPathDrawn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-recorded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("runs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "-1.5,2.0,9.0\n-1.25,1.5,8.5\n-0.75,0.5,3.25\n0.0,0.0,1.0\n"
            .write(to: folder.appendingPathComponent("runs/walk.csv"), atomically: true, encoding: .utf8)
        let text = "[surface]\nfunction = \"rosenbrock\"\nresolution = 32\n[[run]]\npath = \"runs/walk.csv\"\n"
        let config = try FigureConfig.load(SourceFile(name: "test.toml", text: text), defaultOutputName: "test.png", dataFolder: folder.path)
        let scene = try Scene(config.spec)
        let canvas = RecordingCanvas(width: Double(scene.spec.width), height: Double(scene.spec.height))
        let renderer = FigureRenderer(scene)
        renderer.draw(on: canvas)
        let layout = renderer.layout(on: canvas)

        let expected = RunPaths.expected(scene, layout: layout)
        #expect(expected.count == 1 && expected[0].visible.count == 4)
        #expect(FigureChecks.pathProblems(scene, layout: layout, drawn: canvas.drawnPaths).isEmpty)
        let texts = canvas.drawnTexts.map { $0.text }
        #expect(texts.contains("recorded: walk.csv"), "\(texts)")
        #expect(texts.contains("recorded path: loss 9 → 1 over 4 points"), "\(texts)")
    }
}
