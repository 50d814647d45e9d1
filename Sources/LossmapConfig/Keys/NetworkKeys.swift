import LossmapCore
import LossmapSpec

/// The [surface] keys of a network sliced as Li et al. do (`model = "mlp"`).
enum NetworkKeys {
    /// The keys that apply to `model = "mlp"` only.
    static let keys = ["layers", "dataset", "samples", "noise", "seed", "directions", "train_steps", "train_learning_rate", "train_batch_size"]
    /// Of the perceptron's keys, those a network takes too (with its own meaning).
    static let sharedKeys = ["data", "activation"]
    static let defaultLayers = [2, 16, 16, 1]
    static let defaultActivation = NetworkActivation.tanh
    static let defaultDataset = ToyDataset.moons
    static let defaultSamples = 1_000
    static let samplesRange: ClosedRange<Int64> = 4...100_000
    static let defaultNoise = 0.1
    static let noiseRange = 0.0...10.0
    static let defaultDirections = NetworkSpec.Directions.random
    static let trainStepsRange: ClosedRange<Int64> = 0...1_000_000
    static let trainBatchRange: ClosedRange<Int64> = 1...100_000
    /// Grid samples per axis when `resolution` is not given: 101, as Li et al.'s plots
    /// (every cell is a pass of the network over the data).
    static let defaultResolution = 101
    /// The window of a slice along random directions when `w1`/`w2` are not given: Li et
    /// al.'s [−1, 1] in each direction.
    static let randomWindow = -1.0...1.0

    /// Its entries of the [surface] table (`activation` and `data` are the perceptron's, with
    /// the network's meaning given under `model`).
    static let entries: [ConfigKey] = [
        .value("layers", type: "array of integers", default: "`[2, 16, 16, 1]`",
               allowed: "\(MultilayerPerceptron.layerCounts.lowerBound) … \(MultilayerPerceptron.layerCounts.upperBound) widths, each \(MultilayerPerceptron.widths.lowerBound) … \(MultilayerPerceptron.widths.upperBound); the first 2 (x1, x2), the last 1; `mlp` only",
               example: "`layers = [2, 32, 32, 1]`",
               doc: "The network's layer widths, inputs first: two inputs, hidden layers, one output (the logit of class 1)."),
        .choice("dataset", among: ToyDataset.allCases.map(\.rawValue), default: defaultDataset.rawValue, example: "`dataset = \"spirals\"`",
                doc: "A two-class data set generated in code: scikit-learn's two moons and two circles (factor 0.5), or two interleaved spirals.",
                details: "Generated from `seed`, so the same config always draws the same points. An error together with `data`."),
        .value("samples", type: "integer", default: "\(defaultSamples)", allowed: "\(samplesRange.lowerBound) … \(ConfigLimits.grouped(Int(samplesRange.upperBound))); `mlp` with `dataset`",
               example: "`samples = 400`", doc: "How many points `dataset` generates, half of each class."),
        .value("noise", type: "number", default: NumberFormatting.compact(defaultNoise), allowed: "0 … 10; `mlp` with `dataset`",
               example: "`noise = 0.2`", doc: "The standard deviation of the Gaussian noise added to each generated point's coordinates."),
        .value("seed", type: "integer", default: "\(NetworkTraining.defaultSeed)", allowed: "0 … 2⁶³ − 1; `mlp` only", example: "`seed = 7`",
               doc: "Fixes the generated data, the initial weights, the order of the minibatches and the random directions."),
        .value("train_steps", type: "integer", default: "\(ConfigLimits.grouped(NetworkTraining.defaultSteps))",
               allowed: "\(trainStepsRange.lowerBound) … \(ConfigLimits.grouped(Int(trainStepsRange.upperBound)))", example: "`train_steps = 5000`",
               doc: "Minibatch SGD steps lossmap trains the network for before slicing its loss around the result."),
        .value("train_learning_rate", type: "number", default: NumberFormatting.compact(NetworkTraining.defaultLearningRate),
               allowed: "finite, > 0", example: "`train_learning_rate = 0.1`", doc: "The training's constant learning rate (plain SGD, no momentum)."),
        .value("train_batch_size", type: "integer", default: "\(NetworkTraining.defaultBatchSize)",
               allowed: "\(trainBatchRange.lowerBound) … \(ConfigLimits.grouped(Int(trainBatchRange.upperBound)))", example: "`train_batch_size = 64`",
               doc: "Points per training step, reshuffled every epoch."),
        .choice("directions", among: NetworkSpec.Directions.allCases.map(\.rawValue), default: defaultDirections.rawValue,
                example: "`directions = \"pca\"`",
                doc: "The two directions the map spans around the trained weights θ*: the map's (w1, w2) is θ* + w1·d₁ + w2·d₂.",
                details: """
                    `random`: two Gaussian directions, filter-normalised as Li et al. (2018) define it: each \
                    neuron's incoming weights in a direction are scaled to the norm of that neuron's weights in \
                    θ*, and biases are left out (0), so that the map's scale means the same for every layer; \
                    the window defaults to [−1, 1] × [−1, 1]. `pca`: the top two principal directions of the \
                    training trajectory (its snapshots θ_t − θ*, mean-centred, as Li et al.'s Sec. 7), which \
                    hold most of where the training went; the trajectory's projection is then drawn as a \
                    recorded run labelled with the share of the variance each direction explains, the window \
                    defaults to the path with a margin, and runs start by default where the training started.
                    """),
    ]
}
