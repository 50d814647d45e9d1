// The three number types one compiled formula is evaluated in: plain values, values with
// their gradient (first-order forward mode) and values with gradient and Hessian
// (second-order forward mode, a "jet"). The evaluator is generic over them, so the same
// program yields the loss, its exact gradient and its exact Hessian.

import Foundation

/// What the formula evaluator needs of a number.
protocol FormulaNumber: BitwiseCopyable {
    init(constant: Double)
    /// w1 (index 0) or w2 (index 1) at `w`, seeded with its own derivative.
    static func variable(_ index: Int, at w: Weights) -> Self
    var value: Double { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    /// A two-argument operation f(a, b). Each type computes only what it carries, so the
    /// value-only path never computes a derivative.
    static func combine(_ a: Self, _ b: Self, _ op: FormulaBinary) -> Self
    func applying(_ op: FormulaUnary) -> Self
}

extension FormulaNumber {
    /// min/max pass the chosen operand through with its derivatives (at a tie, the first);
    /// a NaN operand wins, so an undefined argument stays undefined.
    @inline(__always)
    static func choose(_ a: Self, _ b: Self, minimum: Bool) -> Self {
        if a.value.isNaN { return a }
        if b.value.isNaN { return b }
        return (a.value <= b.value) == minimum ? a : b
    }
}

extension Double: FormulaNumber {
    @inline(__always) init(constant: Double) { self = constant }
    @inline(__always) static func variable(_ index: Int, at w: Weights) -> Double { index == 0 ? w.x : w.y }
    @inline(__always) var value: Double { self }
    @inline(__always) static func combine(_ a: Double, _ b: Double, _ op: FormulaBinary) -> Double { op.value(a, b) }
    @inline(__always) func applying(_ op: FormulaUnary) -> Double { op.value(self) }
}

/// The partial derivatives of a two-argument operation at (a, b), for the chain rule.
struct BinaryPartials {
    var f, fa, fb, faa, fab, fbb: Double

    /// Products, quotients and general powers in closed form. `min`/`max` never get here.
    @inline(__always)
    init(_ op: FormulaBinary, _ a: Double, _ b: Double) {
        switch op {
        case .add: (f, fa, fb, faa, fab, fbb) = (a + b, 1, 1, 0, 0, 0)
        case .subtract: (f, fa, fb, faa, fab, fbb) = (a - b, 1, -1, 0, 0, 0)
        case .multiply: (f, fa, fb, faa, fab, fbb) = (a * b, b, a, 0, 1, 0)
        case .divide:
            let r = 1 / b
            (f, fa, fb, faa, fab, fbb) = (a / b, r, -a * r * r, 0, -r * r, 2 * a * r * r * r)
        case .power:
            // a^b with both sides varying: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a. For a ≤ 0 the
            // logarithm is NaN, so the derivatives are undefined there (the value may not be).
            let p = Foundation.pow(a, b), l = Foundation.log(a), pm1 = Foundation.pow(a, b - 1)
            (f, fa, fb) = (p, b * pm1, p * l)
            (faa, fab, fbb) = (b * (b - 1) * Foundation.pow(a, b - 2), pm1 * (1 + b * l), p * l * l)
        case .minimum, .maximum:
            (f, fa, fb, faa, fab, fbb) = (op.value(a, b), .nan, .nan, .nan, .nan, .nan)
        }
    }
}

/// A value with its gradient (∂/∂w1, ∂/∂w2): first-order forward-mode automatic differentiation.
struct FormulaDual: FormulaNumber {
    var v, d1, d2: Double

    @inline(__always) init(v: Double, d1: Double, d2: Double) { (self.v, self.d1, self.d2) = (v, d1, d2) }
    @inline(__always) init(constant: Double) { self.init(v: constant, d1: 0, d2: 0) }
    @inline(__always) static func variable(_ index: Int, at w: Weights) -> FormulaDual {
        index == 0 ? FormulaDual(v: w.x, d1: 1, d2: 0) : FormulaDual(v: w.y, d1: 0, d2: 1)
    }
    @inline(__always) var value: Double { v }
    @inline(__always) static func + (a: Self, b: Self) -> Self { Self(v: a.v + b.v, d1: a.d1 + b.d1, d2: a.d2 + b.d2) }
    @inline(__always) static func - (a: Self, b: Self) -> Self { Self(v: a.v - b.v, d1: a.d1 - b.d1, d2: a.d2 - b.d2) }
    @inline(__always) static prefix func - (a: Self) -> Self { Self(v: -a.v, d1: -a.d1, d2: -a.d2) }

    @inline(__always)
    static func combine(_ a: Self, _ b: Self, _ op: FormulaBinary) -> Self {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .minimum: return choose(a, b, minimum: true)
        case .maximum: return choose(a, b, minimum: false)
        default:
            let p = BinaryPartials(op, a.v, b.v)
            // A side whose gradient is zero contributes nothing, even where its partial is
            // NaN (ln a for a < 0 in a^b, when b happens not to vary, as in w1^(w2 − w2)).
            return Self(v: p.f, d1: term(p.fa, a.d1) + term(p.fb, b.d1), d2: term(p.fa, a.d2) + term(p.fb, b.d2))
        }
    }

    @inline(__always)
    func applying(_ op: FormulaUnary) -> Self {
        let (f, d) = op.firstOrder(v)
        return Self(v: f, d1: d * d1, d2: d * d2)
    }
}

/// A value with its gradient and Hessian: second-order forward-mode automatic differentiation.
///
/// For u = g(w) and f(u): ∇f = f′∇u and ∇²f = f′∇²u + f″∇u∇uᵀ; for f(a, b) the bivariate form
/// of the same rule (Griewank & Walther, "Evaluating Derivatives", 2nd ed., ch. 13).
struct FormulaJet: FormulaNumber {
    var v, g1, g2, h11, h12, h22: Double

    @inline(__always) init(v: Double, g1: Double, g2: Double, h11: Double, h12: Double, h22: Double) {
        (self.v, self.g1, self.g2, self.h11, self.h12, self.h22) = (v, g1, g2, h11, h12, h22)
    }
    @inline(__always) init(constant: Double) { self.init(v: constant, g1: 0, g2: 0, h11: 0, h12: 0, h22: 0) }
    @inline(__always) static func variable(_ index: Int, at w: Weights) -> FormulaJet {
        index == 0 ? FormulaJet(v: w.x, g1: 1, g2: 0, h11: 0, h12: 0, h22: 0)
            : FormulaJet(v: w.y, g1: 0, g2: 1, h11: 0, h12: 0, h22: 0)
    }
    @inline(__always) var value: Double { v }
    @inline(__always) static func + (a: Self, b: Self) -> Self {
        Self(v: a.v + b.v, g1: a.g1 + b.g1, g2: a.g2 + b.g2, h11: a.h11 + b.h11, h12: a.h12 + b.h12, h22: a.h22 + b.h22)
    }
    @inline(__always) static func - (a: Self, b: Self) -> Self {
        Self(v: a.v - b.v, g1: a.g1 - b.g1, g2: a.g2 - b.g2, h11: a.h11 - b.h11, h12: a.h12 - b.h12, h22: a.h22 - b.h22)
    }
    @inline(__always) static prefix func - (a: Self) -> Self {
        Self(v: -a.v, g1: -a.g1, g2: -a.g2, h11: -a.h11, h12: -a.h12, h22: -a.h22)
    }

    @inline(__always)
    static func combine(_ a: Self, _ b: Self, _ op: FormulaBinary) -> Self {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .minimum: return choose(a, b, minimum: true)
        case .maximum: return choose(a, b, minimum: false)
        default:
            let p = BinaryPartials(op, a.v, b.v)
            let aVaries = a.g1 != 0 || a.g2 != 0 || a.h11 != 0 || a.h12 != 0 || a.h22 != 0
            let bVaries = b.g1 != 0 || b.g2 != 0 || b.h11 != 0 || b.h12 != 0 || b.h22 != 0
            var r = Self(constant: p.f)
            if aVaries {
                r.g1 += p.fa * a.g1; r.g2 += p.fa * a.g2
                r.h11 += p.fa * a.h11 + p.faa * a.g1 * a.g1
                r.h12 += p.fa * a.h12 + p.faa * a.g1 * a.g2
                r.h22 += p.fa * a.h22 + p.faa * a.g2 * a.g2
            }
            if bVaries {
                r.g1 += p.fb * b.g1; r.g2 += p.fb * b.g2
                r.h11 += p.fb * b.h11 + p.fbb * b.g1 * b.g1
                r.h12 += p.fb * b.h12 + p.fbb * b.g1 * b.g2
                r.h22 += p.fb * b.h22 + p.fbb * b.g2 * b.g2
            }
            if aVaries && bVaries {
                r.h11 += 2 * p.fab * a.g1 * b.g1
                r.h12 += p.fab * (a.g1 * b.g2 + a.g2 * b.g1)
                r.h22 += 2 * p.fab * a.g2 * b.g2
            }
            return r
        }
    }

    @inline(__always)
    func applying(_ op: FormulaUnary) -> Self {
        let (f, d, dd) = op.secondOrder(v)
        return Self(v: f, g1: d * g1, g2: d * g2,
                    h11: d * h11 + dd * g1 * g1, h12: d * h12 + dd * g1 * g2, h22: d * h22 + dd * g2 * g2)
    }
}

/// f′·u′, taken as 0 when u′ is 0 so that an undefined partial of a constant side is ignored.
@inline(__always)
private func term(_ partial: Double, _ derivative: Double) -> Double {
    derivative == 0 ? 0 : partial * derivative
}
