import Testing
@testable import LossmapConfig
import LossmapCore

/// The key tables drive decoding, messages, `lossmap init` and the docs: these tests check
/// that they agree with the decoder and with themselves.
@Suite("The table of config keys")
struct KeyTableTests {
    @Test("no table lists a key twice, and every entry names at least one key")
    func keysAreUnique() {
        for table in ConfigKeys.tables {
            #expect(Set(table.keys).count == table.keys.count, "\(table.name): \(table.keys)")
            for entry in table.entries { #expect(!entry.names.isEmpty, "\(table.name)") }
        }
    }

    @Test("every documented key has a one-line doc, and a doc that is one line")
    func docsAreOneLine() {
        for table in ConfigKeys.tables {
            for entry in table.entries {
                if case .sameAs = entry.form { continue }
                #expect(!entry.doc.isEmpty, "\(table.name) \(entry.names)")
                #expect(!entry.doc.contains("\n"), "\(table.name) \(entry.names)")
            }
        }
    }

    @Test("a key in the wrong table is sent to its home, which the tables give")
    func homes() {
        #expect(ConfigKeys.home(of: "steps", besides: "the top level") == "[optimizer] or [[run]]")
        #expect(ConfigKeys.home(of: "colormap", besides: "[optimizer]") == "[surface]")
        #expect(ConfigKeys.home(of: "epsilon", besides: "[surface]") == "[optimizer] or [[run]]")
        #expect(ConfigKeys.home(of: "nonsense", besides: "[surface]") == nil)
    }

    @Test("[optimizer] and [[run]] accept every method hyperparameter, from the method table")
    func hyperparametersComeFromTheMethods() {
        for key in MethodCatalog.parameterKeys {
            #expect(OptimizerKeys.table.keys.contains(key) && RunKeys.table.keys.contains(key), "\(key)")
        }
    }

    @Test("the note of the error example in docs/config.md lists [optimizer]'s keys as the decoder does")
    func errorExampleNote() {
        let note = "note: keys allowed here: " + OptimizerKeys.table.keys.joined(separator: ", ")
        #expect(DocumentationTests.page.contains(note + "\n"))
    }

    @Test("the starter config of every built-in surface is valid, with its commented-out keys too",
          arguments: BuiltinSurface.allCases)
    func starterConfigDecodes(_ surface: BuiltinSurface) throws {
        let text = StarterConfig.text(for: surface, stem: "demo")
        _ = try decode(text)
        // `# key = value` and `# [[run]]` lines are examples to switch on.
        let switchedOn = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let rest = line.dropFirst(2)
            let isKey = line.hasPrefix("# ") && (rest.hasPrefix("[[run]]")
                || rest.split(separator: " ", maxSplits: 2).dropFirst().first == "=")
            return isKey ? rest : line
        }.joined(separator: "\n")
        #expect(switchedOn.contains("\nlayout = \"grid\"") && switchedOn.contains("\n[[run]]"))
        let config = try decode(switchedOn)
        #expect(config.spec.runs.count >= 4 && config.outputName == "demo.svg")
    }

    @Test("each key the starter config writes, on or off, has its doc in a comment above it")
    func starterConfigComments() {
        let lines = StarterConfig.text(for: .rosenbrock, stem: "demo").split(separator: "\n").map(String.init)
        /// `key = value` or `# key = value`.
        func isKeyLine(_ line: String) -> Bool {
            let words = (line.hasPrefix("# ") ? line.dropFirst(2) : Substring(line)).split(separator: " ")
            return words.count > 2 && words[1] == "=" && words[0].allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }
        }
        let runExample = lines.firstIndex { $0.hasPrefix("# [[run]]") } ?? lines.count
        for (index, line) in lines[..<runExample].enumerated() where index > 0 && isKeyLine(line) && !line.hasPrefix("w2") {
            let previous = lines[index - 1]
            #expect(previous.hasPrefix("# ") && !isKeyLine(previous), "\(line) follows \(previous)")
        }
        #expect(lines.contains("# The canvas size in pixels."))
        #expect(lines.contains("# How each step is taken. One of: " + Method.names.joined(separator: ", ") + "."))
    }
}
