import Foundation
import LossmapSpec
import Testing

/// The fixture files under `Fixtures/` and their snapshots: the exact text a fixture must
/// produce, kept beside it.
///
/// `LOSSMAP_UPDATE_SNAPSHOTS=1 swift test` rewrites every snapshot from the current output
/// (review the diff before committing). Without it a missing snapshot is a failure, on a
/// developer's machine as on CI: a test that writes its own expectation and passes checks
/// nothing, and a fixture added without its snapshot would pass unseen.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The `*.toml` files of a fixture folder, by name without the extension, sorted.
    static func names(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func url(_ folder: String, _ file: String) -> URL {
        root.appendingPathComponent(folder).appendingPathComponent(file)
    }

    /// The fixture's bytes as a source file named `NAME.toml`, as diagnostics print it.
    static func source(_ folder: String, _ name: String) throws -> SourceFile {
        SourceFile(name: name + ".toml", bytes: [UInt8](try Data(contentsOf: url(folder, name + ".toml"))))
    }

    static var updating: Bool { ProcessInfo.processInfo.environment["LOSSMAP_UPDATE_SNAPSHOTS"] == "1" }

    /// Compares `actual` with the snapshot file, or writes it (see the type's comment), and
    /// records the failure, if any (see `snapshotProblem`).
    static func checkSnapshot(_ actual: String, at url: URL,
                              matches: (String, String) -> Bool = { $0 == $1 },
                              updating: Bool = Fixtures.updating,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        if let problem = snapshotProblem(actual, at: url, matches: matches, updating: updating) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }

    /// Why `actual` does not match the snapshot file, or nil when it does. A missing snapshot
    /// is a failure; with `updating` the snapshot is written instead. `matches` decides
    /// equality when exact text is too strict (e.g. JSON of floats).
    static func snapshotProblem(_ actual: String, at url: URL, matches: (String, String) -> Bool = { $0 == $1 },
                                updating: Bool = Fixtures.updating) -> String? {
        let path = url.path
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if updating {
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                return nil
            } catch {
                return "cannot write the snapshot \(path): \(error)"
            }
        }
        guard let expected else {
            return "missing snapshot \(path); run `LOSSMAP_UPDATE_SNAPSHOTS=1 swift test`, review it and commit it"
        }
        guard matches(expected, actual) else {
            return """
                output differs from the snapshot \(url.lastPathComponent) \
                (LOSSMAP_UPDATE_SNAPSHOTS=1 rewrites it if the new text is right)
                --- expected
                \(expected)
                --- actual
                \(actual)
                """
        }
        return nil
    }
}
