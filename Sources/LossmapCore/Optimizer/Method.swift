/// The optimisation methods a config can name, with their hyperparameters.
public enum Method: Sendable, Equatable {
    /// Plain gradient descent.
    case gradientDescent
    /// Heavy-ball momentum with coefficient β.
    case momentum(beta: Double)

    /// The names accepted in configs.
    public static let names = ["gd", "momentum"]

    /// The config name of this method.
    public var name: String {
        switch self {
        case .gradientDescent: return "gd"
        case .momentum: return "momentum"
        }
    }

    /// A fresh rule, with empty state, for one run.
    public func makeRule() -> any StepRule {
        switch self {
        case .gradientDescent: return GradientDescentRule()
        case .momentum(let beta): return MomentumRule(momentum: beta)
        }
    }
}
