import ArgumentParser
import Foundation
import LossmapConfig
import LossmapCore
import LossmapRender

extension Lossmap {
    /// `lossmap render`: config files (or folders of them) in, PNG figures out.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render figures from config files.",
            discussion: """
            Each config FILE becomes one figure in the output folder, named by its `output` key \
            (default: the config's name with .png). A FOLDER stands for every *.toml inside it. \
            Prints one line per run: label, outcome, steps taken, final loss. Exits 0 when every \
            figure rendered, 1 when any failed (the others are still rendered).
            """
        )

        @Argument(help: ArgumentHelp("Config files, or folders holding them.", valueName: "config"))
        var paths: [String]

        @Option(name: .shortAndLong, help: ArgumentHelp("Folder to write the figures to (created if missing).", valueName: "dir"))
        var output: String = "output"

        @Flag(name: .shortAndLong, help: "Print only errors.")
        var quiet = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give at least one config file or folder") }
        }

        func run() throws {
            let files: [String]
            do {
                files = try ConfigDiscovery.configFiles(in: paths)
            } catch let error as ConfigDiscovery.Failure {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
            let outputFolder = URL(fileURLWithPath: output, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
            } catch {
                printError("error: cannot create the output folder \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            var failures = 0
            for path in files {
                if !FigureJob(configPath: path, outputFolder: outputFolder, quiet: quiet).run() { failures += 1 }
            }
            if failures > 0 {
                printError("\(failures) of \(files.count) figure\(files.count == 1 ? "" : "s") failed")
                throw ExitCode(1)
            }
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
