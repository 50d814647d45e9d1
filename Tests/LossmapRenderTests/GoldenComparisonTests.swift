import Foundation
import LossmapBackend
import LossmapCanvas
import LossmapCore
import LossmapRender
import LossmapScene
import LossmapTestSupport
import Testing

/// The golden comparison itself: it must fail on a wrong figure, or every golden test passes
/// vacuously, and it must forgive what differs between machines.
@Suite("Golden comparison")
struct GoldenComparisonTests {
    /// A 64×64 grey image with a black line, one pixel wide, down column `x`.
    func lineImage(atColumn x: Int) -> [UInt8] {
        var rgb = [UInt8](repeating: 200, count: 64 * 64 * 3)
        for y in 8..<56 { for k in 0..<3 { rgb[(y * 64 + x) * 3 + k] = 0 } }
        return rgb
    }

    @Test("identical images compare as identical and a changed block is detected")
    func comparisonCanFail() {
        let a = [UInt8](repeating: 200, count: 10 * 10 * 3)
        var b = a
        #expect(GoldenImage.compare(a, b, width: 10).0.differingPixels == 0)
        for y in 0..<3 { for x in 0..<3 { for k in 0..<3 { b[(y * 10 + x) * 3 + k] = 0 } } }
        let (comparison, _) = GoldenImage.compare(a, b, width: 10)
        #expect(comparison.differingPixels == 9)
        #expect(comparison.worstWindow.count == 9)
        // A change too small to see (one level of one channel) is tolerated.
        var c = a
        c[0] = 201
        #expect(GoldenImage.compare(a, c, width: 10).0.differingPixels == 0)
    }

    @Test("a one-pixel line moved by 3 px fails the local budget though it is far inside the global one")
    func movedLineFails() {
        let (comparison, _) = GoldenImage.compare(lineImage(atColumn: 30), lineImage(atColumn: 33), width: 64)
        // 96 of 4096 pixels is 2.3%; in a 1600×1000 figure the same line would be 0.006%.
        #expect(comparison.worstWindow.count == 32)
        #expect(comparison.worstWindow.count > 0 && comparison.differingPixels == 96)
    }

    @Test("scattered strong noise on 0.4% of the pixels and faint noise on all of them pass both budgets")
    func noisePasses() throws {
        let width = 400, height = 300
        var generator = SplitMix64(seed: 12)
        let expected = (0..<(width * height * 3)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var actual = expected
        for i in actual.indices {
            // ±6 levels everywhere: an antialiasing change in a newer Cairo or FreeType.
            actual[i] = UInt8(clamping: Int(actual[i]) + Int(generator.next() % 13) - 6)
        }
        for _ in 0..<(width * height * 4 / 1000) {
            let p = Int(generator.next() % UInt64(width * height))
            for k in 0..<3 { actual[p * 3 + k] = 255 &- actual[p * 3 + k] }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try PNGWriter.write(rgb: expected, width: width, height: height, to: folder.appendingPathComponent("noise.png"))
        try GoldenImage.check((width, height, actual), name: "noise", updating: false, in: folder)
    }

    @Test("a missing golden fails, whether or not CI is set, and is not written")
    func missingGoldenFails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image: RGBImage = (4, 4, [UInt8](repeating: 9, count: 48))
        let problem = try GoldenImage.problem(image, name: "absent", updating: false, in: folder)
        #expect(problem?.contains("missing golden image") == true, "\(problem ?? "passed")")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("absent.png").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("absent.actual.png").path))
        try GoldenImage.check(image, name: "absent", updating: true, in: folder)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("absent.png").path))
    }

    /// The golden figures that draw maps with paths, by name.
    static let mapGoldens = GoldenFigures.all.filter { $0.spec.runs.count > 0 && $0.name.hasPrefix("sweep") == false }.map(\.name)

    /// A golden figure drawn through a `DistortingCanvas` that changes the runs' paths (their
    /// colours and the halo, inside the maps) as `change` says.
    func distorted(_ name: String, _ change: DistortingCanvas.PathChange) throws -> RGBImage {
        let spec = try #require(GoldenFigures.all.first { $0.name == name }).spec
        let figure = try Scene(spec)
        let cairo = try CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale, background: spec.theme.background)
        let renderer = FigureRenderer(figure)
        let maps = renderer.layout(on: cairo).maps
        let canvas = DistortingCanvas(cairo)
        canvas.colors = figure.runs.map(\.color) + [spec.theme.halo]
        let minX = maps.map(\.minX).min() ?? 0, minY = maps.map(\.minY).min() ?? 0
        canvas.region = CanvasRect(x: minX - 30, y: minY - 30, width: (maps.map(\.maxX).max() ?? 0) - minX + 60,
                                   height: (maps.map(\.maxY).max() ?? 0) - minY + 60)
        canvas.pathChange = change
        renderer.draw(on: canvas)
        return try cairo.rgbPixels()
    }

    @Test("every golden with paths fails when its paths are left out or moved by 3 px", arguments: mapGoldens)
    func goldenCatchesPathChanges(_ name: String) throws {
        // The expected failures' images go to a folder of their own, not beside the goldens.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for change in [DistortingCanvas.PathChange.drop, .move(dx: 3, dy: 0), .move(dx: 0, dy: 3)] {
            let image = try distorted(name, change)
            let problem = try GoldenImage.problem(image, name: name, updating: false, failuresIn: scratch)
            #expect(problem?.contains("pixels differ") == true, "\(name) with its paths \(change): \(problem ?? "passed")")
        }
        // Undistorted, the same drawing passes: the failures above are the change's doing.
        try GoldenImage.check(try distorted(name, .none), name: name, updating: false)
    }
}

