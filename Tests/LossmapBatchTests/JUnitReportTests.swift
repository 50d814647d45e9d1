// Mutations tried, each made a test here fail (then restored):
// - counting skipped figures as failures (`failures` counting `.skipped` too): the counts of
//   the parsed report fail (failures 2, not 1).
// - `escape` without the `&` case: python's parser refuses the document (not well-formed).
// - `escape` keeping control characters (no `continue` for < 0x20): the parser refuses it.
// - `escape` writing a tab in an attribute as itself: the first line's tab comes back a space.
// - `escape` without the `"` case: the parser refuses the attribute.
// - `time` printing whole milliseconds without padding (0.42 for 0.042 s): the time test fails.
// - `write` writing the file in place (`Data.write(to:)` without `AtomicFile`): the
//   replaced-atomically test sees no rename (same inode).
// - BatchRenderer's `seconds` callback not called for skipped figures: the batch test fails.
import Foundation
import Testing
@testable import LossmapBatch

/// What python3's xml.etree (expat: a parser that knows nothing of this code) reads from a
/// JUnit file: the suites' and cases' attributes, each failure's attributes and text.
struct ParsedJUnit: Decodable {
    struct Suite: Decodable {
        var attributes: [String: String]
        var cases: [Case]
    }
    struct Case: Decodable {
        var attributes: [String: String]
        var failure: [String: String]?
        var failureText: String?
        var skipped: Bool
    }
    var root: String
    var attributes: [String: String]
    var suites: [Suite]

    static let script = """
    import json, sys
    import xml.etree.ElementTree as ET
    try:
        root = ET.parse(sys.argv[1]).getroot()
    except ET.ParseError as e:
        print("not well-formed: %s" % e, file=sys.stderr)
        sys.exit(4)
    def case(c):
        f = c.find("failure")
        return {"attributes": c.attrib, "failure": None if f is None else f.attrib,
                "failureText": None if f is None else (f.text or ""), "skipped": c.find("skipped") is not None}
    print(json.dumps({"root": root.tag, "attributes": root.attrib,
                      "suites": [{"attributes": s.attrib, "cases": [case(c) for c in s.findall("testcase")]}
                                 for s in root.findall("testsuite")]}))
    """

    /// Parses the file at `url` with python3; throws with python's own words when it refuses it.
    static func read(_ url: URL) throws -> ParsedJUnit {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, url.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ParseFailure(description: "python3 exited \(process.terminationStatus): \(err)")
        }
        return try JSONDecoder().decode(ParsedJUnit.self, from: out)
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }
}

@Suite struct JUnitReportTests {
    /// A message as awkward as an error can be: markup, quotes, an ampersand, a tab, a CR,
    /// and control characters XML 1.0 cannot hold at all.
    static let awkward = "bad.toml:2:9: error: `label` \"a <b> & 'c'\"\tis\u{1} not\u{1B}[31m allowed\u{FFFE}\r\n  label = \"<&>\"\n          ^\n  note: one\n  note: two"
    /// The same as a parser must read it back: the forbidden characters gone, nothing else changed.
    static let awkwardRead = "bad.toml:2:9: error: `label` \"a <b> & 'c'\"\tis not[31m allowed\r\n  label = \"<&>\"\n          ^\n  note: one\n  note: two"

    func sample() -> BatchReport {
        BatchReport(figures: [
            FigureReport(config: "deck/good.toml", output: "good.png", status: .rendered),
            FigureReport(config: "deck/old.toml", output: "old.png", status: .skipped),
            FigureReport(config: "bad.toml", output: "", status: .failed, error: Self.awkward),
        ])
    }

    @Test("a render's report: counts, names, times, the failure's message and full text, and <skipped/>, as an independent parser reads them")
    func renderReport() throws {
        let folder = try ciTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = JUnitReport(rendered: sample(), seconds: ["deck/good.toml": 0.1234, "bad.toml": 0.0026], total: 0.25,
                                 workingDirectory: "/w")
        let file = folder.appendingPathComponent("reports/junit.xml")
        try report.write(to: file)
        let parsed = try ParsedJUnit.read(file)
        #expect(parsed.root == "testsuites")
        let counts = ["tests": "3", "failures": "1", "errors": "0", "skipped": "1", "time": "0.250"]
        for (key, value) in counts { #expect(parsed.attributes[key] == value, "testsuites \(key)") }
        let suite = try #require(parsed.suites.count == 1 ? parsed.suites[0] : nil)
        #expect(suite.attributes["name"] == "lossmap")
        for (key, value) in counts { #expect(suite.attributes[key] == value, "testsuite \(key)") }
        #expect(suite.cases.map { $0.attributes["name"] } == ["deck/good.toml", "deck/old.toml", "bad.toml"])
        #expect(suite.cases.allSatisfy { $0.attributes["classname"] == "lossmap.render" })
        #expect(suite.cases.map { $0.attributes["time"] } == ["0.123", "0.000", "0.003"])
        #expect(suite.cases.map(\.skipped) == [false, true, false])
        #expect(suite.cases[0].failure == nil && suite.cases[1].failure == nil)
        let failure = try #require(suite.cases[2].failure)
        #expect(failure["type"] == "config error")
        #expect(failure["message"] == "bad.toml:2:9: error: `label` \"a <b> & 'c'\"\tis not[31m allowed")
        #expect(suite.cases[2].failureText == Self.awkwardRead)
    }

    @Test("a check's report: classname lossmap.check, no skipped, and a failure with no line is an error, not a config error")
    func checkReport() throws {
        let folder = try ciTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checked = [CheckedConfig(config: "/w/a.toml", problems: nil, seconds: 0.01),
                       CheckedConfig(config: "/w/b.toml", problems: "/w/b.toml: error: lossmap crashed (signal 4) while checking this config; please report it", seconds: 0.02)]
        let file = folder.appendingPathComponent("check.xml")
        try JUnitReport(checked: checked, total: 0.03, workingDirectory: "/w").write(to: file)
        let parsed = try ParsedJUnit.read(file)
        let suite = try #require(parsed.suites.first)
        #expect(suite.attributes["tests"] == "2" && suite.attributes["failures"] == "1" && suite.attributes["skipped"] == "0")
        #expect(suite.cases.map { $0.attributes["name"] } == ["a.toml", "b.toml"])
        #expect(suite.cases.allSatisfy { $0.attributes["classname"] == "lossmap.check" })
        #expect(suite.cases[1].failure?["type"] == "error")
        #expect(suite.cases[1].failureText == checked[1].problems)
    }

    @Test("times are seconds with three decimals, whatever the locale", arguments: [
        (0.0, "0.000"), (0.0424, "0.042"), (0.0005, "0.001"), (1.5, "1.500"), (12.3456, "12.346"), (-1, "0.000"), (.nan, "0.000"),
    ])
    func times(seconds: Double, text: String) {
        #expect(JUnitReport.time(seconds) == text)
    }

    @Test("the file is replaced by a rename, never written in place, and no temporary is left")
    func atomicWrite() throws {
        let folder = try ciTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("junit.xml")
        try "old".write(to: file, atomically: false, encoding: .utf8)
        func inode() -> UInt64? {
            var info = stat()
            return stat(file.path, &info) == 0 ? UInt64(info.st_ino) : nil
        }
        let before = inode()
        try JUnitReport(rendered: sample(), seconds: [:], total: 0, workingDirectory: "/w").write(to: file)
        #expect(before != nil && inode() != nil && before != inode())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["junit.xml"])
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("<?xml"))
        // A folder that cannot be made is an error in words, not a crash.
        try "a file".write(to: folder.appendingPathComponent("blocked"), atomically: false, encoding: .utf8)
        #expect(throws: (any Error).self) {
            try JUnitReport(rendered: sample(), seconds: [:], total: 0, workingDirectory: "/w")
                .write(to: folder.appendingPathComponent("blocked/junit.xml"))
        }
    }

    @Test("a batch rendered twice: each figure's seconds are reported, the failed one failed, the good one rendered and then skipped")
    func batchTimings() throws {
        let folder = try ciTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.toml").path
        let bad = folder.appendingPathComponent("bad.toml").path
        try "size = [160, 120]\n[surface]\nfunction = \"booth\"\nresolution = 16\n[optimizer]\nlearning_rates = [0.01]\nsteps = 5\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        try "[surface]\nfunction = \"booth\"\nresolution = \"<&>\"\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let renderer = BatchRenderer(outputFolder: folder.appendingPathComponent("out"), jobs: 2, force: false)
        var statuses: [[String]] = []
        for _ in 0..<2 {
            let times = Locked<[String: Double]>([:])
            let report = renderer.render([good, bad], seconds: { config, seconds in times.update { $0[config] = seconds } })
            try ReportWriter.write(report, to: renderer.outputFolder)
            #expect(Set(times.value.keys) == Set(report.figures.map(\.config)))
            #expect(times.value.values.allSatisfy { $0 >= 0 && $0 < 60 })
            let file = folder.appendingPathComponent("junit.xml")
            try JUnitReport(rendered: report, seconds: times.value, total: 1, workingDirectory: folder.path).write(to: file)
            let suite = try #require(try ParsedJUnit.read(file).suites.first)
            #expect(suite.cases.map { $0.attributes["name"] } == ["good.toml", "bad.toml"])
            #expect(suite.cases[0].attributes["time"] == JUnitReport.time(times.value[report.figures[0].config] ?? -1))
            // The config's `<&>` comes back as written.
            #expect(suite.cases[1].failureText?.contains("resolution = \"<&>\"") == true)
            #expect(suite.cases[1].failure?["message"]?.hasSuffix("bad.toml:3:14: error: `resolution` must be an integer, found a string") == true)
            statuses.append(suite.cases.map { $0.skipped ? "skipped" : $0.failure == nil ? "passed" : "failed" })
        }
        #expect(statuses == [["passed", "failed"], ["skipped", "failed"]])
    }
}

/// A value shared between threads.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func update(_ change: (inout Value) -> Void) {
        lock.lock()
        change(&stored)
        lock.unlock()
    }
}
