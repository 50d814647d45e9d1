import Foundation
import LossmapKernel

/// A small fully connected neural network classifying 2-D points: inputs (x1, x2), hidden
/// layers with one activation, and one output, the logit z of class 1 (p = σ(z)).
///
/// Its parameters are one flat vector θ, layer after layer: the weights as an out × in matrix,
/// row-major, so that a row is one neuron's incoming weights (what Li et al. 2018 call a
/// "filter" of a fully connected layer, PyTorch's `Linear.weight` layout), then the layer's
/// biases. The loss is the mean binary cross-entropy of σ(z) against targets y ∈ {0, 1},
/// computed from the logit as softplus(z) − y·z (`LogitCrossEntropyKernel.pointLoss`), which
/// never overflows and keeps its precision for confident predictions.
///
/// `loss` and `lossAndGradient` are the plain scalar definitions (the reference the tests hold
/// the vector kernel to); the grid uses `NetworkSliceSurface.values(alongW1:w2:into:)`.
public struct MultilayerPerceptron: Sendable, Equatable {
    /// Neurons per layer: 2 inputs first, 1 output last, hidden layers between.
    public let layers: [Int]
    /// What every hidden neuron applies to its weighted input.
    public let activation: NetworkActivation

    /// How many layers a network may have, inputs and output included (up to 6 hidden).
    public static let layerCounts = 2...8
    /// How many neurons a hidden layer may have.
    public static let widths = 1...256

    /// A network with these layer widths; throws when they do not describe a 2-D classifier
    /// of a size lossmap draws (2 to 8 layers, 2 inputs, 1 output, 1 to 256 neurons a layer).
    public init(layers: [Int], activation: NetworkActivation) throws(NetworkError) {
        let listed = "[" + layers.map(String.init).joined(separator: ", ") + "]"
        guard Self.layerCounts.contains(layers.count) else {
            throw NetworkError(message: "a network has 2 to 8 layers (2 inputs, up to 6 hidden layers, 1 output), "
                + "e.g. [2, 16, 16, 1]; \(listed) has \(layers.count)")
        }
        guard layers[0] == 2 else {
            throw NetworkError(message: "a network's first layer is its 2 inputs (x1, x2), not \(layers[0]): "
                + "write [2, …, 1] instead of \(listed)")
        }
        guard layers[layers.count - 1] == 1 else {
            throw NetworkError(message: "a network's last layer is its 1 output (the logit of class 1), not "
                + "\(layers[layers.count - 1]): write [2, …, 1] instead of \(listed)")
        }
        for (i, width) in layers.enumerated().dropFirst().dropLast() where !Self.widths.contains(width) {
            throw NetworkError(message: "hidden layer \(i) of \(listed) has \(width) neurons; a layer has 1 to 256")
        }
        self.layers = layers
        self.activation = activation
    }

    /// Where one layer's parameters are in θ.
    public struct LayerRange: Sendable, Equatable {
        /// Neurons feeding the layer.
        public let inputs: Int
        /// Neurons of the layer.
        public let outputs: Int
        /// The weight matrix, outputs × inputs, row-major.
        public let weights: Range<Int>
        /// The biases, one per neuron.
        public let biases: Range<Int>

        /// Neuron `neuron`'s incoming weights: one row of the matrix, Li et al.'s filter.
        public func filter(_ neuron: Int) -> Range<Int> {
            let start = weights.lowerBound + neuron * inputs
            return start..<start + inputs
        }
    }

    /// Each layer's parameter ranges, from the first hidden layer to the output.
    public func layerRanges() -> [LayerRange] {
        var ranges: [LayerRange] = []
        var offset = 0
        for l in 0..<layers.count - 1 {
            let inputs = layers[l], outputs = layers[l + 1]
            let weights = offset..<offset + inputs * outputs
            let biases = weights.upperBound..<weights.upperBound + outputs
            ranges.append(LayerRange(inputs: inputs, outputs: outputs, weights: weights, biases: biases))
            offset = biases.upperBound
        }
        return ranges
    }

    /// The length of θ: Σ (inputs + 1)·outputs over the layers (337 for 2–16–16–1).
    public var parameterCount: Int {
        (0..<layers.count - 1).reduce(0) { $0 + (layers[$1] + 1) * layers[$1 + 1] }
    }

    /// Glorot & Bengio's (2010) uniform initialisation, Keras's default `glorot_uniform`: every
    /// weight uniform in ±√(6 / (inputs + outputs)) of its layer, every bias 0. Drawn from
    /// `SplitMix64(seed)` in θ's order, so a seed always gives the same network.
    public func initialParameters(seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var θ = [Double](repeating: 0, count: parameterCount)
        for range in layerRanges() {
            let limit = (6 / Double(range.inputs + range.outputs)).squareRoot()
            for i in range.weights { θ[i] = limit * (2 * generator.uniform() - 1) }
        }
        return θ
    }

    /// The logit z of class 1 for the point (x1, x2).
    public func logit(_ θ: [Double], x1: Double, x2: Double) -> Double {
        checkLength(θ)
        var pass = ForwardPass(self)
        return θ.withUnsafeBufferPointer { pass.logit($0.baseAddress!, x1, x2) }
    }

    /// The mean cross-entropy over every point of `data` (NaN for no points).
    public func loss(_ θ: [Double], on data: PerceptronData) -> Double {
        checkLength(θ)
        var pass = ForwardPass(self)
        var total = 0.0
        θ.withUnsafeBufferPointer { parameters in
            for i in 0..<data.count {
                let z = pass.logit(parameters.baseAddress!, data.x1[i], data.x2[i])
                total += LogitCrossEntropyKernel.pointLoss(z, data.y[i])
            }
        }
        return total / Double(data.count)
    }

    /// The fraction of points classified right: class 1 where z > 0 (σ(z) > ½), against the
    /// target's class (1 where y > ½). NaN for no points.
    public func accuracy(_ θ: [Double], on data: PerceptronData) -> Double {
        checkLength(θ)
        var pass = ForwardPass(self)
        var right = 0
        θ.withUnsafeBufferPointer { parameters in
            for i in 0..<data.count where (pass.logit(parameters.baseAddress!, data.x1[i], data.x2[i]) > 0) == (data.y[i] > 0.5) {
                right += 1
            }
        }
        return Double(right) / Double(data.count)
    }

    /// The mean loss over the points `points` (indices into `data`) and its exact gradient
    /// with respect to θ, by backpropagation (Rumelhart, Hinton & Williams 1986): per point,
    /// δ = σ(z) − y at the output, δ ← (Wᵀδ) ⊙ act′ going back, ∂L/∂W = δ·aᵀ, ∂L/∂b = δ.
    /// For no points the loss is NaN and the gradient 0.
    public func lossAndGradient(_ θ: [Double], on data: PerceptronData, points: some Collection<Int>) -> (loss: Double, gradient: [Double]) {
        checkLength(θ)
        var gradient = [Double](repeating: 0, count: θ.count)
        guard !points.isEmpty else { return (.nan, gradient) }
        var pass = ForwardPass(self)
        var total = 0.0
        θ.withUnsafeBufferPointer { parameters in
            gradient.withUnsafeMutableBufferPointer { g in
                for i in points {
                    let z = pass.logit(parameters.baseAddress!, data.x1[i], data.x2[i])
                    total += LogitCrossEntropyKernel.pointLoss(z, data.y[i])
                    pass.backpropagate(parameters.baseAddress!, outputError: PointLoss.logistic(z) - data.y[i],
                                       into: g.baseAddress!)
                }
            }
        }
        let n = Double(points.count)
        for j in gradient.indices { gradient[j] /= n }
        return (total / n, gradient)
    }

    /// θ of the wrong length is a programming error (θ comes from `initialParameters` or training).
    private func checkLength(_ θ: [Double]) {
        precondition(θ.count == parameterCount, "MultilayerPerceptron: \(θ.count) parameters for a network of \(parameterCount)")
    }
}

/// One point's pass through the network, with every layer's activations kept for
/// backpropagation; its buffers are reused from point to point.
private struct ForwardPass {
    let layers: [Int]
    let activation: NetworkActivation
    /// Where layer l's weights start in θ.
    let parameterOffsets: [Int]
    /// Where layer l's activations start in `activations` (the inputs are layer 0).
    let activationOffsets: [Int]
    /// Every layer's activations, the last one the logit.
    var activations: [Double]
    /// The error signal δ of the layer being propagated, and of the one before it.
    var delta: [Double]
    var previousDelta: [Double]

    init(_ network: MultilayerPerceptron) {
        layers = network.layers
        activation = network.activation
        parameterOffsets = network.layerRanges().map(\.weights.lowerBound)
        var offsets: [Int] = [], offset = 0
        for width in layers {
            offsets.append(offset)
            offset += width
        }
        activationOffsets = offsets
        activations = [Double](repeating: 0, count: offset)
        let widest = layers.max() ?? 1
        delta = [Double](repeating: 0, count: widest)
        previousDelta = delta
    }

    /// The logit at (x1, x2); leaves every layer's activations in `activations`. Each weighted
    /// sum starts from the bias and adds the inputs in order, as the vector kernel does.
    mutating func logit(_ θ: UnsafePointer<Double>, _ x1: Double, _ x2: Double) -> Double {
        let last = layers.count - 1
        return activations.withUnsafeMutableBufferPointer { a in
            a[0] = x1
            a[1] = x2
            for l in 0..<last {
                let inputs = layers[l], outputs = layers[l + 1]
                let weights = θ + parameterOffsets[l], biases = weights + inputs * outputs
                let input = a.baseAddress! + activationOffsets[l], output = a.baseAddress! + activationOffsets[l + 1]
                for m in 0..<outputs {
                    var s = biases[m]
                    let row = weights + m * inputs
                    for k in 0..<inputs { s += row[k] * input[k] }
                    output[m] = l < last - 1 ? activation(s) : s
                }
            }
            return a[activationOffsets[last]]
        }
    }

    /// Adds this point's gradient to `gradient`, given dℓ/dz at the output, from the
    /// activations `logit` left.
    mutating func backpropagate(_ θ: UnsafePointer<Double>, outputError: Double, into gradient: UnsafeMutablePointer<Double>) {
        delta[0] = outputError
        let activation = self.activation
        for l in stride(from: layers.count - 2, through: 0, by: -1) {
            let inputs = layers[l], outputs = layers[l + 1]
            let offset = parameterOffsets[l]
            activations.withUnsafeBufferPointer { a in
                delta.withUnsafeMutableBufferPointer { d in
                    previousDelta.withUnsafeMutableBufferPointer { p in
                        let input = a.baseAddress! + activationOffsets[l]
                        let weights = θ + offset
                        let gw = gradient + offset, gb = gw + inputs * outputs
                        for m in 0..<outputs {
                            let dm = d[m]
                            gb[m] += dm
                            let row = gw + m * inputs
                            for k in 0..<inputs { row[k] += dm * input[k] }
                        }
                        guard l > 0 else { return }
                        // δ of the layer below: (Wᵀδ)_k times the activation's slope there.
                        for k in 0..<inputs {
                            var s = 0.0
                            for m in 0..<outputs { s += weights[m * inputs + k] * d[m] }
                            p[k] = s * activation.derivative(fromOutput: input[k])
                        }
                    }
                }
            }
            swap(&delta, &previousDelta)
        }
    }
}
