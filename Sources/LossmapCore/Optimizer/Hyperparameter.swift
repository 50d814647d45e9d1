/// A hyperparameter as its rule declares it: the config key, the stored property that holds
/// the value, the values a config may give and what it means.
///
/// The default is not written here: it is the property's value in the rule's `init()`, so a
/// rule states each default once. Values are set through `value`, a key path into the rule,
/// so every key a config may give is a property the rule really has.
public struct RuleParameter<Rule: MethodRule> {
    /// The config key: `momentum = 0.95`.
    public let key: String
    /// Where the rule keeps the value.
    public let value: WritableKeyPath<Rule, Double>
    /// The values a config may give.
    public let allowed: AllowedInterval
    /// The symbol of the update rule's formula: β, μ, ρ, ε.
    public let symbol: String
    /// What it does, after the symbol: "the fraction of the previous step kept in the next one".
    public let meaning: String
    /// Notes for docs/config.md: where it enters the formula, how it compares with PyTorch's.
    public let details: String

    public init(_ key: String, _ value: WritableKeyPath<Rule, Double>, allowed: AllowedInterval,
                symbol: String, meaning: String, details: String = "") {
        self.key = key
        self.value = value
        self.allowed = allowed
        self.symbol = symbol
        self.meaning = meaning
        self.details = details
    }
}

/// One hyperparameter of a method as configs, messages and docs see it: `momentum = 0.95`,
/// `beta2 = 0.99` … (a `RuleParameter` with its default read from the rule).
public struct Hyperparameter: Sendable, Equatable {
    /// The config key.
    public let key: String
    /// The value used when a config does not give one.
    public let defaultValue: Double
    /// The values a config may give.
    public let allowed: AllowedInterval
    /// The symbol of the update rule's formula: β, μ, ρ, ε.
    public let symbol: String
    /// What it does, after the symbol.
    public let meaning: String
    /// Notes for docs/config.md; empty when there are none.
    public let details: String

    /// "β, the fraction of the previous step kept in the next one": for error notes.
    public var doc: String { "\(symbol), \(meaning)" }

    init<Rule>(_ parameter: RuleParameter<Rule>, defaults: Rule) {
        key = parameter.key
        defaultValue = defaults[keyPath: parameter.value]
        allowed = parameter.allowed
        symbol = parameter.symbol
        meaning = parameter.meaning
        details = parameter.details
    }
}

/// An interval of finite numbers, each end open or closed: [0, 1), (0, ∞) …
public struct AllowedInterval: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    public var includesLower: Bool
    public var includesUpper: Bool

    public init(lower: Double, upper: Double, includesLower: Bool, includesUpper: Bool) {
        self.lower = lower
        self.upper = upper
        self.includesLower = includesLower
        self.includesUpper = includesUpper
    }

    /// [0, 1): decay and momentum coefficients (1 would never forget, and never converge).
    public static let fraction = AllowedInterval(lower: 0, upper: 1, includesLower: true, includesUpper: false)
    /// (0, ∞): ε and other strictly positive constants.
    public static let positive = AllowedInterval(lower: 0, upper: .infinity, includesLower: false, includesUpper: false)

    /// True for a finite `x` inside the interval.
    public func contains(_ x: Double) -> Bool {
        x.isFinite && (includesLower ? x >= lower : x > lower) && (includesUpper ? x <= upper : x < upper)
    }

    /// "[0, 1)", "(0, ∞)": for error messages.
    public var description: String {
        func show(_ x: Double) -> String {
            x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : NumberFormatting.compact(x)
        }
        return (includesLower ? "[" : "(") + show(lower) + ", " + show(upper) + (includesUpper ? "]" : ")")
    }
}

/// A method's row in the method table: what a config calls it, which keys it accepts, and
/// how to make it from the values a config gives.
public struct MethodEntry: Sendable {
    /// The config name: `method = "adam"`.
    public let name: String
    /// A one-line description, with the source of the update rule.
    public let summary: String
    /// Notes for docs/config.md; empty when there are none.
    public let details: String
    /// The hyperparameters the method accepts, in the order they are documented.
    public let parameters: [Hyperparameter]
    private let make: @Sendable ([(key: String, value: Double)]) throws(MethodError) -> Method

    /// The row of `Rule`: its name, summary and parameters with their defaults.
    public init<Rule: MethodRule>(_ rule: Rule.Type) {
        let defaults = Rule()
        name = Rule.name
        summary = Rule.summary
        details = Rule.details
        parameters = Rule.parameters.map { Hyperparameter($0, defaults: defaults) }
        make = { values throws(MethodError) in try Rule(setting: values).method }
    }

    /// The hyperparameter with this key, if the method has one.
    public func parameter(_ key: String) -> Hyperparameter? { parameters.first { $0.key == key } }

    /// The method with the given values, in order, the defaults for the rest. Throws for a
    /// key the method does not have or a value outside its interval.
    public func method(_ values: [(key: String, value: Double)] = []) throws(MethodError) -> Method {
        try make(values)
    }
}

extension MethodRule {
    /// The rule with `values` set by key and the defaults for the rest.
    public init(setting values: [(key: String, value: Double)]) throws(MethodError) {
        self.init()
        for (key, x) in values {
            guard let parameter = Self.parameters.first(where: { $0.key == key }) else {
                throw .unknownParameter(method: Self.name, key: key)
            }
            guard parameter.allowed.contains(x) else { throw .outOfRange(key: key, value: x, allowed: parameter.allowed) }
            self[keyPath: parameter.value] = x
        }
    }

    /// The value of each of `parameters`, by key, in their order: for labels and reports.
    public var hyperparameterValues: [(key: String, value: Double)] {
        Self.parameters.map { ($0.key, self[keyPath: $0.value]) }
    }
}

/// Why a method could not be made from a name and hyperparameters.
public enum MethodError: Error, Equatable, Sendable {
    /// No method has this name.
    case unknownMethod(String)
    /// The method has no hyperparameter with this key.
    case unknownParameter(method: String, key: String)
    /// The value lies outside the hyperparameter's interval.
    case outOfRange(key: String, value: Double, allowed: AllowedInterval)
}
