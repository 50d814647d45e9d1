import Foundation
import Testing
import LossmapBackend
@testable import LossmapBatch
import LossmapConfig
import LossmapCore
import LossmapSpec

@Suite struct PathSpellingTests {
    @Test("config paths are tidied to one spelling relative to the working directory",
          arguments: [("a.toml", "a.toml"), ("./a.toml", "a.toml"), (".//deck/./a.toml", "deck/a.toml"),
                      ("deck/../a.toml", "a.toml"), ("/work/proj/deck/a.toml", "deck/a.toml"),
                      ("../proj/a.toml", "a.toml"), ("../other/a.toml", "../other/a.toml"),
                      ("/elsewhere/a.toml", "/elsewhere/a.toml"), ("/work/proj/../x/a.toml", "/work/x/a.toml")])
    func configs(_ given: String, _ tidy: String) {
        #expect(PathSpelling.config(given, workingDirectory: "/work/proj") == tidy)
    }

    @Test("output names lose `.` and empty parts; case matters only where the file system folds it")
    func outputs() {
        #expect(PathSpelling.output("./x.png") == "x.png")
        #expect(PathSpelling.output("sub//y.png") == "sub/y.png")
        #expect(PathSpelling.output("./sub/./y.png") == "sub/y.png")
        #expect(PathSpelling.clashKey("Sub/Fig.png", foldsCase: true) == PathSpelling.clashKey("sub/fig.PNG", foldsCase: true))
        #expect(PathSpelling.clashKey("Fig.png", foldsCase: false) != PathSpelling.clashKey("fig.png", foldsCase: false))
        #expect(PathSpelling.reported("./deck//a.toml") == "deck/a.toml")
    }

    @Test("the case probe agrees with the file system it probes, and leaves nothing behind")
    func caseProbe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("mixed"))
        let folds = FileManager.default.fileExists(atPath: folder.appendingPathComponent("MIXED").path)
        #expect(OutputTree.foldsCase(folder) == folds)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mixed"])
    }

    @Test("the longest output name a config may give still has a temporary name within NAME_MAX")
    func temporaryNamesFit() throws {
        let longest = String(repeating: "a", count: 228 - 4) + ".png"
        let temporary = AtomicFile.temporaryURL(for: URL(fileURLWithPath: "/tmp/" + longest))
        #expect(longest.utf8.count + AtomicFile.temporaryNameOverhead == 255)
        #expect(temporary.lastPathComponent.utf8.count <= 255)
        func decode(_ name: String) throws {
            _ = try FigureConfig.load(SourceFile(name: "t.toml", text: "output = \"\(name)\"\n[surface]\nfunction = \"booth\"\n"),
                                      defaultOutputName: "t.png")
        }
        try decode(longest)
        #expect(throws: DiagnosticList.self) { try decode("a" + longest) }
    }
}

@Suite struct MemoryEstimateTests {
    func spec(size: Int, resolution: Int, levels: Int = 20, steps: Int = 500, runs: Int = 1, scale: Double = 1) -> FigureSpec {
        let surface = SurfaceSpec(surface: Rosenbrock(), name: "rosenbrock", w1: -2...2, w2: -1...3, resolution: resolution,
                                  levels: .count(levels))
        let run = RunSpec(learningRate: .absolute(0.001), start: Weights(-1.5, 2), stopping: Stopping(maxSteps: steps))
        var spec = FigureSpec(title: "", width: size, height: size, surface: surface, runs: Array(repeating: run, count: runs))
        spec.scale = scale
        return spec
    }

    @Test("the estimate grows with pixels × scale², grid cells × levels, steps and data, each as measured")
    func terms() {
        let small = MemoryEstimate(spec(size: 400, resolution: 40, steps: 1)).bytes
        #expect(small > MemoryEstimate.processBytes && small < 40 << 20)
        let pixels = MemoryEstimate(spec(size: 4000, resolution: 40, steps: 1)).bytes - small
        #expect(pixels == (4000 * 4000 - 400 * 400) * MemoryEstimate.bytesPerPixel)
        #expect(MemoryEstimate(spec(size: 2000, resolution: 40, steps: 1, scale: 2)).bytes - small == pixels)
        let coarse = MemoryEstimate(spec(size: 400, resolution: 40, levels: 10, steps: 1)).bytes
        let cells = MemoryEstimate(spec(size: 400, resolution: 1000, levels: 10, steps: 1)).bytes - coarse
        #expect(cells == (1000 * 1000 - 40 * 40) * (MemoryEstimate.bytesPerCell + 10 * MemoryEstimate.bytesPerCellLevel))
        #expect(MemoryEstimate(spec(size: 400, resolution: 40, steps: 1_000_001)).bytes - small == 1_000_000 * MemoryEstimate.bytesPerStep)
        #expect(MemoryEstimate(spec(size: 400, resolution: 40, steps: 1), dataBytes: 1000).bytes - small == 8000)
    }

    @Test("the largest figure the limits allow is estimated above the 2.3 GB it was measured at, and below 8 GB")
    func largest() {
        let largest = MemoryEstimate(spec(size: 16384, resolution: 4096, runs: 64)).bytes
        #expect(largest > 2_300_000_000 && largest < 8_000_000_000, "\(largest)")
    }

    @Test("the machine's available memory is read, and is something")
    func machine() {
        #expect(MachineMemory.available() > 64 << 20)
    }
}

@Suite struct MemoryGateTests {
    @Test("figures are admitted in order while their estimates fit; one larger than the whole runs alone")
    func admission() {
        let gate = MemoryGate(capacity: 100)
        let log = Slots<Int>(count: 5)
        let sizes = [40, 40, 150, 30, 30]
        let inFlight = Tally()
        runConcurrently(sizes.count, threads: 5) { i in
            gate.admit(i, bytes: sizes[i])
            let now = inFlight.add(sizes[i])
            log.set(i, now)
            Thread.sleep(forTimeInterval: 0.05)
            _ = inFlight.add(-sizes[i])
            gate.release(bytes: sizes[i])
        }
        let seen = log.all().map { $0! }
        // Never more than the capacity at once, except the large one, which was alone.
        #expect(seen[2] == 150)
        for i in [0, 1, 3, 4] { #expect(seen[i] <= 100, "\(seen)") }
    }

    final class Tally: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func add(_ x: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += x
            return value
        }
    }
}

@Suite struct WorkerProtocolTests {
    @Test("requests and replies survive a line of JSON each")
    func roundTrip() throws {
        let requests: [WorkerRequest] = [.plan(config: "a.toml", allowOutsideData: false, fingerprint: true),
                                         .render(config: "d/b.toml", output: "sub/b.png", folder: "/out", allowOutsideData: true, threads: 2),
                                         .check(config: "c.toml", allowOutsideData: false)]
        for request in requests {
            let line = try JSONEncoder().encode(request)
            #expect(!line.contains(0x0A))
            #expect(try JSONDecoder().decode(WorkerRequest.self, from: line) == request)
        }
        let replies: [WorkerReply] = [.planned(PlannedFigure(output: "a.png", fingerprint: "00", memory: MemoryEstimate(bytes: 7))),
                                      .rendered(FigureReport(config: "a.toml", output: "a.png", status: .failed, error: "two\nlines")),
                                      .checked(problems: nil), .checked(problems: "x.toml:1:1: error: no")]
        for reply in replies {
            let line = try JSONEncoder().encode(reply)
            #expect(!line.contains(0x0A))
            #expect(try JSONDecoder().decode(WorkerReply.self, from: line) == reply)
        }
    }

    @Test("the test trap names a config by path or file name, and a phase")
    func trapSwitch() {
        let render = TestTrap("f1.toml"), plan = TestTrap("plan:deck/f2.toml"), check = TestTrap("check:x.toml")
        #expect(render.phase == "render" && render.name == "f1.toml")
        #expect(plan.phase == "plan" && plan.name == "deck/f2.toml")
        #expect(check.phase == "check" && check.name == "x.toml")
        #expect(TestTrap(nil).name.isEmpty)
    }

    @Test("a batch in this process plans, renders and reports as one in workers would")
    func inProcessBatch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for i in 0..<3 {
            let url = folder.appendingPathComponent("c\(i).toml")
            try "size = [200, 150]\n[surface]\nfunction = \"booth\"\nresolution = 16\n[optimizer]\nlearning_rates = [0.01]\nsteps = 5\n"
                .write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        // A budget smaller than any figure: they run one at a time, and all of them run.
        let renderer = BatchRenderer(outputFolder: folder.appendingPathComponent("out"), jobs: 3, force: false, memoryBudget: 1)
        let report = renderer.render(paths + [paths[0]])
        #expect(report.figures.map(\.status) == [.rendered, .rendered, .rendered])
        try ReportMerging.writeKeepingEarlier(report, to: renderer.outputFolder)
        let again = renderer.render(paths)
        #expect(again.figures.map(\.status) == [.skipped, .skipped, .skipped])
    }
}

/// The pool against the real worker, `lossmap render-worker`, built beside the tests.
@Suite struct WorkerPoolTests {
    static var lossmap: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("lossmap")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("lossmap")
    }

    @Test("a worker killed while idle costs no request: the next one goes to a fresh worker")
    func idleWorkerKilled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-pool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("bad.toml").path
        try "[surface]\nfunction = \"boot\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let pool = WorkerPool(.workers(executable: Self.lossmap))
        defer { pool.shutdown() }
        guard case .reply(.checked(let first)) = pool.perform(.check(config: config, allowOutsideData: false)) else {
            Issue.record("no reply from the worker")
            return
        }
        #expect(first?.contains("unknown surface `boot`") == true)
        let worker = try #require(pool.idleWorkers.first)
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        guard case .reply(.checked(let second)) = pool.perform(.check(config: config, allowOutsideData: false)) else {
            Issue.record("the request after a worker was killed failed")
            return
        }
        #expect(second == first)
        #expect(pool.idleWorkers.count == 1 && pool.idleWorkers.first !== worker)
    }

    @Test("a worker killed from outside (the OOM killer, say) is said as a kill, with the figure's estimate")
    func workerKilled() throws {
        let pool = WorkerPool(.workers(executable: Self.lossmap))
        defer { pool.shutdown() }
        guard case .reply = pool.perform(.check(config: "/nonexistent.toml", allowOutsideData: false)) else {
            Issue.record("no reply from the worker")
            return
        }
        let worker = try #require(pool.idleWorkers.first)
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        let death = worker.death(while: "rendering this figure")
        #expect(death.killed)
        #expect(death.error(for: "a.toml", memory: MemoryEstimate(bytes: 2_500_000_000)).hasPrefix(
            "a.toml: error: lossmap was killed (signal 9) while rendering this figure, perhaps by the system for lack of memory; render it alone, or smaller (its estimate: 2.5 GB)"))
    }
}

@Suite struct StaleTemporaryTests {
    #if os(Linux)
    @Test("a temporary of a process that is a zombie (killed, not yet reaped) is swept; one of a live process is not")
    func zombiesCountAsDead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-zombie-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A child that exits and is not waited for stays a zombie, as a killed worker does
        // under a first process that does not reap orphans.
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0)
        defer { waitpid(pid, nil, 0) }
        for _ in 0..<200 {
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if state.contains(") Z") { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let zombie = folder.appendingPathComponent(".a.png.\(pid).7.tmp")
        let live = folder.appendingPathComponent(".b.png.\(getpid()).7.tmp")
        try Data().write(to: zombie)
        try Data().write(to: live)
        AtomicFile.removeStaleTemporaries(in: folder)
        #expect(!FileManager.default.fileExists(atPath: zombie.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }
    #endif

    @Test("a half-filled frames folder a killed render left under its temporary name is swept whole")
    func staleFramesFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pid that runs no process: beyond the kernel's largest (pid_max is at most 2²²).
        let stale = folder.appendingPathComponent("deck/.walk.\(Int32.max - 1).7.tmp")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("png".utf8).write(to: stale.appendingPathComponent("frame-001.png"))
        let finished = folder.appendingPathComponent("deck/walk")
        try FileManager.default.createDirectory(at: finished, withIntermediateDirectories: true)
        try Data("png".utf8).write(to: finished.appendingPathComponent("frame-001.png"))
        AtomicFile.removeStaleTemporaries(in: folder)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: finished.appendingPathComponent("frame-001.png").path))
    }
}

@Suite struct ReportUpdateTests {
    func figure(_ config: String, _ status: FigureReport.Status, output: String = "") -> FigureReport {
        FigureReport(config: config, output: output, status: status)
    }

    @Test("an entry another batch wrote while this one ran is kept, failures too; an earlier batch's failure is not")
    func concurrentEntriesKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("old.png"))
        // What this batch saw when it started…
        let before = BatchReport(figures: [figure("old.toml", .rendered, output: "old.png"), figure("old-bad.toml", .failed),
                                           figure("gone.toml", .rendered, output: "gone.png")])
        try ReportWriter.write(before, to: folder)
        let seen = BatchRenderer.previousReports(in: folder)
        // …what another batch added meanwhile…
        try ReportWriter.write(BatchReport(figures: before.figures + [figure("./other-bad.toml", .failed), figure("other.toml", .rendered, output: "o.png")]), to: folder)
        // …and this batch's own figures.
        try ReportMerging.writeKeepingEarlier(BatchReport(figures: [figure("mine.toml", .rendered, output: "mine.png")]), to: folder, seen: seen)
        let configs = try ReportWriter.read(folder.appendingPathComponent("report.json")).figures.map(\.config)
        #expect(configs == ["mine.toml", "old.toml", "other-bad.toml", "other.toml"])
    }
}
