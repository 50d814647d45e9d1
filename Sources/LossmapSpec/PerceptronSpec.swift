import LossmapCore

/// A perceptron surface as the config gives it: its model and where its data is. Nothing is
/// read or computed here; the scene's resolving step loads the data and builds the surface.
public struct PerceptronSpec: Sendable {
    /// The data: a CSV file to load, or points written in the config.
    public enum Data: Sendable {
        case file(DataFileReference)
        case points(PerceptronData, InlinePoints)
    }

    public var data: Data
    public var activation: PerceptronActivation
    public var loss: PerceptronLoss
    public var bias: Double
    /// A minimum the config gives (`minimum = [w1, w2]`), starred and analysed.
    public var minimum: Weights?
    /// Where `model` was written, for problems with the model as a whole (no minimum to
    /// centre the plot on).
    public var site: SpecSite
    /// Where the map's cost (data rows × resolution²) is reported: `resolution`, else the data.
    public var costSite: SpecSite

    public init(data: Data, activation: PerceptronActivation, loss: PerceptronLoss, bias: Double, minimum: Weights?,
                site: SpecSite, costSite: SpecSite) {
        self.data = data
        self.activation = activation
        self.loss = loss
        self.bias = bias
        self.minimum = minimum
        self.site = site
        self.costSite = costSite
    }
}

/// `data = "points.csv"`: the file as written, where it is read from and how messages name it.
public struct DataFileReference: Sendable {
    /// As written in the config.
    public var written: String
    /// Resolved against the folder data files are read from.
    public var readPath: String
    /// Resolved against the config's path as the user gave it, for messages.
    public var shownPath: String
    /// The `data` value in the config.
    public var site: SpecSite

    public init(written: String, readPath: String, shownPath: String, site: SpecSite) {
        self.written = written
        self.readPath = readPath
        self.shownPath = shownPath
        self.site = site
    }
}

/// `points = [[x1, x2, y], …]`: where each point and each of its numbers was written, so a
/// problem found later points at the very number.
public struct InlinePoints: Sendable {
    /// The `points` value.
    public var site: SpecSite
    /// Offsets of each point, and of each number in it.
    public var pointOffsets: [Int]
    public var valueOffsets: [[Int]]

    public init(site: SpecSite, pointOffsets: [Int], valueOffsets: [[Int]]) {
        self.site = site
        self.pointOffsets = pointOffsets
        self.valueOffsets = valueOffsets
    }

    /// The site of point `line` (from 1), or of its `column`-th number, as a `DataError` names them.
    public func site(line: Int, column: Int?) -> SpecSite {
        guard line >= 1, line <= pointOffsets.count else { return site }
        if let column, column >= 1, column <= valueOffsets[line - 1].count {
            return SpecSite(file: site.file, offset: valueOffsets[line - 1][column - 1])
        }
        return SpecSite(file: site.file, offset: pointOffsets[line - 1])
    }
}
