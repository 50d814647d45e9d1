/// The loss along the line of one gradient step from a point w: f(w + t·d) with d = −∇f(w),
/// for 0 ≤ t ≤ tMax.
///
/// d is not normalised, so t is a learning rate: w + t·d is exactly where one step of gradient
/// descent with η = t lands. The slice shows why a step is too long: the loss falls to its
/// lowest at `bestStep` (exact line search), climbs back to where it started at `uphillFrom`,
/// and any η beyond that lands higher than it left. On a quadratic with Hessian H the line is
/// a parabola, the best step is gᵀg/gᵀHg (`quadraticBestStep`: steepest descent's exact line
/// search on a quadratic, Nocedal & Wright, *Numerical Optimization*, 2nd ed., §3.3) and the
/// uphill point is exactly twice it, since a parabola is symmetric about its lowest point.
public struct LineSlice: Sendable {
    /// The point w the step starts from.
    public var start: Weights
    /// f(w).
    public var startLoss: Double
    /// The step direction d = −∇f(w), not normalised.
    public var direction: Weights
    /// The sampled step lengths, 0 to tMax evenly, both ends exact.
    public var ts: [Double]
    /// f(w + t·d) at each of `ts`; NaN and ±inf are kept as the surface gives them.
    public var values: [Double]
    /// The t in [0, tMax] with the lowest loss on the line (the exact line-search step), refined
    /// between samples; tMax itself when the loss still falls there. Nil when the gradient is
    /// zero or not finite, or no sample's loss is finite.
    public var bestStep: Double?
    /// The smallest t beyond `bestStep` where the loss is back up to f(w): every longer step
    /// (up to the next dip, if any) ends higher than it started. Nil when that does not happen
    /// within tMax, or there is no `bestStep`.
    public var uphillFrom: Double?

    /// Samples f(w + t·d) at `samples` (≥ 2) evenly spaced t from 0 to `tMax` (> 0, finite) and
    /// locates the best step and the uphill point.
    ///
    /// The best step starts from the lowest finite sample and is refined within its two
    /// neighbouring samples by bisection on the slope φ'(t) = ∇f(w + t·d)·d, which crosses zero
    /// there. The slope, not golden-section search on the values, because f is flat at a
    /// minimum: values locate it only to about √ε relative (*Numerical Recipes*, 3rd ed.,
    /// §10.2), the slope's sign to about ε. Where the slope does not change sign across the
    /// bracket or is not finite (a kink, a NaN) golden-section search on the values is used
    /// instead (NR §10.2). The result is kept only if its loss is no higher than the best
    /// sample's. The uphill point is found by bisection on f(w + t·d) − f(w) between the last
    /// sample below f(w) and the first at or above it (+inf counts as above, NaN as below).
    public init(surface: some LossSurface, at w: Weights, through tMax: Double, samples: Int = 401) {
        self.init(surface: surface, at: w, along: -surface.gradient(at: w), through: tMax, samples: samples)
    }

    /// The slice along −`g` for a gradient `g` other than the surface's own at w: a noisy or
    /// minibatch gradient, which is what a stochastic step follows.
    public init(surface: some LossSurface, at w: Weights, along d: Weights, through tMax: Double, samples: Int = 401) {
        precondition(samples >= 2, "LineSlice: \(samples) samples")
        precondition(tMax > 0 && tMax.isFinite, "LineSlice: tMax \(tMax)")
        let g = -d
        let f0 = surface.value(at: w)
        func φ(_ t: Double) -> Double { surface.value(at: w + t * d) }
        func slope(_ t: Double) -> Double {
            let p = surface.gradient(at: w + t * d)
            return p.x * d.x + p.y * d.y
        }
        start = w
        startLoss = f0
        direction = d
        ts = (0..<samples).map { i in i == samples - 1 ? tMax : tMax * Double(i) / Double(samples - 1) }
        values = ts.map(φ)

        guard g.isFinite, g != Weights(0, 0),
              let best = values.indices.filter({ values[$0].isFinite }).min(by: { values[$0] < values[$1] }) else {
            bestStep = nil
            uphillFrom = nil
            return
        }
        let t = Self.refine(best: best, ts: ts, values: values, value: φ, slope: slope)
        bestStep = t
        uphillFrom = Self.uphill(after: t, f0: f0, ts: ts, values: values, value: φ)
    }

    /// The minimum near sample `best`, within its neighbours (see `init`).
    static func refine(best: Int, ts: [Double], values: [Double],
                       value φ: (Double) -> Double, slope: (Double) -> Double) -> Double {
        let lo = ts[max(best - 1, 0)], hi = ts[min(best + 1, ts.count - 1)]
        // At the far end the loss may still be falling: the lowest point of [0, tMax] is tMax.
        if best == ts.count - 1, slope(hi) <= 0 { return hi }
        let sLo = slope(lo), sHi = slope(hi)
        let refined = sLo < 0 && sHi > 0 ? bisectSlope(lo, hi, slope: slope) : goldenSection(lo, hi, value: φ)
        let v = φ(refined)
        return v.isFinite && v <= values[best] ? refined : ts[best]
    }

    /// A zero of the slope in [lo, hi], where it goes from negative to positive: halve until
    /// the bracket is two adjacent doubles (at most about 60 halvings for a bracket of a few
    /// samples). A NaN slope midway is treated as positive, shrinking toward the finite side.
    static func bisectSlope(_ lo: Double, _ hi: Double, slope: (Double) -> Double) -> Double {
        var lo = lo, hi = hi
        while true {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { return mid }
            let s = slope(mid)
            if s == 0 { return mid }
            if s < 0 { lo = mid } else { hi = mid }
        }
    }

    /// Golden-section search for a minimum of `φ` in [a, b] (Kiefer 1953; NR §10.2), with NaN
    /// treated as +inf. Stops when the two inner points meet in floating point (about 80 steps
    /// from a bracket of a few samples).
    static func goldenSection(_ a: Double, _ b: Double, value φ: (Double) -> Double) -> Double {
        let r = 0.6180339887498949  // (√5 − 1)/2
        func f(_ t: Double) -> Double { let v = φ(t); return v.isNaN ? .infinity : v }
        var a = a, b = b
        var c = b - r * (b - a), d = a + r * (b - a)
        var fc = f(c), fd = f(d)
        for _ in 0..<200 where c < d {
            if fc <= fd {
                b = d; d = c; fd = fc
                c = b - r * (b - a); fc = f(c)
            } else {
                a = c; c = d; fc = fd
                d = a + r * (b - a); fd = f(d)
            }
        }
        return fc <= fd ? c : d
    }

    /// The smallest t > `best` where φ is back at f0 or above, by bisection between samples.
    static func uphill(after best: Double, f0: Double, ts: [Double], values: [Double],
                       value φ: (Double) -> Double) -> Double? {
        func above(_ v: Double) -> Bool { !v.isNaN && v >= f0 }
        guard let k = ts.indices.first(where: { ts[$0] > best && above(values[$0]) }) else { return nil }
        var lo = max(best, k > 0 ? ts[k - 1] : 0), hi = ts[k]
        while true {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { return hi }
            if above(φ(mid)) { hi = mid } else { lo = mid }
        }
    }

    /// The best step of a quadratic model along −g: gᵀg / gᵀHg, where the derivative of
    /// f(w − t·g) = f − t·gᵀg + ½t²·gᵀHg vanishes. Nil when gᵀHg ≤ 0 (the line curves down or
    /// is straight, so no step is best) or the result is not finite.
    public static func quadraticBestStep(gradient g: Weights, hessian H: Hessian) -> Double? {
        let curvature = H.h11 * g.x * g.x + 2 * H.h12 * g.x * g.y + H.h22 * g.y * g.y
        guard curvature > 0 else { return nil }
        let t = (g.x * g.x + g.y * g.y) / curvature
        return t.isFinite ? t : nil
    }
}
