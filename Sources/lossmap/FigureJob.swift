import Foundation
import LossmapConfig
import LossmapCore
import LossmapRender

/// Renders one config into one figure and reports what happened to each run.
struct FigureJob {
    let configPath: String
    let outputFolder: URL
    let quiet: Bool

    /// Returns false (after printing why) if the figure could not be rendered.
    func run() -> Bool {
        let source: SourceFile
        let config: FigureConfig
        do {
            // Bounded: a folder, a device or a huge file is refused without being read whole.
            source = try SourceFile.read(path: configPath)
            config = try FigureConfig.load(source, defaultOutputName: Self.defaultOutputName(for: configPath))
        } catch let problem as FileProblem {
            printError(problem.description)
            return false
        } catch {
            // Every problem in the file, each with its line and caret.
            printError("\(error)")
            return false
        }
        let figure = ComputedFigure(config.spec)
        let target = outputFolder.appendingPathComponent(config.outputName)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FigureFile.writePNG(figure, to: target, config: String(decoding: source.bytes, as: UTF8.self))
        } catch {
            printError("\(configPath): error: \(error)")
            return false
        }
        if !quiet {
            print("\(configPath) → \(target.relativePath)")
            for run in figure.runs {
                let t = run.trajectory
                print("  \(run.spec.label): \(t.outcome.name), \(t.stepsTaken) steps, final loss \(NumberFormatting.significant(t.finalLoss, digits: 4))")
            }
        }
        return true
    }

    /// The config's own name with `.png`: `config/a.toml` → `a.png`.
    static func defaultOutputName(for configPath: String) -> String {
        ((configPath as NSString).lastPathComponent as NSString).deletingPathExtension + ".png"
    }
}
