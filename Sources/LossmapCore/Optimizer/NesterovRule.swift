/// Nesterov's accelerated gradient (Nesterov 1983) in the momentum form of Sutskever, Martens,
/// Dahl & Hinton 2013 ("On the importance of initialization and momentum in deep learning",
/// eq. 3–4): v ← μv − η∇L(w + μv), w ← w + v, with v = 0 at the start.
///
/// It is heavy-ball momentum with the gradient taken at the look-ahead point w + μv, which
/// is why this rule overrides `gradientPoint(from:)`. The default μ = 0.9 as for momentum.
public struct NesterovRule: MethodRule {
    /// The fraction μ of the previous velocity that is kept, in [0, 1).
    public var momentum = MomentumRule.defaultMomentum
    private var velocity = Weights(0, 0)

    public init() {}
    public init(momentum: Double) { self.momentum = momentum }

    public func gradientPoint(from w: Weights) -> Weights { w + momentum * velocity }

    public mutating func step(from w: Weights, gradient g: Weights, learningRate η: Double, step: Int) -> Weights {
        velocity = momentum * velocity - η * g
        return w + velocity
    }

    public static let name = "nesterov"
    public static let summary = "Nesterov momentum (Sutskever et al. 2013 form): v ← μv − η∇L(w + μv), w ← w + v"
    // PyTorch's SGD(nesterov=True) steps θ ← θ − η(g + μb) with b ← μb + g, g taken at θ:
    // with θ = w + μv and b = −v/η that is exactly this iteration, shifted to the look-ahead point.
    public static let details = """
        The path shows the point w of Sutskever et al.'s form, and its losses are taken there. \
        PyTorch's `SGD` with `nesterov = True` takes the same steps but keeps the look-ahead point \
        as its parameter: after each step, PyTorch's parameter is w + μv, not w. The two agree at \
        the start (v = 0) and where the run comes to rest (v → 0).
        """
    public static var parameters: [RuleParameter<Self>] {
        [RuleParameter("momentum", \.momentum, allowed: .fraction,
                       symbol: "μ", meaning: "the fraction of the previous step kept in the next one")]
    }
    public var method: Method { .nesterov(beta: momentum) }
}
