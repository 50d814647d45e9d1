import ArgumentParser
import Foundation
import LossmapConfig
import LossmapCore

extension Lossmap {
    /// `lossmap init NAME`: a commented starter config to edit.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a commented starter config.",
            discussion: "Writes NAME.toml (or NAME, if it already ends in .toml) with every common key explained. Never overwrites a file unless --force is given."
        )

        @Argument(help: ArgumentHelp("The config's name or path, e.g. config/my-figure.", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("The built-in surface to start from.", valueName: "surface"))
        var surface: String = "rosenbrock"

        @Flag(help: "Overwrite an existing file.")
        var force = false

        func validate() throws {
            guard BuiltinSurface(rawValue: surface) != nil else {
                throw ValidationError("unknown surface \(surface); one of: " + BuiltinSurface.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !name.isEmpty, !name.hasSuffix("/") else { throw ValidationError("give the new config's name, e.g. config/my-figure") }
        }

        func run() throws {
            let path = name.hasSuffix(".toml") ? name : name + ".toml"
            if FileManager.default.fileExists(atPath: path) && !force {
                printError("error: \(path) exists; choose another name or add --force to overwrite it")
                throw ExitCode(1)
            }
            let builtin = BuiltinSurface(rawValue: surface)!
            let text = StarterConfig.text(for: builtin, stem: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                printError("error: cannot write \(path): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            print("wrote \(path); render it with: lossmap render \(path)")
        }
    }
}
