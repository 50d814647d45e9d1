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
            // Read as it arrives, up to the config limit: a huge or endless input (a pipe
            // from /dev/zero) ends with the limit's error, never with all of it in memory.
            let source: SourceFile
            do {
                source = try SourceFile.read(fileDescriptor: FileHandle.standardInput.fileDescriptor, name: "<stdin>",
                                             maxBytes: ConfigLimits.maxFileBytes)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
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
