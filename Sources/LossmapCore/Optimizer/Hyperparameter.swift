/// One hyperparameter of a method, as a config key: `momentum = 0.95`, `beta2 = 0.99` …
public struct Hyperparameter: Sendable, Equatable {
    /// The config key.
    public let key: String
    /// The value used when a config does not give one.
    public let defaultValue: Double
    /// The values a config may give.
    public let allowed: AllowedInterval
    /// A one-line description for error notes and the README.
    public let doc: String

    public init(key: String, defaultValue: Double, allowed: AllowedInterval, doc: String) {
        self.key = key
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.doc = doc
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

/// A method's row in the method table: what a config calls it and which keys it accepts.
public struct MethodEntry: Sendable {
    /// The config name: `method = "adam"`.
    public let name: String
    /// A one-line description, with the source of the update rule.
    public let summary: String
    /// The hyperparameters the method accepts, in the order they are documented.
    public let parameters: [Hyperparameter]
    let make: @Sendable (HyperparameterValues) -> Method

    public init(name: String, summary: String, parameters: [Hyperparameter],
                make: @escaping @Sendable (HyperparameterValues) -> Method) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.make = make
    }

    /// The hyperparameter with this key, if the method has one.
    public func parameter(_ key: String) -> Hyperparameter? { parameters.first { $0.key == key } }

    /// The method with the given values, the defaults for the rest. Throws for a key the
    /// method does not have or a value outside its interval.
    public func method(_ values: [String: Double] = [:]) throws(MethodError) -> Method {
        var complete: [String: Double] = [:]
        for p in parameters { complete[p.key] = p.defaultValue }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let p = parameter(key) else { throw .unknownParameter(method: name, key: key) }
            guard p.allowed.contains(value) else { throw .outOfRange(key: key, value: value, allowed: p.allowed) }
            complete[key] = value
        }
        return make(HyperparameterValues(values: complete))
    }
}

/// The complete hyperparameter values handed to a `MethodEntry`'s constructor.
public struct HyperparameterValues: Sendable {
    let values: [String: Double]

    /// The value of `key`; the entry's own keys only (anything else is a bug in the entry).
    public subscript(key: String) -> Double {
        guard let v = values[key] else { preconditionFailure("no hyperparameter `\(key)` in this method's entry") }
        return v
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
