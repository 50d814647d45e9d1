/// A surface with its minima given from outside (a config's `minimum = [w1, w2]`),
/// everything else the underlying surface's.
public struct GivenMinimumSurface<Base: LossSurface>: LossSurface {
    public let base: Base
    public let minima: [Weights]

    public init(base: Base, minima: [Weights]) {
        self.base = base
        self.minima = minima
    }

    public func value(at w: Weights) -> Double { base.value(at: w) }
    public func gradient(at w: Weights) -> Weights { base.gradient(at: w) }
    public func hessian(at w: Weights) -> Hessian? { base.hessian(at: w) }
    public var isInterpolated: Bool { base.isInterpolated }
    public func values(alongW1 w1s: UnsafeBufferPointer<Double>, w2: Double, into out: UnsafeMutableBufferPointer<Double>) {
        base.values(alongW1: w1s, w2: w2, into: out)
    }
}
