import ArgumentParser
import LossmapBatch

/// The config files or folders `render` and `check` take, and how much they print.
struct ConfigInputs: ParsableArguments {
    @Argument(help: ArgumentHelp("Config files, or folders holding them.", valueName: "config"))
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one config file or folder") }
    }

    /// The config files the paths stand for (a folder: every *.toml beneath it), or exit 1
    /// after saying why not.
    func configFiles() throws -> [String] {
        do {
            return try ConfigDiscovery.configFiles(in: paths)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
    }
}

/// The folder figures and reports are written to.
struct OutputFolder: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Folder to write into (created if missing).", valueName: "dir"))
    var output: String = "output"
}

/// Where configs may read data files from.
struct DataAccess: ParsableArguments {
    @Flag(help: "Let configs read data files anywhere: at absolute paths, and at paths leading out of the working directory.")
    var allowOutsideData = false
}
