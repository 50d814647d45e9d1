import Foundation

/// Choosing gradient descent's step length at every step by searching along −∇L, instead of
/// taking a fixed η: the run's learning rate becomes the first trial length.
///
/// - Armijo backtracking (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm
///   3.1): from t = η, shrink t by `shrink` until f(w − t·g) ≤ f(w) − c·t·‖g‖² (sufficient
///   decrease), down to `smallestFraction` of η.
/// - Exact: the t ≥ 0 that minimises f(w − t·g) along the line (`LineSlice.bestStep`, over
///   a reach grown from η until the line's bottom is inside it). On a quadratic it is
///   gᵀg/gᵀHg, steepest descent's classical exact step (N & W §3.3).
public enum LineSearch: Sendable, Equatable {
    case armijo(c: Double, shrink: Double)
    case exact

    /// Armijo's usual constant, and halving (N & W §3.1: c = 1e-4 "in practice").
    public static let defaultArmijo = LineSearch.armijo(c: 1e-4, shrink: 0.5)
    /// Backtracking gives up once the trial is this small a fraction of the first: 0.5⁶⁰.
    public static let smallestFraction = 1e-18

    /// How many shrinks by `shrink` reach `smallestFraction`: 60 for ½, 394 for 0.9.
    public static func maxTrials(shrink: Double) -> Int {
        min(10_000, max(1, Int((log(smallestFraction) / log(shrink)).rounded(.up))))
    }

    /// What one step costs in plain steps, for the figure's step limits: an exact search
    /// evaluates its line at 65 points and refines by bisection (about 100 evaluations); a
    /// backtracking one takes a few trials where η is about right (counted as 4; its worst
    /// case, `maxTrials(shrink:)`, happens only when every first trial is far too long).
    public var costPerStep: Int {
        switch self {
        case .armijo: return 4
        case .exact: return 100
        }
    }

    /// Its name as labels and reports write it.
    public var name: String {
        switch self {
        case .armijo: return "Armijo line search"
        case .exact: return "exact line search"
        }
    }

    /// The step length from `w` along −`g`, starting from `η`, on `surface` (whose loss at w
    /// is `f0`); 0 when no length lowers the loss enough (Armijo, down to `smallestFraction`
    /// of η) or at all (exact), or η is 0 (a schedule that has run down): no step.
    public func stepLength(on surface: some LossSurface, at w: Weights, loss f0: Double, gradient g: Weights, first η: Double) -> Double {
        let slope = (g * g).sum()
        guard slope > 0, slope.isFinite else { return η }
        guard η > 0, η.isFinite else { return 0 }
        switch self {
        case .armijo(let c, let shrink):
            var t = η
            for _ in 0..<Self.maxTrials(shrink: shrink) {
                let f = surface.value(at: w - t * g)
                if f.isFinite, f <= f0 - c * t * slope { return t }
                t *= shrink
            }
            return 0
        case .exact:
            var reach = η
            for _ in 0..<40 {
                // Along the gradient the step will follow (it may be a noisy one).
                let slice = LineSlice(surface: surface, at: w, along: -g, through: reach, samples: 65)
                guard let best = slice.bestStep else { return 0 }
                // The line still falls at the end of the reach: look further.
                if best >= reach * (1 - 1e-9), (reach * 4).isFinite { reach *= 4; continue }
                return best
            }
            return reach
        }
    }
}
