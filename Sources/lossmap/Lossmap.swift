import ArgumentParser
import LossmapBatch
import Foundation
import LossmapThreads

/// The `lossmap` command: renders loss-surface contour maps with descent paths.
@main
struct Lossmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lossmap",
        abstract: "Draw a loss surface over two weights with a gradient-descent path per learning rate.",
        discussion: """
        Write a small TOML config (see config/, docs/config.md, or `lossmap init NAME`), then:

          lossmap render config/rosenbrock-step-sizes.toml   # one figure into output/
          lossmap render config --output slides              # every *.toml in config/
          lossmap check config                               # validate without rendering
        """,
        version: versionText,
        subcommands: [Render.self, Check.self, List.self, Init.self, Report.self, Bench.self, TOMLDecode.self, Docs.self, Schema.self, Watch.self, RenderWorker.self],
        defaultSubcommand: nil
    )

    /// `lossmap --version`: the release and the build (the executable's size and time, as
    /// in every figure's fingerprint), and whether it is a debug build.
    static var versionText: String {
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        let build = LossmapVersion.build.hasPrefix(LossmapVersion.current + "+")
            ? String(LossmapVersion.build.dropFirst(LossmapVersion.current.count + 1)) : LossmapVersion.build
        return "lossmap \(LossmapVersion.current) (build \(build), \(configuration))"
    }

    /// A worker is started once per core for every `render` and `check`: it goes straight to
    /// its loop, without the argument parser (whose reflection over every subcommand's options
    /// is a good part of a process's start-up).
    static func main() {
        PhaseTrace.mark("main")
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.elementsEqual(["render-worker"]) {
            FigureWorker.serve()
            return
        }
        // `render` and `check` need a worker: it starts up while this process does.
        if let command = arguments.first, command == "render" || command == "check",
           !arguments.contains(where: { ["-h", "--help", "-help"].contains($0) }) {
            WorkerPool.startEarly(workerExecutable)
        }
        // The usual `render` and `check` command lines skip the parser (see FastArguments).
        let fast = environmentVariable("LOSSMAP_ARGUMENTS") == "parser" ? nil : FastArguments.command(Array(arguments))
        if environmentVariable("LOSSMAP_SHOW_OPTIONS") != nil {
            do {
                let command = try fast ?? parseAsRoot(Array(arguments))
                print((fast == nil ? "parser: " : "fast: ") + FastArguments.describe(command))
            } catch {
                exit(withError: error)
            }
            return
        }
        if var command = fast {
            do {
                try command.validate()
                try command.run()
            } catch {
                exit(withError: error)
            }
            PhaseTrace.mark("main returns")
            return
        }
        main(nil)
        PhaseTrace.mark("main returns")
    }
}
