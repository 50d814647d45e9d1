import Foundation
import LossmapKernel

/// The lecture's surface: the loss of one perceptron ŷ = act(w1·x1 + w2·x2 + bias) on a set
/// of points, as a function of its two weights.
///
/// Linear activation with MSE is a quadratic form evaluated in O(1) from sufficient statistics
/// (`LinearLeastSquares`); every other combination sums over the points in one tight loop over
/// the data's contiguous columns, allocating nothing. Per point the loss is a function ℓ(z, y)
/// of the weighted input z alone, so with z linear in w the exact derivatives are
/// ∇L = mean(ℓ′·x) and ∇²L = mean(ℓ″·x·xᵀ), x = (x1, x2).
public struct PerceptronSurface: PointwiseLoss {
    /// The points the loss is measured on.
    public let data: PerceptronData
    /// The output function.
    public let activation: PerceptronActivation
    /// How predictions are scored.
    public let loss: PerceptronLoss
    /// The fixed bias added to every weighted input.
    public let bias: Double
    /// Which build of the grid's vector kernel `values(alongW1:)` uses: the widest this CPU runs,
    /// unless a test or the benchmark names another (`PerceptronSurface.supportedKernels`).
    public var vectorKernel = VectorKernelChoice.automatic

    let pointLoss: PointLoss
    private let quadratic: LinearLeastSquares?

    /// A perceptron surface; throws when the targets do not suit the loss (cross-entropy
    /// needs every target in [0, 1]), naming the first offending point's line.
    public init(data: PerceptronData, activation: PerceptronActivation = .linear,
                loss: PerceptronLoss = .mse, bias: Double = 0) throws(DataError) {
        try data.validateTargets(for: loss)
        self.data = data
        self.activation = activation
        self.loss = loss
        self.bias = bias
        self.pointLoss = PointLoss(activation, loss)
        self.quadratic = pointLoss == .linearSquared ? LinearLeastSquares(data, bias: bias) : nil
    }

    public func value(at w: Weights) -> Double {
        if let quadratic { return quadratic.value(w) }
        let b = bias
        return data.x1.withUnsafeBufferPointer { x1 in
            data.x2.withUnsafeBufferPointer { x2 in
                data.y.withUnsafeBufferPointer { y in
                    // One loop per loss, the switch outside it, so the loop body is branch-free
                    // arithmetic the optimizer can keep in registers.
                    switch pointLoss {
                    case .linearSquared:
                        return Self.mean(w, b, x1, x2, y) { z, t in (z - t) * (z - t) }
                    case .sigmoidSquared:
                        return Self.mean(w, b, x1, x2, y) { z, t in let e = PointLoss.logistic(z) - t; return e * e }
                    case .tanhSquared:
                        return Self.mean(w, b, x1, x2, y) { z, t in let e = Foundation.tanh(z) - t; return e * e }
                    case .sigmoidCrossEntropy:
                        return Self.mean(w, b, x1, x2, y) { z, t in PointLoss.logitCrossEntropy(z, t) }
                    case .tanhCrossEntropy:
                        return Self.mean(w, b, x1, x2, y) { z, t in PointLoss.logitCrossEntropy(2 * z, t) }
                    case .linearCrossEntropy:
                        return Self.mean(w, b, x1, x2, y) { z, t in PointLoss.clampedCrossEntropy(z, t) }
                    }
                }
            }
        }
    }

    public func gradient(at w: Weights) -> Weights {
        if let quadratic { return quadratic.gradient(w) }
        var g1 = 0.0, g2 = 0.0
        forEachPoint(w) { u, v, z, t in
            let d = pointLoss.derivatives(z, t).first
            g1 += d * u
            g2 += d * v
        }
        let n = Double(data.count)
        return Weights(g1 / n, g2 / n)
    }

    public func hessian(at w: Weights) -> Hessian? {
        if let quadratic { return quadratic.hessian }
        var h11 = 0.0, h12 = 0.0, h22 = 0.0
        forEachPoint(w) { u, v, z, t in
            let d = pointLoss.derivatives(z, t).second
            h11 += d * u * u
            h12 += d * u * v
            h22 += d * v * v
        }
        let n = Double(data.count)
        return Hessian(h11: h11 / n, h12: h12 / n, h22: h22 / n)
    }

    /// The global minimum where it is known to exist and be unique: solved in closed form for
    /// linear/MSE, found by Newton's method for the convex sigmoid and tanh cross-entropy (empty
    /// when the classes are separable and the loss only approaches 0 at infinity). Other
    /// combinations are not convex and get no star. Computed on request.
    public var minima: [Weights] {
        switch pointLoss {
        case .linearSquared: return quadratic?.minimum.map { [$0] } ?? []
        case .sigmoidCrossEntropy, .tanhCrossEntropy: return newtonMinimum().map { [$0] } ?? []
        default: return []
        }
    }

    // MARK: - Minibatches

    public var pointCount: Int { data.count }

    /// ∇ of the mean loss over the points `indices` alone: mean(ℓ′·x) over them.
    public func gradient(at w: Weights, overPoints indices: ArraySlice<Int>) -> Weights {
        guard !indices.isEmpty else { return Weights(0, 0) }
        let w1 = w.x, w2 = w.y, b = bias
        var g1 = 0.0, g2 = 0.0
        for i in indices {
            let u = data.x1[i], v = data.x2[i]
            let d = pointLoss.derivatives(w1 * u + w2 * v + b, data.y[i]).first
            g1 += d * u
            g2 += d * v
        }
        let n = Double(indices.count)
        return Weights(g1 / n, g2 / n)
    }

    // MARK: - Loops

    /// mean over the points of ℓ(z, y), z = w1·x1 + w2·x2 + b.
    @inline(__always)
    private static func mean(
        _ w: Weights, _ b: Double,
        _ x1: UnsafeBufferPointer<Double>, _ x2: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
        _ loss: (Double, Double) -> Double
    ) -> Double {
        let w1 = w.x, w2 = w.y
        var total = 0.0
        for i in 0..<y.count {
            total += loss(w1 * x1[i] + w2 * x2[i] + b, y[i])
        }
        return total / Double(y.count)
    }

    /// Calls `body(x1, x2, z, y)` for every point.
    @inline(__always)
    private func forEachPoint(_ w: Weights, _ body: (Double, Double, Double, Double) -> Void) {
        let w1 = w.x, w2 = w.y, b = bias
        data.x1.withUnsafeBufferPointer { x1 in
            data.x2.withUnsafeBufferPointer { x2 in
                data.y.withUnsafeBufferPointer { y in
                    for i in 0..<y.count {
                        body(x1[i], x2[i], w1 * x1[i] + w2 * x2[i] + b, y[i])
                    }
                }
            }
        }
    }

    /// Damped Newton from the origin with Armijo backtracking (Nocedal & Wright, "Numerical
    /// Optimization", 2nd ed., alg. 3.1). Gives up when the Hessian degenerates, which is what
    /// separable classes do as the weights run off to infinity.
    private func newtonMinimum() -> Weights? {
        var w = Weights(0, 0)
        var loss = value(at: w)
        let scale = data.x1.reduce(0) { $0 + $1 * $1 } / Double(data.count) + data.x2.reduce(0) { $0 + $1 * $1 } / Double(data.count)
        for _ in 0..<100 {
            let g = gradient(at: w)
            guard let h = hessian(at: w) else { return nil }
            let det = h.h11 * h.h22 - h.h12 * h.h12
            // Both eigenvalues well above zero, relative to the data's scale.
            guard det > 0, h.h11 > 1e-9 * scale, det > 1e-18 * scale * scale, g.isFinite else { return nil }
            if g.length <= 1e-10 * max(1, scale.squareRoot()) { return w }
            let step = Weights(-(h.h22 * g.x - h.h12 * g.y) / det, -(h.h11 * g.y - h.h12 * g.x) / det)
            let slope = g.x * step.x + g.y * step.y
            var t = 1.0
            while t > 1e-12 {
                let trial = w + t * step
                let trialLoss = value(at: trial)
                if trialLoss <= loss + 1e-4 * t * slope {
                    w = trial
                    loss = trialLoss
                    break
                }
                t /= 2
            }
            if t <= 1e-12 { return gradient(at: w).length <= 1e-7 * max(1, scale.squareRoot()) ? w : nil }
        }
        return nil
    }
}
