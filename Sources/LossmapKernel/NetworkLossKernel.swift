import Foundation

/// The neural network's mean cross-entropy over its data, the forward pass run on 32 points at
/// once (4 vectors of 8): `NetworkSliceSurface.values(alongW1:w2:into:)` and the training's
/// full-data losses.
///
/// The points are a struct of arrays padded to a whole number of tiles, with a mask that is 1
/// for a real point and 0 for padding, so no tail needs a scalar loop. A layer's weighted sums
/// (`weightedSums`) broadcast each weight once for the tile's 32 points. Activations
/// are `VectorMath.tanh`, `.logistic` and `.relu`; the loss per point is
/// `LogitCrossEntropyKernel.pointLoss` with the vector exp and log1p, and lanes whose logit is
/// beyond ±708 (or not finite) are summed by the scalar formula, as that kernel does.
///
/// Measured on one core of an AMD EPYC (Zen 4), a 101 × 101 grid of a 2–16–16–1 tanh network on
/// 1,000 points (10⁷ forward passes, 3.3 × 10⁸ tanh): 0.58 s built for AVX-512, 0.83 s for AVX2,
/// 2.0 s for the baseline (SSE2), against 5.5 s for the scalar `value(at:)` point by point. The
/// tanh is about half the time, the weighted sums the rest.
///
/// @inlinable so that each caller compiles it for its own CPU: LossmapCore for the baseline,
/// LossmapKernelAVX2 and LossmapKernelAVX512 with FMA (chosen at run time). The activations
/// and the loss are called through the build's `NetworkLossBuild` type rather than inlined
/// here: in one function this large Swift's inliner stops inlining (even `@inline(__always)`
/// functions such as `VectorMath.log1pUnit`), and a function left out of line runs the
/// baseline build, LossmapKernel's. Each build's own small functions inline them fully.
public enum NetworkLossKernel {
    /// A hidden layer's activation, as the kernel knows it.
    public enum Activation: Sendable {
        case tanh, relu, sigmoid
    }

    /// Vectors of 8 points processed together: 32 points a tile. Fixed: `weightedSums` keeps
    /// one accumulator per vector, 4 of them.
    @inlinable public static var tileVectors: Int { 4 }
    /// Points a tile holds; the data are padded to a multiple of this.
    @inlinable public static var tilePoints: Int { tileVectors * DoubleVector.scalarCount }

    /// The network and its data, as plain pointers, valid for the duration of one call.
    public struct Input {
        /// Neurons per layer, the 2 inputs first, the 1 output last.
        public var layers: UnsafeBufferPointer<Int>
        /// The hidden layers' activation.
        public var activation: Activation
        /// The data, four columns of `paddedCount` each, one after the other: x1, x2, y and the
        /// mask (1 for a real point, 0 for padding).
        public var columns: UnsafePointer<Double>
        /// Points per column, a multiple of `tilePoints`.
        public var paddedCount: Int
        /// Real points (what the mean divides by).
        public var count: Int

        @inlinable
        public init(layers: UnsafeBufferPointer<Int>, activation: Activation, columns: UnsafePointer<Double>,
                    paddedCount: Int, count: Int) {
            self.layers = layers
            self.activation = activation
            self.columns = columns
            self.paddedCount = paddedCount
            self.count = count
        }

        /// Vectors of scratch a forward pass needs: two layers' activations for one tile.
        @inlinable public var scratchVectors: Int {
            2 * (layers.max() ?? 1) * NetworkLossKernel.tileVectors
        }
    }

    /// out[i] = mean loss at θ = (center + alphas[i]·d1) + beta·d2, each of the three
    /// `parameterCount` long (the same expression, in the same order, as the scalar slice).
    @inlinable
    public static func row<Build: NetworkLossBuild>(_ input: Input, center: UnsafePointer<Double>, d1: UnsafePointer<Double>,
                                                    d2: UnsafePointer<Double>, parameterCount: Int,
                                                    alphas: UnsafeBufferPointer<Double>, beta: Double,
                                                    into out: UnsafeMutableBufferPointer<Double>, build: Build.Type) {
        let theta = UnsafeMutablePointer<Double>.allocate(capacity: max(1, parameterCount))
        let scratch = UnsafeMutablePointer<DoubleVector>.allocate(capacity: input.scratchVectors)
        defer {
            theta.deallocate()
            scratch.deallocate()
        }
        for i in 0..<alphas.count {
            let alpha = alphas[i]
            for j in 0..<parameterCount { theta[j] = center[j] + alpha * d1[j] + beta * d2[j] }
            out[i] = meanLoss(input, parameters: theta, scratch: scratch, build: build)
        }
    }

    /// The mean loss at the parameters `θ` (laid out as `MultilayerPerceptron` lays them out:
    /// per layer the weights, row-major out × in, then the biases). `scratch`: at least
    /// `input.scratchVectors` vectors.
    @inlinable
    public static func meanLoss<Build: NetworkLossBuild>(_ input: Input, parameters θ: UnsafePointer<Double>,
                                                         scratch: UnsafeMutablePointer<DoubleVector>, build: Build.Type) -> Double {
        let width = DoubleVector.scalarCount
        let n = input.paddedCount
        let columns = UnsafeRawPointer(input.columns)
        let stride = MemoryLayout<Double>.stride
        let layers = input.layers
        let last = layers.count - 1
        let widest = layers.max() ?? 1
        let bufferA = scratch, bufferB = scratch + widest * tileVectors
        var sum = DoubleVector(repeating: 0)
        var scalarSum = 0.0
        var start = 0
        while start < n {
            // Vector t of the tile in column c (x1, x2, y, mask).
            @inline(__always) func load(_ c: Int, _ t: Int) -> DoubleVector {
                columns.loadUnaligned(fromByteOffset: (c * n + start + t * width) * stride, as: DoubleVector.self)
            }
            var layerInput = bufferA, output = bufferB
            for t in 0..<tileVectors {
                layerInput[t] = load(0, t)
                layerInput[tileVectors + t] = load(1, t)
            }
            var offset = 0
            for l in 0..<last {
                let inputs = layers[l], outputs = layers[l + 1]
                let weights = θ + offset
                offset += inputs * outputs + outputs
                weightedSums(UnsafePointer(layerInput), inputs: inputs, weights: weights, biases: weights + inputs * outputs,
                             outputs: outputs, into: output)
                if l < last - 1 { Build.activate(output, count: tileVectors * outputs, activation: input.activation) }
                swap(&layerInput, &output)
            }
            // The logits of the tile's 32 points are in layerInput[0..<4].
            for t in 0..<tileVectors {
                Build.addLosses(layerInput[t], load(2, t), load(3, t), sum: &sum, scalarSum: &scalarSum)
            }
            start += tilePoints
        }
        return (sum.sum() + scalarSum) / Double(input.count)
    }

    /// One layer for one tile: output[4m + t] = biases[m] + Σ_k weights[m·inputs + k]·input[4k + t],
    /// summed from the bias in the order of k with a rounded product and a rounded sum each, as
    /// the scalar pass sums: never fused, so the logit is the scalar one bit for bit up to the
    /// activations' last-place differences, and where a product overflows the sum overflows as
    /// the scalar one does (a fused multiply-add would keep it finite). Each weight is broadcast
    /// once for the tile's 4 vectors, whose 4 independent chains hide the adder's latency.
    /// (Two neurons at once, loading each input vector once for both, measured no faster on
    /// AVX-512 and slower on SSE2, whose 16 registers cannot hold 8 vectors of accumulators.)
    @inlinable @inline(__always)
    public static func weightedSums(_ input: UnsafePointer<DoubleVector>, inputs: Int, weights: UnsafePointer<Double>,
                                    biases: UnsafePointer<Double>, outputs: Int, into output: UnsafeMutablePointer<DoubleVector>) {
        for m in 0..<outputs {
            let b = DoubleVector(repeating: biases[m])
            var a0 = b, a1 = b, a2 = b, a3 = b
            let row = weights + m * inputs
            var h = input
            for k in 0..<inputs {
                let w = DoubleVector(repeating: row[k])
                a0 += w * h[0]; a1 += w * h[1]; a2 += w * h[2]; a3 += w * h[3]
                h += 4
            }
            let o = output + 4 * m
            o[0] = a0; o[1] = a1; o[2] = a2; o[3] = a3
        }
    }

    /// The hidden activation on `count` vectors in place, one loop per kind so each is branch-free.
    ///
    /// Transparent (inlined before any optimisation) so that a build's literal `fused` reaches
    /// the vector math as a constant: optimised alone with `fused` unknown, this function would
    /// carry both forms of every polynomial step, and in a function that large Swift's inliner
    /// leaves `VectorMath` calls out of line, in LossmapKernel's baseline build.
    @_transparent
    public static func activate(_ vectors: UnsafeMutablePointer<DoubleVector>, count: Int, activation: Activation, fused: Bool) {
        switch activation {
        case .tanh: for i in 0..<count { vectors[i] = VectorMath.tanh(vectors[i], fused: fused) }
        case .sigmoid: for i in 0..<count { vectors[i] = VectorMath.logistic(vectors[i], fused: fused) }
        case .relu: for i in 0..<count { vectors[i] = VectorMath.relu(vectors[i]) }
        }
    }

    /// Adds the losses of 8 points, from their logits `z`, targets `y` and mask, to `sum` (lane by
    /// lane) or `scalarSum`. One vector a call: with the tile's 4 in one function, Swift's inliner
    /// left one of the 4 `log1pUnit`s out of line. Transparent for the reason `activate` gives.
    @_transparent
    public static func addLosses(_ z: DoubleVector, _ y: DoubleVector, _ mask: DoubleVector,
                                 sum: inout DoubleVector, scalarSum: inout Double, fused: Bool) {
        let a = unsafeBitCast(unsafeBitCast(z, to: BitsVector.self) & 0x7FFF_FFFF_FFFF_FFFF, to: DoubleVector.self)
        if all(a .<= -VectorMath.expLowerLimit) {
            // softplus(z) − y·z = max(z, 0) − y·z + log1p(e^−|z|): `pointLoss`, a lane each.
            let e = VectorMath.expNonPositive(-a, fused: fused)
            let loss = z.replacing(with: 0, where: z .< 0) - y * z + VectorMath.log1pUnit(e)
            sum += loss * mask
        } else {
            // A saturated (e^−|z| subnormal), infinite or NaN logit: these 8 points as the scalar
            // loss does them, padding skipped (its logit may be NaN too).
            for lane in 0..<DoubleVector.scalarCount where mask[lane] != 0 {
                scalarSum += LogitCrossEntropyKernel.pointLoss(z[lane], y[lane])
            }
        }
    }

    /// The baseline build: compiled in whichever module calls the kernel with it (LossmapCore),
    /// for the CPU that module is built for.
    public enum Baseline: NetworkLossBuild {
        @inlinable
        public static func activate(_ vectors: UnsafeMutablePointer<DoubleVector>, count: Int, activation: Activation) {
            NetworkLossKernel.activate(vectors, count: count, activation: activation, fused: false)
        }

        @inlinable
        public static func addLosses(_ z: DoubleVector, _ y: DoubleVector, _ mask: DoubleVector,
                                     sum: inout DoubleVector, scalarSum: inout Double) {
            NetworkLossKernel.addLosses(z, y, mask, sum: &sum, scalarSum: &scalarSum, fused: false)
        }
    }
}

/// The parts of `NetworkLossKernel` each build compiles for itself: a type in the build's module
/// whose functions call the kernel's with `fused` true where its CPU has fused multiply-add (for
/// the polynomials of the vector math), so that they run that module's instructions even where
/// they are not inlined.
public protocol NetworkLossBuild {
    /// `NetworkLossKernel.activate` with the build's `fused`.
    static func activate(_ vectors: UnsafeMutablePointer<DoubleVector>, count: Int, activation: NetworkLossKernel.Activation)
    /// `NetworkLossKernel.addLosses` with the build's `fused`.
    static func addLosses(_ z: DoubleVector, _ y: DoubleVector, _ mask: DoubleVector,
                          sum: inout DoubleVector, scalarSum: inout Double)
}
