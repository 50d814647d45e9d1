import LossmapContour
import LossmapCore
import LossmapSpec

/// A network surface made ready (`model = "mlp"`): its data generated or read, the network
/// trained, the plane through the trained weights chosen, and, along the training's principal
/// directions, the training's projection added as a recorded run. The trained weights, the
/// map's origin, are marked.
enum NetworkResolution {
    static func resolve(_ network: NetworkSpec, _ spec: FigureSpec) throws(DiagnosticList) -> ResolvedSurface {
        let data: PerceptronData
        switch network.data {
        case .generated(let dataset, let count, let noise):
            data = dataset.generate(count: count, noise: noise, seed: network.seed)
        case .file(let file):
            data = try SurfaceResolution.load(.file(file))
            do {
                try data.validateTargets(for: .crossEntropy)
            } catch {
                throw DiagnosticList(DataFileLoading.problem(error, in: file, bytes: nil))
            }
        }
        let model: MultilayerPerceptron
        do {
            model = try MultilayerPerceptron(layers: network.layers, activation: network.activation)
        } catch {
            throw DiagnosticList(network.site.error(error.message))
        }
        try checkCost(model, rows: data.count, network, spec)

        let record = network.training.train(model, on: data)
        var resolved: ResolvedSurface
        var explainedShares: [Double] = []
        switch network.directions {
        case .random:
            let plane = SlicePlane.random(for: model, center: record.parameters, seed: network.seed)
            let surface = NetworkSliceSurface(network: model, data: data, plane: plane)
            let window = spec.surface.w1.flatMap { w1 in spec.surface.w2.map { (w1, $0) } }
            resolved = ResolvedSurface(surface: surface, w1: window?.0 ?? -1...1, w2: window?.1 ?? -1...1)
        case .pca:
            let (plane, explained) = SlicePlane.pca(of: record.snapshots, center: record.parameters)
            explainedShares = [explained.0, explained.1]
            let surface = NetworkSliceSurface(network: model, data: data, plane: plane)
            let points = record.snapshots.map(plane.project)
            let path = RecordedPath(points: points, losses: record.snapshotLosses)
            let (w1, w2) = window(around: points, spec)
            resolved = ResolvedSurface(surface: surface, w1: w1, w2: w2)
            let percent = { (share: Double) in NumberFormatting.significant(100 * share, digits: 2) + "%" }
            let label = "SGD training, \(NumberFormatting.grouped(network.training.steps)) steps (PCA: \(percent(explained.0)) + \(percent(explained.1)) of its variance)"
            resolved.addedRuns = [RunSpec.recorded(.given(path), label: .text(label), color: nil, name: "the training path")]
            resolved.trainingStart = points.first
        }
        for (name, range) in [("w1", resolved.w1), ("w2", resolved.w2)] where !Grid.canSample(range, count: spec.surface.resolution) {
            throw DiagnosticList(network.site.error("the slice's window for `\(name)`, [\(range.lowerBound), \(range.upperBound)], cannot be sampled at \(spec.surface.resolution) points",
                                                    note: "give `w1` and `w2`"))
        }
        resolved.addedMarkers = [MarkerSpec(at: Weights(0, 0), label: "trained weights")]
        let described: String
        switch network.data {
        case .generated(let dataset, let count, _): described = "\(NumberFormatting.grouped(count)) \(dataset.rawValue) points"
        case .file(let file): described = "\(NumberFormatting.grouped(data.count)) points from \(ConfigLimits.shown(file.written))"
        }
        resolved.training = NetworkTrainingSummary(layers: network.layers, activation: network.activation, data: described,
                                                   steps: network.training.steps, finalLoss: record.finalLoss, accuracy: record.accuracy,
                                                   directions: network.directions, explained: network.directions == .pca ? explainedShares : nil)
        return resolved
    }

    /// The training path's box with the trained weights (the origin), widened by a fifth on
    /// each side, unless the config gives the window.
    static func window(around points: [Weights], _ spec: FigureSpec) -> (ClosedRange<Double>, ClosedRange<Double>) {
        let xs = points.map(\.x).filter(\.isFinite) + [0], ys = points.map(\.y).filter(\.isFinite) + [0]
        func widened(_ values: [Double]) -> ClosedRange<Double> {
            let lo = values.min()!, hi = values.max()!
            let margin = max(0.2 * (hi - lo), 1e-3 * max(abs(lo), abs(hi), 1))
            return (lo - margin)...(hi + margin)
        }
        var w1 = widened(xs), w2 = widened(ys)
        // One direction often holds nearly all of the variance (98% for the two moons): the
        // other is widened, about its centre, to a third of it, so the map keeps equal units
        // (which allow up to 4:1) and the path's sideways wiggle is not blown up.
        let span1 = w1.upperBound - w1.lowerBound, span2 = w2.upperBound - w2.lowerBound
        if span2 < span1 / 3 {
            let mid = (w2.lowerBound + w2.upperBound) / 2
            w2 = (mid - span1 / 6)...(mid + span1 / 6)
        } else if span1 < span2 / 3 {
            let mid = (w1.lowerBound + w1.upperBound) / 2
            w1 = (mid - span2 / 6)...(mid + span2 / 6)
        }
        return (spec.surface.w1 ?? w1, spec.surface.w2 ?? w2)
    }

    /// Multiply-adds of one forward pass: the weights.
    static func forwardCost(_ model: MultilayerPerceptron) -> Double {
        zip(model.layers, model.layers.dropFirst()).reduce(0) { $0 + Double($1.0 * $1.1) }
    }

    /// The training (a forward and backward pass, about 3 forward passes, per point of every
    /// batch), the map (a forward pass per point per cell) and the descents on the slice (3
    /// forward passes per point per step) must cost at most `ConfigLimits.maxNetworkWork`.
    static func checkCost(_ model: MultilayerPerceptron, rows: Int, _ network: NetworkSpec, _ spec: FigureSpec) throws(DiagnosticList) {
        let forward = forwardCost(model)
        let training = Double(network.training.steps) * Double(min(network.training.batchSize, rows)) * 3 * forward
        let resolution = Double(spec.kind.isMap ? spec.surface.resolution : 2)
        let map = Double(rows) * resolution * resolution * forward
        let descents = Double(spec.totalSteps) * Double(rows) * 3 * forward
        let total = training + map + descents
        guard total > ConfigLimits.maxNetworkWork else { return }
        let shown = { (x: Double) in NumberFormatting.significant(x, digits: 2) }
        throw DiagnosticList(network.costSite.error(
            "this network costs \(shown(total)) multiply-adds, more than the \(shown(ConfigLimits.maxNetworkWork)) allowed: training \(shown(training)), the map \(shown(map)) (\(NumberFormatting.grouped(rows)) points × \(Int(resolution))² cells), descents \(shown(descents))",
            note: "use a lower `resolution`, fewer `samples`, fewer `train_steps`, narrower `layers`, or fewer steps"))
    }
}
