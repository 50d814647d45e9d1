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
        guard let data = FileManager.default.contents(atPath: configPath) else {
            printError("\(configPath): error: cannot read the file")
            return false
        }
        let source = SourceFile(name: configPath, bytes: [UInt8](data))
        let stem = ((configPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let config: FigureConfig
        do {
            config = try FigureConfig.load(source, defaultOutputName: stem + ".png")
        } catch {
            printError(error.description)
            return false
        }
        let figure = ComputedFigure(config.spec)
        let target = outputFolder.appendingPathComponent(config.outputName)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FigureFile.writePNG(figure, to: target, config: String(decoding: data, as: UTF8.self))
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
}
