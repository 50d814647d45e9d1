// The second stage of reading a formula: tokens to a flat postfix program, in one pass.
//
// A recursive-descent parser that emits code as it goes instead of building a tree: postfix
// order falls out of parsing the operands before emitting their operator, and there is no
// tree whose (recursive) destruction could overflow the stack on `w1+w1+…+w1`. Sums and
// products are loops, not recursion; only parentheses, function arguments, signs and
// exponents recurse, and each of those passes through `nested`, which stops at
// `Formula.maximumNesting` levels, so no input can exhaust the stack.
//
// Grammar, loosest binding first:
//   sum     := product (("+" | "-") product)*
//   product := signed (("*" | "/") signed)*
//   signed  := ("-" | "+") signed | power          -- so -w1^2 is −(w1²)
//   power   := primary ("^" signed)?               -- right-associative: 2^3^2 = 2^9
//   primary := number | "w1" | "w2" | "pi" | "e" | function "(" sum ("," sum)* ")" | "(" sum ")"

import Foundation

/// One instruction of a compiled formula, run on a stack of numbers.
enum FormulaInstruction: Sendable, Equatable {
    /// Push a constant.
    case constant(Double)
    /// Push w1 (0) or w2 (1).
    case variable(Int)
    /// Replace the top with its negation.
    case negate
    /// Replace the top with f(top).
    case unary(FormulaUnary)
    /// Pop b, replace the new top a with f(a, b).
    case binary(FormulaBinary)
}

/// The functions a formula may call, by the name it is called with.
enum FormulaFunction: String, CaseIterable, Sendable {
    case sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, min, max

    var arity: Int { self == .min || self == .max ? 2 : 1 }
}

struct FormulaCompiler {
    private let tokens: [FormulaToken]
    private var position = 0
    private var depth = 0
    private(set) var code: [FormulaInstruction] = []

    /// Every name a formula may use, for "did you mean …?".
    static let knownNames: [String] = ["w1", "w2", "pi", "e"] + FormulaFunction.allCases.map(\.rawValue)

    /// Compiles `source`, or throws the first mistake in it.
    static func compile(_ source: String) throws(FormulaError) -> [FormulaInstruction] {
        var compiler = FormulaCompiler(tokens: try FormulaLexer.tokens(of: source))
        try compiler.compileAll()
        return compiler.code
    }

    private init(tokens: [FormulaToken]) { self.tokens = tokens }

    private var current: FormulaToken { tokens[position] }
    private var previous: FormulaToken? { position > 0 ? tokens[position - 1] : nil }

    private mutating func compileAll() throws(FormulaError) {
        if current.kind == .end {
            throw FormulaError(offset: 0, message: "the formula is empty", hint: "for example: (1 - w1)^2 + 100*(w2 - w1^2)^2")
        }
        try sum()
        switch current.kind {
        case .end: return
        case .rightParen: throw FormulaError(offset: current.offset, message: "unbalanced parenthesis: this `)` has no matching `(`")
        default: throw unexpectedAfterOperand()
        }
    }

    /// Runs `body` one nesting level deeper, refusing to go past the limit. Called just after
    /// the token that opens the level (`(`, `-`, `+`, `^`), which the error points at.
    private mutating func nested(_ body: (inout FormulaCompiler) throws(FormulaError) -> Void) throws(FormulaError) {
        guard depth < Formula.maximumNesting else {
            let opener = previous ?? current
            throw FormulaError(offset: opener.offset, length: opener.length,
                               message: "nesting too deep: more than \(Formula.maximumNesting) levels of parentheses, functions, signs or powers")
        }
        depth += 1
        defer { depth -= 1 }
        try body(&self)
    }

    private mutating func sum() throws(FormulaError) {
        let start = code.count
        try product()
        while true {
            let op: FormulaBinary
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return
            }
            position += 1
            let right = code.count
            try product()
            emitBinary(op, left: start, right: right)
        }
    }

    private mutating func product() throws(FormulaError) {
        let start = code.count
        try signed()
        while true {
            let op: FormulaBinary
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return
            }
            position += 1
            let right = code.count
            try signed()
            emitBinary(op, left: start, right: right)
        }
    }

    private mutating func signed() throws(FormulaError) {
        switch current.kind {
        case .minus:
            position += 1
            try nested { (c) throws(FormulaError) in try c.signed() }
            if case .constant(let v) = code.last {
                code[code.count - 1] = .constant(-v)
            } else {
                code.append(.negate)
            }
        case .plus:
            position += 1
            try nested { (c) throws(FormulaError) in try c.signed() }
        default:
            try power()
        }
    }

    private mutating func power() throws(FormulaError) {
        let start = code.count
        try primary()
        guard current.kind == .caret else { return }
        position += 1
        let right = code.count
        try nested { (c) throws(FormulaError) in try c.signed() }
        emitBinary(.power, left: start, right: right)
    }

    private mutating func primary() throws(FormulaError) {
        let token = current
        switch token.kind {
        case .number(let v):
            position += 1
            code.append(.constant(v))
        case .name(let name):
            position += 1
            switch name {
            case "w1": code.append(.variable(0))
            case "w2": code.append(.variable(1))
            case "pi": code.append(.constant(Double.pi))
            case "e": code.append(.constant(M_E))
            default:
                guard let function = FormulaFunction(rawValue: name) else {
                    let hint = Self.closestName(to: name).map { "did you mean `\($0)`?" }
                        ?? "known names: " + Self.knownNames.joined(separator: ", ")
                    throw FormulaError(offset: token.offset, length: token.length, message: "unknown name `\(name)`", hint: hint)
                }
                try call(function, at: token)
            }
        case .leftParen:
            position += 1
            try nested { (c) throws(FormulaError) in try c.sum() }
            try close(openedAt: token)
        default:
            throw missingOperand()
        }
    }

    private mutating func call(_ function: FormulaFunction, at name: FormulaToken) throws(FormulaError) {
        let open = current
        guard open.kind == .leftParen else {
            throw FormulaError(offset: name.offset, length: name.length, message: "`\(name.spelling)` is a function and needs an argument in parentheses",
                               hint: "write \(name.spelling)(…)")
        }
        position += 1
        var starts: [Int] = []
        if current.kind != .rightParen {
            while true {
                starts.append(code.count)
                try nested { (c) throws(FormulaError) in try c.sum() }
                guard current.kind == .comma else { break }
                position += 1
            }
        }
        try close(openedAt: open)
        guard starts.count == function.arity else {
            let expected = function.arity == 1 ? "1 argument" : "\(function.arity) arguments"
            throw FormulaError(offset: name.offset, length: name.length,
                               message: "wrong number of arguments: `\(name.spelling)` takes \(expected), found \(starts.count)")
        }
        switch function {
        case .min: emitBinary(.minimum, left: starts[0], right: starts[1])
        case .max: emitBinary(.maximum, left: starts[0], right: starts[1])
        case .sin: emitUnary(.sin)
        case .cos: emitUnary(.cos)
        case .tan: emitUnary(.tan)
        case .exp: emitUnary(.exp)
        case .log: emitUnary(.log)
        case .sqrt: emitUnary(.sqrt)
        case .abs: emitUnary(.abs)
        case .tanh: emitUnary(.tanh)
        case .sigmoid: emitUnary(.sigmoid)
        }
    }

    /// Consumes the `)` that closes `open`, or explains why it is not there.
    private mutating func close(openedAt open: FormulaToken) throws(FormulaError) {
        switch current.kind {
        case .rightParen:
            position += 1
        case .end:
            throw FormulaError(offset: open.offset, message: "unbalanced parenthesis: this `(` is never closed",
                               hint: "add a `)` at the end")
        case .comma:
            throw FormulaError(offset: current.offset, message: "unexpected `,`: only min and max take two arguments")
        default:
            throw unexpectedAfterOperand()
        }
    }

    // MARK: - Messages

    /// An operand was expected at the current token.
    private func missingOperand() -> FormulaError {
        let token = current
        let after = previous.map { " after `\($0.spelling)`" } ?? ""
        switch token.kind {
        case .end:
            return FormulaError(offset: token.offset, message: "missing operand\(after) at the end of the formula")
        case .rightParen where previous?.kind == .leftParen:
            return FormulaError(offset: token.offset, message: "missing operand: empty parentheses")
        case .comma:
            return FormulaError(offset: token.offset, message: "missing operand\(after) before `,`")
        default:
            return FormulaError(offset: token.offset, length: token.length,
                                message: "missing operand\(after) before `\(token.spelling)`")
        }
    }

    /// A complete operand is followed by something that cannot follow it.
    private func unexpectedAfterOperand() -> FormulaError {
        let token = current
        switch token.kind {
        case .number, .name, .leftParen:
            let before = previous?.spelling ?? ""
            return FormulaError(offset: token.offset, length: token.length,
                                message: "missing operator between `\(before)` and `\(token.spelling)`",
                                hint: "write `*` for a product, as in 2*w1")
        case .comma:
            return FormulaError(offset: token.offset, message: "unexpected `,`: only min and max take two arguments")
        default:
            return FormulaError(offset: token.offset, length: token.length,
                                message: "unexpected `\(token.spelling)` after the end of the formula")
        }
    }

    /// The known name nearest to `name` (by edit distance, ignoring case), if it is a plausible typo.
    static func closestName(to name: String) -> String? {
        let limit = name.count <= 3 ? 1 : Swift.min(3, Swift.max(2, name.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in knownNames {
            let d = editDistance(Array(name.lowercased().utf8), Array(candidate.utf8))
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// The edit distance of two names (see `EditDistance`).
    static func editDistance(_ s: [UInt8], _ t: [UInt8]) -> Int { EditDistance.between(s, t) }

    // MARK: - Emission with constant folding

    // A postfix operand that ends in `.constant` is exactly that one constant (anything longer
    // ends in an operator), so "left operand starts at `left` and is one constant" is a
    // complete test. Folding uses the same `value` functions as the evaluator, so a folded
    // formula evaluates to the same bits as an unfolded one.

    private mutating func emitBinary(_ op: FormulaBinary, left: Int, right: Int) {
        let leftConstant = right == left + 1 ? constantValue(at: left) : nil
        let rightConstant = code.count == right + 1 ? constantValue(at: right) : nil
        if let a = leftConstant, let b = rightConstant {
            code.removeLast(2)
            code.append(.constant(op.value(a, b)))
            return
        }
        guard op == .power else {
            code.append(.binary(op))
            return
        }
        if let c = rightConstant {
            // x^c with c fixed: the derivative c·x^(c−1) is defined for negative x too.
            code.removeLast()
            if c == 2 { code.append(.unary(.square)) } else if c != 1 { code.append(.unary(.power(c))) }
        } else if let a = leftConstant {
            // a^x with a fixed: e^x is exp(x) exactly.
            code.remove(at: left)
            code.append(.unary(a == M_E ? .exp : .exponential(base: a)))
        } else {
            code.append(.binary(.power))
        }
    }

    private mutating func emitUnary(_ op: FormulaUnary) {
        if case .constant(let v) = code.last {
            code[code.count - 1] = .constant(op.value(v))
        } else {
            code.append(.unary(op))
        }
    }

    private func constantValue(at index: Int) -> Double? {
        if case .constant(let v) = code[index] { return v }
        return nil
    }
}
