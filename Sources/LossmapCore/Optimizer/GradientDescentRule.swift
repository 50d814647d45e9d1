/// Plain gradient descent (Cauchy 1847): w ← w − η∇L.
public struct GradientDescentRule: MethodRule {
    public init() {}

    @inlinable
    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        w - η * g
    }

    public static let name = "gd"
    public static let summary = "plain gradient descent, w ← w − η∇L"
    public var method: Method { .gradientDescent }
}
