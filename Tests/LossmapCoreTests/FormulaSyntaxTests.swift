import Foundation
import LossmapCore
import Testing

@Suite struct FormulaSyntaxTests {
    static let cases: [(String, Weights, Double)] = [
        ("-w1^2", Weights(3, 0), -9),            // a leading minus binds looser than ^
        ("-2^2", Weights(0, 0), -4),
        ("(-2)^2", Weights(0, 0), 4),
        ("2^3^2", Weights(0, 0), 512),           // ^ is right-associative
        ("2^-1", Weights(0, 0), 0.5),            // a sign may start an exponent
        ("w1^-w2", Weights(2, 2), 0.25),
        ("1 - 2 - 3", Weights(0, 0), -4),        // - and / are left-associative
        ("8 / 4 / 2", Weights(0, 0), 1),
        ("2 + 3 * 4", Weights(0, 0), 14),
        ("2 * 3 ^ 2", Weights(0, 0), 18),
        ("-w1 * w2", Weights(2, 5), -10),
        ("w1 * -w2", Weights(2, 5), -10),
        ("- -w1", Weights(7, 0), 7),
        ("+w1 - +w2", Weights(7, 2), 5),
        ("1e-3 * 1000", Weights(0, 0), 1),
        ("2.5E+1 + .5", Weights(0, 0), 25.5),
        ("sin(pi / 2) + cos(0)", Weights(0, 0), 2),
        ("log(e) + exp(0)", Weights(0, 0), 2),
        ("sqrt(w1) + abs(w2)", Weights(9, -4), 7),
        ("tanh(0) + sigmoid(0) + tan(0)", Weights(0, 0), 0.5),
        ("min(w1, w2) + max(w1, w2)", Weights(3, -1), 2),
        ("min(3, max(w1, 1))", Weights(10, 0), 3),
        ("2^w1", Weights(3, 0), 8),
        ("(1 - w1)^2 + 100*(w2 - w1^2)^2", Weights(-1.5, 2), 12.5),
        ("  w1\t+\nw2 ", Weights(1, 2), 3),
    ]

    @Test("precedence, associativity, signs, numbers, constants and functions evaluate as written",
          arguments: cases.indices)
    func evaluatesAsWritten(_ index: Int) throws {
        let (expression, w, expected) = Self.cases[index]
        let value = try Formula(expression).value(at: w)
        #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "\(expression) at \(w) = \(value), expected \(expected)")
    }

    @Test("constant subexpressions fold at compile time: 2*pi*w1 compiles to 3 instructions")
    func constantFolding() throws {
        let f = try Formula("2*pi*w1")
        #expect(f.instructionCount == 3)
        #expect(f.value(at: Weights(1, 0)) == 2 * Double.pi)
        #expect(try Formula("sin(pi/6) * 4").instructionCount == 1)
    }

    @Test("a sum of 100,000 terms compiles and evaluates without recursion")
    func longFlatSum() throws {
        let expression = Array(repeating: "w1", count: 100_000).joined(separator: " + ")
        let f = try Formula(expression)
        #expect(f.value(at: Weights(2, 0)) == 200_000)
        #expect(f.gradient(at: Weights(2, 0)) == Weights(100_000, 0))
    }

    @Test("64 levels of parentheses are allowed")
    func nestingAtTheLimit() throws {
        let f = try Formula(String(repeating: "(", count: 64) + "w1" + String(repeating: ")", count: 64))
        #expect(f.value(at: Weights(4, 0)) == 4)
        #expect(Formula.maximumNesting == 64)
    }

    @Test("a formula surface knows no minima unless it is told them")
    func minimaAreGiven() throws {
        #expect(try FormulaSurface(expression: "w1^2 + w2^2").minima.isEmpty)
        #expect(try FormulaSurface(expression: "w1^2 + w2^2", minima: [Weights(0, 0)]).minima == [Weights(0, 0)])
    }
}
