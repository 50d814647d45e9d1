import Foundation
import LossmapCore
import Testing

/// The Hessian's eigenvectors against matrices built from known ones, and H·v = λv.
@Suite struct EigenvectorTests {
    /// ‖H·v − λ·v‖: zero for an exact eigenpair.
    static func residual(_ h: Hessian, _ v: Weights, _ λ: Double) -> Double {
        Weights(h.h11 * v.x + h.h12 * v.y - λ * v.x, h.h12 * v.x + h.h22 * v.y - λ * v.y).length
    }

    /// The documented sign convention: x > 0, or x = 0 and y > 0.
    static func isOriented(_ v: Weights) -> Bool { v.x > 0 || (v.x == 0 && v.y > 0) }

    /// Checks unit length, orthogonality, the sign convention and H·v = λv for both pairs, the
    /// residual within `tolerance` of ‖H‖ = max |λ| (a backward-stable bound: the entries'
    /// own rounding moves a small eigenvalue's vector that much).
    static func checkEigenpairs(_ h: Hessian, tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation) {
        let (small, large) = h.eigenvectors
        let (λmin, λmax) = h.eigenvalues
        let scale = max(abs(λmin), abs(λmax))
        #expect(abs(small.length - 1) < 4e-16 && abs(large.length - 1) < 4e-16, "\(h): lengths", sourceLocation: sourceLocation)
        #expect(small.x * large.x + small.y * large.y == 0, "\(h): not orthogonal", sourceLocation: sourceLocation)
        #expect(isOriented(small) && isOriented(large), "\(h): signs \(small), \(large)", sourceLocation: sourceLocation)
        #expect(residual(h, small, λmin) <= tolerance * scale,
                "\(h): smaller residual \(residual(h, small, λmin))", sourceLocation: sourceLocation)
        #expect(residual(h, large, λmax) <= tolerance * scale,
                "\(h): larger residual \(residual(h, large, λmax))", sourceLocation: sourceLocation)
    }

    @Test("a diagonal matrix turned by θ has the turned axes as eigenvectors, smaller and larger in place",
          arguments: [0.0, 0.1, 0.5, .pi / 4, 1.0, 1.5, .pi / 2, 2.0, 3.0, -0.7])
    func rotatedDiagonal(_ θ: Double) {
        let c = cos(θ), s = sin(θ)
        for (λ1, λ2) in [(1.0, 3.0), (-2.0, 5.0), (0.4, 1000.0), (1e-6, 1.0), (-7.0, -1.0)] {
            // H = λ1·u·uᵀ + λ2·v·vᵀ with u = (c, s), v = (−s, c).
            let h = Hessian(h11: λ1 * c * c + λ2 * s * s, h12: (λ1 - λ2) * c * s, h22: λ1 * s * s + λ2 * c * c)
            let (small, large) = h.eigenvectors
            // Parallel to the turned axes (either sign): |cos| of the angle between them is 1.
            #expect(abs(abs(small.x * c + small.y * s) - 1) < 1e-12, "θ = \(θ), λ = \(λ1), \(λ2): smaller \(small)")
            #expect(abs(abs(-large.x * s + large.y * c) - 1) < 1e-12, "θ = \(θ), λ = \(λ1), \(λ2): larger \(large)")
            Self.checkEigenpairs(h)
        }
    }

    @Test("Rosenbrock's Hessian at its minimum, [[802, −400], [−400, 200]], condition number 2508")
    func rosenbrockMinimum() {
        let h = Hessian(h11: 802, h12: -400, h22: 200)
        Self.checkEigenpairs(h)
        // Even relative to the small eigenvalue itself, 0.3994, H·v = λv holds to 1e-12.
        let (λmin, λmax) = h.eigenvalues
        #expect(Self.residual(h, h.eigenvectors.smaller, λmin) <= 1e-12 * λmin)
        #expect(Self.residual(h, h.eigenvectors.larger, λmax) <= 1e-12 * λmax)
        // λmax = 501 + r with r = √(301² + 400²); its eigenvector solves (802 − λmax)x − 400y = 0,
        // so it is ∝ (400, 802 − λmax) = (400, 301 − r), or, flipped to x > 0, ∝ (r + 301, −400).
        let r = 250_601.0.squareRoot()
        let norm = ((r + 301) * (r + 301) + 400 * 400).squareRoot()
        let expectedLarge = Weights((r + 301) / norm, -400 / norm)
        let expectedSmall = Weights(400 / norm, (r + 301) / norm)
        let (small, large) = h.eigenvectors
        #expect((large - expectedLarge).length < 1e-15, "\(large) vs \(expectedLarge)")
        #expect((small - expectedSmall).length < 1e-15, "\(small) vs \(expectedSmall)")
        // About (0.89478, −0.44650) and (0.44650, 0.89478): the valley floor runs along the second.
        #expect(abs(large.x - 0.894_78) < 1e-5 && abs(large.y + 0.446_50) < 1e-5)
    }

    @Test("a diagonal matrix has the axes, the larger eigenvalue's along the larger entry")
    func diagonal() {
        #expect(Hessian(h11: 3, h12: 0, h22: 1).eigenvectors == (Weights(0, 1), Weights(1, 0)))
        #expect(Hessian(h11: 1, h12: 0, h22: 3).eigenvectors == (Weights(1, 0), Weights(0, 1)))
        #expect(Hessian(h11: -2, h12: 0, h22: 5).eigenvectors == (Weights(1, 0), Weights(0, 1)))
        #expect(Hessian(h11: 5, h12: 0, h22: -2).eigenvectors == (Weights(0, 1), Weights(1, 0)))
        let (small, large) = Hessian(h11: 1, h12: 0, h22: 3).eigenvectors
        #expect(small.x.sign == .plus && small.y.sign == .plus && large.x.sign == .plus)  // no −0
    }

    @Test("a multiple of the identity, the zero matrix included, gives (1, 0) and (0, 1)")
    func identity() {
        for a in [1.0, -4.0, 0.0, 1e-300, 1e300] {
            let (small, large) = Hessian(h11: a, h12: 0, h22: a).eigenvectors
            #expect(small == Weights(1, 0) && large == Weights(0, 1), "\(a)·I")
        }
    }

    @Test("scaling the matrix by huge or tiny powers of ten changes no eigenvector")
    func scaleInvariance() {
        let h = Hessian(h11: 802, h12: -400, h22: 200)
        let (small, large) = h.eigenvectors
        for factor in [1e-300, 1e-150, 1e150, 1e300] {
            let scaled = Hessian(h11: 802 * factor, h12: -400 * factor, h22: 200 * factor).eigenvectors
            #expect((scaled.smaller - small).length < 1e-15 && (scaled.larger - large).length < 1e-15, "× \(factor)")
        }
    }

    @Test("a nearly diagonal matrix, h12 a billionth of the gap, turns its vectors by that much")
    func nearlyDiagonal() {
        for h12 in [1e-9, -1e-9, 1e-200] {
            let h = Hessian(h11: 2, h12: h12, h22: 1)
            let (small, large) = h.eigenvectors
            // tan 2θ = 2h12/(h11 − h22) = 2h12, so θ ≈ h12: larger ≈ (1, h12), smaller ≈ (−h12, 1) → x ≥ 0.
            #expect(abs(large.y - h12) <= 1e-15 * abs(h12) && large.x == 1)
            #expect(abs(abs(small.x) - abs(h12)) <= 1e-15 * abs(h12) && small.y.magnitude == 1)
            Self.checkEigenpairs(h)
        }
    }

    @Test("a non-finite matrix gives NaN vectors")
    func nonFinite() {
        let (small, large) = Hessian(h11: .nan, h12: 1, h22: 2).eigenvectors
        #expect(small.x.isNaN && small.y.isNaN && large.x.isNaN && large.y.isNaN)
    }
}
