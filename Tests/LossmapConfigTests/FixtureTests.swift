import Foundation
import Testing
@testable import LossmapConfig
import LossmapScene
import LossmapSpec

/// Invalid configs, each with the exact report it must produce (`NAME.expected`).
@Suite("Invalid config fixtures")
struct InvalidFixtureTests {
    static let names = Fixtures.names(in: "invalid")

    @Test("the invalid fixture folder holds a fixture for every kind of error")
    func fixturesExist() {
        #expect(Self.names.count >= 50)
    }

    @Test("each invalid fixture prints exactly its expected report", arguments: names)
    func printsExpectedReport(_ name: String) throws {
        let source = try Fixtures.source("invalid", name)
        do {
            // Data files are read beside the fixture, as `lossmap check` run in its folder does.
            let config = try FigureConfig.load(source, defaultOutputName: name + ".png",
                                               dataFolder: Fixtures.root.appendingPathComponent("invalid").path)
            // As `lossmap check` does: rates relative to η_crit are resolved by the scene.
            _ = try Scene.validate(config.spec)
            Issue.record("\(name).toml was accepted")
        } catch {
            Fixtures.checkSnapshot(error.description + "\n", at: Fixtures.url("invalid", name + ".expected"))
        }
    }
}

/// Valid documents, each compared with the document it must read as (`NAME.json`, in
/// toml-test's tagged JSON). Those in `valid/` are also complete, valid configs.
@Suite("Valid config fixtures")
struct ValidFixtureTests {
    static let configs = Fixtures.names(in: "valid")
    static let documents = Fixtures.names(in: "valid-documents")

    @Test("the valid fixture folders hold configs and documents")
    func fixturesExist() {
        #expect(Self.configs.count >= 6)
        #expect(Self.documents.count >= 2)
    }

    @Test("each valid config reads as its expected document and decodes into a figure", arguments: configs)
    func config(_ name: String) throws {
        let source = try Fixtures.source("valid", name)
        try checkDocument(source, expected: Fixtures.url("valid", name + ".json"))
        do {
            _ = try FigureConfig.load(source, defaultOutputName: name + ".png")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("each valid document reads as its expected document", arguments: documents)
    func document(_ name: String) throws {
        try checkDocument(Fixtures.source("valid-documents", name), expected: Fixtures.url("valid-documents", name + ".json"))
    }

    private func checkDocument(_ source: SourceFile, expected: URL) throws {
        let table = try TOMLParser.parse(source)
        Fixtures.checkSnapshot(TaggedJSONComparison.pretty(TOMLTaggedJSON.encode(table)) + "\n", at: expected,
                               matches: TaggedJSONComparison.sameDocument)
    }
}

/// Compares tagged JSON documents by meaning: same keys, same types, and the same values,
/// floats by value (so `1e-05` and `1.0e-5` agree, as do two NaNs).
enum TaggedJSONComparison {
    static func sameDocument(_ a: String, _ b: String) -> Bool {
        guard let x = parse(a), let y = parse(b) else { return false }
        return same(x, y)
    }

    /// The JSON re-printed with sorted keys and indentation, for readable snapshots.
    static func pretty(_ json: String) -> String {
        guard let object = parse(json),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    private static func parse(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    private static func same(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            if Set(x.keys) == ["type", "value"], let type = x["type"] as? String, type == "float",
               let v = x["value"] as? String, let w = (y["value"] as? String), y["type"] as? String == "float" {
                return sameFloat(v, w)
            }
            return Set(x.keys) == Set(y.keys) && x.allSatisfy { key, value in same(value, y[key]!) }
        }
        if let x = a as? [Any], let y = b as? [Any] {
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        }
        if let x = a as? String, let y = b as? String { return x == y }
        return false
    }

    private static func sameFloat(_ a: String, _ b: String) -> Bool {
        func value(_ s: String) -> Double? {
            switch s {
            case "inf", "+inf": return .infinity
            case "-inf": return -.infinity
            case "nan", "+nan", "-nan": return .nan
            default: return Double(s)
            }
        }
        guard let x = value(a), let y = value(b) else { return false }
        return x == y || (x.isNaN && y.isNaN)
    }
}
