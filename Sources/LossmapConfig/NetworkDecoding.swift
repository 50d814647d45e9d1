import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// `model = "mlp"`: the network, its data, its training and the slice's directions, as a
    /// plain `NetworkSpec`. Nothing is trained or read here.
    mutating func decodeNetwork(_ reader: TableReader, keys: MapKeys) -> SurfaceChoice? {
        for entry in reader.table.entries where ["points", "loss", "bias"].contains(entry.key) {
            report(reader.error(entry.keySpan.lowerBound, "`\(entry.key)` applies to model = \"perceptron\" only, not to \"mlp\"",
                                note: entry.key == "points" ? "give the network's data with `data` (a CSV file) or `dataset`"
                                    : "the network's loss is binary cross-entropy of its output logit"))
        }
        var ok = true
        func required<T>(_ value: T?, _ key: String) -> T? {
            if value == nil, reader.table[key] != nil { ok = false }
            return value
        }
        let layers = required(decodeLayers(reader), "layers")
        let activation = required(attempt { () throws(Diagnostic) -> NetworkActivation? in
            try reader.choice("activation", among: NetworkActivation.allCases.map(\.rawValue)).flatMap { NetworkActivation(rawValue: $0.0) }
        }, "activation")
        let dataset = required(attempt { () throws(Diagnostic) -> ToyDataset? in
            try reader.choice("dataset", among: ToyDataset.allCases.map(\.rawValue)).flatMap { ToyDataset(rawValue: $0.0) }
        }, "dataset")
        let samples = required(attempt { () throws(Diagnostic) in try reader.integer("samples", in: NetworkKeys.samplesRange) }, "samples")
        let noise = required(attempt { () throws(Diagnostic) in try reader.number("noise", in: NetworkKeys.noiseRange, unit: "") }, "noise")
        let seed = required(attempt { () throws(Diagnostic) in try reader.integer("seed", in: 0...Int64.max) }, "seed")
        let steps = required(attempt { () throws(Diagnostic) in try reader.integer("train_steps", in: NetworkKeys.trainStepsRange) }, "train_steps")
        let rate = required(attempt { () throws(Diagnostic) in try reader.positive("train_learning_rate") }, "train_learning_rate")
        let batch = required(attempt { () throws(Diagnostic) in try reader.integer("train_batch_size", in: NetworkKeys.trainBatchRange) }, "train_batch_size")
        let directions = required(attempt { () throws(Diagnostic) -> NetworkSpec.Directions? in
            try reader.choice("directions", among: NetworkSpec.Directions.allCases.map(\.rawValue)).flatMap { NetworkSpec.Directions(rawValue: $0.0) }
        }, "directions")

        var data: NetworkSpec.Data?
        if reader.table["data"] != nil {
            for entry in reader.table.entries where ["dataset", "samples", "noise"].contains(entry.key) {
                report(reader.error(entry.keySpan.lowerBound, "`\(entry.key)` generates the network's data; `data` reads it from a file: keep one"))
                ok = false
            }
            data = dataFileReference(reader, key: "data", example: "\"data/points.csv\"").map { .file($0) }
            if data == nil { ok = false }
        } else {
            data = .generated(dataset ?? NetworkKeys.defaultDataset, count: samples ?? NetworkKeys.defaultSamples,
                              noise: noise ?? NetworkKeys.defaultNoise)
        }
        guard ok, let layers, let data else { return nil }
        let seedValue = seed.map(UInt64.init) ?? NetworkTraining.defaultSeed
        let training = NetworkTraining(steps: steps ?? NetworkTraining.defaultSteps, learningRate: rate ?? NetworkTraining.defaultLearningRate,
                                       batchSize: batch ?? NetworkTraining.defaultBatchSize, seed: seedValue)
        let chosen = directions ?? NetworkKeys.defaultDirections
        let spec = NetworkSpec(layers: layers, activation: activation ?? NetworkKeys.defaultActivation, data: data, seed: seedValue,
                               training: training, directions: chosen,
                               site: SpecSite(file: file, offset: reader.keyOffset("model")),
                               costSite: SpecSite(file: file, offset: (reader.table["resolution"] ?? reader.table["model"])?.span.lowerBound ?? reader.headerOffset))
        // Along random directions the window is Li et al.'s [−1, 1]², known now, and runs start
        // a tenth of the way in from its upper-left corner; along the training's principal
        // directions the window follows the path, and runs start where the training started
        // (`Weights.trainingStart`, replaced once the network is trained).
        let window = chosen == .random ? NetworkKeys.randomWindow : nil
        let w1 = keys.w1 ?? window, w2 = keys.w2 ?? window
        var start = Weights.trainingStart
        if let w1, let w2 {
            start = Weights(w1.lowerBound + 0.1 * (w1.upperBound - w1.lowerBound), w2.upperBound - 0.1 * (w2.upperBound - w2.lowerBound))
        }
        return SurfaceChoice(source: .network(spec), name: "mlp", w1: window, w2: window, start: start, levelScale: .log,
                             resolution: NetworkKeys.defaultResolution)
    }

    /// `layers = [2, 16, 16, 1]`, checked as the network checks it.
    private mutating func decodeLayers(_ reader: TableReader) -> [Int]? {
        guard reader.table["layers"] != nil else { return NetworkKeys.defaultLayers }
        guard let (items, value) = attempt({ () throws(Diagnostic) in
            try reader.array("layers", what: "an array of layer widths, e.g. [2, 16, 16, 1]")
        }) else { return nil }
        var widths: [Int] = []
        for item in items {
            guard case .integer(let n) = item.kind else {
                report(reader.error(item.span.lowerBound, "`layers` must hold integer widths, found \(reader.written(item))"))
                return nil
            }
            widths.append(Int(n))
        }
        do {
            _ = try MultilayerPerceptron(layers: widths, activation: .tanh)
        } catch {
            report(reader.error(value.span.lowerBound, "`layers`: \(error.message)", note: "for example: layers = [2, 16, 16, 1]"))
            return nil
        }
        return widths
    }
}
