import LossmapContour
import LossmapCore
import LossmapRender

/// A config file decoded: the figure to draw and the file name to write it to.
public struct FigureConfig: Sendable {
    public var spec: FigureSpec
    /// The output file name, relative to the output folder (e.g. `rosenbrock-step-sizes.png`).
    public var outputName: String
}

extension FigureConfig {
    /// Parses and decodes a config. `defaultOutputName` is used when the file names none
    /// (the config's own name with `.png`).
    public static func load(_ file: SourceFile, defaultOutputName: String) throws(Diagnostic) -> FigureConfig {
        let document = try TOMLParser.parse(file)
        return try ConfigDecoder(file: file).decode(document, defaultOutputName: defaultOutputName)
    }
}
