/// A neural network's loss on a plane through its weight space, as a surface of two weights:
/// f(α, β) = L(center + α·d1 + β·d2), Li et al.'s 2-D loss landscape (see `SlicePlane`).
///
/// `value(at:)` and `gradient(at:)` are the scalar definitions (`MultilayerPerceptron.loss`
/// and backpropagation); the grid's `values(alongW1:w2:into:)` runs `NetworkLossKernel`, the
/// forward pass 32 points at once with a vector tanh, and equals `value(at:)` to 1e-12
/// relative. A value type with no mutable state: safe to share between threads.
public struct NetworkSliceSurface: LossSurface {
    /// The network whose loss is sliced.
    public let network: MultilayerPerceptron
    /// The points the loss is measured on.
    public let data: PerceptronData
    /// The plane the map is drawn on.
    public let plane: SlicePlane
    private var rows: NetworkLossRows

    public init(network: MultilayerPerceptron, data: PerceptronData, plane: SlicePlane) {
        precondition(plane.center.count == network.parameterCount,
                     "NetworkSliceSurface: a plane of \(plane.center.count) parameters for a network of \(network.parameterCount)")
        self.network = network
        self.data = data
        self.plane = plane
        rows = NetworkLossRows(network: network, data: data)
    }

    /// Which build of the grid's vector kernel `values(alongW1:)` uses: the widest this CPU runs,
    /// unless a test or the benchmark names another (`PerceptronSurface.supportedKernels`).
    public var vectorKernel: VectorKernelChoice {
        get { rows.kernel }
        set { rows.kernel = newValue }
    }

    public func value(at w: Weights) -> Double {
        network.loss(plane.parameters(at: w), on: data)
    }

    /// The chain rule through θ(α, β): (⟨∇L, d1⟩, ⟨∇L, d2⟩), ∇L by backpropagation over all points.
    public func gradient(at w: Weights) -> Weights {
        let g = network.lossAndGradient(plane.parameters(at: w), on: data, points: 0..<data.count).gradient
        var a = 0.0, b = 0.0
        for j in g.indices {
            a += g[j] * plane.d1[j]
            b += g[j] * plane.d2[j]
        }
        return Weights(a, b)
    }

    /// None: where the trained network sits is the caller's to mark.
    public var minima: [Weights] { [] }

    public func values(alongW1 w1s: UnsafeBufferPointer<Double>, w2: Double, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count == w1s.count, "values(alongW1:): \(out.count) outputs for \(w1s.count) positions")
        rows.row(center: plane.center, d1: plane.d1, d2: plane.d2, alphas: w1s, beta: w2, into: out)
    }
}
