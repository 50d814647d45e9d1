import Foundation

/// How large a step may be: the curvature at a surface's minimum and the learning rates
/// above which descent there cannot settle.
///
/// Near a minimum w*, L ≈ L(w*) + ½(w − w*)ᵀH(w − w*), and gradient descent multiplies the
/// distance along each eigenvector of H by (1 − ηλ) per step; it shrinks only while
/// |1 − ηλ| < 1 for every eigenvalue λ, that is while η < η_crit = 2/λmax.
public struct StabilityReport: Sendable, Equatable {
    /// The point analysed: a minimum, or the stationary point found when there is none.
    public var point: Weights
    /// Where `point` came from.
    public var pointSource: PointSource
    /// The Hessian at `point`.
    public var hessian: Hessian
    /// How the Hessian was obtained.
    public var hessianSource: HessianSource
    /// The smaller Hessian eigenvalue λmin.
    public var smallestEigenvalue: Double
    /// The larger Hessian eigenvalue λmax: the steepest curvature, which limits the step.
    public var largestEigenvalue: Double

    /// Where the analysed point came from.
    public enum PointSource: Sendable, Equatable {
        /// One of the surface's known minima.
        case knownMinimum
        /// Found numerically from the given start (see `MinimumSearch`).
        case searched(from: Weights)
        /// Given by the caller.
        case given

        /// "the minimum", "the minimum found from (0, 0)" …: for footnotes.
        public var phrase: String {
            switch self {
            case .knownMinimum: return "the minimum"
            case .searched(let start): return "the stationary point found by Newton's method from \(StabilityReport.show(start))"
            case .given: return "the given point"
            }
        }
    }

    /// How the Hessian was obtained: "exact", "central differences" or "interpolated grid",
    /// for the footnote and the report.
    public enum HessianSource: String, Sendable, Equatable {
        /// The surface's own second derivatives.
        case exact = "exact"
        /// `CentralDifferenceHessian` from the exact gradient.
        case centralDifferences = "central differences"
        /// The second derivatives of an imported grid's interpolation: exact for the
        /// interpolation, an estimate of the sampled loss's.
        case interpolatedGrid = "interpolated grid"

        /// How the footnote names it: "exact Hessian", "Hessian of the interpolated grid".
        public var phrase: String {
            self == .interpolatedGrid ? "Hessian of the interpolated grid" : "\(rawValue) Hessian"
        }
    }

    /// The shape of the surface at the point, from the signs of the eigenvalues.
    public enum Curvature: String, Sendable, Equatable {
        /// Both eigenvalues positive: a strict minimum.
        case bowl = "curves upward in every direction"
        /// λmin ≈ 0 < λmax: a valley floor, flat along one direction.
        case flatValley = "is flat along one direction"
        /// λmin < 0 < λmax: a saddle.
        case saddle = "is a saddle, curving down along one direction"
        /// λmax ≤ 0: no upward curvature at all (a maximum or a plane).
        case noUpwardCurvature = "curves upward in no direction"
    }

    /// Analyses `point` of `surface`, with the exact Hessian when the surface has one and
    /// central differences of its gradient otherwise. Nil when the Hessian is not finite there.
    public init?(surface: some LossSurface, at point: Weights, pointSource: PointSource = .given) {
        let exact = surface.hessian(at: point)
        guard let h = exact ?? CentralDifferenceHessian.estimate(surface, at: point), h.isFinite else { return nil }
        self.point = point
        self.pointSource = pointSource
        hessian = h
        hessianSource = exact == nil ? .centralDifferences : surface.isInterpolated ? .interpolatedGrid : .exact
        (smallestEigenvalue, largestEigenvalue) = h.eigenvalues
    }

    /// How far outside the plotted window a searched point may lie and still be analysed: the
    /// window widened by this many times its own width (height) on each side. A minimum just
    /// off the map still governs the runs drawn on it (they head there), but Newton's method can
    /// also "converge" to a point at infinity where the gradient merely fades, such as
    /// (1.707, 4e18) on log(w1) + √w2 + (w1 − 2)²; one window-width of margin keeps the first
    /// and rejects the second with room to spare.
    public static let windowMargin = 1.0

    /// Analyses the surface's minimum: the known minimum nearest `start` (the first known one
    /// without a start), polished by a few Newton steps (`NewtonPolish`); or, for a surface
    /// that knows none, the minimum found by damped Newton from `start` (the origin without
    /// one), or else the stationary point plain Newton finds (a saddle, which the report then
    /// says has no critical rate).
    ///
    /// A searched point is accepted only when, after polishing, its gradient is below the
    /// search's stationarity tolerance (re-checked there, not taken on the search's word),
    /// the damped search's point curves upward (a bowl or a flat valley), and, when `window`
    /// (the plotted range) is given, it lies within that window widened by `windowMargin` of
    /// its own size on every side. Otherwise it throws `StabilityError.noMinimumNearMap` with
    /// a window and `noStationaryPoint` without one, rather than report η_crit from a point
    /// that is not a minimum near the map.
    public static func analyse(_ surface: some LossSurface, near start: Weights? = nil,
                               within window: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)? = nil)
        throws(StabilityError) -> StabilityReport {
        if let known = surface.minima.min(by: { a, b in
            guard let s = start else { return false }
            return (a - s).length < (b - s).length
        }) {
            let point = NewtonPolish.polish(known, on: surface)
            guard let report = StabilityReport(surface: surface, at: point, pointSource: .knownMinimum) else {
                throw .nonFiniteHessian(at: point)
            }
            return report
        }
        let origin = start ?? Weights(0, 0)
        let tolerance = MinimumSearch.tolerance(surface.gradient(at: origin))
        // The damped search must end at a minimum; the plain one may end at any stationary
        // point, whose report then says why there is no critical rate.
        let searches: [(find: () -> Weights?, mustCurveUp: Bool)] = [
            ({ MinimumSearch.minimum(of: surface, from: origin) }, true),
            ({ MinimumSearch.stationaryPoint(of: surface, from: origin) }, false),
        ]
        for search in searches {
            guard let found = search.find() else { continue }
            let point = NewtonPolish.polish(found, on: surface)
            let g = surface.gradient(at: point)
            guard g.isFinite, g.length <= tolerance else { continue }
            if let window, !isNear(point, window) { continue }
            guard let report = StabilityReport(surface: surface, at: point, pointSource: .searched(from: origin)) else {
                throw .nonFiniteHessian(at: point)
            }
            if search.mustCurveUp, report.curvature != .bowl, report.curvature != .flatValley { continue }
            return report
        }
        throw window == nil ? .noStationaryPoint(from: origin) : .noMinimumNearMap(from: origin)
    }

    /// True when `w` lies in `window` widened by `windowMargin` times its width and height on
    /// every side.
    static func isNear(_ w: Weights, _ window: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)) -> Bool {
        let d1 = windowMargin * (window.w1.upperBound - window.w1.lowerBound)
        let d2 = windowMargin * (window.w2.upperBound - window.w2.lowerBound)
        return (window.w1.lowerBound - d1...window.w1.upperBound + d1).contains(w.x)
            && (window.w2.lowerBound - d2...window.w2.upperBound + d2).contains(w.y)
    }

    /// The shape at the point. An eigenvalue counts as zero within 1e-12 of λmax's magnitude
    /// for an exact Hessian, 1e-7 for central differences (their accuracy, with margin).
    public var curvature: Curvature {
        let scale = max(abs(smallestEigenvalue), abs(largestEigenvalue))
        let zero = scale * (hessianSource == .exact ? 1e-12 : 1e-7)
        if largestEigenvalue <= zero { return .noUpwardCurvature }
        if smallestEigenvalue < -zero { return .saddle }
        if smallestEigenvalue <= zero { return .flatValley }
        return .bowl
    }

    /// λmax / λmin, for a strict minimum only (nil otherwise: infinite or meaningless).
    public var conditionNumber: Double? {
        curvature == .bowl ? largestEigenvalue / smallestEigenvalue : nil
    }

    /// η_crit = 2/λmax for gradient descent; nil where no step size is stable or none is
    /// limited (see `whyNoCriticalRate`).
    public var criticalLearningRate: Double? { criticalLearningRate(for: .gradientDescent) }

    /// The largest stable learning rate of `method` on the quadratic model at the point,
    /// from the roots of its iteration's characteristic polynomial along the steepest
    /// eigen-direction (a = ηλmax, stable while both roots lie inside the unit circle, by
    /// the Jury criterion for z² + bz + c: |c| < 1 and |b| < 1 + c):
    /// - gd: w ← (1 − a)w, stable while a < 2, so η < 2/λmax.
    /// - heavy ball with β: z² − (1 + β − a)z + β, stable while a < 2(1 + β):
    ///   η < 2(1 + β)/λmax (Polyak 1964).
    /// - Nesterov with μ: z² − (1 − a)(1 + μ)z + (1 − a)μ, stable while a < 2(1 + μ)/(1 + 2μ):
    ///   η < 2(1 + μ)/((1 + 2μ)λmax).
    /// - Newton (damped by η): w − w* ← (1 − η)(w − w*), stable while η < 2 at a strict minimum.
    /// - AdaGrad, RMSprop, Adam: nil. They divide each step by a running size of the
    ///   gradient, so their step is not η·∇L and no single η bounds it.
    public func criticalLearningRate(for method: Method) -> Double? {
        guard curvature == .bowl || curvature == .flatValley else { return nil }
        let λ = largestEigenvalue
        switch method {
        case .gradientDescent: return 2 / λ
        case .momentum(let β): return 2 * (1 + β) / λ
        case .nesterov(let μ): return 2 * (1 + μ) / ((1 + 2 * μ) * λ)
        // w − w* ← (1 − η)(w − w*) on a quadratic, whatever its curvature.
        case .newton: return curvature == .bowl ? 2 : nil
        default: return nil
        }
    }

    /// Why there is no η_crit for gradient descent, in a sentence; nil when there is one.
    public var whyNoCriticalRate: String? {
        let at = "the stationary point \(Self.show(point))"
        let values = "(eigenvalues \(Self.show(smallestEigenvalue)) and \(Self.show(largestEigenvalue)))"
        switch curvature {
        case .bowl, .flatValley:
            return nil
        case .saddle:
            return "no critical learning rate: \(at) is a saddle \(values); descent slides off it along the downward direction at every step size"
        case .noUpwardCurvature:
            return "no critical learning rate: the surface at \(at) curves upward in no direction \(values), so no step size is limited by curvature"
        }
    }

    /// One line for a figure's footnote: "η_crit = 2/λmax = 0.1 (λmax = 20, exact Hessian
    /// at the minimum (0, 0), condition number 2)", or why there is none.
    public var footnote: String {
        guard let rate = criticalLearningRate else { return whyNoCriticalRate ?? "" }
        var text = "η_crit = 2/λmax = \(Self.show(rate)) (λmax = \(Self.show(largestEigenvalue)), \(hessianSource.phrase) at \(pointSource.phrase) \(Self.show(point))"
        if let κ = conditionNumber { text += ", condition number \(Self.show(κ))" }
        return text + ")"
    }

    /// A number to four significant digits, a point as "(x, y)".
    static func show(_ x: Double) -> String { NumberFormatting.significant(x, digits: 4) }
    static func show(_ w: Weights) -> String { "(\(show(w.x)), \(show(w.y)))" }
}

/// Why a surface could not be analysed.
public enum StabilityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither a minimum nor any other stationary point was found from this start.
    case noStationaryPoint(from: Weights)
    /// With a plotted window given: Newton's method from this start found no truly stationary
    /// point (a minimum, or a saddle to explain) on or near the map.
    case noMinimumNearMap(from: Weights)
    /// The Hessian at the point has a non-finite entry.
    case nonFiniteHessian(at: Weights)

    public var description: String {
        switch self {
        case .noStationaryPoint(let start):
            return "no minimum or other stationary point found by Newton's method from \(StabilityReport.show(start))"
        case .noMinimumNearMap(let start):
            return "no minimum found near the map by Newton's method from \(StabilityReport.show(start))"
        case .nonFiniteHessian(let w):
            return "the Hessian at \(StabilityReport.show(w)) is not finite"
        }
    }
}
