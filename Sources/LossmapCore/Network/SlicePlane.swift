/// A plane through a network's weight space, θ(α, β) = center + α·d1 + β·d2: the two
/// directions a loss map of a network is drawn along (Li, Xu, Taylor, Studer & Goldstein,
/// "Visualizing the Loss Landscape of Neural Nets", NeurIPS 2018; their code,
/// github.com/tomgoldstein/loss-landscape).
public struct SlicePlane: Sendable {
    /// The point at (α, β) = (0, 0), usually the trained weights θ*.
    public var center: [Double]
    /// The direction of α.
    public var d1: [Double]
    /// The direction of β.
    public var d2: [Double]

    public init(center: [Double], d1: [Double], d2: [Double]) {
        precondition(d1.count == center.count && d2.count == center.count,
                     "SlicePlane: directions of \(d1.count) and \(d2.count) parameters for a center of \(center.count)")
        self.center = center
        self.d1 = d1
        self.d2 = d2
    }

    /// The parameters at (α, β), as the surface computes them: (center + α·d1) + β·d2.
    public func parameters(at w: Weights) -> [Double] {
        (0..<center.count).map { center[$0] + w.x * d1[$0] + w.y * d2[$0] }
    }

    /// Two random directions, filter-normalised as Li et al. do (Sec. 4; `net_plotter.py`,
    /// `create_random_direction` with norm='filter', ignore='biasbn'): every entry a standard
    /// normal draw, then each filter of the direction (one neuron's incoming weights, a row of
    /// a layer's matrix) scaled to the norm of the same filter of `center`,
    /// d_i ← d_i / ‖d_i‖ · ‖θ_i‖, and every bias entry set to 0. So a step of 1 moves each
    /// neuron by as much as its own weights, and the map's scale means the same for every
    /// network, whatever its weights' scale (which a ReLU network can change freely without
    /// changing what it computes). d1 takes the first `parameterCount` draws of
    /// `GaussianDraws(seed)`, d2 the next ones.
    ///
    /// Li et al. divide by ‖d_i‖ + 10⁻¹⁰ to avoid dividing by 0; here a filter whose draws are
    /// all 0 (never, in practice) is left 0 instead, so the norms match exactly.
    public static func random(for network: MultilayerPerceptron, center: [Double], seed: UInt64) -> SlicePlane {
        precondition(center.count == network.parameterCount,
                     "SlicePlane.random: a center of \(center.count) parameters for a network of \(network.parameterCount)")
        var draws = GaussianDraws(seed: seed)
        func direction() -> [Double] {
            var d = (0..<center.count).map { _ in draws.next() }
            for layer in network.layerRanges() {
                for neuron in 0..<layer.outputs {
                    let filter = layer.filter(neuron)
                    let size = norm(d[filter])
                    guard size > 0 else { continue }
                    let scale = norm(center[filter]) / size
                    for i in filter { d[i] *= scale }
                }
                for i in layer.biases { d[i] = 0 }
            }
            return d
        }
        let d1 = direction()
        let d2 = direction()
        return SlicePlane(center: center, d1: d1, d2: d2)
    }

    /// The plane of a training path's two principal directions, as Li et al. draw trajectories
    /// (Sec. 7; `plot_trajectory.py`, `projection.py`'s `setup_PCA_directions`): the matrix whose
    /// rows are θ_t − center over the snapshots, mean-centred as scikit-learn's PCA centres it,
    /// and its top two principal directions, as unit vectors, with their explained variance
    /// ratios (each direction's variance over the total of all directions, as
    /// `PCA.explained_variance_ratio_`). Each sign is fixed as scikit-learn fixes it (`svd_flip`
    /// with u_based_decision=False): the direction's largest entry in magnitude is positive.
    ///
    /// Exact, not iterative: the eigenvectors of the n × n Gram matrix X·Xᵀ of the n centred
    /// rows, by Jacobi's method (`SymmetricEigen`), give the directions Xᵀv/‖Xᵀv‖ (or, with
    /// fewer parameters than snapshots, the eigenvectors of XᵀX itself). Rows of another length
    /// than `center` are left out. Where the path spans fewer than two directions (fewer than 3
    /// snapshots, or all on a line) a missing direction is a unit vector orthogonal to the other,
    /// with ratio 0; with no variance at all both ratios are 0.
    public static func pca(of snapshots: [[Double]], center: [Double]) -> (plane: SlicePlane, explained: (Double, Double)) {
        let p = center.count
        let rows = snapshots.filter { $0.count == p }
        let n = rows.count
        // The centred rows: θ_t − center − mean(θ − center) = θ_t − mean(θ).
        var mean = [Double](repeating: 0, count: p)
        for row in rows { for j in 0..<p { mean[j] += row[j] - center[j] } }
        for j in 0..<p { mean[j] /= Double(max(1, n)) }
        let x = rows.map { row in (0..<p).map { row[$0] - center[$0] - mean[$0] } }
        var directions: [[Double]] = []
        var variances: [Double] = []
        var total = 0.0
        if n > 0 && p > 0 {
            if n <= p {
                var gram = [Double](repeating: 0, count: n * n)
                for i in 0..<n {
                    for k in i..<n {
                        gram[i * n + k] = dot(x[i], x[k])
                        gram[k * n + i] = gram[i * n + k]
                    }
                }
                let eigen = SymmetricEigen(matrix: gram, size: n)
                total = (0..<n).reduce(0) { $0 + gram[$1 * n + $1] }
                for (value, v) in zip(eigen.values, eigen.vectors).prefix(2) {
                    var u = [Double](repeating: 0, count: p)
                    for i in 0..<n { for j in 0..<p { u[j] += v[i] * x[i][j] } }
                    directions.append(u)
                    variances.append(value)
                }
            } else {
                var covariance = [Double](repeating: 0, count: p * p)
                for row in x { for i in 0..<p { for k in i..<p { covariance[i * p + k] += row[i] * row[k] } } }
                for i in 0..<p { for k in 0..<i { covariance[i * p + k] = covariance[k * p + i] } }
                let eigen = SymmetricEigen(matrix: covariance, size: p)
                total = (0..<p).reduce(0) { $0 + covariance[$1 * p + $1] }
                for (value, v) in zip(eigen.values, eigen.vectors).prefix(2) {
                    directions.append(v)
                    variances.append(value)
                }
            }
        }
        // Directions of (numerically) no variance carry no information: replace them.
        let negligible = 1e-12 * total
        var unit: [[Double]] = []
        var ratios: [Double] = []
        for k in 0..<2 {
            var u = k < directions.count && variances[k] > negligible && total > 0 ? directions[k] : []
            if !u.isEmpty, let first = unit.first {
                // Re-orthogonalise against the first (one Gram–Schmidt step), removing rounding.
                let overlap = dot(u, first)
                for j in 0..<p { u[j] -= overlap * first[j] }
            }
            let size = norm(u[...])
            if u.isEmpty || !(size > 0) || !size.isFinite {
                u = orthogonalUnit(to: unit.first, count: p)
                ratios.append(0)
            } else {
                for j in 0..<p { u[j] /= size }
                ratios.append(max(0, variances[k]) / total)
            }
            // scikit-learn's sign: the entry of largest magnitude (the first of ties) positive.
            if let largest = u.indices.max(by: { abs(u[$0]) < abs(u[$1]) || (abs(u[$0]) == abs(u[$1]) && $0 > $1) }),
               u[largest] < 0 {
                for j in 0..<p { u[j] = -u[j] }
            }
            unit.append(u)
        }
        return (SlicePlane(center: center, d1: unit[0], d2: unit[1]), (ratios[0], ratios[1]))
    }

    /// The coordinates (α, β) of θ in the plane: (⟨θ − center, d1⟩/‖d1‖², ⟨θ − center, d2⟩/‖d2‖²).
    /// For orthogonal directions (the PCA plane's) these are exact, the point of the plane
    /// nearest θ; for unit ones ⟨θ − center, d⟩ is Li et al.'s `project_1D` (their "cos"
    /// projection). A zero direction gives 0.
    public func project(_ θ: [Double]) -> Weights {
        precondition(θ.count == center.count, "SlicePlane.project: \(θ.count) parameters for a plane of \(center.count)")
        var a = 0.0, b = 0.0
        for j in 0..<center.count {
            let delta = θ[j] - center[j]
            a += delta * d1[j]
            b += delta * d2[j]
        }
        let n1 = dot(d1, d1), n2 = dot(d2, d2)
        return Weights(n1 > 0 ? a / n1 : 0, n2 > 0 ? b / n2 : 0)
    }

    /// A unit vector orthogonal to `other` (any unit vector when nil): the coordinate axis least
    /// aligned with it, minus its part along `other`.
    private static func orthogonalUnit(to other: [Double]?, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        guard let other, other.count == count else {
            var e = [Double](repeating: 0, count: count)
            e[0] = 1
            return e
        }
        let axis = (0..<count).min { abs(other[$0]) < abs(other[$1]) }!
        var e = (0..<count).map { -other[axis] * other[$0] }
        e[axis] += 1
        let size = norm(e[...])
        // With a single parameter no second direction exists: the first again, as the best there is.
        guard size > 1e-8 else { return other }
        return e.map { $0 / size }
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}

private func norm(_ a: ArraySlice<Double>) -> Double {
    var s = 0.0
    for v in a { s += v * v }
    return s.squareRoot()
}
