import Foundation
import LossmapCore
import Testing

/// The heavy-ball phase diagram: its lattice, its ρ = 1 boundary, Polyak's optimum, and real
/// runs over the same kind of lattice.
@Suite struct PhaseGridTests {
    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), .leastNormalMagnitude) }

    @Test("the cells are sampled at their centres, rates along columns and momenta along rows, row-major")
    func linearLayout() {
        let grid = PhaseGrid(eigenvalues: (1, 10), rates: 0.1...0.5, logRates: false, momenta: 0...0.9, columns: 4, rows: 3)
        #expect(grid.columns == 4 && grid.rows == 3 && grid.radius.count == 12)
        for (rate, expected) in zip(grid.rates, [0.15, 0.25, 0.35, 0.45]) { #expect(abs(rate - expected) < 1e-15) }
        for (β, expected) in zip(grid.momenta, [0.15, 0.45, 0.75]) { #expect(abs(β - expected) < 1e-15) }
        for row in 0..<3 {
            for column in 0..<4 {
                let expected = ConvergenceFactor.spectralRadius(of: .momentum(beta: grid.momenta[row]), rate: grid.rates[column],
                                                                eigenvalues: (1, 10))
                #expect(grid.radius(column: column, row: row) == expected)
                #expect(grid.radius[row * 4 + column] == expected)
            }
        }
        #expect(grid.smallestEigenvalue == 1 && grid.largestEigenvalue == 10 && !grid.logRates)
    }

    @Test("on a log axis the rates are the geometric centres of equal-ratio cells")
    func logLayout() {
        let grid = PhaseGrid(eigenvalues: (1, 10), rates: 1e-3...10, logRates: true, momenta: 0...1, columns: 4, rows: 2)
        // log10 from −3 to 1 in 4 cells of 1 decade: centres at 10^−2.5, 10^−1.5, 10^−0.5, 10^0.5.
        for (rate, exponent) in zip(grid.rates, [-2.5, -1.5, -0.5, 0.5]) {
            #expect(Self.relativeError(rate, pow(10, exponent)) < 1e-14, "\(rate)")
        }
        for (a, b) in zip(grid.rates, grid.rates.dropFirst()) { #expect(Self.relativeError(b / a, 10) < 1e-14) }
        #expect(grid.momenta == [0.25, 0.75])
        #expect(grid.radius.count == 8)
    }

    @Test("a 1 × 1 grid samples the middle of both ranges")
    func singleCell() {
        let grid = PhaseGrid(eigenvalues: (2, 2), rates: 0.1...0.3, logRates: false, momenta: 0.2...0.4, columns: 1, rows: 1)
        #expect(abs(grid.rates[0] - 0.2) < 1e-15 && abs(grid.momenta[0] - 0.3) < 1e-15)
        #expect(grid.radius(column: 0, row: 0) == ConvergenceFactor.heavyBall(rate: grid.rates[0], momentum: grid.momenta[0], eigenvalue: 2))
    }

    @Test("a cell converges (ρ < 1) exactly when its rate is below 2(1 + β)/λmax")
    func criticalBoundary() {
        #expect(PhaseGrid.criticalRate(momentum: 0.9, largestEigenvalue: 10) == 2 * 1.9 / 10)
        #expect(PhaseGrid.criticalRate(momentum: 0, largestEigenvalue: 20) == 0.1)
        let grid = PhaseGrid(eigenvalues: (0.5, 10), rates: 1e-3...2, logRates: true, momenta: 0...0.99, columns: 60, rows: 25)
        for row in 0..<grid.rows {
            let critical = PhaseGrid.criticalRate(momentum: grid.momenta[row], largestEigenvalue: 10)
            for column in 0..<grid.columns where abs(grid.rates[column] / critical - 1) > 1e-9 {
                #expect((grid.radius(column: column, row: row) < 1) == (grid.rates[column] < critical),
                        "η = \(grid.rates[column]), β = \(grid.momenta[row])")
            }
        }
    }

    @Test("Polyak's optimum has ρ* = (√κ − 1)/(√κ + 1), β* = ρ*², η* = (2/(√λmax + √λmin))²")
    func polyakOptimum() {
        // κ = 100: ρ* = 9/11, β* = 81/121, η* = (2/11)² = 4/121.
        let best = PhaseGrid.optimal(eigenvalues: (1, 100))
        #expect(Self.relativeError(best.radius, 9.0 / 11) < 1e-15)
        #expect(Self.relativeError(best.momentum, 81.0 / 121) < 1e-15)
        #expect(Self.relativeError(best.rate, 4.0 / 121) < 1e-15)
        for (λmin, λmax) in [(0.3994, 1001.6), (2.0, 3.0), (5.0, 5.0), (1e-8, 1.0)] {
            let κ = λmax / λmin
            let optimum = PhaseGrid.optimal(eigenvalues: (λmin, λmax))
            #expect(Self.relativeError(optimum.radius, (κ.squareRoot() - 1) / (κ.squareRoot() + 1)) < 1e-12, "κ = \(κ)")
            #expect(Self.relativeError(optimum.momentum, optimum.radius * optimum.radius) < 1e-15)
            // Both extreme directions are critically damped there and every direction in between
            // spirals in at √β*: the closed form agrees.
            if optimum.radius > 0 {
                for λ in [λmin, (λmin * λmax).squareRoot(), λmax] {
                    let ρ = ConvergenceFactor.heavyBall(rate: optimum.rate, momentum: optimum.momentum, eigenvalue: λ)
                    #expect(abs(ρ - optimum.radius) < 1e-7, "κ = \(κ), λ = \(λ): \(ρ) vs \(optimum.radius)")
                }
            }
        }
        let saddle = PhaseGrid.optimal(eigenvalues: (-1, 4))
        #expect(saddle.rate.isNaN && saddle.momentum.isNaN && saddle.radius.isNaN)
    }

    @Test("no cell of a fine grid beats Polyak's optimum, and the best cell is next to it")
    func optimumIsTheGridMinimum() throws {
        let eigenvalues = (smaller: 1.0, larger: 100.0)
        let optimum = PhaseGrid.optimal(eigenvalues: eigenvalues)
        let grid = PhaseGrid(eigenvalues: eigenvalues, rates: 0.001...0.1, logRates: true, momenta: 0...0.99, columns: 200, rows: 200)
        let lowest = try #require(grid.radius.indices.min { grid.radius[$0] < grid.radius[$1] })
        #expect(grid.radius[lowest] >= optimum.radius - 1e-12)
        let (row, column) = lowest.quotientAndRemainder(dividingBy: grid.columns)
        #expect(abs(log(grid.rates[column] / optimum.rate)) < 0.1, "best rate \(grid.rates[column]) vs \(optimum.rate)")
        #expect(abs(grid.momenta[row] - optimum.momentum) < 0.02, "best β \(grid.momenta[row]) vs \(optimum.momentum)")
    }

    @Test("real runs on 0.5w1² + 5w2²: small rates converge, rates far above 2(1 + β)/λmax diverge")
    func latticeOutcomes() {
        let bowl = Quadratic(curvatures: (1, 10))
        let rates = [0.01, 0.05, 1.5, 4.0], momenta = [0.0, 0.5, 0.9]
        for window in [(w1: -2.0...2.0, w2: -2.0...2.0), nil] {
            let lattice = PhaseLattice(surface: bowl, start: Weights(1, 1), steps: 5000, rates: rates, momenta: momenta, window: window)
            #expect(lattice.columns == 4 && lattice.rows == 3 && lattice.outcomes.count == 12 && lattice.finalLosses.count == 12)
            for (row, β) in momenta.enumerated() {
                let critical = PhaseGrid.criticalRate(momentum: β, largestEigenvalue: 10)  // 0.2, 0.3, 0.38
                for (column, η) in rates.enumerated() {
                    let outcome = lattice.outcome(column: column, row: row)
                    if η < critical / 2 {
                        if case .converged = outcome {} else { Issue.record("η = \(η), β = \(β): \(outcome)") }
                        #expect(lattice.finalLoss(column: column, row: row) < 1e-15)
                    } else if η > 3 * critical {
                        #expect(outcome.isDiverged, "η = \(η), β = \(β): \(outcome)")
                        #expect(lattice.finalLoss(column: column, row: row).isFinite)
                    }
                }
            }
        }
    }

    @Test("each cell of the lattice is the run a contour figure would draw with that rate and momentum")
    func latticeMatchesSingleRuns() {
        let window = (w1: -2.0...2.0, w2: -1.0...3.0)
        let rates = [1e-4, 1e-3, 2e-3, 5e-3], momenta = [0.0, 0.8, 0.95]
        let lattice = PhaseLattice(surface: Rosenbrock(), start: Weights(-1.5, 2), steps: 300, rates: rates, momenta: momenta, window: window)
        let stopping = Stopping(maxSteps: 300, escapeBox: Stopping.escapeBox(around: window.w1, window.w2))
        for (row, β) in momenta.enumerated() {
            for (column, η) in rates.enumerated() {
                let run = Descent(method: .momentum(beta: β), learningRate: η, start: Weights(-1.5, 2), stopping: stopping).run(on: Rosenbrock())
                let i = row * rates.count + column
                #expect(lattice.outcomes[i] == run.outcome && lattice.finalLosses[i] == run.finalLoss
                        && lattice.stepsTaken[i] == run.stepsTaken, "η = \(η), β = \(β)")
            }
        }
    }
}
