import ArgumentParser
import Foundation
import LossmapConfig

extension Lossmap {
    /// `lossmap schema [--output FILE]`: the config language as a JSON Schema, for editors.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema of the config language, for editors (Taplo, Even Better TOML).",
            discussion: """
                Generated from the same key tables as docs/config.md: every table and key, its type, \
                names, bounds, default and text. lossmap.schema.json in the repository is this output; \
                docs/editor.md shows how to point an editor at it.
                """
        )

        @Option(help: ArgumentHelp("Write the schema to this file instead of printing it.", valueName: "file"))
        var output: String?

        func run() throws {
            let text = ConfigSchema.text()
            guard let output else {
                print(text, terminator: "")
                return
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("error: cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
    }
}
