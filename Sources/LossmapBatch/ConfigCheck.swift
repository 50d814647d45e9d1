import Foundation
import LossmapConfig
import LossmapScene
import LossmapSpec

/// `lossmap check`: reads and decodes configs exactly as `render` would, and validates what
/// the scene would (data files loaded, limits, rates relative to η_crit), without sampling
/// the surface or drawing anything.
public enum ConfigCheck {
    /// Every problem in the config at `path`, printed compiler-style; nil when it is valid.
    public static func problems(in path: String, dataAccess: DataFileAccess = .insideWorkingDirectory()) -> String? {
        do {
            let source = try SourceFile.read(path: path)
            let config = try FigureConfig.load(source, defaultOutputName: BatchRenderer.defaultOutputName(for: path),
                                               dataAccess: dataAccess)
            _ = try Scene.validate(config.spec)
            return nil
        } catch let problem as FileProblem {
            return problem.description
        } catch {
            return "\(error)"
        }
    }

    /// The problems of every config, in order, checked on up to `jobs` threads, each in a
    /// worker process when `isolation` says so: a config that crashes lossmap is reported as
    /// a problem of its own and the others are still checked. `waitForWorkers` false leaves
    /// the workers to exit on their own, for a process about to exit (`lossmap check`).
    public static func problems(in paths: [String], jobs: Int, allowOutsideData: Bool = false,
                                isolation: FigureIsolation = .inProcess, waitForWorkers: Bool = true) -> [String?] {
        check(paths, jobs: jobs, allowOutsideData: allowOutsideData, isolation: isolation, waitForWorkers: waitForWorkers)
            .map(\.problems)
    }

    /// `problems(in:jobs:…)` with how long each config took: what `--junit` reports.
    public static func check(_ paths: [String], jobs: Int, allowOutsideData: Bool = false,
                             isolation: FigureIsolation = .inProcess, waitForWorkers: Bool = true) -> [CheckedConfig] {
        let pool = WorkerPool(isolation)
        defer { pool.shutdown(wait: waitForWorkers) }
        let results = Slots<CheckedConfig>(count: paths.count)
        runConcurrently(paths.count, threads: jobs) { i in
            let clock = ContinuousClock()
            let start = clock.now
            let problems: String?
            switch pool.perform(.check(config: paths[i], allowOutsideData: allowOutsideData)) {
            case .reply(.checked(let found)): problems = found
            case .reply: problems = "\(paths[i]): error: internal error: a worker answered out of turn"
            case .died(let death): problems = death.error(for: paths[i])
            }
            results.set(i, CheckedConfig(config: paths[i], problems: problems, seconds: (clock.now - start).inSeconds))
        }
        return results.all().enumerated().map { i, checked in
            checked ?? CheckedConfig(config: paths[i], problems: "\(paths[i]): error: internal error: not checked", seconds: 0)
        }
    }

    /// `lossmap check --format json`: one document, `{"version": 1, "configs": [{"config",
    /// "valid", "errors": [{"file", "line", "column", "message", "note"}]}]}`, paths relative
    /// to `workingDirectory` as report.json spells them. `line`, `column` and `note` are null
    /// where an error has none (a file that cannot be read has no line).
    public static func json(_ checked: [CheckedConfig], workingDirectory: String) throws -> Data {
        let document = CheckDocument(configs: checked.map { config in
            CheckDocument.Config(config: PathSpelling.config(config.config, workingDirectory: workingDirectory),
                                 valid: config.problems == nil,
                                 errors: ConfigProblem.all(in: config.problems ?? "", config: config.config).map {
                                     $0.relative(to: workingDirectory)
                                 })
        })
        let encoder = JSONEncoder()
        // As report.json: the same configs always give the same bytes.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document) + Data("\n".utf8)
    }
}

/// One config as `check` found it.
public struct CheckedConfig: Sendable, Equatable {
    /// The path as given.
    public var config: String
    /// Every problem, compiler-style; nil when the config is valid.
    public var problems: String?
    /// Wall-clock seconds the check of this config took (in its worker).
    public var seconds: Double

    public init(config: String, problems: String?, seconds: Double) {
        self.config = config
        self.problems = problems
        self.seconds = seconds
    }
}

/// The document `check --format json` prints.
struct CheckDocument: Encodable {
    var version = 1
    var configs: [Config]

    struct Config: Encodable {
        var config: String
        var valid: Bool
        var errors: [ConfigProblem]
    }
}

/// One error as `check` and `render` print it, read back into its parts.
///
/// A config's problems travel from the worker that found them as the text the user sees
/// (`Diagnostic.description`: `FILE:LINE:COL: error: MESSAGE`, the source line, a caret line,
/// then `  note: …`), so CI formats (workflow annotations, JUnit, `check --format json`) read
/// that text rather than a second channel that could disagree with it. Errors with no place
/// in a file (`FILE: error: MESSAGE`: a file that cannot be read, a crashed worker, a failed
/// write) have no line and column.
public struct ConfigProblem: Sendable, Equatable, Encodable {
    /// The file the error is in, as printed.
    public var file: String
    /// 1-based; nil when the error has no place in the file.
    public var line: Int?
    /// 1-based, in Unicode scalars as `Diagnostic` counts them; nil with `line`.
    public var column: Int?
    public var message: String
    /// The note printed under the error (`  note: …`), without that prefix; a second note
    /// follows the first as `\n  note: …`, as `Diagnostic.adding(note:)` joins them.
    public var note: String?

    public init(file: String, line: Int?, column: Int?, message: String, note: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.note = note
    }

    /// Null, not absent, for a missing line, column or note: every error has all five keys.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(message, forKey: .message)
        try container.encode(note, forKey: .note)
    }

    enum CodingKeys: String, CodingKey {
        case file, line, column, message, note
    }

    /// The same error with its file named relative to `workingDirectory` (`./a.toml` →
    /// `a.toml`), as report.json and GitHub's annotations name files.
    public func relative(to workingDirectory: String) -> ConfigProblem {
        var problem = self
        problem.file = PathSpelling.config(file, workingDirectory: workingDirectory)
        return problem
    }

    /// Every error in `text`, in order. `config` (the path the text is about) is the file of
    /// an error whose text names none, and is preferred as the file name when the text starts
    /// with it (a path may hold colons).
    public static func all(in text: String, config: String) -> [ConfigProblem] {
        // Split at each LF scalar: a Character would hold a CR LF together.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        while lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { return [] }
        // Each error starts at a positioned headline, or (the first line only, or one naming
        // the config) at `FILE: error: `; any other line belongs to the error above it.
        var starts: [(index: Int, head: Headline)] = []
        for (i, line) in lines.enumerated() {
            guard let head = Headline(line, config: config) else { continue }
            if head.line != nil || i == 0 || head.file == config { starts.append((i, head)) }
        }
        var problems: [ConfigProblem] = []
        if starts.first?.index != 0 {
            // Text that is not compiler-style at all (it should not happen): all of it, about the config.
            let end = starts.first?.index ?? lines.count
            problems.append(ConfigProblem(file: config, line: nil, column: nil, message: lines[0..<end].joined(separator: "\n")))
        }
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1].index : lines.count
            problems.append(problem(start.head, body: Array(lines[(start.index + 1)..<end])))
        }
        return problems
    }

    /// An error from its headline and the lines under it.
    static func problem(_ head: Headline, body: [String]) -> ConfigProblem {
        var messageLines = [head.message]
        var rest = body[...]
        if head.line != nil, var caret = body.indices.first(where: { $0 >= 1 && isCaretLine(body[$0]) }) {
            // A source line that is itself a lone `^` is followed by the caret line.
            while caret + 1 < body.count, isCaretLine(body[caret + 1]) { caret += 1 }
            // Lines above the source line continue a message that holds line breaks.
            messageLines += body[0..<(caret - 1)]
            rest = body[(caret + 1)...]
        }
        var note: String?
        if let first = rest.firstIndex(where: { $0.hasPrefix(notePrefix) }) {
            messageLines += rest[..<first]
            note = ([String(rest[first].dropFirst(notePrefix.count))] + rest[(first + 1)...]).joined(separator: "\n")
        } else {
            messageLines += rest
        }
        return ConfigProblem(file: head.file, line: head.line, column: head.column,
                             message: messageLines.joined(separator: "\n"), note: note)
    }

    static let notePrefix = "  note: "

    /// `Diagnostic.excerpt`'s second line: the indent, blanks (tabs kept), a caret.
    static func isCaretLine(_ line: String) -> Bool {
        guard line.hasPrefix("  "), line.hasSuffix("^") else { return false }
        return line.dropFirst(2).dropLast().allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// `FILE:LINE:COL: error: MESSAGE` or `FILE: error: MESSAGE`, at the start of a line.
    struct Headline {
        var file: String
        var line: Int?
        var column: Int?
        var message: String

        static let marker = ": error: "

        init?(_ text: String, config: String) {
            // Lines under a headline (source, caret, notes) are indented.
            guard let first = text.first, first != " ", first != "\t" else { return nil }
            var candidates: [Range<String.Index>] = []
            var from = text.startIndex
            while let found = text.range(of: Self.marker, range: from..<text.endIndex) {
                candidates.append(found)
                from = found.upperBound
            }
            // The config's own name first (it may hold `:`), then the first `: error: ` that
            // follows a file name, positioned or not.
            let ordered = candidates.filter { text[..<$0.lowerBound].hasPrefix(config) } + candidates
            for marker in ordered {
                let before = String(text[..<marker.lowerBound])
                guard !before.isEmpty else { continue }
                self.message = String(text[marker.upperBound...])
                if let (name, line, column) = Self.positioned(before) {
                    // A name in angle brackets (`<figure spec>`, `<stdin>`) is no file to point into.
                    (file, self.line, self.column) = Self.namesFile(name) ? (name, line, column) : (name, nil, nil)
                } else {
                    (file, self.line, self.column) = (before, nil, nil)
                }
                return
            }
            return nil
        }

        /// `FILE:LINE:COL` split, when it ends with two positive numbers.
        static func positioned(_ text: String) -> (file: String, line: Int, column: Int)? {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3 else { return nil }
            let numbers = parts.suffix(2).map { part in part.allSatisfy { $0.isASCII && $0.isNumber } ? Int(part) : nil }
            guard let line = numbers[0], let column = numbers[1], line >= 1, column >= 1 else { return nil }
            let file = parts.dropLast(2).joined(separator: ":")
            return file.isEmpty ? nil : (file, line, column)
        }

        static func namesFile(_ text: String) -> Bool {
            !(text.hasPrefix("<") && text.hasSuffix(">"))
        }
    }
}

extension Duration {
    /// The duration in seconds, as a double (for reports that give times in seconds).
    public var inSeconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18  // attoseconds
    }
}
