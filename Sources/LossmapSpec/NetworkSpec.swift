import LossmapCore

/// A small network sliced the way Li et al. (2018) slice large ones (`model = "mlp"`): its
/// architecture, its data, how lossmap trains it and which two directions the slice spans.
/// Nothing is trained here; the scene's resolving step does it.
public struct NetworkSpec: Sendable {
    /// The data: a data set generated in code, or a CSV file of x1, x2, label.
    public enum Data: Sendable {
        case generated(ToyDataset, count: Int, noise: Double)
        case file(DataFileReference)
    }

    /// The two directions of the slice.
    public enum Directions: String, Sendable, CaseIterable {
        /// Gaussian directions, filter-normalised (Li et al., Sec. 4).
        case random
        /// The top two principal directions of the training trajectory (Li et al., Sec. 7),
        /// whose projection is drawn as a recorded run.
        case pca
    }

    public var layers: [Int]
    public var activation: NetworkActivation
    public var data: Data
    /// The data set's, the initial weights', the shuffling's and the random directions' seed.
    public var seed: UInt64
    public var training: NetworkTraining
    public var directions: Directions
    /// Where `model` was written, for problems with the network as a whole.
    public var site: SpecSite
    /// Where the map's cost is reported: `resolution`, else `model`.
    public var costSite: SpecSite

    public init(layers: [Int], activation: NetworkActivation, data: Data, seed: UInt64, training: NetworkTraining,
                directions: Directions, site: SpecSite, costSite: SpecSite) {
        self.layers = layers
        self.activation = activation
        self.data = data
        self.seed = seed
        self.training = training
        self.directions = directions
        self.site = site
        self.costSite = costSite
    }
}

extension Weights {
    /// A placeholder start: where a network's training started, on its slice along the
    /// training's principal directions, which is known only once the network is trained.
    public static let trainingStart = Weights(.infinity, .infinity)

    /// True for `trainingStart`.
    public var isTrainingStart: Bool { x == .infinity && y == .infinity }
}
