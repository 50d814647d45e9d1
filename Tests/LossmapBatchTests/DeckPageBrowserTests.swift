// Mutations tried, each made a test here fail (then restored):
// - the JSON block written without turning `<` into `\u003c`: the block ends at the hostile
//   title's `</script>` (the unit test's parse fails; in the browser, console errors).
// - the ArrowRight case removed from the key handler: the browser test fails ("ArrowRight
//   moves to the second figure").
// - a broken image path (`image` returning `"x" + output`): the browser test fails
//   (naturalWidth 0), and so do the unit tests (the src they expect).
// - the failed figure shown as an image instead of its error (`error` left out of the slide):
//   the browser test fails ("the failed figure shows its error text").
// - `leave()` not clearing the hash: the browser test fails ("the hash is cleared").
// - `leave()` exiting full screen without waiting for a pending request (before `entering`):
//   the browser test failed now and then (F after Escape presented the first figure; the
//   page stayed full screen), and now checks Escape at once after a click.
// - `relativeHref` without the `..` for the output folder: the link test fails.
import Foundation
import Testing
@testable import LossmapBatch

/// index.html as a page to present from: its markup in Swift, its behaviour in Chromium.
@Suite("The index.html deck")
struct DeckPageBrowserTests {
    static let hostileTitle = #"Bowl </script><b>bold?</b> & <!--<script> "quoted""#

    static func report() -> BatchReport {
        let run = RunReport(label: "η = 0.1 <i>", method: "gd", learningRate: 0.1, start: [1, 2], initialLoss: 3, finalLoss: 0.5,
                            steps: 7, outcome: "converged", outcomeStep: 7, finalPoint: [4, 5])
        return BatchReport(version: "9.9.9", figures: [
            FigureReport(config: "deck/a.toml", output: "a b#1.png", status: .rendered, title: hostileTitle, runs: [run]),
            FigureReport(config: "deck/bad.toml", output: "", status: .failed, error: "deck/bad.toml:1:1: error: </script> nope"),
        ])
    }

    /// The text of the page's JSON block, from its start tag to the first `</script>` after it,
    /// as an HTML parser would cut it.
    static func jsonBlock(_ html: String) -> String? {
        guard let start = html.range(of: #"<script type="application/json" id="lossmap-deck">"#),
              let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test("a hostile title cannot end the JSON block: the block parses and gives the title back")
    func hostileTitleStaysInTheBlock() throws {
        let html = ReportWriter.html(Self.report())
        let block = try #require(Self.jsonBlock(html))
        #expect(!block.contains("<"), "a < in the block could end it or start a comment")
        let slides = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [[String: Any]])
        #expect(slides.count == 2)
        #expect(slides.first?["title"] as? String == Self.hostileTitle)
        #expect(slides.first?["image"] as? String == "a%20b%231.png")
        #expect((slides.first?["runs"] as? [[String: Any]])?.first?["label"] as? String == "η = 0.1 <i>")
        #expect(slides.first?["error"] == nil)
        #expect(slides.last?["error"] as? String == "deck/bad.toml:1:1: error: </script> nope")
        #expect(slides.last?["image"] == nil)
        // The page has exactly its two script elements: the block and the code.
        #expect(html.components(separatedBy: "</script>").count == 3)
    }

    @Test("the gallery quotes titles and errors as text, and the page needs no network")
    func galleryEscapesAndStandsAlone() {
        let html = ReportWriter.html(Self.report())
        #expect(html.contains("<strong>Bowl &lt;/script&gt;&lt;b&gt;bold?&lt;/b&gt; &amp; &lt;!--&lt;script&gt; &quot;quoted&quot;</strong>"))
        #expect(html.contains("<pre>deck/bad.toml:1:1: error: &lt;/script&gt; nope</pre>"))
        #expect(html.contains(#"<img src="a%20b%231.png""#))
        #expect(!html.contains("<b>"))
        // Text goes in with textContent only; nothing is fetched.
        for forbidden in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "://", "<link", "@import"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }

    @Test("a config is linked from the output folder, its text copied in when it is readable and short")
    func configLinksAndText() throws {
        #expect(DeckPage.relativeHref(from: URL(fileURLWithPath: "/w/output"), to: URL(fileURLWithPath: "/w/config/a b#.toml"))
                == "../config/a%20b%23.toml")
        #expect(DeckPage.relativeHref(from: URL(fileURLWithPath: "/w/out/deep"), to: URL(fileURLWithPath: "/w/a.toml")) == "../../a.toml")
        #expect(DeckPage.relativeHref(from: URL(fileURLWithPath: "/w"), to: URL(fileURLWithPath: "/w/a.toml")) == "a.toml")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-deck-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        try "title = \"a\"\n".write(to: folder.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try String(repeating: "#", count: DeckPage.maxEmbeddedConfigBytes + 1)
            .write(to: folder.appendingPathComponent("big.toml"), atomically: true, encoding: .utf8)
        let report = BatchReport(figures: ["a.toml", "big.toml", "missing.toml"].map {
            FigureReport(config: $0, output: "", status: .failed, error: "x")
        })
        let sources = DeckPage.configSources(of: report, outputFolder: folder.appendingPathComponent("out"), workingDirectory: folder)
        #expect(sources == [DeckPage.ConfigSource(href: "../a.toml", text: "title = \"a\"\n"),
                            DeckPage.ConfigSource(href: "../big.toml", text: nil),
                            DeckPage.ConfigSource(href: "../missing.toml", text: nil)])
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// lossmap, built beside the tests (as `WorkerPoolTests` finds it).
    static var lossmap: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("lossmap")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("lossmap")
    }

    @Test("in Chromium, the page presents the figures, moves with the keys and shows a failure's error")
    func inTheBrowser() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-deck-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repository.appendingPathComponent("scripts/test-deck-page.py").path,
                             Self.lossmap.path, scratch.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0:
            try? FileManager.default.removeItem(at: scratch)
        case 2:
            // Missing Chromium is a failure, not a skip: CI installs it, and a skipped test
            // would let a broken page through.
            Issue.record("Chromium is missing: run scripts/install-deps.sh\n\(text)")
        default:
            Issue.record("the browser test failed (files kept in \(scratch.path)):\n\(text)")
        }
    }
}
