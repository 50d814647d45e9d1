/// The eigenvalues and eigenvectors of a real symmetric matrix, all of them, by Jacobi's method
/// (Jacobi 1846) in Rutishauser's cyclic form ("The Jacobi method for real symmetric matrices",
/// Handbook for Automatic Computation II, contribution II/1, 1971): plane rotations that zero
/// one off-diagonal element at a time, sweep after sweep, until every one has underflowed to 0
/// or is too small to change the diagonal. Slower than Householder + QL for large matrices but
/// accurate to working precision in every eigenvalue and exact-orthogonal in its vectors, and
/// a trajectory's Gram matrix is at most a few hundred wide.
struct SymmetricEigen {
    /// The eigenvalues, largest first.
    let values: [Double]
    /// `vectors[i]`: the unit eigenvector of `values[i]`.
    let vectors: [[Double]]

    /// `matrix`: n × n, row-major, symmetric (only its upper triangle is read).
    init(matrix: [Double], size n: Int) {
        precondition(matrix.count == n * n, "SymmetricEigen: \(matrix.count) elements for \(n) × \(n)")
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var d = (0..<n).map { a[$0 * n + $0] }
        // Rutishauser keeps the diagonal's updates of a sweep apart (z) and adds them at its end,
        // which loses less to rounding than updating d in place alone.
        var b = d
        var z = [Double](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                for sweep in 1...100 {
                    var offDiagonal = 0.0
                    for p in 0..<n { for q in p + 1..<n { offDiagonal += abs(a[p * n + q]) } }
                    // Not a tolerance: the loop ends when every off-diagonal element is exactly 0.
                    guard offDiagonal != 0, offDiagonal.isFinite else { break }
                    // The first three sweeps rotate only the large elements.
                    let threshold = sweep < 4 ? 0.2 * offDiagonal / Double(n * n) : 0
                    for p in 0..<n {
                        for q in p + 1..<n {
                            let apq = a[p * n + q]
                            let g = 100 * abs(apq)
                            if sweep > 4 && abs(d[p]) + g == abs(d[p]) && abs(d[q]) + g == abs(d[q]) {
                                // Too small to change either diagonal element: set to 0 for good.
                                a[p * n + q] = 0
                                continue
                            }
                            guard abs(apq) > threshold else { continue }
                            var h = d[q] - d[p]
                            let t: Double
                            if abs(h) + g == abs(h) {
                                t = apq / h
                            } else {
                                // t = tan φ of the rotation angle, the smaller root, for stability.
                                let theta = 0.5 * h / apq
                                let root = 1 / (abs(theta) + (1 + theta * theta).squareRoot())
                                t = theta < 0 ? -root : root
                            }
                            let c = 1 / (1 + t * t).squareRoot(), s = t * c, tau = s / (1 + c)
                            h = t * apq
                            z[p] -= h
                            z[q] += h
                            d[p] -= h
                            d[q] += h
                            a[p * n + q] = 0
                            @inline(__always) func rotate(_ m: UnsafeMutableBufferPointer<Double>, _ i: Int, _ j: Int) {
                                let x = m[i], y = m[j]
                                m[i] = x - s * (y + x * tau)
                                m[j] = y + s * (x - y * tau)
                            }
                            // The upper triangle only: rows/columns p and q, in their stored halves.
                            for j in 0..<p { rotate(a, j * n + p, j * n + q) }
                            for j in p + 1..<q { rotate(a, p * n + j, j * n + q) }
                            for j in q + 1..<n { rotate(a, p * n + j, q * n + j) }
                            for j in 0..<n { rotate(v, j * n + p, j * n + q) }
                        }
                    }
                    for i in 0..<n {
                        b[i] += z[i]
                        d[i] = b[i]
                        z[i] = 0
                    }
                }
            }
        }
        let order = (0..<n).sorted { d[$0] > d[$1] }
        values = order.map { d[$0] }
        vectors = order.map { column in (0..<n).map { v[$0 * n + column] } }
    }
}
