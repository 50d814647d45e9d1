import Foundation
import Testing
@testable import LossmapConfig
import LossmapSpec

// Mutations tried, each made a test here fail (then undone):
// - `additionalProperties: false` dropped from the generator: the unknown-key configs pass the schema.
// - `enum` dropped from string keys: `theme = "purple"`, `method = "adamw"` and `colormap = "jet"` pass.
// - the `minimum`/`maximum` of ranges dropped: `resolution = 4` passes.
// - "<" and "≤" read with the value on the left: `0 < c < 1` keys get no lower bound and
//   examples fail.
// - [[run]] written as an object: every example config with a [[run]] fails.
// - the tagged-to-plain converter truncating floats to integers: examples' small learning
//   rates fail `> 0`, and `resolution = 50.5` passes; leaving strings tagged: everything fails.
// - the layers' first range given to its elements: the schema's own default is refused (status 2).

/// The schema, checked by a validator that shares no code with lossmap: Python's jsonschema
/// (scripts/validate-schema.py), on the example configs as plain JSON. Every example passes;
/// configs broken in one place each (an unknown key, a wrong type, a name or number out of
/// range, a missing required key) fail, and lossmap's own decoder refuses them too.
@Suite("The schema against the example configs (Python's jsonschema)")
struct SchemaValidationTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appendingPathComponent("scripts/validate-schema.py")

    struct Validation {
        let status: Int32
        let lines: [String]
        /// The problems reported for file `name`; empty when it is valid.
        func problems(_ name: String) -> [String] { lines.filter { $0.hasPrefix("invalid \(name): ") } }
    }

    /// Runs scripts/validate-schema.py on `schema` and the configs (name, TOML text), each
    /// written as `lossmap toml-decode` prints it. Nil, with the failure recorded, when python3
    /// or jsonschema is missing: that must fail the suite (CI installs both), never pass it.
    static func validate(schema: String = ConfigSchema.text(), _ configs: [(String, String)],
                         pythonOptions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> Validation? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try schema.write(to: folder.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        for (name, text) in configs {
            let table = try TOMLParser.parse(SourceFile(name: name, text: text))
            try TOMLTaggedJSON.encode(table).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + pythonOptions + [script.path, "schema.json"] + configs.map(\.0)
        process.currentDirectoryURL = folder
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let install = "run scripts/install-deps.sh (the schema tests validate with Python's jsonschema)"
        do { try process.run() } catch {
            Issue.record("cannot run python3 (\(error)): \(install)", sourceLocation: sourceLocation)
            return nil
        }
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 3 where pythonOptions.isEmpty:
            Issue.record("jsonschema is not installed: \(install). \(stderr)", sourceLocation: sourceLocation)
            return nil
        case 127:
            Issue.record("python3 is not installed: \(install)", sourceLocation: sourceLocation)
            return nil
        default:
            return Validation(status: process.terminationStatus,
                              lines: (stdout + stderr).split(separator: "\n").map(String.init))
        }
    }

    /// Every `*.toml` under config/, at any depth, by its path from the repository root.
    static func exampleConfigs() throws -> [(String, String)] {
        let folder = root.appendingPathComponent("config")
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".toml") }.sorted()
        return try paths.map { path in
            ("config-" + path.replacingOccurrences(of: "/", with: "-") + ".json",
             try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8))
        }
    }

    @Test("every example config under config/ is valid against the schema, which is sound draft-07")
    func examplesAreValid() throws {
        let configs = try Self.exampleConfigs()
        #expect(configs.count >= 20)
        guard let result = try Self.validate(configs) else { return }
        let problems = result.lines.filter { !$0.hasPrefix("valid ") }
        #expect(result.status == 0 && problems.isEmpty, "\(problems.joined(separator: "\n"))")
        guard result.status != 2 else { return }
        for (name, _) in configs {
            let valid = result.lines.contains("valid \(name)")
            #expect(valid, "\(name): \(result.problems(name))")
        }
    }

    /// A config that decodes, with a line of each kind the mutations below change.
    static let base = """
        title = "A config each mutation breaks in one place"
        theme = "light"
        loss_curve = false

        [surface]
        function = "rosenbrock"
        resolution = 50
        colormap = "viridis"
        levels = 12

        [optimizer]
        start = [-1.5, 2.0]
        steps = 20
        learning_rates = [0.001]

        [[run]]
        label = "with momentum"
        method = "momentum"
        learning_rate = 0.001
        momentum = 0.9

        [[marker]]
        at = [1.0, 1.0]
        label = "the minimum"

        """

    /// (what is broken, the text replaced, its replacement, what jsonschema says).
    static let mutations: [(String, String, String, String)] = [
        ("unknown top-level key", "loss_curve = false\n", "loss_curve = false\ntitel = \"x\"\n", "'titel' was unexpected"),
        ("unknown [surface] key", "resolution = 50\n", "resolutoin = 50\n", "'resolutoin' was unexpected"),
        ("[surface] key in [optimizer]", "steps = 20\n", "steps = 20\ncolormap = \"magma\"\n", "'colormap' was unexpected"),
        ("unknown [[run]] key", "learning_rate = 0.001\nmomentum", "learningrate = 0.001\nmomentum", "'learningrate' was unexpected"),
        ("string for an integer", "steps = 20\n", "steps = \"many\"\n", "'many' is not of type 'integer'"),
        ("float for an integer", "resolution = 50\n", "resolution = 50.5\n", "50.5 is not of type 'integer'"),
        ("integer for a boolean", "loss_curve = false\n", "loss_curve = 1\n", "1 is not of type 'boolean'"),
        ("unknown theme", "theme = \"light\"", "theme = \"purple\"", "'purple' is not one of ['light', 'dark']"),
        ("unknown method", "method = \"momentum\"", "method = \"adamw\"", "'adamw' is not one of"),
        ("unknown colormap", "colormap = \"viridis\"", "colormap = \"jet\"", "'jet' is not one of"),
        ("resolution below its range", "resolution = 50\n", "resolution = 4\n", "4 is less than the minimum of 8"),
        ("momentum of 1.5", "momentum = 0.9\n", "momentum = 1.5\n", "1.5 is greater than or equal to the maximum of 1"),
        ("levels neither a count nor a list", "levels = 12\n", "levels = \"many\"\n", "is not valid under any of the given schemas"),
        ("a start of one number", "start = [-1.5, 2.0]", "start = [-1.5]", "is too short"),
        ("a marker without `at`", "at = [1.0, 1.0]\n", "", "'at' is a required property"),
        ("[[run]] as one table", "[[run]]", "[run]", "is not of type 'array'"),
    ]

    @Test("configs broken in one place fail the schema, each with its problem, and fail lossmap's decoder too")
    func brokenConfigsFail() throws {
        #expect(failure(Self.base) == nil, "the base config does not decode: \(failure(Self.base) ?? "")")
        var configs = [("base.json", Self.base)]
        for (index, mutation) in Self.mutations.enumerated() {
            let (what, old, new, _) = mutation
            #expect(Self.base.contains(old), "\(what): the base has no \(old)")
            let text = Self.base.replacingOccurrences(of: old, with: new)
            #expect(failure(text) != nil, "\(what): lossmap's decoder accepts it, so it is no mistake")
            configs.append(("mutation-\(index).json", text))
        }
        guard let result = try Self.validate(configs) else { return }
        #expect(result.status == 1, "\(result.lines.filter { $0.hasPrefix("broken ") })")
        let baseIsValid = result.lines.contains("valid base.json")
        #expect(baseIsValid, "\(result.problems("base.json"))")
        for (index, mutation) in Self.mutations.enumerated() {
            let problems = result.problems("mutation-\(index).json")
            let found = problems.contains { $0.contains(mutation.3) }
            #expect(found, "\(mutation.0): \(problems)")
        }
    }

    @Test("a schema whose default its own key rejects is reported as broken")
    func brokenDefaultIsReported() throws {
        let schema = ConfigSchema.text()
        let broken = schema.replacingOccurrences(of: "\"default\": \(SurfaceKeys.defaultResolution)", with: "\"default\": 4")
        #expect(broken != schema)
        guard let result = try Self.validate(schema: broken, [("base.json", Self.base)]) else { return }
        #expect(result.status == 2)
        #expect(result.lines.contains { $0.contains("/properties/surface/properties/resolution is rejected by its own schema") },
                "\(result.lines)")
    }

    @Test("without jsonschema the script exits 3 and says how to install it")
    func missingValidatorIsLoud() throws {
        // `python3 -S` starts without site-packages, where pip puts jsonschema.
        guard let result = try Self.validate([("base.json", Self.base)], pythonOptions: ["-S"]) else { return }
        #expect(result.status == 3)
        #expect(result.lines.contains { $0.contains("jsonschema is not installed: run scripts/install-deps.sh") })
    }
}
