import Foundation
import LossmapBatch
import LossmapConfig
import LossmapScene
import LossmapSpec
import Testing

/// Every example config, drawn in both themes and written in all three formats, small and
/// coarse so the test stays quick: the point is that each one renders, whatever the look.
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

    @Test("there are example configs, the lecture among them")
    func examplesExist() {
        #expect(Self.configs.count >= 10)
        #expect(Self.configs.contains { $0.contains("/lecture/") })
    }

    @Test("every example config renders in both themes and as PNG, SVG and PDF", arguments: configs)
    func rendersEverywhere(_ path: String) throws {
        let source = try SourceFile.read(path: path)
        let config = try FigureConfig.load(source, defaultOutputName: "x.png")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for theme in [Theme.light, Theme.dark] {
            var spec = config.spec
            spec.theme = theme
            spec.width = 480
            spec.height = 300
            spec.scale = 1
            spec.surface.resolution = min(spec.surface.resolution, 40)
            let figure = try Scene(spec)
            for ext in ["png", "svg", "pdf"] {
                let url = folder.appendingPathComponent("\(theme.name.rawValue).\(ext)")
                try FigureFile.write(figure, to: url)
                let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
                #expect(size > 1000, "\(path) \(theme.name) .\(ext): \(size) bytes")
            }
        }
    }
}
