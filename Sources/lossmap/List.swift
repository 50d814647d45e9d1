import ArgumentParser
import LossmapContour
import LossmapCore
import LossmapSpec

extension Lossmap {
    /// `lossmap list`: the names a config may use.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the built-in surfaces, methods, colormaps, themes, kinds and layouts."
        )

        func run() {
            print("surfaces ([surface] function = …):")
            for surface in BuiltinSurface.allCases {
                print("  " + surface.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0) + surface.summary)
            }
            print("  (or expression = \"…\" for any formula in w1 and w2, model = \"perceptron\" or \"mlp\" on data, or grid = \"FILE\" for samples from .npy, .npz or .csv)")
            print("")
            print("methods ([optimizer] or [[run]] method = …):")
            for entry in MethodCatalog.entries {
                let parameters = entry.parameters.map { "\($0.key) = \(NumberFormatting.compact($0.defaultValue))" }
                print("  " + entry.name.padding(toLength: 16, withPad: " ", startingAt: 0) + entry.summary)
                if !parameters.isEmpty {
                    print("  " + String(repeating: " ", count: 16) + "keys: " + parameters.joined(separator: ", "))
                }
            }
            print("")
            print("colormaps ([surface] colormap = …; add _r to reverse):")
            print("  " + Colormap.Name.allCases.map(\.rawValue).joined(separator: ", "))
            print("")
            print("level scales ([surface] level_scale = …): " + LevelScale.allCases.map(\.rawValue).joined(separator: ", "))
            print("themes (theme = …): " + Theme.Name.allCases.map(\.rawValue).joined(separator: ", "))
            print("kinds (kind = …): map, sweep (the loss after N steps against η: [sweep]), phase (momentum's phase diagram: [phase])")
            print("layouts (layout = …): " + MapLayout.allCases.map(\.rawValue).joined(separator: ", "))
            print("views (view = …): " + FigureView.allCases.map(\.rawValue).joined(separator: ", ") + " (the 3-D surface: [camera])")
            print("output formats (by the output name's extension): " + FigureFormat.extensions.map { ".\($0)" }.joined(separator: ", ")
                + ", or a name ending in / (a folder of PNG frames); .gif, .apng and folders animate the map ([animation])")
        }
    }
}
