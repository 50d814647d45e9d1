/// The optimisation methods a config can name, with their hyperparameters.
///
/// Adding a method: write its `MethodRule` in a file of its own (update rule, source, name,
/// summary, hyperparameters as key paths, `method`), then add its case, its `makeRule()`
/// line and its row in `MethodCatalog.entries` below. Config keys, defaults, validation,
/// `lossmap list` and the key reference in docs/config.md all come from the rule.
public enum Method: Sendable, Equatable {
    /// Plain gradient descent.
    case gradientDescent
    /// Heavy-ball momentum with coefficient β (config key `momentum`).
    case momentum(beta: Double)
    /// Nesterov momentum with coefficient β (config key `momentum`).
    case nesterov(beta: Double)
    /// AdaGrad with denominator offset ε.
    case adagrad(epsilon: Double)
    /// RMSprop with decay ρ and denominator offset ε.
    case rmsprop(decay: Double, epsilon: Double)
    /// Adam with moment decays β1, β2 and denominator offset ε.
    case adam(beta1: Double, beta2: Double, epsilon: Double)
    /// Damped Newton's method (the learning rate is the damping).
    case newton

    /// A fresh rule, with empty state, for one run.
    public func makeRule() -> any MethodRule {
        switch self {
        case .gradientDescent: return GradientDescentRule()
        case .momentum(let beta): return MomentumRule(momentum: beta)
        case .nesterov(let beta): return NesterovRule(momentum: beta)
        case .adagrad(let epsilon): return AdaGradRule(epsilon: epsilon)
        case .rmsprop(let decay, let epsilon): return RMSpropRule(decay: decay, epsilon: epsilon)
        case .adam(let beta1, let beta2, let epsilon): return AdamRule(beta1: beta1, beta2: beta2, epsilon: epsilon)
        case .newton: return NewtonRule()
        }
    }

    /// The method called `name` in configs, with `parameters` given by key and defaults for
    /// the rest; nil for an unknown name or key, or a value outside its interval (use
    /// `MethodCatalog.method(named:parameters:)` to learn which).
    public init?(name: String, parameters: KeyValuePairs<String, Double> = [:]) {
        guard let method = try? MethodCatalog.method(named: name, parameters: parameters) else { return nil }
        self = method
    }

    /// The names accepted in configs, in table order.
    public static var names: [String] { MethodCatalog.entries.map(\.name) }

    /// This method's row in the table.
    public var entry: MethodEntry { type(of: makeRule()).entry }

    /// The config name of this method.
    public var name: String { type(of: makeRule()).name }

    /// The hyperparameters' values in the entry's order, for labels and reports.
    public var hyperparameters: [(key: String, value: Double)] { makeRule().hyperparameterValues }
}

/// The table of methods: config name → summary, hyperparameter keys, defaults, intervals.
public enum MethodCatalog {
    /// Every method, in the order help texts list them.
    public static let entries: [MethodEntry] = [
        MethodEntry(GradientDescentRule.self),
        MethodEntry(MomentumRule.self),
        MethodEntry(NesterovRule.self),
        MethodEntry(AdaGradRule.self),
        MethodEntry(RMSpropRule.self),
        MethodEntry(AdamRule.self),
        MethodEntry(NewtonRule.self),
    ]

    /// The entry called `name`, if any.
    public static func entry(named name: String) -> MethodEntry? { entries.first { $0.name == name } }

    /// The method called `name` with `parameters` given by key and defaults for the rest.
    public static func method(named name: String, parameters: KeyValuePairs<String, Double> = [:]) throws(MethodError) -> Method {
        guard let entry = entry(named: name) else { throw .unknownMethod(name) }
        return try entry.method(parameters.map { ($0.key, $0.value) })
    }

    /// Every hyperparameter key of any method, each once, in table order.
    public static var parameterKeys: [String] {
        var keys: [String] = []
        for parameter in entries.flatMap(\.parameters) where !keys.contains(parameter.key) {
            keys.append(parameter.key)
        }
        return keys
    }
}
