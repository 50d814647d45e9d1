/// A loss as a function of two weights: the "mountain" the blindfolded walker descends.
///
/// Every surface gives its value and its exact gradient; nothing in the runtime path uses
/// finite differences (the tests check each gradient against them instead).
public protocol LossSurface: Sendable {
    /// The loss at `w`. May be NaN or ±inf where the surface is undefined.
    func value(at w: Weights) -> Double
    /// The exact gradient ∂L/∂w at `w`.
    func gradient(at w: Weights) -> Weights
    /// Known global minima, drawn as stars (empty when there is none, as for a saddle).
    var minima: [Weights] { get }
    /// The exact Hessian at `w`, or nil when the surface has no exact form (callers then fall
    /// back to central differences of the gradient).
    func hessian(at w: Weights) -> Hessian?
    /// The values along one row of a grid: `out[i] = value(at: Weights(w1s[i], w2))` for every
    /// i (`out` as long as `w1s`). Grids are sampled a row at a time through this, so a surface
    /// whose loss is a pass over data can share that pass between the row's points (the
    /// perceptron does, with SIMD); the default asks `value(at:)` point by point.
    func values(alongW1 w1s: UnsafeBufferPointer<Double>, w2: Double, into out: UnsafeMutableBufferPointer<Double>)
    /// True when the surface is an interpolation of samples (an imported grid): its Hessian
    /// is exact for the interpolation, which the footnote says ("Hessian of the interpolated grid").
    var isInterpolated: Bool { get }
}

extension LossSurface {
    public func hessian(at w: Weights) -> Hessian? { nil }
    public var isInterpolated: Bool { false }

    public func values(alongW1 w1s: UnsafeBufferPointer<Double>, w2: Double, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count == w1s.count, "values(alongW1:): \(out.count) outputs for \(w1s.count) positions")
        for i in 0..<w1s.count { out[i] = value(at: Weights(w1s[i], w2)) }
    }
}

/// The symmetric 2×2 matrix of second derivatives [[h11, h12], [h12, h22]].
public struct Hessian: Sendable, Equatable {
    public var h11: Double
    public var h12: Double
    public var h22: Double

    public init(h11: Double, h12: Double, h22: Double) {
        self.h11 = h11
        self.h12 = h12
        self.h22 = h22
    }
}

/// The plotting defaults a built-in surface suggests, so a config can name only the function.
public struct SurfaceDefaults: Sendable, Equatable {
    /// Plotted range of w1.
    public var w1: ClosedRange<Double>
    /// Plotted range of w2.
    public var w2: ClosedRange<Double>
    /// A start point that shows the surface's character.
    public var start: Weights
    /// Whether contour levels should be spaced logarithmically (for surfaces with huge ranges).
    public var logarithmicLevels: Bool
}
