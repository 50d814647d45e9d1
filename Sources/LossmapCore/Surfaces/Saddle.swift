/// The saddle L = w1² − w2²: no minimum; descent slides off along w2.
public struct Saddle: LossSurface {
    public init() {}

    public func value(at w: Weights) -> Double { w.x * w.x - w.y * w.y }

    public func gradient(at w: Weights) -> Weights { Weights(2 * w.x, -2 * w.y) }

    /// Constant diag(2, −2): one direction curves up, the other down.
    public func hessian(at w: Weights) -> Hessian? { Hessian(h11: 2, h12: 0, h22: -2) }

    /// None: the stationary point (0, 0) is a saddle, not a minimum.
    public var minima: [Weights] { [] }
}
