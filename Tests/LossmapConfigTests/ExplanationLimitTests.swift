import Testing
@testable import LossmapConfig
import LossmapCanvas
import LossmapCore
import LossmapRender
import LossmapScene
import LossmapSpec

/// Configs at the edges of the doubles, and asks that cannot be met: each `[[explain]]`,
/// `[[inset]]`, `eigen` and `kind = "phase"` either draws or is refused with its place in the
/// config, at `check` as at `render`; none traps.
@Suite("Why-a-huge-step figures at their limits")
struct ExplanationLimitTests {
    /// The scene of a config that `check` passes.
    func scene(_ text: String) throws -> Scene {
        try Scene(try decode(text).spec)
    }

    @Test("an inset centred off a perceptron's own window, or zoomed past what doubles can sample, is refused at `center`")
    func insetWindows() {
        let perceptron = "[surface]\nmodel = \"perceptron\"\npoints = [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]]\n"
        let off = failure(perceptron + "[[inset]]\ncenter = [1e300, 1e300]\nzoom = 10\n")
        #expect(off?.hasPrefix("test.toml:5:10: error: the inset's `center` (1e300, 1e300) lies off the map") == true, "\(off ?? "")")
        let narrow = failure("[surface]\nexpression = \"w1^2 + w2^2\"\nw1 = [100000000.0, 100000000.01]\nw2 = [-1.0, 1.0]\n"
                             + "[[inset]]\ncenter = [100000000.005, 0.0]\nzoom = 10000\n")
        #expect(narrow?.contains("error: `zoom` = 10000 makes the inset's window") == true, "\(narrow ?? "")")
    }

    @Test("the slice of a step with η near the largest double stays finite and draws")
    func hugeRateSlice() throws {
        let figure = try scene("""
            [surface]
            expression = "w1 + w2"
            w1 = [-1.0, 1.0]
            w2 = [-1.0, 1.0]
            [optimizer]
            start = [0.0, 0.0]
            steps = 3
            learning_rates = [0.1, 1e307]
            [[explain]]
            run = 2
            step = 0
            slice = true
            """)
        let slice = try #require(figure.explanations.first?.slice)
        #expect(slice.ts.last.map { $0.isFinite && $0 > 1e307 } == true)
        FigureRenderer(figure).draw(on: RecordingCanvas(width: 1600, height: 1000))
    }

    @Test("relative phase bounds that leave the doubles are refused at [phase], at check")
    func phaseBounds() {
        let base = "kind = \"phase\"\n[surface]\nexpression = \"0.01*(w1^2 + w2^2)\"\nw1 = [-1.0, 1.0]\nw2 = [-1.0, 1.0]\n[optimizer]\nrelative_to = \"critical\"\n"
        // η_crit = 2/20 = 0.1 on 10(w1² + w2²): 1e-323 × 0.1 is 0.
        let under = failure(base.replacingOccurrences(of: "0.01*", with: "10*") + "[phase]\nfrom = 1e-323\nto = 2\n")
        #expect(under?.contains("error: the phase diagram's learning rates, 0 to") == true, "\(under ?? "")")
        let over = failure(base + "[phase]\nfrom = 0.5\nto = 1e308\n")
        #expect(over?.contains("are not two increasing positive finite numbers") == true, "\(over ?? "")")
    }

    @Test("a real-runs lattice counts towards the figure's steps: 40 × 40 × 10,000 is refused")
    func latticeCost() {
        let text = "kind = \"phase\"\n[surface]\nfunction = \"quadratic\"\n[optimizer]\nsteps = 10000\n[phase]\nreal_runs = true\nlattice = [40, 40]\n"
        let problem = failure(text)
        #expect(problem?.contains("take 16,000,000 steps together, more than the 10,000,000 allowed") == true, "\(problem ?? "")")
        #expect(failure(text.replacingOccurrences(of: "steps = 10000", with: "steps = 100")) == nil)
    }

    @Test("eigen on a window too wide for its ellipse draws no axes, and says why instead of failing")
    func eigenOnAHugeWindow() throws {
        let figure = try scene("[surface]\nfunction = \"quadratic\"\nw1 = [-1e200, 1e200]\nw2 = [-1e200, 1e200]\neigen = true\n")
        #expect(figure.eigen == nil)
        #expect(FigureRenderer.notices(for: figure).contains { $0.hasPrefix("eigen = true draws no axes") })
    }

    @Test("eigen at a saddle, and runs a phase diagram has no place for, are named in the notices")
    func notices() throws {
        let saddle = try scene("[surface]\nfunction = \"saddle\"\neigen = true\n[optimizer]\nlearning_rates = [0.1]\n")
        #expect(saddle.eigen == nil)
        #expect(FigureRenderer.notices(for: saddle).contains { $0.hasPrefix("eigen = true draws no axes: no critical learning rate") },
                "\(FigureRenderer.notices(for: saddle))")
        let phase = try scene("kind = \"phase\"\n[surface]\nfunction = \"quadratic\"\n[optimizer]\nlearning_rates = [0.1]\n"
                              + "[[run]]\nmethod = \"adam\"\nlearning_rate = 0.1\n")
        let notices = FigureRenderer.notices(for: phase)
        #expect(notices.count == 1 && notices[0].contains("and adam is not a point on it") , "\(notices)")
        #expect(failure("kind = \"sweep\"\n[sweep]\nfrom = 0.01\nto = 1\n[surface]\nfunction = \"quadratic\"\neigen = true\n")?
            .contains("error: `eigen` draws the Hessian's directions on the map; a sweep has no map") == true)
    }
}
