/// A point in weight space: `x` is w1, `y` is w2.
///
/// SIMD2 gives the vector arithmetic an update rule needs (`w - η * g`) for free and keeps
/// the optimizer loop allocation-free.
public typealias Weights = SIMD2<Double>

extension SIMD2 where Scalar == Double {
    /// The first weight, w1.
    @inlinable public var w1: Double { x }
    /// The second weight, w2.
    @inlinable public var w2: Double { y }
    /// Euclidean length, used for gradient norms.
    @inlinable public var length: Double { (x * x + y * y).squareRoot() }
    /// True when both components are finite numbers.
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }
}
