import Foundation
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing

/// `kind = "phase"` computed on the bowl w1² + 10·w2² (λ = 2 and 20, η_crit = 2/20 = 0.1):
/// the rate axis by default and as asked, the runs' places, the real runs' lattice, and a
/// clean error where there is no strict minimum.
@Suite("The phase diagram")
struct PhaseDiagramTests {
    static let file = SourceFile(name: "phase.toml", text: "kind = \"phase\"\n[phase]\nfrom = 0.1\n")

    func spec(_ phase: PhaseSpec, surface: any LossSurface = Quadratic(curvatures: (2, 20)), runs: [RunSpec] = []) -> FigureSpec {
        let surfaceSpec = SurfaceSpec(surface: surface, name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 16)
        var spec = FigureSpec(title: "", width: 800, height: 500, surface: surfaceSpec, runs: runs)
        var phase = phase
        phase.start = Weights(-1.5, 1)
        phase.site = SpecSite(file: Self.file, offset: 15)  // line 2, column 1: the [phase] header
        spec.kind = .phase(phase)
        return spec
    }

    func diagram(_ phase: PhaseSpec = PhaseSpec(), runs: [RunSpec] = []) throws -> PhaseDiagram {
        try #require(try Scene(spec(phase, runs: runs)).phase)
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b))
    }

    @Test("by default the rates run from η_crit/100 to 1.5 × 2(1 + β_max)/λmax, on a log axis, absolute")
    func defaultRates() throws {
        let phase = try diagram()
        #expect(close(phase.criticalRate, 0.1))
        #expect(close(phase.rates.lowerBound, 0.001))
        #expect(close(phase.rates.upperBound, 1.5 * 2 * 1.99 / 20))  // 0.2985
        #expect(!phase.relative)
        #expect(phase.grid.logRates)
        #expect(phase.grid.smallestEigenvalue == 2 && phase.grid.largestEigenvalue == 20)
        // With momenta up to 0.5 only, the top of the axis comes down: 1.5 × 2 × 1.5/20.
        let lower = try diagram(PhaseSpec(momentum: 0...0.5))
        #expect(close(lower.rates.upperBound, 0.225))
        #expect(close(lower.rates.lowerBound, 0.001))
    }

    @Test("rates given relative to η_crit are multiples of 0.1 and make the axis relative; absolute ones stay")
    func givenRates() throws {
        let relative = try diagram(PhaseSpec(from: .critical(multiple: 0.5), to: .critical(multiple: 3)))
        #expect(close(relative.rates.lowerBound, 0.05) && close(relative.rates.upperBound, 0.3))
        #expect(relative.relative)
        let absolute = try diagram(PhaseSpec(from: .absolute(0.02), to: .absolute(0.25)))
        #expect(absolute.rates == 0.02...0.25)
        #expect(!absolute.relative)
        #expect(absolute.grid.rates.first! >= 0.02 && absolute.grid.rates.last! <= 0.25)
    }

    @Test("the momenta on y are the spec's, and the optimum is Polyak's for κ = 10")
    func momentaAndOptimum() throws {
        let phase = try diagram(PhaseSpec(momentum: 0.2...0.8))
        #expect(phase.grid.momenta.first! > 0.2 && phase.grid.momenta.last! < 0.8)
        // η* = (2/(√20 + √2))², β* = ((√20 − √2)/(√20 + √2))², ρ* = √β*.
        let s = 20.0.squareRoot(), r = 2.0.squareRoot()
        #expect(close(phase.optimum.rate, pow(2 / (s + r), 2)))
        #expect(close(phase.optimum.momentum, pow((s - r) / (s + r), 2)))
        #expect(close(phase.optimum.radius, (s - r) / (s + r)))
    }

    @Test("gradient descent sits at β = 0, momentum at its β; Nesterov and Adam have no place")
    func runPlaces() throws {
        let start = Weights(-1.5, 1)
        let runs = [RunSpec(learningRate: .absolute(0.05), start: start, stopping: Stopping(maxSteps: 5)),
                    RunSpec(method: .momentum(beta: 0.9), learningRate: .absolute(0.01), start: start, stopping: Stopping(maxSteps: 5)),
                    RunSpec(method: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: .absolute(0.1), start: start,
                            stopping: Stopping(maxSteps: 5)),
                    RunSpec(method: .momentum(beta: 0.5), learningRate: .critical(multiple: 2), start: start, stopping: Stopping(maxSteps: 5))]
        let places = try diagram(runs: runs).runPlaces
        #expect(places.map(\.run) == [0, 1, 3])
        #expect(places.map(\.momentum) == [0, 0.9, 0.5])
        #expect(places[0].rate == 0.05 && places[1].rate == 0.01)
        // A relative rate is placed at its absolute η: 2 × η_crit of heavy ball with β = 0.5, 2(1.5)/20 = 0.15.
        #expect(close(places[2].rate, 0.3), "\(places[2].rate)")
    }

    @Test("real runs come only with real_runs, on a lattice of log-spaced rates and evenly spaced momenta")
    func lattice() throws {
        #expect(try diagram().lattice == nil)
        var spec = PhaseSpec(from: .absolute(0.01), to: .absolute(0.16), momentum: 0...0.6, realRuns: true, lattice: (4, 3))
        spec.steps = 2000
        let phase = try diagram(spec)
        let lattice = try #require(phase.lattice)
        #expect(lattice.columns == 4 && lattice.rows == 3)
        #expect(lattice.steps == 2000 && lattice.start == Weights(-1.5, 1))
        // Cell centres: 0.01 × 16^((i + ½)/4), and 0.6 × (j + ½)/3.
        for (i, η) in lattice.rates.enumerated() { #expect(close(η, 0.01 * pow(16, (Double(i) + 0.5) / 4))) }
        for (j, β) in lattice.momenta.enumerated() { #expect(close(β, 0.6 * (Double(j) + 0.5) / 3, 1e-14)) }
        // On an exact quadratic the real runs agree with the model where it is clear-cut.
        for row in 0..<lattice.rows {
            for column in 0..<lattice.columns {
                let η = lattice.rates[column], β = lattice.momenta[row]
                let ρ = max(ConvergenceFactor.heavyBall(rate: η, momentum: β, eigenvalue: 2),
                            ConvergenceFactor.heavyBall(rate: η, momentum: β, eigenvalue: 20))
                let outcome = lattice.outcome(column: column, row: row)
                if ρ < 0.97 { #expect(outcome.name == "converged", "η \(η), β \(β), ρ \(ρ): \(outcome.name)") }
                if ρ > 1.03 { #expect(outcome.name == "diverged" || outcome.name == "left_map", "η \(η), β \(β), ρ \(ρ): \(outcome.name)") }
            }
        }
    }

    @Test("a saddle has no minimum: the error is clean and names the config's [phase]")
    func saddle() throws {
        do {
            _ = try Scene(spec(PhaseSpec(), surface: Saddle()))
            Issue.record("a phase diagram of a saddle was computed")
        } catch {
            let headline = error.diagnostics.map(\.headline).joined(separator: "\n")
            #expect(headline.hasPrefix("phase.toml:2:1: error: kind = \"phase\" needs "), "\(headline)")
            #expect(error.diagnostics.count == 1)
        }
    }

    @Test("a minimum flat along one direction (w1² + w2⁴) has no momentum that converges along it: a clean error")
    func flatMinimum() throws {
        let surface = try FormulaSurface(expression: "w1^2 + w2^4", minima: [Weights(0, 0)])
        do {
            _ = try Scene(spec(PhaseSpec(), surface: surface))
            Issue.record("a phase diagram of a flat minimum was computed")
        } catch {
            let headline = error.diagnostics.map(\.headline).joined(separator: "\n")
            #expect(headline.hasPrefix("phase.toml:2:1: error: kind = \"phase\" needs "), "\(headline)")
        }
    }
}
