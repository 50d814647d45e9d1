/// A loss written as a formula in w1 and w2, compiled once and then evaluated anywhere, with
/// its exact gradient and Hessian.
///
/// The syntax: numbers (`2`, `0.5`, `1e-3`), `w1`, `w2`, `pi`, `e`, `+ - * / ^` (`^` binds
/// tightest and is right-associative; a leading minus binds looser than `^`, so `-w1^2` is
/// −(w1²)), parentheses, and the functions `sin cos tan exp log sqrt abs tanh sigmoid` of one
/// argument and `min max` of two.
///
/// Evaluation design: the expression compiles to a flat postfix program (constants folded,
/// `x^2` as one squaring, `x^c` and `a^x` as single instructions) that runs on a stack
/// buffer of at most `stackSize` slots taken with `withUnsafeTemporaryAllocation`, so an
/// evaluation allocates nothing on the heap and the grid's rows can share one `Formula`
/// across threads. The same program runs on plain numbers (the value), on value–gradient
/// pairs (forward-mode automatic differentiation) and on value–gradient–Hessian jets
/// (second-order forward mode): derivatives are exact, never finite differences. Where the
/// formula is undefined (log of a negative number, division by zero) the result is NaN or
/// ±inf, never a trap.
public struct Formula: Sendable, CustomStringConvertible {
    /// The most levels of parentheses, function calls, signs and powers one formula may nest.
    public static let maximumNesting = 64
    /// Every name a formula may use: the variables, the constants and the functions.
    public static var names: [String] { FormulaCompiler.knownNames }

    /// The formula as written.
    public let source: String
    let program: [FormulaInstruction]
    /// The deepest the evaluation stack gets, computed once at compile time.
    let stackSize: Int

    /// Compiles `source`, or throws its first mistake with the byte offset where it is.
    public init(_ source: String) throws(FormulaError) {
        self.source = source
        self.program = try FormulaCompiler.compile(source)
        var depth = 0, deepest = 0
        for instruction in program {
            switch instruction {
            case .constant, .variable: depth += 1
            case .binary: depth -= 1
            case .negate, .unary: break
            }
            deepest = max(deepest, depth)
        }
        precondition(depth == 1, "Formula: compiled program leaves \(depth) values on the stack")
        self.stackSize = deepest
    }

    public var description: String { source }

    /// The number of instructions the formula compiled to (after constant folding).
    public var instructionCount: Int { program.count }

    /// The formula's value at `w`; NaN or ±inf where it is undefined.
    public func value(at w: Weights) -> Double {
        run(at: w, as: Double.self)
    }

    /// The exact gradient at `w`, by forward-mode automatic differentiation.
    public func gradient(at w: Weights) -> Weights {
        let d = run(at: w, as: FormulaDual.self)
        return Weights(d.d1, d.d2)
    }

    /// The exact Hessian at `w`, by second-order forward-mode automatic differentiation.
    public func hessian(at w: Weights) -> Hessian {
        let j = run(at: w, as: FormulaJet.self)
        return Hessian(h11: j.h11, h12: j.h12, h22: j.h22)
    }

    /// Runs the postfix program on numbers of type `T`. `top` indexes the topmost live slot.
    @inline(__always)
    private func run<T: FormulaNumber>(at w: Weights, as type: T.Type) -> T {
        withUnsafeTemporaryAllocation(of: T.self, capacity: stackSize) { stack in
            let s = stack.baseAddress!
            var top = -1
            program.withUnsafeBufferPointer { code in
                for instruction in code {
                    switch instruction {
                    case .constant(let c):
                        top += 1
                        (s + top).initialize(to: T(constant: c))
                    case .variable(let index):
                        top += 1
                        (s + top).initialize(to: T.variable(index, at: w))
                    case .negate:
                        s[top] = -s[top]
                    case .unary(let op):
                        s[top] = s[top].applying(op)
                    case .binary(let op):
                        s[top - 1] = T.combine(s[top - 1], s[top], op)
                        top -= 1
                    }
                }
            }
            return s[0]
        }
    }
}
