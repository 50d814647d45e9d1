// In-process: nothing here starts lossmap (the other suites run the built binary).
// Mutations tried, each made a test here fail (then restored):
// - `Check.output` falling back to text when annotating with --format json: the JSON no longer parses.
// - `Check.output` never annotating: the text test fails.
// - `Console.annotations` giving notices under --quiet: the quiet expectation fails.
// - `CommandLineOption.given` matching any prefix (`--junitx`): the option-reading test fails.
// - `--format` defaulting to json: the option-reading test fails.
import ArgumentParser
import Foundation
import LossmapBatch
import Testing
@testable import lossmap

@Suite("CI output of check and render")
struct CIOutputCommandTests {
    static let checked = [
        CheckedConfig(config: "good.toml", problems: nil, seconds: 0.01),
        CheckedConfig(config: "./bad.toml", problems: "./bad.toml:2:12: error: unknown surface `boot`, or: 5% off\n  function = \"boot\"\n             ^\n  note: built-in surfaces: booth", seconds: 0.02),
    ]

    @Test("check in text: problems on standard error, and in GitHub Actions each one again as ::error on standard output")
    func checkText() throws {
        let plain = try Lossmap.Check.output(Self.checked, format: .text, quiet: false, annotate: false, workingDirectory: "/w")
        #expect(plain.out == "")
        #expect(plain.err == Self.checked[1].problems! + "\n1 of 2 configs has errors\n")
        #expect(!plain.valid)
        let annotated = try Lossmap.Check.output(Self.checked, format: .text, quiet: false, annotate: true, workingDirectory: "/w")
        #expect(annotated.err == plain.err)
        #expect(annotated.out
            == "::error file=bad.toml,line=2,col=12,title=lossmap::unknown surface `boot`, or: 5%25 off%0Anote: built-in surfaces: booth\n")
        let valid = try Lossmap.Check.output([Self.checked[0]], format: .text, quiet: false, annotate: true, workingDirectory: "/w")
        #expect(valid == (out: "1 config checked: all valid\n", err: "", valid: true))
        let quiet = try Lossmap.Check.output([Self.checked[0]], format: .text, quiet: true, annotate: true, workingDirectory: "/w")
        #expect(quiet == (out: "", err: "", valid: true))
    }

    @Test("check --format json: the document alone on standard output, annotations or not, and the same validity")
    func checkJSON() throws {
        for annotate in [false, true] {
            let shown = try Lossmap.Check.output(Self.checked, format: .json, quiet: false, annotate: annotate, workingDirectory: "/w")
            #expect(shown.err == "" && !shown.valid)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
            let configs = try #require(document["configs"] as? [[String: Any]])
            #expect(configs.map { $0["valid"] as? Bool } == [true, false])
        }
        let valid = try Lossmap.Check.output([Self.checked[0]], format: .json, quiet: true, annotate: false, workingDirectory: "/w")
        #expect(valid.valid && valid.out.hasPrefix("{"))
    }

    @Test("render's annotations: an error per problem of a failed figure, a notice per note unless --quiet")
    func renderAnnotations() {
        var failed = FigureReport(config: "deck/a.toml", output: "", status: .failed,
                                  error: "deck/a.toml:4:1: error: unknown key `speed`\n  speed = 2\n  ^")
        let console = Console(quiet: false, outputFolder: "out", annotatingIn: "/w")
        #expect(console.annotations(for: failed).map(\.command) == ["::error file=deck/a.toml,line=4,col=1,title=lossmap::unknown key `speed`"])
        failed.error = "deck/a.toml: error: cannot write /w/out/a.png: No space left on device"
        #expect(console.annotations(for: failed).map(\.command)
                == ["::error title=lossmap::deck/a.toml: cannot write /w/out/a.png: No space left on device"])
        var rendered = FigureReport(config: "deck/a.toml", output: "a.png", status: .rendered)
        rendered.notices = ["eigen = true draws no axes: too small"]
        #expect(console.annotations(for: rendered).map(\.command) == ["::notice title=lossmap::deck/a.toml: eigen = true draws no axes: too small"])
        let quiet = Console(quiet: true, outputFolder: "out", annotatingIn: "/w")
        #expect(quiet.annotations(for: rendered).isEmpty)
        #expect(quiet.annotations(for: failed).count == 1)
        let outsideActions = Console(quiet: false, outputFolder: "out")
        #expect(outsideActions.annotations(for: failed).isEmpty && outsideActions.annotations(for: rendered).isEmpty)
        let skipped = FigureReport(config: "deck/a.toml", output: "a.png", status: .skipped)
        #expect(console.annotations(for: skipped).isEmpty)
    }

    @Test("--junit and --format are parsed, and read only when on the command line")
    func options() throws {
        let check = try Lossmap.Check.parse(["a.toml", "--format", "json", "--junit", "out/check.xml"])
        #expect(check.format == .json && check.reports.junit == "out/check.xml")
        #expect(try Lossmap.Check.parse(["a.toml"]).format == .text)
        #expect(throws: (any Error).self) { try Lossmap.Check.parse(["a.toml", "--format", "yaml"]) }
        let render = try Lossmap.Render.parse(["a.toml", "--junit=reports/junit.xml", "-o", "out"])
        #expect(render.reports.junit == "reports/junit.xml")
        #expect(try Lossmap.Render.parse(["a.toml"]).reports.junit == nil)
        #expect(CommandLineOption.given("--junit", in: ["lossmap", "render", "a.toml", "--junit", "x.xml"]))
        #expect(CommandLineOption.given("--junit", in: ["lossmap", "render", "--junit=x.xml", "a.toml"]))
        #expect(!CommandLineOption.given("--junit", in: ["lossmap", "render", "a.toml", "-o", "out"]))
        #expect(!CommandLineOption.given("--junit", in: ["lossmap", "render", "--junitx", "a.toml"]))
        #expect(!CommandLineOption.given("--junit", in: ["--junit"]), "the program's own name is not an option")
    }

    @Test("--help describes the new options and the annotations")
    func help() {
        let check = Lossmap.Check.helpMessage(columns: 1000)
        for text in ["--format <format>", "--junit <file>", "\"version\": 1", "GITHUB_ACTIONS=true", "::error file="] {
            #expect(check.contains(text), "check --help lacks \(text)")
        }
        let render = Lossmap.Render.helpMessage(columns: 1000)
        for text in ["--junit <file>", "classname lossmap.render", "skipped when up to date", "GITHUB_ACTIONS=true", "::notice"] {
            #expect(render.contains(text), "render --help lacks \(text)")
        }
    }
}
