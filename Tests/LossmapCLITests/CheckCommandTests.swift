import Foundation
import Testing

/// The repository folders the check command is run on.
enum RepositoryPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let configs = root.appendingPathComponent("config")
    static let fixtures = root.appendingPathComponent("Tests/LossmapConfigTests/Fixtures")

    /// The `*.toml` files directly in `folder`, sorted.
    static func tomlNames(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    }

    /// How many `*.toml` files `folder` holds at any depth, as `check` counts them.
    static func tomlCount(beneath folder: URL) -> Int {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        return (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".toml") }.count
    }
}

@Suite("lossmap check")
struct CheckCommandTests {
    @Test("the example configs and the valid fixtures pass, with a one-line summary and exit status 0")
    func validConfigsPass() throws {
        let valid = RepositoryPaths.fixtures.appendingPathComponent("valid")
        let count = RepositoryPaths.tomlCount(beneath: RepositoryPaths.configs) + RepositoryPaths.tomlCount(beneath: valid)
        let result = try LossmapProcess.run(["check", RepositoryPaths.configs.path, valid.path], in: RepositoryPaths.root)
        #expect(result.status == 0)
        #expect(result.err.isEmpty, "\(result.err)")
        #expect(result.out == "\(count) configs checked: all valid\n")
        let quiet = try LossmapProcess.run(["check", "-q", RepositoryPaths.configs.path], in: RepositoryPaths.root)
        #expect(quiet.status == 0 && quiet.out.isEmpty)
    }

    @Test("every invalid fixture prints exactly its expected report, and the run exits with status 1")
    func invalidFixturesFail() throws {
        let folder = RepositoryPaths.fixtures.appendingPathComponent("invalid")
        let names = RepositoryPaths.tomlNames(in: folder)
        #expect(names.count >= 50)
        let result = try LossmapProcess.run(["check"] + names, in: folder)
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        var expected = ""
        for name in names {
            expected += try String(contentsOf: folder.appendingPathComponent(String(name.dropLast(5)) + ".expected"), encoding: .utf8)
        }
        expected += "\(names.count) of \(names.count) configs have errors\n"
        #expect(result.err == expected)
    }

    @Test("valid and invalid configs together: every problem is printed and the status is 1")
    func mixedFolder() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try smallConfig.write(to: folder.appendingPathComponent("good.toml"), atomically: true, encoding: .utf8)
        try "[surface]\nfunction = \"boot\"\nresolution = 2\n".write(to: folder.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["check", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("./bad.toml:2:12: error: unknown surface `boot`; did you mean `booth`?"))
        #expect(result.err.contains("./bad.toml:3:14: error: `resolution` must be between 8 and 4096, found 2"))
        #expect(result.err.hasSuffix("1 of 2 configs has errors\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("output").path))
    }

    @Test("hostile files are refused with a clear message and exit status 1, never a crash")
    func hostileFiles() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = "x = " + String(repeating: "[", count: 100_000)
        try deep.write(to: folder.appendingPathComponent("deep.toml"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("huge.toml").path, contents: Data(count: 20 << 20))
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try noise.write(to: folder.appendingPathComponent("noise.toml"))
        let cases: [(String, String)] = [
            ("deep.toml", "deep.toml:1:133: error: tables and arrays are nested more than 128 levels deep"),
            ("huge.toml", "huge.toml: error: the file is 20,971,520 bytes; a config may be at most 1,048,576 bytes"),
            ("noise.toml", "noise.toml:1:"),
            ("/dev/zero", "/dev/zero: error: not a regular file (a device, pipe or socket); a config must be a file"),
            ("missing.toml", "error: missing.toml: no such file or folder"),
        ]
        for (path, message) in cases {
            let result = try LossmapProcess.run(["check", path], in: folder)
            #expect(result.status == 1, "\(path): \(result.err)")
            #expect(result.err.hasPrefix(message), "\(path): \(result.err.prefix(300))")
        }
        #if os(Linux)
        let unreadable = try LossmapProcess.run(["check", "/proc/self/mem"], in: folder)
        #expect(unreadable.status == 1)
        #expect(unreadable.err.hasPrefix("/proc/self/mem: error: cannot read the file: Input/output error"))
        #endif
    }

    @Test("a folder named like a config is walked into, not read as a file")
    func folderNamedLikeAConfig() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inner = folder.appendingPathComponent("deck/looks-like.toml")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try smallConfig.write(to: inner.appendingPathComponent("real.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["check", "deck"], in: folder)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "1 config checked: all valid\n")
    }

    // How fast `check` is belongs to `lossmap bench --deck`, not to a timed test.
    @Test("a hundred configs are checked in one run, each counted once")
    func hundredConfigs() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = try String(contentsOf: RepositoryPaths.configs.appendingPathComponent("rosenbrock-step-sizes.toml"), encoding: .utf8)
        for i in 0..<100 {
            try example.write(to: folder.appendingPathComponent("config-\(i).toml"), atomically: true, encoding: .utf8)
        }
        let result = try LossmapProcess.run(["check", "."], in: folder)
        #expect(result.status == 0)
        #expect(result.out == "100 configs checked: all valid\n")
    }

    @Test("render prints every problem of a bad config, not only the first")
    func renderPrintsEveryProblem() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[surface]\nfunction = \"booth\"\nresolution = 2\ncolormap = \"virdis\"\n".write(
            to: folder.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "bad.toml"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("bad.toml:3:14: error: `resolution` must be between 8 and 4096, found 2\n  resolution = 2\n               ^\n"))
        #expect(result.err.contains("bad.toml:4:12: error: unknown colormap `virdis`; did you mean `viridis`?"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("output/bad.png").path))
    }
}
