import Foundation

/// The one-argument operations of a compiled formula, each with its first and second
/// derivatives in closed form: the table that automatic differentiation applies by the chain rule.
enum FormulaUnary: Sendable, Equatable {
    case sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid
    /// x², emitted for `^2` because it is the most common power and x·x is exact and cheap.
    case square
    /// x^c for a constant exponent c (the base may be negative: (−2)^3 = −8).
    case power(Double)
    /// a^x for a constant base a > 0, as in `2^w1`.
    case exponential(base: Double)

    /// f(x).
    @inline(__always)
    func value(_ x: Double) -> Double {
        switch self {
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .tanh: return Foundation.tanh(x)
        case .sigmoid: return Self.logistic(x)
        case .square: return x * x
        case .power(let c): return Foundation.pow(x, c)
        case .exponential(let a): return Foundation.pow(a, x)
        }
    }

    /// f(x), f′(x).
    @inline(__always)
    func firstOrder(_ x: Double) -> (Double, Double) {
        let d = secondOrder(x)
        return (d.0, d.1)
    }

    /// f(x), f′(x), f″(x). The value is computed exactly as `value(_:)` computes it, so the
    /// three evaluation modes agree bit for bit on the loss.
    @inline(__always)
    func secondOrder(_ x: Double) -> (Double, Double, Double) {
        switch self {
        case .sin:
            let s = Foundation.sin(x), c = Foundation.cos(x)
            return (s, c, -s)
        case .cos:
            let s = Foundation.sin(x), c = Foundation.cos(x)
            return (c, -s, -c)
        case .tan:
            let t = Foundation.tan(x), sec2 = 1 + t * t
            return (t, sec2, 2 * t * sec2)
        case .exp:
            let e = Foundation.exp(x)
            return (e, e, e)
        case .log:
            return (Foundation.log(x), 1 / x, -1 / (x * x))
        case .sqrt:
            let r = x.squareRoot()
            return (r, 0.5 / r, -0.25 / (r * x))
        case .abs:
            // The derivative of |x| at 0 is taken as 0, the midpoint of the subgradient [−1, 1].
            let sign: Double = x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? .nan : 0))
            return (Swift.abs(x), sign, x.isNaN ? .nan : 0)
        case .tanh:
            let t = Foundation.tanh(x), d = 1 - t * t
            return (t, d, -2 * t * d)
        case .sigmoid:
            let s = Self.logistic(x), d = s * (1 - s)
            return (s, d, d * (1 - 2 * s))
        case .square:
            return (x * x, 2 * x, 2)
        case .power(let c):
            return (Foundation.pow(x, c), c * Foundation.pow(x, c - 1), c * (c - 1) * Foundation.pow(x, c - 2))
        case .exponential(let a):
            let f = Foundation.pow(a, x), l = Foundation.log(a)
            return (f, l * f, l * l * f)
        }
    }

    /// 1 / (1 + e^−x) without overflow: e^−x is only formed for x ≥ 0, e^x only for x < 0.
    @inline(__always)
    static func logistic(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}

/// The two-argument operations of a compiled formula.
enum FormulaBinary: Sendable, Equatable {
    case add, subtract, multiply, divide, power, minimum, maximum

    /// f(a, b) on plain numbers: used by constant folding and by the value-only evaluator.
    @inline(__always)
    func value(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return Foundation.pow(a, b)
        case .minimum: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .maximum: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        }
    }
}
