import LossmapCore
import LossmapSpec

/// What lossmap's training of a network came to, for the figure's subtitle and the report:
/// the network is drawn as a slice, so the reader is told what was sliced.
public struct NetworkTrainingSummary: Sendable, Equatable {
    public var layers: [Int]
    public var activation: NetworkActivation
    /// "1,000 moons points", "200 points from data/xor.csv".
    public var data: String
    public var steps: Int
    /// The full-data loss and accuracy of the trained weights.
    public var finalLoss: Double
    public var accuracy: Double
    public var directions: NetworkSpec.Directions
    /// With PCA directions: the share of the trajectory's variance each direction explains.
    public var explained: [Double]?

    /// "2–16–16–1 tanh network, 2,000 SGD steps on 1,000 moons points: loss 0.0067, accuracy
    /// 99.9% · sliced along 2 filter-normalised random directions (Li et al. 2018)".
    public var subtitle: String {
        let architecture = layers.map(String.init).joined(separator: "–")
        let slice = directions == .random
            ? "sliced along two filter-normalised random directions (Li et al. 2018)"
            : "sliced along the training path's top two principal directions (Li et al. 2018)"
        return "\(architecture) \(activation.rawValue) network, \(NumberFormatting.grouped(steps)) SGD steps on \(data): "
            + "loss \(NumberFormatting.significant(finalLoss, digits: 2)), accuracy \(NumberFormatting.significant(100 * accuracy, digits: 3))% · \(slice)"
    }
}
