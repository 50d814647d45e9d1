import ArgumentParser
import Foundation
import LossmapConfig

extension Lossmap {
    /// `lossmap docs config-keys`: the key reference of docs/config.md, from the key tables.
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "docs",
            abstract: "Generated documentation, for lossmap's own docs.",
            shouldDisplay: false,
            subcommands: [ConfigKeys.self]
        )

        /// `lossmap docs config-keys [--write docs/config.md]`.
        struct ConfigKeys: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "config-keys",
                abstract: "Print docs/config.md with its key reference regenerated, or rewrite the file.",
                discussion: "Reads the page (default docs/config.md) and replaces the text between each table's GENERATED KEYS markers."
            )

            @Option(help: ArgumentHelp("The page to read.", valueName: "file"))
            var page = KeyReference.page

            @Flag(help: "Rewrite the page in place instead of printing it.")
            var write = false

            func run() throws {
                let text: String
                do {
                    text = try KeyReference.updated(String(contentsOfFile: page, encoding: .utf8))
                } catch {
                    printError("error: \(page): \(error)")
                    throw ExitCode(1)
                }
                guard write else {
                    print(text, terminator: "")
                    return
                }
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: page), options: .atomic)
                } catch {
                    printError("error: cannot write \(page): \(error.localizedDescription)")
                    throw ExitCode(1)
                }
            }
        }
    }
}
