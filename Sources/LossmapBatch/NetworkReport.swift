import LossmapCore
import LossmapScene

/// What lossmap's training of a network came to (`model = "mlp"`), as the report gives it:
/// the figure is a slice of the network, so the numbers it was sliced around are kept.
public struct NetworkReport: Codable, Sendable, Equatable {
    public var layers: [Int]
    public var activation: String
    /// "1,000 moons points", "200 points from data/points.csv".
    public var data: String
    public var trainSteps: Int
    /// The full-data loss and accuracy of the trained weights, the map's origin.
    public var finalLoss: Double?
    public var accuracy: Double?
    public var directions: String
    /// With PCA directions: each direction's share of the training trajectory's variance.
    public var explainedVariance: [Double]?

    enum CodingKeys: String, CodingKey {
        case layers, activation, data, directions, accuracy
        case trainSteps = "train_steps"
        case finalLoss = "final_loss"
        case explainedVariance = "explained_variance"
    }

    init(_ summary: NetworkTrainingSummary) {
        layers = summary.layers
        activation = summary.activation.rawValue
        data = summary.data
        trainSteps = summary.steps
        finalLoss = summary.finalLoss.isFinite ? summary.finalLoss : nil
        accuracy = summary.accuracy.isFinite ? summary.accuracy : nil
        directions = summary.directions.rawValue
        explainedVariance = summary.explained
    }
}
