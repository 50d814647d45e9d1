/// A loss surface given by a formula, as a teacher writes it on the board.
public struct FormulaSurface: LossSurface {
    /// The compiled formula.
    public let formula: Formula
    /// The minima to mark with stars; a formula's minima are not known unless given.
    public let minima: [Weights]

    /// Compiles `expression`; throws its first mistake, with the byte offset within the expression.
    public init(expression: String, minima: [Weights] = []) throws(FormulaError) {
        self.init(formula: try Formula(expression), minima: minima)
    }

    /// Wraps an already compiled formula.
    public init(formula: Formula, minima: [Weights] = []) {
        self.formula = formula
        self.minima = minima
    }

    public func value(at w: Weights) -> Double { formula.value(at: w) }
    public func gradient(at w: Weights) -> Weights { formula.gradient(at: w) }
    public func hessian(at w: Weights) -> Hessian? { formula.hessian(at: w) }
}
