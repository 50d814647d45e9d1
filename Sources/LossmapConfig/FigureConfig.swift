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
    ///
    /// Throws every problem in the file, in file order: all the syntax errors the parser can
    /// recover from or, if the syntax is right, every schema error. (Schema checks are not
    /// run on a document with syntax errors: a half-read document would give false ones.)
    public static func load(_ file: SourceFile, defaultOutputName: String) throws(DiagnosticList) -> FigureConfig {
        let document = try TOMLParser.parse(file)
        var decoder = ConfigDecoder(file: file)
        guard let config = decoder.decode(document, defaultOutputName: defaultOutputName) else {
            throw DiagnosticList(decoder.problems)
        }
        return config
    }
}
