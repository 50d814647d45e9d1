import Foundation
import Testing

@Suite("lossmap schema")
struct SchemaCommandTests {
    static let committed = RepositoryPaths.root.appendingPathComponent("lossmap.schema.json")

    @Test("prints lossmap.schema.json, byte for byte, and nothing else")
    func printsTheSchema() throws {
        let result = try LossmapProcess.run(["schema"], in: RepositoryPaths.root)
        #expect(result.status == 0)
        #expect(result.err.isEmpty, "\(result.err)")
        #expect(result.out == (try String(contentsOf: Self.committed, encoding: .utf8)))
    }

    @Test("--output writes the same text to a file, printing nothing")
    func writesTheSchema() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try LossmapProcess.run(["schema", "--output", "editor/lossmap.json"], in: folder)
        // A folder that does not exist is an error in the user's words, not a crash.
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("error: cannot write editor/lossmap.json: "), "\(result.err)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("editor"), withIntermediateDirectories: true)
        let written = try LossmapProcess.run(["schema", "--output", "editor/lossmap.json"], in: folder)
        #expect(written.status == 0 && written.out.isEmpty && written.err.isEmpty, "\(written.err)")
        let text = try String(contentsOf: folder.appendingPathComponent("editor/lossmap.json"), encoding: .utf8)
        #expect(text == (try String(contentsOf: Self.committed, encoding: .utf8)))
    }

    @Test("is listed in lossmap's help")
    func listedInHelp() throws {
        let result = try LossmapProcess.run(["--help"], in: RepositoryPaths.root)
        #expect(result.out.contains("  schema "), "\(result.out)")
    }
}
