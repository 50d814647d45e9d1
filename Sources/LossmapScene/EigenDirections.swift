import Foundation
import LossmapCore
import LossmapSpec

/// The Hessian's two eigen-directions at the minimum (`eigen = true`), with the length of a
/// contour ellipse of the quadratic model along each and every run's factor per step along
/// each: why a step too large goes crazy, one direction at a time.
///
/// Near the minimum w*, L ≈ L* + ½ Σ λᵢ yᵢ², yᵢ the distance along eigenvector i; the isoline
/// L = c is the ellipse with semi-axes √(2(c − L*)/λᵢ). Gradient descent multiplies yᵢ by
/// (1 − ηλᵢ) each step, so |1 − ηλᵢ| > 1 along one direction is enough to diverge.
public struct EigenDirections: Sendable {
    /// The minimum the directions pass through.
    public var point: Weights
    /// λ of the shallow and the steep direction, and their unit vectors.
    public var eigenvalues: (smaller: Double, larger: Double)
    public var vectors: (smaller: Weights, larger: Weights)
    /// The level of the ellipse the axes span, and its semi-axes along each vector, in weights.
    public var level: Double
    public var semiAxes: (smaller: Double, larger: Double)
    /// Each run's factor per step along each direction (nil: the method has none, an
    /// adaptive one), in run order.
    public var factors: [(smaller: Double?, larger: Double?)]

    /// The directions at `report`'s point, the ellipse chosen among `levels` (else made) so
    /// its long axis is about a third of the window's shorter side.
    init?(report: StabilityReport, surface: any LossSurface, levels: [Double], runs: [SceneRun],
          window: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)) {
        let λ = report.hessian.eigenvalues
        // Only at a minimum (a bowl, or a valley flat along one direction): a saddle's axes
        // would claim a minimum the surface does not have.
        guard report.curvature == .bowl || report.curvature == .flatValley,
              λ.larger > 0, λ.larger.isFinite, λ.smaller.isFinite else { return nil }
        point = report.point
        eigenvalues = λ
        vectors = report.hessian.eigenvectors
        let bottom = surface.value(at: point)
        let span = min(window.w1.upperBound - window.w1.lowerBound, window.w2.upperBound - window.w2.lowerBound)
        let target = span / 3
        // The shallow direction's curvature, floored so a flat valley gets a finite (clipped) axis.
        let shallow = max(λ.smaller, λ.larger * 1e-12)
        func longAxis(_ c: Double) -> Double { (2 * (c - bottom) / shallow).squareRoot() }
        let candidates = levels.filter { $0 > bottom && longAxis($0) < 2 * span }
        let chosen = candidates.min { abs(log(longAxis($0) / target)) < abs(log(longAxis($1) / target)) }
            ?? bottom + shallow * target * target / 2
        let reach = 2 * span
        let axes = (min((2 * (chosen - bottom) / shallow).squareRoot(), reach), min((2 * (chosen - bottom) / λ.larger).squareRoot(), reach))
        // A window of 1e200 squares past the doubles: no ellipse to draw (nor to report).
        guard chosen.isFinite, axes.0.isFinite, axes.1.isFinite, axes.0 > 0, axes.1 > 0 else { return nil }
        level = chosen
        semiAxes = axes
        factors = runs.map { run in
            (ConvergenceFactor.perDirection(of: run.spec.method, rate: run.learningRate, eigenvalue: λ.smaller),
             ConvergenceFactor.perDirection(of: run.spec.method, rate: run.learningRate, eigenvalue: λ.larger))
        }
    }
}
