/// The Hessian from central differences of the exact gradient, for surfaces that give no
/// exact Hessian.
///
/// Column j is (∇L(w + h·eⱼ) − ∇L(w − h·eⱼ)) / 2h, error O(h²); one Richardson extrapolation
/// from steps h and h/2, (4·D(h/2) − D(h)) / 3, removes the h² term and leaves O(h⁴)
/// (Nocedal & Wright, *Numerical Optimization*, 2nd ed., §8.1; Richardson 1911). With
/// h = 1e-3·max(1, |wⱼ|) the truncation (~h⁴) and the rounding (~ε/h ≈ 1e-13) are both
/// far below the 1e-6 relative accuracy a critical learning rate needs. The two off-diagonal
/// estimates are averaged, since the true matrix is symmetric.
public enum CentralDifferenceHessian {
    /// The relative step: h = this × max(1, |wⱼ|).
    public static let relativeStep = 1e-3

    /// The estimated Hessian of `surface` at `w`; nil when a gradient it needs is not finite.
    public static func estimate(_ surface: some LossSurface, at w: Weights) -> Hessian? {
        func column(_ j: Int) -> Weights? {
            var e = Weights(0, 0)
            e[j] = relativeStep * max(1, abs(w[j]))
            func difference(_ h: Weights) -> Weights { (surface.gradient(at: w + h) - surface.gradient(at: w - h)) / (2 * h[j]) }
            let coarse = difference(e), fine = difference(e / 2)
            let extrapolated = (4 * fine - coarse) / 3
            return extrapolated.isFinite ? extrapolated : nil
        }
        guard let c1 = column(0), let c2 = column(1) else { return nil }
        return Hessian(h11: c1.x, h12: (c1.y + c2.x) / 2, h22: c2.y)
    }
}
