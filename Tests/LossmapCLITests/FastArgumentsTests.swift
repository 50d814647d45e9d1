import Foundation
import Testing

/// `render` and `check` command lines read without the argument parser (FastArguments) must be
/// read exactly as the parser reads them, and anything unusual must be left to the parser.
@Suite("Command lines read without the parser")
struct FastArgumentsTests {
    /// What `lossmap arguments…` was read as, and by which reader.
    func reading(_ arguments: [String], parserOnly: Bool, in folder: URL) throws -> String {
        var environment = ["LOSSMAP_SHOW_OPTIONS": "1"]
        if parserOnly { environment["LOSSMAP_ARGUMENTS"] = "parser" }
        let result = try LossmapProcess.run(arguments, in: folder, environment: environment)
        return "\(result.status) \(result.out)\(result.err)"
    }

    @Test("the usual command lines are read as the parser reads them, without it",
          arguments: [
              ["render", "a.toml"],
              ["render", "a.toml", "b.toml", "deck"],
              ["render", "a.toml", "-o", "slides", "-q", "--force"],
              ["render", "--output", "out dir", "a.toml", "--quiet"],
              ["render", "a.toml", "-j", "2", "--shard", "1/2", "--allow-outside-data"],
              ["render", "--jobs", "256", "a.toml"],
              ["check", "a.toml"],
              ["check", "-q", "config", "--allow-outside-data"],
          ])
    func usual(arguments: [String]) throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fast = try reading(arguments, parserOnly: false, in: folder)
        let parser = try reading(arguments, parserOnly: true, in: folder)
        #expect(fast.hasPrefix("0 fast: "), "\(fast)")
        #expect(parser.hasPrefix("0 parser: "), "\(parser)")
        #expect(fast.replacingOccurrences(of: "fast: ", with: "") == parser.replacingOccurrences(of: "parser: ", with: ""))
    }

    @Test("anything unusual is left to the parser, which reads it (or words its error) as before",
          arguments: [
              ["render", "--output=slides", "a.toml"],
              ["render", "-qo", "slides", "a.toml"],
              ["render", "a.toml", "--", "-b.toml"],
              ["render", "a.toml", "-j", "0"],
              ["render", "a.toml", "-j", "02"],
              ["render", "a.toml", "-j", "two"],
              ["render", "a.toml", "--shard", "3/2"],
              ["render", "a.toml", "-o"],
              ["render", "a.toml", "-o", "-q"],
              ["render", "a.toml", "--force", "--force"],
              ["render", "a.toml", "--unknown"],
              ["render"],
              ["render", "help"],
              ["render", "a.toml", "--help"],
              ["check", "a.toml", "-o", "x"],
              ["check", "a.toml", "--force"],
          ])
    func unusual(arguments: [String]) throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fast = try reading(arguments, parserOnly: false, in: folder)
        let parser = try reading(arguments, parserOnly: true, in: folder)
        #expect(!fast.contains("fast: "), "\(fast)")
        #expect(fast == parser)
    }

    #if os(Linux)
    @Test("commands that draw nothing never load Cairo, libpng or giflib")
    func noCairo() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try smallConfig.write(to: folder.appendingPathComponent("booth.toml"), atomically: true, encoding: .utf8)
        // LD_DEBUG=files: the dynamic loader says on standard error each library it opens.
        for arguments in [["list"], ["check", "booth.toml"]] {
            let result = try LossmapProcess.run(arguments, in: folder, environment: ["LD_DEBUG": "files"])
            #expect(result.status == 0, "\(arguments): \(result.err)")
            #expect(result.err.contains("libc.so"), "LD_DEBUG is honoured: \(result.err.prefix(200))")
            for library in ["libcairo", "libpng", "libgif"] {
                #expect(!result.err.contains(library), "\(arguments) loaded \(library)")
            }
        }
        // Drawing loads it when first needed.
        let render = try LossmapProcess.run(["render", "booth.toml", "-q"], in: folder)
        #expect(render.status == 0, "\(render.err)")
        #expect(try pngSize(folder.appendingPathComponent("output/booth.png")) == (400, 300))
    }
    #endif
}
