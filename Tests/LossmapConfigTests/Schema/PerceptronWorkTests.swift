import Testing

@Suite struct PerceptronWorkTests {
    /// A sigmoid perceptron on `rows` inline points with one run of `steps` steps.
    func config(rows: Int, steps: Int, activation: String = "sigmoid", loss: String = "cross-entropy") -> String {
        let points = (0..<rows).map { i in "[\(Double(i % 7) / 7), \(Double(i % 5) / 5), \(i % 2)]" }.joined(separator: ", ")
        return """
            [surface]
            model = "perceptron"
            activation = "\(activation)"
            loss = "\(loss)"
            points = [\(points)]
            resolution = 100
            w1 = [-4, 4]
            w2 = [-4, 4]
            [optimizer]
            steps = \(steps)
            learning_rates = [0.5]
            """
    }

    @Test("descents that would visit more than 1e9 data rows are refused, naming the numbers")
    func tooMuchDescentWork() {
        let message = failure(config(rows: 10_000, steps: 200_000))
        #expect(message == "test.toml:10:1: error: the descents on this perceptron cost 10,000 data rows × 200,000 steps = 2,000,000,000 row visits, more than the 1,000,000,000 allowed")
        #expect(failure(config(rows: 10_000, steps: 100_000)) == nil)
    }

    @Test("a linear perceptron with mse costs the same per step however many rows, so it has no such limit")
    func closedFormIsExempt() {
        #expect(failure(config(rows: 10_000, steps: 200_000, activation: "linear", loss: "mse")) == nil)
    }
}
