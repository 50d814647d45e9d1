import Foundation
import Testing

@Suite("Batch rendering from the command line")
struct BatchCommandTests {
    /// A folder `deck/` with `count` small configs, each a different learning rate.
    func deck(_ count: Int, in folder: URL) throws {
        let deck = folder.appendingPathComponent("deck")
        try FileManager.default.createDirectory(at: deck, withIntermediateDirectories: true)
        for i in 0..<count {
            let config = smallConfig.replacingOccurrences(of: "learning_rates = [0.01, 0.2]", with: "learning_rates = [0.0\(i + 1)]")
            try config.write(to: deck.appendingPathComponent("f\(i).toml"), atomically: true, encoding: .utf8)
        }
    }

    func report(_ url: URL) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return object?["figures"] as? [[String: Any]] ?? []
    }

    @Test("a second render of an unchanged deck skips every figure, --force renders them again, an edit renders one")
    func upToDate() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try deck(3, in: folder)
        let first = try LossmapProcess.run(["render", "deck", "--jobs", "2"], in: folder)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("3 rendered, 0 up to date"))
        let png = folder.appendingPathComponent("output/f0.png")
        let before = try FileManager.default.attributesOfItem(atPath: png.path)[.modificationDate] as? Date
        let second = try LossmapProcess.run(["render", "deck"], in: folder)
        #expect(second.out.contains("0 rendered, 3 up to date"), "\(second.out)")
        #expect(try FileManager.default.attributesOfItem(atPath: png.path)[.modificationDate] as? Date == before)
        let statuses = try report(folder.appendingPathComponent("output/report.json")).compactMap { $0["status"] as? String }
        #expect(statuses == ["skipped", "skipped", "skipped"])
        // Skipped figures keep their runs in the report.
        #expect(try report(folder.appendingPathComponent("output/report.json")).allSatisfy { ($0["runs"] as? [Any])?.count == 1 })
        let forced = try LossmapProcess.run(["render", "deck", "--force"], in: folder)
        #expect(forced.out.contains("3 rendered, 0 up to date"))
        try (smallConfig + "\n# edited\n").write(to: folder.appendingPathComponent("deck/f1.toml"), atomically: true, encoding: .utf8)
        let edited = try LossmapProcess.run(["render", "deck"], in: folder)
        #expect(edited.out.contains("1 rendered, 2 up to date"), "\(edited.out)")
    }

    @Test("shards 1/2 and 2/2 render disjoint parts that together are the whole deck, and their reports merge")
    func shardsAndMerge() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try deck(6, in: folder)
        let a = try LossmapProcess.run(["render", "deck", "--shard", "1/2", "-o", "a", "-q"], in: folder)
        let b = try LossmapProcess.run(["render", "deck", "--shard", "2/2", "-o", "b", "-q"], in: folder)
        #expect(a.status == 0 && b.status == 0)
        let pngs = { (dir: String) in
            Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(dir).path)) ?? []).filter { $0.hasSuffix(".png") })
        }
        #expect(pngs("a").isDisjoint(with: pngs("b")))
        #expect(pngs("a").union(pngs("b")) == Set((0..<6).map { "f\($0).png" }))
        let merged = try LossmapProcess.run(["report", "merge", "a", "b/report.json", "-o", "all"], in: folder)
        #expect(merged.status == 0, "\(merged.err)")
        #expect(try report(folder.appendingPathComponent("all/report.json")).count == 6)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("all/index.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("all/report.md").path))
    }

    @Test("a failed figure is named in the summary and the report, and the others still render")
    func failureInReport() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try deck(2, in: folder)
        try "[surface]\nfunction = \"nope\"\n".write(to: folder.appendingPathComponent("deck/zz-bad.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "deck"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("1 of 3 figures failed:"))
        #expect(result.err.contains("\n  deck/zz-bad.toml:2:12: error: unknown surface `nope`"))
        let figures = try report(folder.appendingPathComponent("output/report.json"))
        #expect(figures.compactMap { $0["status"] as? String } == ["rendered", "rendered", "failed"])
        #expect((figures[2]["error"] as? String)?.contains("unknown surface") == true)
    }

    @Test("two configs writing the same output name are caught before either is drawn over the other")
    func outputCollision() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try deck(2, in: folder)
        for name in ["f0", "f1"] {
            let url = folder.appendingPathComponent("deck/\(name).toml")
            try ("output = \"same.png\"\n" + String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let result = try LossmapProcess.run(["render", "deck"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("output `same.png` is already written by deck/f0.toml"))
    }

    @Test("list names the built-in surfaces, methods and colormaps; bad options get a clear error")
    func listAndOptions() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try LossmapProcess.run(["list"], in: folder)
        for name in ["rosenbrock", "six-hump-camel", "adam", "viridis", "dark", "grid"] { #expect(list.out.contains(name)) }
        let badShard = try LossmapProcess.run(["render", "x.toml", "--shard", "3/2"], in: folder)
        #expect(badShard.status != 0)
        #expect(badShard.err.contains("--shard must be K/N"))
        let badJobs = try LossmapProcess.run(["render", "x.toml", "--jobs", "0"], in: folder)
        #expect(badJobs.err.contains("--jobs must be between 1 and 256"))
    }

    @Test("render --help says how many figures run at once and where data may be read; check --help has the flag too")
    func helpOnJobsAndData() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let render = try LossmapProcess.run(["render", "--help"], in: folder)
        let text = render.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Without --jobs, figures run one per core, and fewer at once when their memory estimates"), "\(render.out)")
        #expect(text.contains("MemAvailable on Linux"))
        #expect(text.contains("--allow-outside-data"))
        #expect(text.contains("worker process"))
        let check = try LossmapProcess.run(["check", "--help"], in: folder)
        #expect(check.out.contains("--allow-outside-data"))
        // The worker is there, but not for people.
        #expect(!(try LossmapProcess.run(["--help"], in: folder)).out.contains("render-worker"))
    }

    @Test("init writes a starter config that checks and renders, and never overwrites without --force")
    func initStarter() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try LossmapProcess.run(["init", "mine", "--surface", "himmelblau"], in: folder)
        #expect(made.status == 0, "\(made.err)")
        let check = try LossmapProcess.run(["check", "mine.toml"], in: folder)
        #expect(check.status == 0, "\(check.err)")
        let again = try LossmapProcess.run(["init", "mine"], in: folder)
        #expect(again.status == 1)
        #expect(again.err.contains("mine.toml exists"))
    }
}

@Suite("Nothing lost")
struct NothingLostTests {
    @Test("several jobs write exactly the files a serial run writes")
    func jobsMatchSerial() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(4, in: folder)
        _ = try LossmapProcess.run(["render", "deck", "-j", "1", "-o", "serial", "-q"], in: folder)
        _ = try LossmapProcess.run(["render", "deck", "-j", "4", "-o", "parallel", "-q"], in: folder)
        for i in 0..<4 {
            let a = try Data(contentsOf: folder.appendingPathComponent("serial/f\(i).png"))
            let b = try Data(contentsOf: folder.appendingPathComponent("parallel/f\(i).png"))
            #expect(a == b, "f\(i).png differs")
        }
    }

    @Test("a render killed mid-write leaves the previous figure intact and no partial file")
    func killedRender() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("big.toml")
        try smallConfig.write(to: config, atomically: true, encoding: .utf8)
        _ = try LossmapProcess.run(["render", "big.toml", "-q"], in: folder)
        let target = folder.appendingPathComponent("output/big.png")
        let before = try Data(contentsOf: target)
        // Now a figure that takes a while, killed part-way through several times over.
        try smallConfig.replacingOccurrences(of: "size = [400, 300]", with: "size = [4000, 2500]")
            .replacingOccurrences(of: "resolution = 40", with: "resolution = 800")
            .write(to: config, atomically: true, encoding: .utf8)
        // The render takes about 3.5 s in a debug build; the later kills land in the PNG write.
        for delay in [0.1, 1.5, 2.6, 3.0, 3.3] {
            let process = Process()
            process.executableURL = LossmapProcess.binary
            process.arguments = ["render", "big.toml", "-q"]
            process.currentDirectoryURL = folder
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Either the old figure, untouched, or (if the render won the race) a complete new one.
            let after = try Data(contentsOf: target)
            if after != before {
                #expect(after.suffix(12) == Data([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]), "truncated PNG")
            }
        }
        // The next render into the folder sweeps away the killed runs' temporary files.
        try smallConfig.write(to: folder.appendingPathComponent("small.toml"), atomically: true, encoding: .utf8)
        _ = try LossmapProcess.run(["render", "small.toml", "-q"], in: folder)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("output").path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}

@Suite("Review fixes on the command line")
struct ReviewCommandTests {
    @Test("a figure overwritten by another config is not taken as up to date, and shards see each other's output names")
    func outputsClaimedTwice() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("coll"), withIntermediateDirectories: true)
        try ("output = \"same.png\"\n" + smallConfig).write(to: folder.appendingPathComponent("coll/a.toml"), atomically: true, encoding: .utf8)
        try ("output = \"same.png\"\n" + smallConfig.replacingOccurrences(of: "booth", with: "himmelblau"))
            .write(to: folder.appendingPathComponent("coll/b.toml"), atomically: true, encoding: .utf8)
        _ = try LossmapProcess.run(["render", "coll/a.toml", "-q"], in: folder)
        _ = try LossmapProcess.run(["render", "coll/b.toml", "-q"], in: folder)
        let third = try LossmapProcess.run(["render", "coll/a.toml"], in: folder)
        #expect(third.out.contains("1 rendered, 0 up to date"), "\(third.out)")
        // Each shard holds one of the two, yet both see the clash.
        for k in 1...2 {
            let shard = try LossmapProcess.run(["render", "coll", "--shard", "\(k)/2", "-o", "s\(k)"], in: folder)
            let clash = shard.err.contains("output `same.png` is already written by coll/a.toml")
            let rendered = FileManager.default.fileExists(atPath: folder.appendingPathComponent("s\(k)/same.png").path)
            // The shard holding b.toml reports the clash; the one holding a.toml renders it.
            #expect(clash != rendered, "shard \(k): \(shard.err)")
        }
    }

    @Test("a non-finite critical rate does not cost the report: it is written, without the field")
    func reportWithInfinity() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[surface]\nexpression = \"1e-310*(w1^2 + w2^2)\"\nw1 = [-1, 1]\nw2 = [-1, 1]\n[optimizer]\nlearning_rates = [0.1]\nsteps = 5\n"
            .write(to: folder.appendingPathComponent("flat.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "flat.toml", "-q"], in: folder)
        #expect(result.status == 0, "\(result.err)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("output/report.json"))) as? [String: Any]
        let figure = (object?["figures"] as? [[String: Any]])?.first
        #expect(figure?["status"] as? String == "rendered")
        #expect(figure?["critical_learning_rate"] == nil)
    }

    @Test("init takes any file name: the starter config checks whatever it is called")
    func initOddNames() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["we\"ird", ".hidden", "ü ber"] {
            let made = try LossmapProcess.run(["init", name], in: folder)
            #expect(made.status == 0, "\(name): \(made.err)")
            let check = try LossmapProcess.run(["check", name + ".toml"], in: folder)
            #expect(check.status == 0, "\(name): \(check.err)")
        }
    }
}
