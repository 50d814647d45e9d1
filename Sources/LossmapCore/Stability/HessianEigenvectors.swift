import Foundation

extension Hessian {
    /// Unit eigenvectors belonging to `eigenvalues.smaller` and `eigenvalues.larger`: the
    /// directions along which a step multiplies the distance to the minimum by a factor of its
    /// own (see `ConvergenceFactor`). They are orthogonal, as a symmetric matrix's are.
    ///
    /// Closed form (Golub & Van Loan, *Matrix Computations*, 4th ed., §8.5.2, the symmetric 2×2
    /// Schur decomposition): with d = (h11 − h22)/2 and r = √(d² + h12²) the larger eigenvalue
    /// is m + r, and both rows of H − (m + r)I are orthogonal to its eigenvector:
    ///   row 1 gives (h12, r − d), row 2 gives (r + d, h12).
    /// The two are parallel; their squared lengths are 2r(r − d) and 2r(r + d), so the longer
    /// one is the row whose r ± d adds two non-negative numbers: row 2 when d ≥ 0, row 1 when
    /// d < 0. That form never subtracts nearly equal numbers, which λ − h11 computed from the
    /// rounded eigenvalue would (Rosenbrock's minimum, condition number 2508, is such a case).
    /// The smaller eigenvalue's vector is the larger's turned by 90°, which is exactly
    /// orthogonal in floating point. The matrix is first scaled by a power of two so that its
    /// largest entry is near 1, which neither rounds nor lets d² + h12² overflow or underflow.
    ///
    /// Special cases: h12 = 0 gives the axes, the larger eigenvalue's along the axis of the
    /// larger diagonal entry; a multiple of the identity (every direction an eigenvector, the
    /// zero matrix included) gives (1, 0) for `smaller` and (0, 1) for `larger`. A matrix with
    /// a non-finite entry gives NaN vectors.
    ///
    /// Sign: an eigenvector is only defined up to sign, so each is returned with x > 0, or with
    /// x = 0 and y > 0 (a direction pointing right, or straight up). The choice is deterministic
    /// but, like every sign convention, flips when a vector crosses the vertical.
    public var eigenvectors: (smaller: Weights, larger: Weights) {
        guard isFinite else { return (Weights(.nan, .nan), Weights(.nan, .nan)) }
        let size = max(abs(h11), abs(h12), abs(h22))
        if (h12 == 0 && h11 == h22) || size == 0 { return (Weights(1, 0), Weights(0, 1)) }
        // A power of two near the largest entry: dividing by it is exact (barring entries
        // 2^1000 times smaller, which underflow harmlessly next to the largest).
        let scale = Double(sign: .plus, exponent: size.exponent, significand: 1)
        let a = h11 / scale, b = h12 / scale, c = h22 / scale
        let d = (a - c) / 2
        let r = hypot(d, b)
        let row = d >= 0 ? Weights(r + d, b) : Weights(b, r - d)
        let larger = Self.oriented(row / row.length)
        let smaller = Self.oriented(Weights(-larger.y, larger.x))
        return (smaller, larger)
    }

    /// `v` or −v, whichever has x > 0, or x = 0 and y > 0 (the sign convention of
    /// `eigenvectors`); zero components come out as +0.
    static func oriented(_ v: Weights) -> Weights {
        let flip = v.x < 0 || (v.x == 0 && v.y < 0)
        let w = flip ? -v : v
        return Weights(w.x + 0, w.y + 0)  // −0 + 0 = +0
    }
}
