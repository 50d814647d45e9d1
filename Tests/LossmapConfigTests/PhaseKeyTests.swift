import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// `kind = "phase"` and its optional `[phase]` table: the rate axis (absolute or relative to
/// η_crit, both ends or neither), the momenta, the real runs' lattice, and the errors.
@Suite("[phase] keys")
struct PhaseKeyTests {
    /// A phase diagram of the quadratic bowl; `phase` is written from line 12 on.
    func config(_ phase: String, kind: String = "kind = \"phase\"", optimizer: String = "") -> String {
        """
        \(kind)
        [surface]
        function = "quadratic"
        condition = 10

        [optimizer]
        start = [-1.8, 1.0]
        steps = 40
        method = "momentum"
        learning_rates = [0.05, 0.1]
        \(optimizer)
        \(phase)
        """
    }

    func phaseSpec(_ text: String) throws -> PhaseSpec {
        try #require(try decode(text).spec.kind.phase)
    }

    @Test("kind = \"phase\" alone gives the default axes and takes start and steps from [optimizer]")
    func defaults() throws {
        let spec = try phaseSpec(config(""))
        #expect(spec.from == nil && spec.to == nil)
        #expect(spec.momentum == 0...0.99)
        #expect(spec.realRuns == false)
        #expect(spec.lattice.columns == 16 && spec.lattice.rows == 12)
        #expect(spec.start == Weights(-1.8, 1))
        #expect(spec.steps == 40)
        // The site of problems found later is the `kind` value (line 1, column 8).
        let site = try #require(spec.site)
        #expect(site.file.lineAndColumn(of: site.offset).line == 1)
        #expect(site.file.lineAndColumn(of: site.offset).column == 8)
    }

    @Test("[phase] gives absolute rates, momenta, real runs and a lattice")
    func everyKey() throws {
        let spec = try phaseSpec(config("[phase]\nfrom = 0.01\nto = 0.5\nmomentum = [0.1, 0.9]\nreal_runs = true\nlattice = [5, 4]\n"))
        #expect(spec.from == .absolute(0.01) && spec.to == .absolute(0.5))
        #expect(spec.momentum == 0.1...0.9)
        #expect(spec.realRuns)
        #expect(spec.lattice.columns == 5 && spec.lattice.rows == 4)
        // Now problems are reported at the [phase] header (line 12).
        let site = try #require(spec.site)
        #expect(site.file.lineAndColumn(of: site.offset).line == 12)
    }

    @Test("with relative_to = \"critical\" `from` and `to` are multiples of η_crit")
    func relative() throws {
        let spec = try phaseSpec(config("[phase]\nfrom = 0.1\nto = 2\n", optimizer: "relative_to = \"critical\""))
        #expect(spec.from == .critical(multiple: 0.1) && spec.to == .critical(multiple: 2))
    }

    @Test("the lattice's bounds, 2 and 40 a side, are allowed")
    func latticeBounds() throws {
        let small = try phaseSpec(config("[phase]\nreal_runs = true\nlattice = [2, 40]\n"))
        #expect(small.lattice.columns == 2 && small.lattice.rows == 40)
    }

    @Test("only one of `from` and `to` is refused at the one given, naming the other")
    func onlyOne() {
        #expect(failure(config("[phase]\nfrom = 0.01\n"))
                == "test.toml:13:1: error: [phase] needs `to` as well: give both `from` and `to`, or neither for the default axis")
        #expect(failure(config("[phase]\nto = 0.5\n"))
                == "test.toml:13:1: error: [phase] needs `from` as well: give both `from` and `to`, or neither for the default axis")
    }

    @Test("`to` must be greater than `from`, equal included")
    func fromBelowTo() {
        #expect(failure(config("[phase]\nfrom = 0.5\nto = 0.1\n")) == "test.toml:14:6: error: `to` must be greater than `from` (0.5), found 0.1")
        #expect(failure(config("[phase]\nfrom = 0.5\nto = 0.5\n")) == "test.toml:14:6: error: `to` must be greater than `from` (0.5), found 0.5")
    }

    @Test("rates must be finite and positive", arguments: ["0", "-0.1", "inf", "nan"])
    func positiveRates(_ written: String) {
        #expect(failure(config("[phase]\nfrom = \(written)\nto = 1\n"))
                == "test.toml:13:8: error: `from` must be a finite number greater than 0, found \(written)")
    }

    @Test("momenta outside 0 ≤ β < 1 are refused with a note why", arguments: ["[0, 1]", "[-0.1, 0.5]", "[0.5, 1.5]"])
    func momentumOutside(_ written: String) throws {
        let text = config("[phase]\nmomentum = \(written)\n")
        #expect(failure(text) == "test.toml:13:12: error: `momentum` must lie within 0 ≤ β < 1, found \(written)")
        do {
            _ = try decode(text)
        } catch {
            #expect(error.description.contains("note: heavy-ball descent diverges for every step size once β ≥ 1"))
        }
    }

    @Test("momenta not a range low < high are refused as a range")
    func momentumNotARange() {
        #expect(failure(config("[phase]\nmomentum = [0.5, 0.2]\n"))
                == "test.toml:13:12: error: `momentum` must be a range [min, max] with min < max, found [0.5, 0.2]")
    }

    @Test("a lattice outside 2 … 40 a side, or not two integers, is refused at the element or the array",
          arguments: [("[1, 5]", "test.toml:13:12: error: `lattice` must be between 2 and 40 a side, found 1"),
                      ("[5, 41]", "test.toml:13:15: error: `lattice` must be between 2 and 40 a side, found 41"),
                      ("[5]", "test.toml:13:11: error: `lattice` must be two integers [columns, rows], e.g. [16, 12], found [5]"),
                      ("[5, 2.5]", "test.toml:13:11: error: `lattice` must be two integers [columns, rows], e.g. [16, 12], found [5, 2.5]")])
    func latticeOutside(_ written: String, _ expected: String) {
        #expect(failure(config("[phase]\nlattice = \(written)\n")) == expected)
    }

    @Test("[phase] without kind = \"phase\" is refused, naming what the figure is")
    func phaseWithoutKind() {
        #expect(failure(config("[phase]\nfrom = 0.01\nto = 0.5\n", kind: ""))
                == "test.toml:12:1: error: [phase] applies only to kind = \"phase\"; this figure is a map")
        #expect(failure(config("[phase]\nfrom = 0.01\nto = 0.5\n", kind: "kind = \"map\""))
                == "test.toml:12:1: error: [phase] applies only to kind = \"phase\"; this figure is a map")
        let sweep = failure(config("[sweep]\nfrom = 0.01\nto = 0.3\n[phase]\nfrom = 0.01\nto = 0.5\n", kind: "kind = \"sweep\""))
        #expect(sweep == "test.toml:15:1: error: [phase] applies only to kind = \"phase\"; this figure is a sweep")
    }

    @Test("a phase diagram is not a map: a [sweep] table, an animation and a surface view are refused")
    func notAMap() {
        #expect(failure(config("[sweep]\nfrom = 0.01\nto = 0.3\n"))
                == "test.toml:12:1: error: [sweep] applies only to kind = \"sweep\", not to kind = \"phase\"")
        #expect(failure(config("", kind: "kind = \"phase\"\noutput = \"p.gif\""))?
            .contains("error: a phase diagram figure has no frames: `output` \"p.gif\" needs a map figure") == true)
    }

    @Test("an unknown key in [phase] is reported with the nearest known one")
    func unknownKey() {
        let problem = failure(config("[phase]\nlatice = [4, 4]\n"))
        #expect(problem?.hasPrefix("test.toml:13:1: error: unknown key `latice` in [phase]; did you mean `lattice`?") == true, "\(problem ?? "nil")")
    }

    @Test("a phase diagram on a surface with no minimum fails at check and when the scene is computed, at `kind`")
    func saddle() throws {
        let text = """
            kind = "phase"
            [surface]
            function = "saddle"
            [optimizer]
            start = [-1.5, 0.5]
            learning_rates = [0.1]
            """
        // `lossmap check` (FigureConfig.load + Scene.validate, as `failure` does) refuses what
        // `render` refuses.
        #expect(failure(text) != nil)
        let config = try FigureConfig.load(SourceFile(name: "test.toml", text: text), defaultOutputName: "test.png")
        do {
            _ = try Scene(config.spec)
            Issue.record("a phase diagram of a saddle was computed")
        } catch {
            let headline = error.diagnostics.map(\.headline).joined(separator: "\n")
            #expect(headline.hasPrefix("test.toml:1:8: error: kind = \"phase\" needs "), "\(headline)")
        }
    }
}
