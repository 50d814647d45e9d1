import LossmapCore
import Testing

/// Every kind of mistake, with the exact byte offset and message the user sees.
@Suite struct FormulaErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var expression: String
        var offset: Int
        var message: String
        var hint: String? = nil
        var description: String { expression.count > 40 ? String(expression.prefix(40)) + "…" : expression }
    }

    static let cases: [Case] = [
        Case(expression: "", offset: 0, message: "the formula is empty",
             hint: "for example: (1 - w1)^2 + 100*(w2 - w1^2)^2"),
        Case(expression: "   ", offset: 0, message: "the formula is empty",
             hint: "for example: (1 - w1)^2 + 100*(w2 - w1^2)^2"),
        Case(expression: "sqr(w1)", offset: 0, message: "unknown name `sqr`", hint: "did you mean `sqrt`?"),
        Case(expression: "w1 + W2", offset: 5, message: "unknown name `W2`", hint: "did you mean `w2`?"),
        Case(expression: "2 * sigmiod(w1)", offset: 4, message: "unknown name `sigmiod`", hint: "did you mean `sigmoid`?"),
        Case(expression: "foo", offset: 0, message: "unknown name `foo`",
             hint: "known names: w1, w2, pi, e, sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, min, max"),
        Case(expression: "(w1 + 2", offset: 0, message: "unbalanced parenthesis: this `(` is never closed", hint: "add a `)` at the end"),
        Case(expression: "sin(w1 + (w2)", offset: 3, message: "unbalanced parenthesis: this `(` is never closed", hint: "add a `)` at the end"),
        Case(expression: "w1 + 2)", offset: 6, message: "unbalanced parenthesis: this `)` has no matching `(`"),
        Case(expression: "w1 + ", offset: 5, message: "missing operand after `+` at the end of the formula"),
        Case(expression: "w1^", offset: 3, message: "missing operand after `^` at the end of the formula"),
        Case(expression: "* w1", offset: 0, message: "missing operand before `*`"),
        Case(expression: "w1 * / 2", offset: 5, message: "missing operand after `*` before `/`"),
        Case(expression: "()", offset: 1, message: "missing operand: empty parentheses"),
        Case(expression: "max(w1, )", offset: 8, message: "missing operand after `,` before `)`"),
        Case(expression: "min(w1)", offset: 0, message: "wrong number of arguments: `min` takes 2 arguments, found 1"),
        Case(expression: "max()", offset: 0, message: "wrong number of arguments: `max` takes 2 arguments, found 0"),
        Case(expression: "sin(w1, w2)", offset: 0, message: "wrong number of arguments: `sin` takes 1 argument, found 2"),
        Case(expression: "sin w1", offset: 0, message: "`sin` is a function and needs an argument in parentheses", hint: "write sin(…)"),
        Case(expression: "w1 w2", offset: 3, message: "missing operator between `w1` and `w2`", hint: "write `*` for a product, as in 2*w1"),
        Case(expression: "2w1", offset: 1, message: "missing operator between `2` and `w1`", hint: "write `*` for a product, as in 2*w1"),
        Case(expression: "(w1)(w2)", offset: 4, message: "missing operator between `)` and `(`", hint: "write `*` for a product, as in 2*w1"),
        Case(expression: "w1, w2", offset: 2, message: "unexpected `,`: only min and max take two arguments"),
        Case(expression: "w1 ** 2", offset: 3, message: "`**` is not an operator", hint: "write powers with `^`, as in w1^2"),
        Case(expression: "w1 $ 2", offset: 3, message: "unexpected character `$`",
             hint: "a formula uses numbers, w1, w2, pi, e, + - * / ^, parentheses and functions"),
        // Offsets count UTF-8 bytes: `é` is two.
        Case(expression: "w1 + é", offset: 5, message: "unexpected character `é`",
             hint: "a formula uses numbers, w1, w2, pi, e, + - * / ^, parentheses and functions"),
        Case(expression: "1e999 * w1", offset: 0, message: "the number `1e999` is too large"),
        Case(expression: String(repeating: "(", count: 65) + "w1" + String(repeating: ")", count: 65), offset: 64,
             message: "nesting too deep: more than 64 levels of parentheses, functions, signs or powers"),
    ]

    @Test("each mistake is reported at its byte offset with its message and hint", arguments: cases)
    func reportsMistake(_ c: Case) {
        #expect(throws: FormulaError(offset: c.offset, length: errorLength(c), message: c.message, hint: c.hint)) {
            try Formula(c.expression)
        }
    }

    /// The length is part of the error but not what these cases are about: take it from the actual error.
    private func errorLength(_ c: Case) -> Int {
        do {
            _ = try Formula(c.expression)
            return 0
        } catch {
            return error.length
        }
    }

    @Test("an unknown name's error spans the whole name, a non-ASCII character all its bytes")
    func spans() {
        #expect(throws: FormulaError(offset: 4, length: 7, message: "unknown name `sigmiod`", hint: "did you mean `sigmoid`?")) {
            try Formula("2 * sigmiod(w1)")
        }
        #expect(throws: FormulaError(offset: 5, length: 2, message: "unexpected character `é`",
                                     hint: "a formula uses numbers, w1, w2, pi, e, + - * / ^, parentheses and functions")) {
            try Formula("w1 + é")
        }
    }

    @Test("10,000 opening parentheses, signs or powers are refused at the limit without a stack overflow",
          arguments: [String(repeating: "(", count: 10_000), String(repeating: "-", count: 10_000) + "w1",
                      Array(repeating: "w1", count: 10_000).joined(separator: "^"),
                      String(repeating: "sin(", count: 10_000) + "w1"])
    func deepNesting(_ expression: String) {
        do {
            _ = try Formula(expression)
            Issue.record("expected a nesting error")
        } catch {
            #expect(error.message.hasPrefix("nesting too deep"))
            #expect(error.offset < 300)
        }
    }

    @Test("a formula's long name or number is quoted in sixty characters and an ellipsis")
    func longPiecesQuotedShort() {
        let name = String(repeating: "q", count: 4_000)
        #expect(throws: FormulaError(offset: 0, length: 4_000, message: "unknown name `\(String(repeating: "q", count: 60))…`",
                                     hint: "known names: w1, w2, pi, e, sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, min, max")) {
            try Formula(name)
        }
        let digits = String(repeating: "9", count: 400) + "e999"
        do {
            _ = try Formula(digits + " + w1")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "the number `\(String(repeating: "9", count: 60))…` is too large")
        }
    }
}
