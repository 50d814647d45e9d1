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
