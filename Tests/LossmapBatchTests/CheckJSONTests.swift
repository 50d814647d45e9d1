// Mutations tried, each made a test here fail (then restored):
// - `ConfigProblem.encode` with `encodeIfPresent` (absent keys instead of null): the
//   "every error has all five keys" expectations fail.
// - `valid` computed as `problems != nil`: the valid and invalid configs swap.
// - `json` naming configs as given (absolute), not relative to the working directory: the names fail.
// - `ConfigCheck.check` storing results at the wrong index (`i + 1` modulo the count): the
//   configs' order no longer matches the paths given.
import Foundation
import Testing
@testable import LossmapBatch

@Suite struct CheckJSONTests {
    @Test("check's JSON: a valid config, an invalid one with a note and without, and a missing one with no line")
    func document() throws {
        let folder = try ciTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[surface]\nfunction = \"booth\"\n".write(to: folder.appendingPathComponent("good.toml"), atomically: true, encoding: .utf8)
        try "[surface]\nfunction = \"boot\"\nresolution = 2\n".write(to: folder.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let paths = ["good.toml", "bad.toml", "missing.toml"].map { folder.appendingPathComponent($0).path }
        let checked = ConfigCheck.check(paths, jobs: 2)
        #expect(checked.map(\.config) == paths)
        #expect(checked.allSatisfy { $0.seconds >= 0 && $0.seconds < 60 })

        let data = try ConfigCheck.json(checked, workingDirectory: folder.path)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let configs = try #require(document["configs"] as? [[String: Any]])
        #expect(configs.map { $0["config"] as? String } == ["good.toml", "bad.toml", "missing.toml"])
        #expect(configs.map { $0["valid"] as? Bool } == [true, false, false])
        #expect((configs[0]["errors"] as? [Any])?.isEmpty == true)

        let bad = try #require(configs[1]["errors"] as? [[String: Any]])
        #expect(bad.count == 2)
        for error in bad + (configs[2]["errors"] as? [[String: Any]] ?? []) {
            #expect(Set(error.keys) == ["file", "line", "column", "message", "note"], "every error has all five keys")
        }
        #expect(bad[0]["file"] as? String == "bad.toml")
        #expect(bad[0]["line"] as? Int == 2 && bad[0]["column"] as? Int == 12)
        #expect(bad[0]["message"] as? String == "unknown surface `boot`; did you mean `booth`?")
        #expect((bad[0]["note"] as? String)?.hasPrefix("built-in surfaces: ") == true)
        #expect(bad[1]["line"] as? Int == 3 && bad[1]["column"] as? Int == 14)
        #expect(bad[1]["message"] as? String == "`resolution` must be between 8 and 4096, found 2")
        #expect(bad[1]["note"] is NSNull)

        let missing = try #require((configs[2]["errors"] as? [[String: Any]])?.first)
        #expect(missing["file"] as? String == "missing.toml")
        #expect(missing["line"] is NSNull && missing["column"] is NSNull && missing["note"] is NSNull)
        #expect((missing["message"] as? String)?.isEmpty == false)
    }

    @Test("the JSON decodes into the documented shape with Codable too, and is the same bytes every time")
    func decodable() throws {
        struct Document: Decodable, Equatable {
            struct Config: Decodable, Equatable {
                var config: String
                var valid: Bool
                var errors: [Problem]
            }
            struct Problem: Decodable, Equatable {
                var file: String
                var line: Int?
                var column: Int?
                var message: String
                var note: String?
            }
            var version: Int
            var configs: [Config]
        }
        let checked = [CheckedConfig(config: "/w/deck/a.toml", problems: nil, seconds: 0),
                       CheckedConfig(config: "./b.toml", problems: "./b.toml:1:5: error: a \"quoted\" <thing> & more\n  x = \"\n      ^\n  note: n", seconds: 0)]
        let data = try ConfigCheck.json(checked, workingDirectory: "/w")
        #expect(data == (try ConfigCheck.json(checked, workingDirectory: "/w")))
        let decoded = try JSONDecoder().decode(Document.self, from: data)
        #expect(decoded == Document(version: 1, configs: [
            .init(config: "deck/a.toml", valid: true, errors: []),
            .init(config: "b.toml", valid: false,
                  errors: [.init(file: "b.toml", line: 1, column: 5, message: "a \"quoted\" <thing> & more", note: "n")]),
        ]))
    }
}
