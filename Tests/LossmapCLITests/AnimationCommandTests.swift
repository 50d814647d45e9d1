import Foundation
import Testing

/// `lossmap render` with animated outputs, as a user and a CI job run it.
@Suite("Animated outputs on the command line")
struct AnimationCommandTests {
    static func config(output: String, extra: String = "", animated: Bool = true) -> String {
        """
        title = "walk"
        output = "\(output)"
        size = [320, 200]
        \(extra)
        [surface]
        function = "quadratic"
        resolution = 24

        [optimizer]
        start = [-1.5, 1.0]
        steps = 6
        learning_rates = [0.05, 0.5]
        """ + (animated ? "\n[animation]\nevery = 2\n" : "")
    }

    @Test("a GIF and a frames folder are rendered, reported with their frames, and skipped when up to date")
    func renderReportSkip() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.config(output: "walk.gif").write(to: folder.appendingPathComponent("gif.toml"), atomically: true, encoding: .utf8)
        try Self.config(output: "steps/walk/").write(to: folder.appendingPathComponent("frames.toml"), atomically: true, encoding: .utf8)
        let first = try LossmapProcess.run(["render", "gif.toml", "frames.toml", "-o", "out"], in: folder)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("gif.toml → out/walk.gif") && first.out.contains("frames.toml → out/steps/walk/"))
        #expect(first.out.contains("4 frames, "), "\(first.out)")
        let out = folder.appendingPathComponent("out")
        let gif = try Data(contentsOf: out.appendingPathComponent("walk.gif"))
        #expect(gif.starts(with: Array("GIF89a".utf8)))
        let frames = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("steps/walk").path).sorted()
        #expect(frames == ["frame-001.png", "frame-002.png", "frame-003.png", "frame-004.png", "frames.txt"])
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        let figures = report["figures"] as! [[String: Any]]
        for figure in figures {
            let animation = try #require(figure["animation"] as? [String: Any], "\(figure["config"] ?? "")")
            #expect(animation["frames"] as? Int == 4)
            #expect(animation["steps"] as? [Int] == [0, 2, 4, 6])
            #expect((animation["bytes"] as? Int ?? 0) > 0)
            // 4 frames of 0.1 s, plus 0.5 s on the first and 2 s on the last.
            #expect(abs((animation["duration_seconds"] as? Double ?? 0) - 2.9) < 1e-9)
        }
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<img src=\"walk.gif\"") && index.contains("<img src=\"steps/walk/frame-004.png\""))
        let second = try LossmapProcess.run(["render", "gif.toml", "frames.toml", "-o", "out"], in: folder)
        #expect(second.status == 0 && second.out.contains("out/walk.gif (up to date)") && second.out.contains("out/steps/walk/ (up to date)"),
                "\(second.out)")
        // A frame replaced by hand is noticed: the folder is rendered again.
        try Data("x".utf8).write(to: out.appendingPathComponent("steps/walk/frame-002.png"))
        let third = try LossmapProcess.run(["render", "frames.toml", "-o", "out"], in: folder)
        #expect(!third.out.contains("(up to date)"), "\(third.out)")
    }

    @Test("a worker reports the frames it makes before its reply")
    func workerProgress() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.config(output: "walk.apng").write(to: folder.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let request = #"{"render":{"config":"a.toml","output":"walk.apng","folder":"out","allowOutsideData":false}}"#
        let result = try LossmapProcess.run(["render-worker"], in: folder, stdin: request + "\n")
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 5, "\(result.out) \(result.err)")
        #expect(lines.prefix(4).enumerated().allSatisfy { i, line in line.contains("\"progress\"") && line.contains("\"frames\":\(i + 1)") })
        #expect(lines.last?.contains("\"rendered\"") == true)
    }

    @Test("nothing else may be written inside a frames folder, in either order")
    func framesFolderClaimsItsFolder() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.config(output: "walk/").write(to: folder.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try Self.config(output: "walk/frame-001.png", animated: false).write(to: folder.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "a.toml", "b.toml", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("b.toml: error: output `walk/frame-001.png` lies inside `walk/`, the frames folder a.toml writes"), "\(result.err)")
        let reversed = try LossmapProcess.run(["render", "b.toml", "a.toml", "-o", "out2"], in: folder)
        #expect(reversed.status == 1)
        #expect(reversed.err.contains("a.toml: error: output `walk/` is a frames folder, and b.toml writes `walk/frame-001.png` inside it"), "\(reversed.err)")
    }

    @Test("[animation] with a still output is refused at its line")
    func refused() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.config(output: "walk.svg").write(to: folder.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["check", "a.toml"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("a.toml:13:1: error: [animation] needs an output that holds frames"), "\(result.err)")
    }
}
