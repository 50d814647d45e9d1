import ArgumentParser
import Foundation
import LossmapCore

extension Lossmap {
    /// `lossmap init NAME`: a commented starter config to edit.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
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

/// The text `lossmap init` writes: valid, commented, and showing the step-size story.
enum StarterConfig {
    /// `stem` appears only in comments, so any file name gives a valid config.
    static func text(for surface: BuiltinSurface, stem: String) -> String {
        let d = surface.defaults
        func n(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e6 ? String(format: "%.1f", x) : "\(x)" }
        let levelScale = d.logarithmicLevels ? "log" : "linear"
        return """
            # A lossmap figure: the contour map of a loss surface over two weights (w1, w2) with
            # one gradient-descent path per learning rate. Render it with:
            #   lossmap render \(stem).toml
            # Every key is explained in docs/config.md; `lossmap list` shows the names you can use.

            title = "Gradient descent on \(surface.rawValue): the step size decides"
            # output = "\(stem).svg"        # default: this file's name with .png; .svg and .pdf work too
            size = [1600, 1000]             # pixels
            # theme = "dark"                # light (default) or dark
            # loss_curve = true             # a loss-per-step panel beside the map
            # layout = "grid"               # one map per run instead of all on one

            [surface]
            function = "\(surface.rawValue)"   # or: expression = "(1 - w1)^2 + 100*(w2 - w1^2)^2"
            w1 = [\(n(d.w1.lowerBound)), \(n(d.w1.upperBound))]         # plotted range of the first weight
            w2 = [\(n(d.w2.lowerBound)), \(n(d.w2.upperBound))]         # and of the second
            resolution = 400                # grid samples per axis
            levels = 20                     # a count, or a list of values
            level_scale = "\(levelScale)"          # linear, log or quantile
            colormap = "viridis"

            [optimizer]
            method = "gd"                   # gd, momentum, nesterov, adagrad, rmsprop, adam
            start = [\(n(d.start.x)), \(n(d.start.y))]
            steps = 200
            relative_to = "critical"        # learning rates as multiples of the critical 2/λmax
            learning_rates = [0.05, 0.5, 0.9, 1.1]   # one run each: tiny, good, near the edge, too big

            # [[run]]                       # extra runs with their own settings
            # label = "momentum from elsewhere"
            # method = "momentum"
            # learning_rate = 0.5
            # start = [1.0, -0.5]

            """
    }
}
