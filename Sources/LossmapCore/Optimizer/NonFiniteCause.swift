/// Tells the two ways a run can meet a value that is not a finite number apart: the surface
/// is not defined where the run stepped (the log or square root of a negative number, 0/0),
/// or the numbers grew past the largest double.
///
/// An infinity is always overflow, and so are non-finite weights (a finite gradient times a
/// finite η can only leave the doubles by overflowing). A NaN at finite weights is the hard
/// case: it is what an undefined formula returns, but also what overflowed terms give when
/// they meet (∞ − ∞ in w1² − w2² at w = (3e300, 1e299), 0·∞). The rule: walk back along the
/// step to the last point where the loss is still finite (bisection on the step) and look at
/// the loss there. If its magnitude is at least `overflowEvidence`, the loss was running off
/// to infinity and the NaN is overflow; otherwise the loss was ordinary right up to the edge
/// and the surface stops being defined there. Where there is no step to walk back along (the
/// start, or a NaN gradient at a point whose loss is finite), the loss at the point itself is
/// the evidence.
extension DivergenceReason {
    /// 1e150, about √(largest double) ≈ 1.3e154: a loss that large is one squaring away from
    /// overflow, while a formula that merely becomes undefined stays moderate up to its edge
    /// (log w1 only reaches −745 as w1 → 0⁺; √w1 reaches 0). A pole such as 1/w1 does reach
    /// huge values first, and is reported as overflow: the loss does go to infinity there.
    public static let overflowEvidence = 1e150

    /// Why a run stopped at `weights`, where the loss `loss` or the gradient `gradient` (when
    /// given) is not finite; `lastDefined` is the point the step came from, whose loss is
    /// finite (nil at the start of a run).
    static func nonFinite(at weights: Weights, loss: Double, gradient: Weights? = nil, from lastDefined: Weights?,
                          on surface: some LossSurface) -> DivergenceReason {
        if !weights.isFinite || loss.isInfinite { return .overflowed }
        if let g = gradient, g.x.isInfinite || g.y.isInfinite { return .overflowed }
        let evidence: Double
        if loss.isFinite {
            evidence = abs(loss)  // the gradient is the NaN one
        } else if let a = lastDefined {
            evidence = abs(lastFiniteLoss(from: a, to: weights, on: surface))
        } else {
            return .undefined
        }
        return evidence >= overflowEvidence ? .overflowed : .undefined
    }

    /// The loss at the last point of the segment a → b where it is still finite, by bisection
    /// on the fraction t of the way; the loss at `a` must be finite.
    ///
    /// The bisection halves the interval of t's bit patterns rather than of t itself: positive
    /// doubles are ordered like their bit patterns, so 64 steps reach neighbouring doubles
    /// wherever the edge is. Halving t would stop at t ≈ 2⁻⁶⁴, while a step of 3e300 that
    /// overflows a square at 1.3e154 has its edge at t ≈ 4e-147.
    static func lastFiniteLoss(from a: Weights, to b: Weights, on surface: some LossSurface) -> Double {
        var lo = 0.0, hi = 1.0
        var loss = surface.value(at: a)
        for _ in 0..<64 {
            let t = Double(bitPattern: lo.bitPattern + (hi.bitPattern - lo.bitPattern) / 2)
            guard t > lo, t < hi else { break }
            // (1 − t)·a + t·b rather than a + t·(b − a): b − a may overflow when b is huge.
            let value = surface.value(at: (1 - t) * a + t * b)
            if value.isFinite {
                lo = t
                loss = value
            } else {
                hi = t
            }
        }
        return loss
    }
}
