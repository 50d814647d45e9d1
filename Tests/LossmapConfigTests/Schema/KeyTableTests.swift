import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapSpec

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
}
