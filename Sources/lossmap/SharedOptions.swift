import ArgumentParser
import Foundation
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
            printAnnotations([WorkflowAnnotation(.error, message: error.description)])
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

/// Where `render` and `check` write a JUnit XML report of the batch.
struct JUnitOutput: ParsableArguments {
    @Option(help: ArgumentHelp("Also write a JUnit XML report there: one test case per config, failed with its errors (skipped when up to date, in render).", valueName: "file"))
    var junit: String?

    /// Writes `report` to `file` when there is one; says why not and returns true when it
    /// could not be written.
    static func write(_ file: String?, _ report: @autoclosure () -> JUnitReport) -> Bool {
        guard let file else { return false }
        do {
            try report().write(to: URL(fileURLWithPath: file))
            return false
        } catch {
            printError("error: cannot write the JUnit report \(file): \(error)")
            printAnnotations([WorkflowAnnotation(.error, message: "cannot write the JUnit report \(file): \(error)")])
            return true
        }
    }
}

/// Whether an option is on the command line, for reading the options `FastArguments` does
/// not know.
///
/// FastArguments builds `render` and `check` without the argument parser, assigning only the
/// options it reads, and an option never assigned traps when read (swift-argument-parser's
/// "Trying to read value from definition"). It leaves every command line holding any other
/// option to the parser, so an option that is not on the command line was either parsed
/// (to its default) or not given: read it only when it is there, and take its default
/// otherwise. The new options are long names only, so `--NAME` and `--NAME=VALUE` are every
/// spelling.
enum CommandLineOption {
    static func given(_ name: String, in arguments: [String] = CommandLine.arguments) -> Bool {
        arguments.dropFirst().contains { $0 == name || $0.hasPrefix(name + "=") }
    }
}
