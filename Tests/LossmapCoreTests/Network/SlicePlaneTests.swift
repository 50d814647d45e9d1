// Mutations tried (each made a test here fail, then was undone): filters taken as columns
// (one input's outgoing weights) instead of rows; bias directions kept; d2 drawn from the same
// seed afresh (d2 = d1); the PCA rows left uncentred; the second direction from the smallest
// eigenvalue; explained ratios over the top two only instead of the total; the projection
// divided by ‖d‖ instead of ‖d‖²; Jacobi's rotation with the sign of t flipped.
import Foundation
@testable import LossmapCore
import Testing

/// The plane's directions: filter normalisation as Li et al. define it, PCA of a trajectory
/// against its closed form, and the projection onto the plane.
@Suite("Slice plane")
struct SlicePlaneTests {
    static func norm(_ v: ArraySlice<Double>) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test("random directions: each filter is the seed's Gaussian draws rescaled to the norm of the same filter of θ, biases 0")
    func filterNormalisation() throws {
        let net = try MultilayerPerceptron(layers: [2, 5, 3, 1], activation: .relu)
        var θ = net.initialParameters(seed: 1)
        for i in θ.indices { θ[i] *= Double(1 + i % 4) }   // filters of very different norms
        let plane = SlicePlane.random(for: net, center: θ, seed: 9)
        // The draws Li et al. start from: torch.randn for every parameter, d1's then d2's.
        var draws = GaussianDraws(seed: 9)
        let g1 = (0..<θ.count).map { _ in draws.next() }, g2 = (0..<θ.count).map { _ in draws.next() }
        for (d, g) in [(plane.d1, g1), (plane.d2, g2)] {
            for layer in net.layerRanges() {
                for neuron in 0..<layer.outputs {
                    let f = layer.filter(neuron)
                    #expect(abs(Self.norm(d[f]) - Self.norm(θ[f])) <= 1e-14 * Self.norm(θ[f]))
                    // Same direction as the draws: d_i = g_i · ‖θ_i‖/‖g_i‖.
                    let scale = Self.norm(θ[f]) / Self.norm(g[f])
                    for i in f { #expect(abs(d[i] - g[i] * scale) <= 1e-14 * abs(g[i] * scale) + 1e-300) }
                }
                #expect(layer.biases.allSatisfy { d[$0] == 0 })
            }
        }
        #expect(plane.center == θ)
        // Reproducible, and the two directions independent draws.
        let again = SlicePlane.random(for: net, center: θ, seed: 9)
        #expect(again.d1 == plane.d1 && again.d2 == plane.d2)
        #expect(SlicePlane.random(for: net, center: θ, seed: 10).d1 != plane.d1)
        let cosine = Self.dot(plane.d1, plane.d2) / (Self.norm(plane.d1[...]) * Self.norm(plane.d2[...]))
        #expect(abs(cosine) < 0.5)
    }

    /// θ_t = θ* + a_t·u + b_t·v + c_t·w + tiny noise with orthonormal u, v, w; a even in t, b
    /// and c odd and c made orthogonal to b, so all three are uncorrelated over the snapshots and
    /// the principal directions are u, v and w, with variances Σ(a − ā)², Σb², Σc².
    static func trajectory(noise: Double, third: Double = 0)
        -> (center: [Double], u: [Double], v: [Double], a: [Double], b: [Double], c: [Double], snapshots: [[Double]]) {
        let p = 12
        var generator = SplitMix64(seed: 21)
        let center = (0..<p).map { _ in 2 * generator.uniform() - 1 }
        // Gram–Schmidt on three random vectors.
        var basis: [[Double]] = []
        for _ in 0..<3 {
            var e = (0..<p).map { _ in generator.uniform() - 0.5 }
            for f in basis {
                let overlap = dot(e, f)
                e = zip(e, f).map { $0 - overlap * $1 }
            }
            let size = norm(e[...])
            basis.append(e.map { $0 / size })
        }
        let (u, v, w) = (basis[0], basis[1], basis[2])
        let ts = (-15...15).map(Double.init)
        let a = ts.map { cos(0.2 * $0) + $0 * $0 / 25 }
        let b = ts.map { 0.1 * sin(0.3 * $0) }
        var c = ts.map { third * pow($0 / 15, 3) }
        let along = dot(c, b) / dot(b, b)
        c = zip(c, b).map { $0 - along * $1 }
        let snapshots = ts.indices.map { t in
            (0..<p).map { center[$0] + a[t] * u[$0] + b[t] * v[$0] + c[t] * w[$0] + noise * (generator.uniform() - 0.5) }
        }
        return (center, u, v, a, b, c, snapshots)
    }

    @Test("PCA of a trajectory finds its two main directions and their shares of the whole variance")
    func pcaClosedForm() {
        let path = Self.trajectory(noise: 1e-13, third: 0.05)
        let (plane, explained) = SlicePlane.pca(of: path.snapshots, center: path.center)
        // ±u and ±v, as unit vectors.
        #expect(abs(abs(Self.dot(plane.d1, path.u)) - 1) < 1e-9)
        #expect(abs(abs(Self.dot(plane.d2, path.v)) - 1) < 1e-9)
        for (d, w) in [(plane.d1, path.u), (plane.d2, path.v)] {
            let sign = Self.dot(d, w) > 0 ? 1.0 : -1.0
            for j in d.indices { #expect(abs(d[j] - sign * w[j]) < 1e-9) }
            // scikit-learn's sign: the largest entry in magnitude is positive.
            #expect(d.max(by: { abs($0) < abs($1) })! > 0)
        }
        // By hand: the variances along u, v and w are Σ(a − ā)², Σb² and Σc² (b and c have mean
        // 0), the total their sum.
        let meanA = path.a.reduce(0, +) / Double(path.a.count)
        let sa = path.a.reduce(0) { $0 + ($1 - meanA) * ($1 - meanA) }
        let sb = path.b.reduce(0) { $0 + $1 * $1 }, sc = path.c.reduce(0) { $0 + $1 * $1 }
        #expect(abs(explained.0 - sa / (sa + sb + sc)) < 1e-9)
        #expect(abs(explained.1 - sb / (sa + sb + sc)) < 1e-9)
        #expect(sa > 100 * sb && sb > 5 * sc && sc > 0.01 * sb)
        // Projected snapshots: their coordinates (a_t, b_t) along the recovered directions (c_t
        // is along w, orthogonal to both).
        let s1 = Self.dot(plane.d1, path.u) > 0 ? 1.0 : -1.0, s2 = Self.dot(plane.d2, path.v) > 0 ? 1.0 : -1.0
        for (t, θ) in path.snapshots.enumerated() {
            let w = plane.project(θ)
            #expect(abs(w.x - s1 * path.a[t]) < 1e-9 && abs(w.y - s2 * path.b[t]) < 1e-9)
        }
    }

    @Test("PCA with more snapshots than parameters (the covariance route) agrees with the Gram route")
    func pcaBothRoutes() {
        let path = Self.trajectory(noise: 1e-13)
        // 31 snapshots of 12 parameters: the covariance route; 5 of them: the Gram route.
        let wide = SlicePlane.pca(of: path.snapshots, center: path.center)
        let few = Array(path.snapshots[0..<5]) + Array(path.snapshots[26..<31])
        let narrow = SlicePlane.pca(of: few, center: path.center)
        #expect(abs(abs(Self.dot(wide.plane.d1, narrow.plane.d1)) - 1) < 1e-9)
        #expect(abs(abs(Self.dot(wide.plane.d2, narrow.plane.d2)) - 1) < 1e-9)
    }

    @Test("a trajectory on a line or a single snapshot still gives two orthonormal directions")
    func pcaDegenerate() {
        let path = Self.trajectory(noise: 0)
        let line = path.snapshots.indices.map { t in (0..<path.u.count).map { path.center[$0] + path.a[t] * path.u[$0] } }
        let (plane, explained) = SlicePlane.pca(of: line, center: path.center)
        #expect(abs(abs(Self.dot(plane.d1, path.u)) - 1) < 1e-9)
        #expect(abs(Self.dot(plane.d1, plane.d2)) < 1e-12)
        #expect(abs(Self.norm(plane.d2[...]) - 1) < 1e-12)
        #expect(abs(explained.0 - 1) < 1e-12 && explained.1 == 0)
        for snapshots in [[path.center], [], [[1.0, 2.0]]] {
            let (single, ratios) = SlicePlane.pca(of: snapshots, center: path.center)
            #expect(abs(Self.norm(single.d1[...]) - 1) < 1e-12 && abs(Self.norm(single.d2[...]) - 1) < 1e-12)
            #expect(abs(Self.dot(single.d1, single.d2)) < 1e-12)
            #expect(ratios.0 == 0 && ratios.1 == 0)
        }
    }

    @Test("projection gives exact coordinates in an orthogonal plane of any lengths")
    func projection() {
        let plane = SlicePlane(center: [1, 2, 3], d1: [2, 0, 0], d2: [0, 0, -0.5])
        #expect(plane.project(plane.parameters(at: Weights(0.75, -4))) == Weights(0.75, -4))
        #expect(plane.project([1, 7, 3]) == Weights(0, 0))
        #expect(SlicePlane(center: [0], d1: [0], d2: [1]).project([5]) == Weights(0, 5))
    }

    @Test("Jacobi's eigen-solver: a 2 × 2 by hand, and A·v = λ·v with orthonormal v on a random 9 × 9")
    func jacobi() {
        let small = SymmetricEigen(matrix: [2, 1, 1, 2], size: 2)
        #expect(abs(small.values[0] - 3) < 1e-15 && abs(small.values[1] - 1) < 1e-15)
        #expect(abs(abs(small.vectors[0][0]) - 0.5.squareRoot()) < 1e-15)
        #expect(abs(small.vectors[0][0] - small.vectors[0][1]) < 1e-15)
        let n = 9
        var generator = SplitMix64(seed: 3)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in i..<n { a[i * n + k] = 2 * generator.uniform() - 1; a[k * n + i] = a[i * n + k] } }
        let eigen = SymmetricEigen(matrix: a, size: n)
        #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 >= $1 })
        // The trace is the sum of the eigenvalues.
        let trace: Double = (0..<n).reduce(0) { $0 + a[$1 * n + $1] }
        #expect(abs(trace - eigen.values.reduce(0, +)) < 1e-13)
        for (value, vector) in zip(eigen.values, eigen.vectors) {
            for i in 0..<n {
                let av: Double = (0..<n).reduce(0) { $0 + a[i * n + $1] * vector[$1] }
                #expect(abs(av - value * vector[i]) < 1e-13)
            }
        }
        for i in 0..<n {
            for k in 0..<n {
                #expect(abs(Self.dot(eigen.vectors[i], eigen.vectors[k]) - (i == k ? 1 : 0)) < 1e-13)
            }
        }
    }
}
