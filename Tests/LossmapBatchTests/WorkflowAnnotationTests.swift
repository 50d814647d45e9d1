// Mutations tried, each made a test here fail (then restored):
// - `escapeProperty` without the `,` → `%2C` case: the hand-written command and the runner
//   round trip ("a,b:c") fail.
// - `escapeData` without the `%` case: the hand-written command and the round trip of
//   "%0A literal" fail.
// - `isWanted` accepting any non-empty value: the environment test fails.
// - `errors(in:)` keeping the path as printed (not relative): the real-config test fails.
// - `errors(in:)` dropping the note: the real-config test fails (no `%0Anote: `).
// - `ConfigProblem.problem` taking the first caret-like line as the caret (not the last of
//   a run): the awkward-diagnostics case, whose source line is a lone `^`, fails.
// - `Headline.positioned` reading line and column from the 2nd and 3rd `:` fields, not the
//   last two: the awkward-diagnostics case (a path with a colon) fails.
import Foundation
import LossmapConfig
import LossmapScene
import LossmapSpec
import Testing
@testable import LossmapBatch

@Suite struct WorkflowAnnotationTests {
    @Test("messages escape %, CR and LF as the toolkit's escapeData does, % first")
    func dataEscaping() {
        #expect(WorkflowAnnotation.escapeData("100% done\r\nnext") == "100%25 done%0D%0Anext")
        // Already escaped-looking text stays literal: its % is escaped, not its letters.
        #expect(WorkflowAnnotation.escapeData("%0A") == "%250A")
        // Colons and commas are safe in a message (the runner splits at the first `::` only).
        #expect(WorkflowAnnotation.escapeData("a: b, c :: d") == "a: b, c :: d")
    }

    @Test("a property's commas, colons, percent signs and line breaks are escaped")
    func propertyEscaping() {
        #expect(WorkflowAnnotation.escapeProperty("deck/a,b:c%d\ne\rf.toml") == "deck/a%2Cb%3Ac%25d%0Ae%0Df.toml")
    }

    @Test("a message with a line break, a colon, a comma and a percent sign, on a file with a comma and a colon")
    func wholeCommand() {
        let annotation = WorkflowAnnotation(.error, file: "deck/v1,final:2.toml", line: 3, column: 14,
                                            message: "`rate` must be 5% of η_crit, at most: found 9\nnote: lower it")
        // Written by hand from GitHub's documented syntax.
        #expect(annotation.command
            == "::error file=deck/v1%2Cfinal%3A2.toml,line=3,col=14,title=lossmap::`rate` must be 5%25 of η_crit, at most: found 9%0Anote: lower it")
        #expect(WorkflowAnnotation(.error, message: "x").command == "::error title=lossmap::x")
        #expect(WorkflowAnnotation(.warning, title: nil, message: "x").command == "::warning::x")
        #expect(WorkflowAnnotation(.notice, title: "a, b: c", message: "").command == "::notice title=a%2C b%3A c::")
    }

    @Test("what the runner reads back is what was meant, for awkward texts", arguments: [
        "plain", "100%", "%0A literal", "%25%2C%3A", "a,b:c", "line\nbreak\r\nand CR", ":: in the middle ::", "", "é ü 🙂, : %",
    ])
    func runnerRoundTrip(text: String) throws {
        let annotation = WorkflowAnnotation(.error, file: text + "/f.toml", line: 1, column: 2, title: text, message: text)
        let read = try #require(RunnerCommand(annotation.command))
        #expect(read.name == "error")
        #expect(read.properties["file"] == text + "/f.toml")
        #expect(read.properties["title"] == text)
        #expect(read.properties["line"] == "1" && read.properties["col"] == "2")
        #expect(read.message == text)
    }

    @Test("a real config's errors: one annotation each, the path relative, the note below the message")
    func realConfig() throws {
        let folder = try ciTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.toml").path
        try "[surface]\nfunction = \"boot\"\nresolution = 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let text = try #require(ConfigCheck.problems(in: path))
        let annotations = WorkflowAnnotation.errors(in: text, config: path, workingDirectory: folder.path)
        #expect(annotations.map(\.command) == [
            "::error file=bad.toml,line=2,col=12,title=lossmap::unknown surface `boot`; did you mean `booth`?"
                + "%0Anote: built-in surfaces: quadratic, rosenbrock, himmelblau, beale, booth, saddle, rastrigin, six-hump-camel",
            "::error file=bad.toml,line=3,col=14,title=lossmap::`resolution` must be between 8 and 4096, found 2",
        ])
        // `./bad.toml` and a subfolder's path are named from the working directory too.
        let dotted = WorkflowAnnotation.errors(in: "./deck/a.toml:1:2: error: x", config: "./deck/a.toml", workingDirectory: "/w")
        #expect(dotted.map(\.command) == ["::error file=deck/a.toml,line=1,col=2,title=lossmap::x"])
    }

    @Test("an error with no line (an unreadable file, a crash, a failed write) annotates no file and names it in the message")
    func positionless() {
        let crash = "a.toml: error: lossmap crashed (signal 4) while rendering this figure; please report it\n  Fatal error: boom"
        #expect(WorkflowAnnotation.errors(in: crash, config: "a.toml", workingDirectory: "/w").map(\.command)
                == ["::error title=lossmap::a.toml: lossmap crashed (signal 4) while rendering this figure; please report it%0A  Fatal error: boom"])
        let write = "deck/a.toml: error: cannot write /w/output/a.png: No space left on device"
        #expect(WorkflowAnnotation.errors(in: write, config: "deck/a.toml", workingDirectory: "/w").map(\.command)
                == ["::error title=lossmap::deck/a.toml: cannot write /w/output/a.png: No space left on device"])
    }

    @Test("a note of a rendered figure is a notice on no line")
    func notices() {
        let notice = WorkflowAnnotation.notice("eigen = true draws no axes: the window is too small", config: "./deck/a.toml", workingDirectory: "/w")
        #expect(notice.command == "::notice title=lossmap::deck/a.toml: eigen = true draws no axes: the window is too small")
    }

    @Test("annotations are printed only when GITHUB_ACTIONS is exactly true, as the runner sets it")
    func environment() {
        #expect(WorkflowAnnotation.isWanted(githubActions: "true"))
        for value in [nil, "", "false", "1", "TRUE "] as [String?] {
            #expect(!WorkflowAnnotation.isWanted(githubActions: value), "\(value ?? "nil")")
        }
    }
}

@Suite struct ConfigProblemTests {
    static let invalidFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LossmapConfigTests/Fixtures/invalid")

    /// What loading `path` throws, in its parts: the ground truth the printed text is read against.
    static func thrown(_ path: String) -> [ConfigProblem]? {
        do {
            let source = try SourceFile.read(path: path)
            let config = try FigureConfig.load(source, defaultOutputName: BatchRenderer.defaultOutputName(for: path),
                                               dataAccess: .insideWorkingDirectory())
            _ = try Scene.validate(config.spec)
            return nil
        } catch let list as DiagnosticList {
            return list.diagnostics.map(Self.parts)
        } catch let problem as FileProblem {
            return [ConfigProblem(file: problem.path, line: nil, column: nil, message: problem.message)]
        } catch {
            return []
        }
    }

    static func parts(_ d: Diagnostic) -> ConfigProblem {
        ConfigProblem(file: d.file.name, line: d.line, column: d.column, message: d.message, note: d.note)
    }

    @Test("every invalid fixture's printed errors read back into exactly the diagnostics thrown")
    func fixturesReadBack() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.invalidFixtures.path).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(names.count >= 100)
        var multiLineNotes = 0, several = 0
        for name in names {
            let path = Self.invalidFixtures.appendingPathComponent(name).path
            let text = try #require(ConfigCheck.problems(in: path), "\(name) is valid")
            let expected = try #require(Self.thrown(path))
            #expect(ConfigProblem.all(in: text, config: path) == expected, "\(name)")
            multiLineNotes += expected.filter { $0.note?.contains("\n") == true }.count
            several += expected.count > 1 ? 1 : 0
        }
        // The fixtures hold the awkward cases: notes over several lines, files with several errors.
        #expect(multiLineNotes >= 3 && several >= 10, "\(multiLineNotes) \(several)")
    }

    @Test("awkward diagnostics read back: a message over two lines, a source line that looks like a caret or a note, colons in the path")
    func awkwardDiagnostics() {
        let file = SourceFile(name: "deck/v1:2.toml", text: "^\nnote: not a note\nx = 1 # a: error: b\n")
        let diagnostics = [
            Diagnostic(file: file, offset: 0, message: "first line\nsecond line"),
            Diagnostic(file: file, offset: 2, message: "a source line that reads as a note", note: "a real note"),
            Diagnostic(file: file, offset: 29, message: "x: error: y", note: "one").adding(note: "two"),
        ]
        let text = DiagnosticList(diagnostics).description
        #expect(ConfigProblem.all(in: text, config: "deck/v1:2.toml") == diagnostics.map(Self.parts))
        #expect(ConfigProblem.all(in: text, config: "deck/v1:2.toml")[2].note == "one\n  note: two")
    }

    @Test("errors with no place: a file that cannot be read, a crash, a spec with no file")
    func positionless() {
        #expect(ConfigProblem.all(in: "a.toml: error: not a regular file", config: "a.toml")
                == [ConfigProblem(file: "a.toml", line: nil, column: nil, message: "not a regular file")])
        #expect(ConfigProblem.all(in: "a.toml: error: crashed\n  detail: here\n", config: "a.toml")
                == [ConfigProblem(file: "a.toml", line: nil, column: nil, message: "crashed\n  detail: here")])
        #expect(ConfigProblem.all(in: "<figure spec>:1:1: error: x", config: "a.toml")
                == [ConfigProblem(file: "<figure spec>", line: nil, column: nil, message: "x")])
        #expect(ConfigProblem.all(in: "something odd", config: "a.toml")
                == [ConfigProblem(file: "a.toml", line: nil, column: nil, message: "something odd")])
        #expect(ConfigProblem.all(in: "", config: "a.toml").isEmpty)
    }
}

/// A workflow command read back as GitHub's runner reads one (ActionCommand.TryParseV2 in
/// actions/runner: `::NAME PROPERTIES::MESSAGE`, properties split at `,` and then at the first
/// `=`, values unescaped with `%25` last): the inverse the escaping must meet.
struct RunnerCommand {
    var name: String
    var properties: [String: String] = [:]
    var message: String

    init?(_ line: String) {
        guard line.hasPrefix("::") else { return nil }
        let rest = line.dropFirst(2)
        guard let end = rest.range(of: "::") else { return nil }
        let info = rest[..<end.lowerBound]
        message = Self.unescape(String(rest[end.upperBound...]), property: false)
        if let space = info.firstIndex(of: " ") {
            name = String(info[..<space])
            for pair in info[info.index(after: space)...].split(separator: ",") {
                guard let equals = pair.firstIndex(of: "=") else { return nil }
                properties[String(pair[..<equals])] = Self.unescape(String(pair[pair.index(after: equals)...]), property: true)
            }
        } else {
            name = String(info)
        }
    }

    static func unescape(_ text: String, property: Bool) -> String {
        var text = text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
        if property { text = text.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",") }
        return text.replacingOccurrences(of: "%25", with: "%")
    }
}

func ciTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-ci-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
