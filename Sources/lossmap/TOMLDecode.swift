import ArgumentParser
import Foundation
import LossmapConfig
import LossmapSpec

extension Lossmap {
    /// `lossmap toml-decode`: the config parser on its own, printing toml-test's tagged JSON.
    struct TOMLDecode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "toml-decode",
            abstract: "Read TOML on standard input and print it as toml-test's tagged JSON.",
            discussion: "For debugging configs and for the TOML conformance suite. Exits 1 with a positioned error for invalid input.",
            shouldDisplay: false
        )

        func run() throws {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let source = SourceFile(name: "<stdin>", bytes: [UInt8](input))
            do {
                let table = try TOMLParser.parse(source)
                print(TOMLTaggedJSON.encode(table))
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }
}
