import LossmapCore
import LossmapScene

/// The lines of a step's callout, written with Unicode subscripts (no TeX): w₃, ∇L(w₃), the
/// step, w₄ and the loss before and after. Every number is the trajectory's own.
enum ExplanationText {
    /// `n` in subscript digits: 12 → "₁₂".
    static func subscripted(_ n: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(n).map { $0 == "-" ? "₋" : digits[Int(String($0))!] })
    }

    /// A number in three significant digits with a typographic minus.
    static func number(_ x: Double) -> String { NumberFormatting.typographic(NumberFormatting.significant(x, digits: 3)) }

    static func vector(_ w: Weights) -> String { "(\(number(w.x)), \(number(w.y)))" }

    /// The heading ("the step from w₃ to w₄ of η = 0.19 (0.95 η_crit)") and the lines beneath it.
    static func lines(_ e: StepExplanation, runLabel: String) -> (heading: String, lines: [String]) {
        let k = subscripted(e.step), next = subscripted(e.step + 1)
        var lines = ["w\(k) = \(vector(e.point))",
                     "∇L(w\(k)) = \(vector(e.gradient))"]
        let η = number(e.learningRate)
        if e.isGradientStep {
            lines.append("η∇L = \(η) × ∇L = \(vector(e.learningRate * e.gradient))")
            lines.append("w\(next) = w\(k) − η∇L = \(vector(e.next))")
        } else {
            lines.append("−η∇L = \(vector(e.gradientStep)), but the step taken is")
            lines.append("w\(next) − w\(k) = \(vector(e.taken)) (\(e.method.name))")
            lines.append("w\(next) = \(vector(e.next))")
        }
        let change = e.lossAfter - e.lossBefore
        let verdict: String
        if !e.lossAfter.isFinite {
            verdict = "the loss is no longer finite"
        } else if change < 0 {
            verdict = "down \(number(-change))"
        } else if change > 0 {
            verdict = "up \(number(change)): overshoot"
        } else {
            verdict = "unchanged"
        }
        lines.append("L(w\(k)) = \(number(e.lossBefore)) → L(w\(next)) = \(number(e.lossAfter)), \(verdict)")
        if let stopped = e.stoppedAt {
            lines.append("(the run stopped at step \(stopped); this is its last step)")
        }
        return ("the step from w\(k) to w\(next) of \(runLabel)", lines)
    }
}
