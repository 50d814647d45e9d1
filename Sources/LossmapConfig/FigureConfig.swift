import LossmapSpec

/// A config file decoded: the figure to draw and the file name to write it to.
public struct FigureConfig: Sendable {
    public var spec: FigureSpec
    /// The output file name, relative to the output folder (e.g. `rosenbrock-step-sizes.png`).
    public var outputName: String
    /// Every data file the config read (a perceptron's `data`), as the path it was read from
    /// (resolved against the config's folder), in the order read: what else, besides the
    /// config itself, the figure depends on.
    public var dataFiles: [String] = []

    public init(spec: FigureSpec, outputName: String, dataFiles: [String] = []) {
        self.spec = spec
        self.outputName = outputName
        self.dataFiles = dataFiles
    }
}

extension FigureConfig {
    /// Parses and decodes a config. `defaultOutputName` is used when the file names none
    /// (the config's own name with `.png`).
    ///
    /// Data files named in the config (`data = "points.csv"`) are read relative to
    /// `dataFolder`, by default the folder of the config's path (`file.name`); messages name
    /// them relative to that path as the user gave it.
    ///
    /// `dataAccess` says which data files the figure may read (`.anywhere` by default, for
    /// specs built by programs and tests; the command line confines them to the working
    /// directory unless told otherwise). It is carried in the spec and enforced where the
    /// data is loaded, so a refused file is never opened.
    ///
    /// Throws every problem in the file, in file order: all the syntax errors the parser can
    /// recover from or, if the syntax is right, every schema error. (Schema checks are not
    /// run on a document with syntax errors: a half-read document would give false ones.)
    public static func load(_ file: SourceFile, defaultOutputName: String, dataFolder: String? = nil,
                            dataAccess: DataFileAccess = .anywhere) throws(DiagnosticList) -> FigureConfig {
        let document = try TOMLParser.parse(file)
        var decoder = ConfigDecoder(file: file, dataFolder: dataFolder)
        guard var config = decoder.decode(document, defaultOutputName: defaultOutputName) else {
            throw DiagnosticList(decoder.problems)
        }
        config.spec.mapDataFiles { $0.access = dataAccess }
        return config
    }

    /// The data files the figure reads, with where and how each may be read.
    public var dataFileReferences: [DataFileReference] {
        var references: [DataFileReference] = []
        var spec = self.spec
        spec.mapDataFiles { references.append($0) }
        return references
    }
}

extension FigureSpec {
    /// Hands every data file the figure reads (the surface's data or grid, the recorded runs'
    /// paths) to `change`, in place.
    mutating func mapDataFiles(_ change: (inout DataFileReference) -> Void) {
        switch surface.source {
        case .perceptron(var perceptron):
            if case .file(var reference) = perceptron.data {
                change(&reference)
                perceptron.data = .file(reference)
                surface.source = .perceptron(perceptron)
            }
        case .imported(var grid):
            change(&grid.file)
            surface.source = .imported(grid)
        case .network(var network):
            if case .file(var reference) = network.data {
                change(&reference)
                network.data = .file(reference)
                surface.source = .network(network)
            }
        case .ready:
            break
        }
        for index in runs.indices {
            if case .file(var reference)? = runs[index].recorded {
                change(&reference)
                runs[index].recorded = .file(reference)
            }
        }
    }
}
