import Foundation
import Testing

/// The snapshot check itself: it must be able to fail, or every fixture test passes vacuously.
@Suite("Snapshot checks")
struct SnapshotCheckTests {
    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-snapshot-\(UUID().uuidString).expected")
    }

    @Test("a missing snapshot fails, whether or not CI is set, and is not written")
    func missingSnapshotFails() {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let problem = Fixtures.snapshotProblem("new text\n", at: url, updating: false)
        #expect(problem?.contains("missing snapshot") == true, "\(problem ?? "passed")")
        #expect(!FileManager.default.fileExists(atPath: url.path), "the check wrote its own expectation")
    }

    @Test("a snapshot that differs fails, and one that matches passes")
    func differingSnapshotFails() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try "old text\n".write(to: url, atomically: true, encoding: .utf8)
        let problem = Fixtures.snapshotProblem("new text\n", at: url, updating: false)
        #expect(problem?.contains("output differs from the snapshot") == true, "\(problem ?? "passed")")
        #expect(Fixtures.snapshotProblem("old text\n", at: url, updating: false) == nil)
        #expect(try String(contentsOf: url, encoding: .utf8) == "old text\n")
    }

    @Test("with updating on, a missing snapshot is written from the output")
    func updatingWritesSnapshot() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        Fixtures.checkSnapshot("new text\n", at: url, updating: true)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new text\n")
    }
}
