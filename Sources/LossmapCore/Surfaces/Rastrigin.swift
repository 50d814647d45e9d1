import Foundation

/// Rastrigin's function in two dimensions, L = 20 + Σ (wᵢ² − 10 cos 2πwᵢ):
/// a bowl covered in local minima; the global minimum 0 is at the origin.
public struct Rastrigin: LossSurface {
    public init() {}

    public func value(at w: Weights) -> Double {
        20 + w.x * w.x - 10 * cos(2 * .pi * w.x) + w.y * w.y - 10 * cos(2 * .pi * w.y)
    }

    public func gradient(at w: Weights) -> Weights {
        Weights(2 * w.x + 20 * .pi * sin(2 * .pi * w.x), 2 * w.y + 20 * .pi * sin(2 * .pi * w.y))
    }

    /// Diagonal: 2 + 40π² cos 2πwᵢ on each axis.
    public func hessian(at w: Weights) -> Hessian? {
        let c = 40 * Double.pi * Double.pi
        return Hessian(h11: 2 + c * cos(2 * .pi * w.x), h12: 0, h22: 2 + c * cos(2 * .pi * w.y))
    }

    public var minima: [Weights] { [Weights(0, 0)] }
}
