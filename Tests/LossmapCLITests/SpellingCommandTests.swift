import Foundation
import Testing

/// Two spellings of one file are one file: for output names (one figure, so a clash) and
/// for config paths (one report entry).
@Suite("One file, however it is spelled")
struct SpellingCommandTests {
    func write(_ configs: [String: String], in folder: URL) throws {
        for (name, output) in configs {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ((output.isEmpty ? "" : "output = \"\(output)\"\n") + smallConfig).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test("output names that differ only by `.` or empty parts clash", arguments: [("x.png", "./x.png"), ("sub/y.png", "sub//y.png"),
                                                                                   ("sub/y.png", "./sub/./y.png"), ("x.png", ".//x.png")])
    func outputSpellingsClash(_ first: String, _ second: String) throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(["c/a.toml": first, "c/b.toml": second], in: folder)
        let result = try LossmapProcess.run(["render", "c", "-q"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("c/b.toml: error: output `\(second)` is already written by c/a.toml"), "\(result.err)")
        // The report names the figure once, in its one spelling.
        let figures = try BatchCommandTests().report(folder.appendingPathComponent("output/report.json"))
        #expect(figures.compactMap { $0["output"] as? String }.filter { !$0.isEmpty } == [first.split(separator: "/").filter { $0 != "." }.joined(separator: "/")])
    }

    @Test("output names that differ only in case clash exactly where the file system folds case")
    func caseClashesWhereFolded() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(["c/a.toml": "Fig.png", "c/b.toml": "fig.png"], in: folder)
        // Probe the file system the way lossmap does: does `A` find `a`?
        try Data().write(to: folder.appendingPathComponent("probe-case"))
        let folds = FileManager.default.fileExists(atPath: folder.appendingPathComponent("PROBE-CASE").path)
        let result = try LossmapProcess.run(["render", "c", "-q"], in: folder)
        #expect(result.err.contains("output `fig.png` is already written by c/a.toml") == folds, "\(result.err)")
        #expect(result.status == (folds ? 1 : 0))
    }

    @Test("a config named as a.toml, ./a.toml or by its absolute path is one report entry, up to date the second time")
    func configSpellings() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(["a.toml": "", "deck/b.toml": ""], in: folder)
        let first = try LossmapProcess.run(["render", "a.toml", "deck/b.toml"], in: folder)
        #expect(first.status == 0, "\(first.err)")
        // The working directory as the system reports it (the temporary folder may be reached through a link).
        let real = try #require(realpath(folder.path, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        })
        for spelling in ["./a.toml", ".//a.toml", "deck/../a.toml", real + "/a.toml"] {
            let again = try LossmapProcess.run(["render", spelling], in: folder)
            #expect(again.out.contains("a.toml → output/a.png (up to date)"), "\(spelling): \(again.out)\(again.err)")
            #expect(again.out.contains("0 rendered, 1 up to date"), "\(spelling): \(again.out)")
        }
        let figures = try BatchCommandTests().report(folder.appendingPathComponent("output/report.json"))
        #expect(figures.compactMap { $0["config"] as? String } == ["a.toml", "deck/b.toml"])
        // The same config twice on one command line is rendered once.
        let twice = try LossmapProcess.run(["render", "a.toml", "./a.toml", "--force"], in: folder)
        #expect(twice.status == 0, "\(twice.err)")
        #expect(twice.out.contains("1 rendered, 0 up to date"), "\(twice.out)")
    }

    @Test("a folder given as ./deck or deck gives the same config paths, the same shards")
    func folderSpellings() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try BatchCommandTests().deck(4, in: folder)
        for spelling in ["deck", "./deck", "deck/"] {
            let result = try LossmapProcess.run(["render", spelling, "--shard", "1/2", "-o", "out"], in: folder)
            #expect(result.status == 0, "\(result.err)")
        }
        let figures = try BatchCommandTests().report(folder.appendingPathComponent("out/report.json"))
        let configs = figures.compactMap { $0["config"] as? String }
        #expect(!configs.isEmpty && configs.allSatisfy { $0.hasPrefix("deck/f") }, "\(configs)")
        #expect(Set(configs).count == configs.count)
    }

    @Test("an output name too long for its temporary file is refused by check and render alike, at the `output` value")
    func namesAtTheLengthLimit() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 255 bytes a name (NAME_MAX), less the temporary's 27: 228 bytes is the longest.
        let longest = String(repeating: "é", count: 111) + "ab.png"
        #expect(longest.utf8.count == 228)
        let tooLong = "x" + longest
        try write(["ok.toml": longest, "long.toml": tooLong], in: folder)
        let message = "long.toml:1:10: error: `output`'s file name is 229 bytes long; it may be at most 228"
        let check = try LossmapProcess.run(["check", "ok.toml", "long.toml"], in: folder)
        #expect(check.status == 1)
        #expect(check.err.hasPrefix(message), "\(check.err)")
        let render = try LossmapProcess.run(["render", "ok.toml", "long.toml", "-q"], in: folder)
        #expect(render.status == 1)
        #expect(render.err.hasPrefix(message), "\(render.err)")
        #expect(try pngSize(folder.appendingPathComponent("output/" + longest)) == (400, 300))
        // A folder name longer than any file system allows is refused too.
        try write(["deep.toml": String(repeating: "d", count: 256) + "/x.png"], in: folder)
        let deep = try LossmapProcess.run(["check", "deep.toml"], in: folder)
        #expect(deep.err.contains("`output` has a folder name of 256 bytes"), "\(deep.err)")
    }
}
