import Foundation
import Testing
@testable import LossmapBatch

@Suite struct ShardTests {
    @Test("shards are disjoint and together cover every config, the same way on every run")
    func disjointCover() throws {
        let paths = (0..<500).map { "config/deck/figure-\($0).toml" }
        let shards = (1...4).map { Shard("\($0)/4")! }
        for path in paths {
            #expect(shards.filter { $0.contains(path) }.count == 1, "\(path)")
        }
        // Roughly even: each of 4 shards gets 125 ± 40 of 500.
        for shard in shards {
            let count = paths.filter(shard.contains).count
            #expect(abs(count - 125) < 40, "\(shard): \(count)")
        }
        // FNV-1a of a fixed string is fixed: shard membership never depends on the process.
        #expect(Fingerprint.fnv1a(Array("a".utf8)) == 0xaf63dc4c8601ec8c)
    }

    @Test("shard texts other than K/N with 1 ≤ K ≤ N are refused", arguments: ["0/4", "5/4", "1/0", "a/b", "2", "1/2/3", ""])
    func invalidShards(_ text: String) {
        #expect(Shard(text) == nil)
    }
}

@Suite struct FingerprintTests {
    @Test("a fingerprint changes with the version, the config and any data file, and only then")
    func changesWithInputs() {
        let base = Fingerprint.of(version: "1", config: Array("a = 1".utf8), dataFiles: [Array("1,2,3".utf8)])
        #expect(base == Fingerprint.of(version: "1", config: Array("a = 1".utf8), dataFiles: [Array("1,2,3".utf8)]))
        #expect(base != Fingerprint.of(version: "2", config: Array("a = 1".utf8), dataFiles: [Array("1,2,3".utf8)]))
        #expect(base != Fingerprint.of(version: "1", config: Array("a = 2".utf8), dataFiles: [Array("1,2,3".utf8)]))
        #expect(base != Fingerprint.of(version: "1", config: Array("a = 1".utf8), dataFiles: [Array("1,2,4".utf8)]))
        // Moving bytes from the config into a data file is a change too.
        #expect(Fingerprint.of(version: "1", config: Array("ab".utf8), dataFiles: [[]])
                != Fingerprint.of(version: "1", config: Array("a".utf8), dataFiles: [Array("b".utf8)]))
        #expect(base.count == 16)
    }
}

@Suite struct ReportTests {
    func run(_ outcome: String) -> RunReport {
        RunReport(label: "η = 0.1", method: "gd", learningRate: 0.1, start: [1, 2], initialLoss: 3, finalLoss: nil,
                  steps: 7, outcome: outcome, outcomeStep: 7, finalPoint: [4, 5])
    }

    @Test("report.json has the documented field names and writes non-finite losses as null")
    func jsonSchema() throws {
        let report = BatchReport(figures: [
            FigureReport(config: "config/a.toml", output: "a.png", status: .rendered, title: "A",
                         criticalLearningRate: 0.2, runs: [run("diverged")], fingerprint: "00"),
        ])
        let object = try JSONSerialization.jsonObject(with: ReportWriter.json(report)) as? [String: Any]
        let figures = try #require(object?["figures"] as? [[String: Any]])
        let figure = try #require(figures.first)
        #expect(figure["config"] as? String == "config/a.toml")
        #expect(figure["output"] as? String == "a.png")
        #expect(figure["status"] as? String == "rendered")
        #expect(figure["critical_learning_rate"] as? Double == 0.2)
        let run = try #require((figure["runs"] as? [[String: Any]])?.first)
        for key in ["label", "method", "learning_rate", "start", "initial_loss", "steps", "outcome", "final_point"] {
            #expect(run[key] != nil, "missing \(key)")
        }
        #expect(run["final_loss"] == nil || run["final_loss"] is NSNull)
        #expect(run["outcome"] as? String == "diverged")
        // Deterministic bytes: the same report encodes the same way twice.
        #expect(try ReportWriter.json(report) == ReportWriter.json(report))
    }

    @Test("merging shard reports keeps every figure once, sorted by config")
    func merge() {
        let a = BatchReport(figures: [FigureReport(config: "b.toml", output: "b.png", status: .rendered),
                                      FigureReport(config: "a.toml", output: "a.png", status: .failed, error: "x")])
        let b = BatchReport(figures: [FigureReport(config: "c.toml", output: "c.png", status: .skipped),
                                      FigureReport(config: "a.toml", output: "a.png", status: .rendered)])
        let merged = BatchReport.merged([a, b])
        #expect(merged.figures.map(\.config) == ["a.toml", "b.toml", "c.toml"])
        #expect(merged.figures[0].status == .rendered)
        #expect(merged.failures.isEmpty)
    }

    @Test("the Markdown and HTML reports name every figure and escape what they quote")
    func humanReports() {
        let report = BatchReport(figures: [
            FigureReport(config: "deck/<x>.toml", output: "x.png", status: .rendered, title: "Steps & rates", runs: [run("converged")]),
            FigureReport(config: "deck/bad.toml", output: "", status: .failed, error: "deck/bad.toml:1:1: error: nope"),
        ])
        let md = ReportWriter.markdown(report)
        #expect(md.contains("## Steps & rates"))
        #expect(md.contains("| η = 0.1 | gd | 0.1 | (1, 2) | 3 | — | 7 | converged (step 7) | (4, 5) |"))
        #expect(md.contains("deck/bad.toml:1:1: error: nope"))
        let html = ReportWriter.html(report)
        #expect(html.contains("Steps &amp; rates"))
        #expect(html.contains("deck/&lt;x&gt;.toml"))
        #expect(html.contains("<img src=\"x.png\""))
        #expect(!html.contains("<img src=\"\""))
    }
}

@Suite("The output hash")
struct OutputHashTests {
    /// The word-wise FNV-1a, written out for a hand check: one step per little-endian word.
    func byHand(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var k = 0
        while k + 8 <= bytes.count {
            var word: UInt64 = 0
            for b in 0..<8 { word |= UInt64(bytes[k + b]) << (8 * UInt64(b)) }
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            k += 8
        }
        while k < bytes.count {
            hash = (hash ^ UInt64(bytes[k])) &* 0x0000_0100_0000_01B3
            k += 1
        }
        return hash
    }

    @Test("8 bytes at a time, then the tail byte by byte; every changed byte changes it", arguments: [0, 1, 7, 8, 9, 23, 64])
    func wordWise(count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let hash = bytes.withUnsafeBytes { Fingerprint.fnv1aWords($0) }
        #expect(hash == byHand(bytes))
        // Fewer than 8 bytes: exactly byte-wise FNV-1a.
        if count < 8 { #expect(hash == Fingerprint.fnv1a(bytes)) }
        for i in bytes.indices {
            for flip: UInt8 in [1, 0x80] {
                var changed = bytes
                changed[i] ^= flip
                #expect(changed.withUnsafeBytes { Fingerprint.fnv1aWords($0) } != hash, "byte \(i) ^ \(flip)")
            }
        }
    }
}
