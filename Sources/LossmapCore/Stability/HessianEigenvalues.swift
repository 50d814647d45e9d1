import Foundation

extension Hessian {
    /// The determinant h11·h22 − h12², computed with Kahan's fused-multiply-add scheme for
    /// ad − bc (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §2.1) so
    /// that a nearly singular matrix keeps its small determinant's digits.
    public var determinant: Double {
        let product = h12 * h12
        let error = product.addingProduct(-h12, h12)  // product − h12² exactly: the rounding of product
        return (-product).addingProduct(h11, h22) + error
    }

    /// The two eigenvalues of the symmetric matrix, smaller first.
    ///
    /// With m = (h11 + h22)/2 and r = √(((h11 − h22)/2)² + h12²), they are m ± r. The one of
    /// larger magnitude, m + sign(m)·r, is computed directly; the other as det / that one,
    /// which avoids the cancellation of m − r when the matrix is ill-conditioned (the stable
    /// quadratic root of *Numerical Recipes*, 3rd ed., §5.6). Rosenbrock's Hessian at its
    /// minimum, eigenvalues ≈ 1001.6 and 0.3994, is such a case.
    public var eigenvalues: (smaller: Double, larger: Double) {
        let m = (h11 + h22) / 2
        let r = hypot((h11 - h22) / 2, h12)
        let big = m >= 0 ? m + r : m - r
        let other = big == 0 ? 0 : determinant / big
        return (min(big, other), max(big, other))
    }

    /// True when every entry is finite.
    public var isFinite: Bool { h11.isFinite && h12.isFinite && h22.isFinite }
}
