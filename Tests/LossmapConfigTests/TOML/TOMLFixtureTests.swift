import Foundation
import Testing
@testable import LossmapConfig

/// The documents in `Fixtures/toml-invalid/`, each `NAME.toml` paired with `NAME.expected`:
/// the exact diagnostic, as printed, that reading it must produce.
@Suite("Invalid TOML fixtures")
struct TOMLFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/toml-invalid")

    static var fixtureNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test("the fixture directory holds invalid documents")
    func fixturesExist() {
        #expect(Self.fixtureNames.count >= 10)
    }

    @Test("each invalid fixture prints exactly its expected diagnostic", arguments: fixtureNames)
    func printsExpectedDiagnostic(_ name: String) throws {
        let input = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".toml"))
        let expected = try String(contentsOf: Self.directory.appendingPathComponent(name + ".expected"), encoding: .utf8)
        let diagnostic = try #require(TOMLTestSupport.diagnostic([UInt8](input), name: name + ".toml"))
        #expect(diagnostic.description + "\n" == expected)
    }
}
