import Foundation
import LossmapCore
import Testing

/// Two points, (1, 2) → 1 and (−1, 0.5) → 0, with bias 0.75, at w = (0.5, −0.25): the weighted
/// inputs are z1 = 0.5 − 0.5 + 0.75 = 0.75 and z2 = −0.5 − 0.125 + 0.75 = 0.125.
@Suite struct PerceptronLossTests {
    static let data = try! PerceptronData(points: [[1, 2, 1], [-1, 0.5, 0]])
    static let w = Weights(0.5, -0.25)
    static let bias = 0.75
    static let (z1, z2) = (0.75, 0.125)

    static func surface(_ activation: PerceptronActivation, _ loss: PerceptronLoss) -> PerceptronSurface {
        try! PerceptronSurface(data: data, activation: activation, loss: loss, bias: bias)
    }

    static func expectClose(_ a: Double, _ b: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(a - b) <= 1e-14 * max(1, abs(b)), "\(what): \(a) vs \(b)", sourceLocation: sourceLocation)
    }

    /// The hand-computed loss and gradient: mean over the two points of ℓ and of ℓ′·(x1, x2).
    static func expect(_ activation: PerceptronActivation, _ loss: PerceptronLoss,
                       loss expected: Double, gradient g: (Double, Double), sourceLocation: SourceLocation = #_sourceLocation) {
        let s = surface(activation, loss)
        expectClose(s.value(at: w), expected, "\(activation)/\(loss) loss", sourceLocation: sourceLocation)
        let gradient = s.gradient(at: w)
        expectClose(gradient.x, g.0, "\(activation)/\(loss) ∂/∂w1", sourceLocation: sourceLocation)
        expectClose(gradient.y, g.1, "\(activation)/\(loss) ∂/∂w2", sourceLocation: sourceLocation)
    }

    @Test("linear/MSE: loss ((0.75 − 1)² + 0.125²)/2 = 0.0390625 and gradient (−0.375, −0.4375)")
    func linearMSE() {
        // ℓ′ = 2(ŷ − y): point 1 gives −0.5·(1, 2), point 2 gives 0.25·(−1, 0.5).
        Self.expect(.linear, .mse, loss: 0.0390625, gradient: (-0.375, -0.4375))
    }

    @Test("sigmoid/MSE matches (σ(z) − y)² and 2(σ − y)σ(1 − σ)·x")
    func sigmoidMSE() {
        let s1 = 1 / (1 + exp(-Self.z1)), s2 = 1 / (1 + exp(-Self.z2))
        let d1 = 2 * (s1 - 1) * s1 * (1 - s1), d2 = 2 * (s2 - 0) * s2 * (1 - s2)
        Self.expect(.sigmoid, .mse, loss: ((s1 - 1) * (s1 - 1) + s2 * s2) / 2,
                    gradient: ((d1 * 1 + d2 * -1) / 2, (d1 * 2 + d2 * 0.5) / 2))
    }

    @Test("tanh/MSE matches (tanh z − y)² and 2(t − y)(1 − t²)·x")
    func tanhMSE() {
        let t1 = tanh(Self.z1), t2 = tanh(Self.z2)
        let d1 = 2 * (t1 - 1) * (1 - t1 * t1), d2 = 2 * t2 * (1 - t2 * t2)
        Self.expect(.tanh, .mse, loss: ((t1 - 1) * (t1 - 1) + t2 * t2) / 2,
                    gradient: ((d1 - d2) / 2, (2 * d1 + 0.5 * d2) / 2))
    }

    @Test("linear/cross-entropy reads ŷ as the probability: loss −(ln 0.75 + ln 0.875)/2")
    func linearCrossEntropy() {
        // ℓ′ = −1/p for y = 1 (−4/3) and 1/(1 − p) for y = 0 (8/7).
        let d1 = -4.0 / 3, d2 = 8.0 / 7
        Self.expect(.linear, .crossEntropy, loss: -(log(0.75) + log(0.875)) / 2,
                    gradient: ((d1 - d2) / 2, (2 * d1 + 0.5 * d2) / 2))
    }

    @Test("sigmoid/cross-entropy matches −[y ln σ + (1 − y) ln(1 − σ)] and (σ − y)·x")
    func sigmoidCrossEntropy() {
        let s1 = 1 / (1 + exp(-Self.z1)), s2 = 1 / (1 + exp(-Self.z2))
        Self.expect(.sigmoid, .crossEntropy, loss: -(log(s1) + log(1 - s2)) / 2,
                    gradient: (((s1 - 1) - s2) / 2, (2 * (s1 - 1) + 0.5 * s2) / 2))
    }

    @Test("tanh/cross-entropy reads (1 + tanh z)/2 as the probability: ℓ′ = −(1 − t) for y = 1, 1 + t for y = 0")
    func tanhCrossEntropy() {
        let t1 = tanh(Self.z1), t2 = tanh(Self.z2)
        let d1 = -(1 - t1), d2 = 1 + t2
        Self.expect(.tanh, .crossEntropy, loss: -(log((1 + t1) / 2) + log(1 - (1 + t2) / 2)) / 2,
                    gradient: ((d1 - d2) / 2, (2 * d1 + 0.5 * d2) / 2))
    }

    static let combinations: [(PerceptronActivation, PerceptronLoss)] =
        PerceptronActivation.allCases.flatMap { a in PerceptronLoss.allCases.map { (a, $0) } }

    @Test("every activation × loss has a gradient and Hessian matching central differences", arguments: combinations.indices)
    func derivativesMatchFiniteDifferences(_ index: Int) throws {
        let (activation, loss) = Self.combinations[index]
        let data = try PerceptronData.parseCSV(Self.classesCSV)
        let surface = try PerceptronSurface(data: data, activation: activation, loss: loss, bias: 0.1)
        // Linear/cross-entropy is smooth only where every output is inside (ε, 1 − ε): probe it near 0.
        let points = activation == .linear && loss == .crossEntropy
            ? [Weights(0.02, -0.01), Weights(-0.015, 0.01)]
            : [Weights(0.5, -0.25), Weights(-1.2, 0.8), Weights(2, 1.5), Weights(0.1, 0.05)]
        for w in points {
            CentralDifferences.expectExactDerivatives(surface, at: w, "\(activation)/\(loss.rawValue)")
        }
    }

    @Test("the linear/MSE fast path equals the direct sum over the points, with and without bias", arguments: [0.0, 0.3, -2])
    func fastPathEqualsDirectSum(_ bias: Double) {
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for i in 0..<57 {
            let t = Double(i)
            x1.append(sin(t) * 3); x2.append(cos(1.7 * t) - 0.5); y.append(2 * sin(t) - cos(1.7 * t) + 0.3 * sin(5 * t))
        }
        let data = PerceptronData(x1: x1, x2: x2, y: y)
        let surface = try! PerceptronSurface(data: data, activation: .linear, loss: .mse, bias: bias)
        for w in [Weights(0, 0), Weights(0.7, -1.3), Weights(40, 10), Weights(-5, 20)] {
            var sum = 0.0, g1 = 0.0, g2 = 0.0, h11 = 0.0, h12 = 0.0, h22 = 0.0
            for i in 0..<y.count {
                let e = w.x * x1[i] + w.y * x2[i] + bias - y[i]
                sum += e * e
                g1 += 2 * e * x1[i]; g2 += 2 * e * x2[i]
                h11 += 2 * x1[i] * x1[i]; h12 += 2 * x1[i] * x2[i]; h22 += 2 * x2[i] * x2[i]
            }
            let n = Double(y.count)
            #expect(abs(surface.value(at: w) - sum / n) <= 1e-12 * max(1, sum / n), "loss at \(w)")
            let g = surface.gradient(at: w)
            #expect(abs(g.x - g1 / n) <= 1e-12 * max(1, abs(g1 / n)) && abs(g.y - g2 / n) <= 1e-12 * max(1, abs(g2 / n)), "gradient at \(w)")
            let h = surface.hessian(at: w)!
            #expect(abs(h.h11 - h11 / n) <= 1e-12 * h11 / n && abs(h.h12 - h12 / n) <= 1e-12 * max(1, abs(h12 / n))
                    && abs(h.h22 - h22 / n) <= 1e-12 * h22 / n, "Hessian at \(w)")
        }
    }

    @Test("cross-entropy from the logit stays finite and exact for confident predictions")
    func confidentPredictions() throws {
        let data = try PerceptronData(points: [[1, 0, 1], [0, 1, 0]])
        let surface = try PerceptronSurface(data: data, activation: .sigmoid, loss: .crossEntropy)
        // z = ±800: ln σ(800) is below the smallest double; from the logit it is e^−800 ≈ 0 exactly.
        #expect(surface.value(at: Weights(800, -800)) == 0)
        // z = ∓800: every prediction wrong by a mile: softplus(800) = 800 exactly.
        #expect(surface.value(at: Weights(-800, 800)) == 800)
        #expect(surface.gradient(at: Weights(-800, 800)) == Weights(-0.5, 0.5))
    }

    static let classesCSV = """
        x1,x2,y
        2.0,1.0,1
        1.5,-0.5,1
        3.0,2.5,1
        0.5,-1.0,1
        -1.0,0.5,0
        -2.0,-1.5,0
        -0.5,1.5,0
        1.0,2.0,0
        -1.5,-0.5,1
        0.5,0.0,0
        """
}
