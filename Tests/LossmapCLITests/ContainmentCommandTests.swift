import Foundation
import Testing

/// A batch survives a figure that fails in any way: a trap in one figure costs that figure
/// only. `LOSSMAP_TEST_TRAP` (honoured by `lossmap render-worker` alone) makes the worker
/// trap on one config, as a bug would.
@Suite("A crashing figure is contained")
struct ContainmentCommandTests {
    func figures(_ folder: URL) throws -> [[String: Any]] {
        try BatchCommandTests().report(folder.appendingPathComponent("output/report.json"))
    }

    @Test("a config that traps while rendering fails alone: the others render, the report names it, the status is 1")
    func trapWhileRendering() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(3, in: folder)
        let result = try LossmapProcess.run(["render", "deck", "--jobs", "2"], in: folder, environment: ["LOSSMAP_TEST_TRAP": "f1.toml"])
        #expect(result.status == 1)
        for good in ["f0", "f2"] {
            #expect(try pngSize(folder.appendingPathComponent("output/\(good).png")) == (400, 300))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("output/f1.png").path))
        let crash = "deck/f1.toml: error: lossmap crashed (signal \(trapSignal)) while rendering this figure; please report it"
        #expect(result.err.contains("1 of 3 figures failed:\n  \(crash)\n"), "\(result.err)")
        let figures = try figures(folder)
        #expect(figures.compactMap { $0["status"] as? String } == ["rendered", "failed", "rendered"])
        let error = figures[1]["error"] as? String ?? ""
        #expect(error.hasPrefix(crash))
        // The runtime's own words come along, so the report says what trapped.
        #expect(error.contains("Fatal error: LOSSMAP_TEST_TRAP=f1.toml"))
        #expect(figures[1]["output"] as? String == "f1.png")
        // Nothing half-written is left behind by the worker that died.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("output").path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("a config that trapped lossmap 0.1 (a range ending near the largest double) costs at most itself, never the batch or the report")
    func realTrap() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(2, in: folder)
        // lossmap 0.1 trapped in Grid on this range (issue 13): exit 132, no figure after it, no report.
        try smallConfig.replacingOccurrences(of: "resolution = 40", with: "resolution = 40\nw1 = [0.0, 1e308]\nw2 = [0.0, 1.0]")
            .write(to: folder.appendingPathComponent("deck/b-huge.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "deck", "-j", "1", "-q"], in: folder)
        var status: [String: String] = [:]
        for figure in try figures(folder) { status[figure["config"] as? String ?? ""] = figure["status"] as? String }
        #expect(status.count == 3)
        #expect(status["deck/f0.toml"] == "rendered" && status["deck/f1.toml"] == "rendered", "\(result.err)")
        // Whether it still traps or is now refused cleanly, it is a failure or a figure, and the status says which.
        let huge = status["deck/b-huge.toml"]
        #expect(huge == "failed" || huge == "rendered")
        #expect(result.status == (huge == "failed" ? 1 : 0))
    }

    @Test("with one job, the figures after a trapping one still render on a fresh worker")
    func trapWithOneJob() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(3, in: folder)
        let result = try LossmapProcess.run(["render", "deck", "-j", "1", "-q"], in: folder, environment: ["LOSSMAP_TEST_TRAP": "f0.toml"])
        #expect(result.status == 1)
        #expect(try figures(folder).compactMap { $0["status"] as? String } == ["failed", "rendered", "rendered"])
    }

    @Test("a config that traps while it is read fails alone too, and the report is written")
    func trapWhileReading() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(3, in: folder)
        let result = try LossmapProcess.run(["render", "deck"], in: folder, environment: ["LOSSMAP_TEST_TRAP": "plan:f2.toml"])
        #expect(result.status == 1)
        #expect(result.err.contains("deck/f2.toml: error: lossmap crashed (signal \(trapSignal)) while reading this config; please report it"))
        #expect(try figures(folder).compactMap { $0["status"] as? String } == ["rendered", "rendered", "failed"])
    }

    @Test("one config alone (planned and rendered in one request) that traps while read or drawn fails cleanly, keeping the report's other figures",
          arguments: ["plan:f1.toml", "f1.toml"])
    func trapAlone(trap: String) throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(3, in: folder)
        #expect(try LossmapProcess.run(["render", "deck", "-q"], in: folder).status == 0)
        let result = try LossmapProcess.run(["render", "deck/f1.toml", "--force"], in: folder, environment: ["LOSSMAP_TEST_TRAP": trap])
        #expect(result.status == 1)
        let crash = "deck/f1.toml: error: lossmap crashed (signal \(trapSignal)) while rendering this figure; please report it"
        #expect(result.err.contains(crash), "\(result.err)")
        let figures = try figures(folder)
        #expect(figures.compactMap { $0["status"] as? String } == ["rendered", "failed", "rendered"])
        #expect((figures[1]["error"] as? String ?? "").contains("Fatal error: LOSSMAP_TEST_TRAP=\(trap)"))
        // The figure drawn before is still there: a failed render replaces nothing.
        #expect(try pngSize(folder.appendingPathComponent("output/f1.png")) == (400, 300))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("output").path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    #if os(Linux)
    @Test("a batch killed mid-figure takes its workers with it at once")
    func workersDieWithTheBatch() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try smallConfig.replacingOccurrences(of: "size = [400, 300]", with: "size = [4000, 2500]")
            .replacingOccurrences(of: "resolution = 40", with: "resolution = 1500")
            .write(to: folder.appendingPathComponent("big.toml"), atomically: true, encoding: .utf8)
        let batch = Process()
        batch.executableURL = LossmapProcess.binary
        batch.arguments = ["render", "big.toml", "-q"]
        batch.currentDirectoryURL = folder
        try batch.run()
        // The batch's workers carry its pid in their environment.
        func workers() -> [Int32] {
            let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return ids.compactMap(Int32.init).filter { pid in
                guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
                return environment.split(separator: 0).contains(Data("LOSSMAP_WORKER_PARENT=\(batch.processIdentifier)".utf8))
            }
        }
        func alive(_ pid: Int32) -> Bool {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
            return !status.contains("State:\tZ")
        }
        var started: [Int32] = []
        for _ in 0..<100 where started.isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
            started = workers()
        }
        #expect(!started.isEmpty)
        Thread.sleep(forTimeInterval: 0.3)
        kill(batch.processIdentifier, SIGKILL)
        batch.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        #expect(started.filter(alive).isEmpty, "workers \(started) outlived their batch")
    }
    #endif

    @Test("check reports a config that traps as an error of its own and checks the others")
    func trapWhileChecking() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(2, in: folder)
        try "[surface]\nfunction = \"boot\"\n".write(to: folder.appendingPathComponent("deck/zz-bad.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["check", "deck"], in: folder, environment: ["LOSSMAP_TEST_TRAP": "check:f0.toml"])
        #expect(result.status == 1)
        #expect(result.err.contains("deck/f0.toml: error: lossmap crashed (signal \(trapSignal)) while checking this config; please report it"))
        #expect(result.err.contains("deck/zz-bad.toml:2:12: error: unknown surface `boot`"))
        #expect(result.err.hasSuffix("2 of 3 configs have errors\n"))
    }
}

/// The signal a Swift runtime trap raises: `ud2` on x86-64, `brk` on arm64.
#if arch(arm64)
let trapSignal = SIGTRAP
#else
let trapSignal = SIGILL
#endif
