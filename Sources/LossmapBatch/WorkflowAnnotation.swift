/// A GitHub Actions workflow command that annotates a file: `::error file=a.toml,line=3,
/// col=14,title=lossmap::message`, printed on standard output when `GITHUB_ACTIONS=true`, so
/// that a config's error shows on its line in the pull request's diff and the run's summary.
///
/// The syntax and the escaping are GitHub's: "Setting an error message" in
/// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions, and
/// `escapeData`/`escapeProperty` in actions/toolkit's packages/core/src/command.ts (the runner
/// undoes exactly these when it reads the command).
public struct WorkflowAnnotation: Sendable, Equatable {
    /// The command: how GitHub shows the annotation (red, yellow, blue).
    public enum Level: String, Sendable {
        case error, warning, notice
    }

    public var level: Level
    /// Relative to the working directory (the repository's root in a workflow); nil for an
    /// annotation on no file.
    public var file: String?
    /// 1-based; only with `file`.
    public var line: Int?
    /// 1-based; only with `line`.
    public var column: Int?
    /// The annotation's heading in GitHub's summary.
    public var title: String?
    /// May hold line breaks: GitHub shows them.
    public var message: String

    public init(_ level: Level, file: String? = nil, line: Int? = nil, column: Int? = nil, title: String? = "lossmap",
                message: String) {
        self.level = level
        self.file = file
        self.line = line
        self.column = column
        self.title = title
        self.message = message
    }

    /// The workflow command, one line: `::LEVEL file=F,line=L,col=C,title=T::MESSAGE`, each
    /// property present only when known; `::LEVEL::MESSAGE` with none.
    public var command: String {
        var properties: [String] = []
        if let file { properties.append("file=" + Self.escapeProperty(file)) }
        if let line { properties.append("line=\(line)") }
        if let column { properties.append("col=\(column)") }
        if let title { properties.append("title=" + Self.escapeProperty(title)) }
        let head = properties.isEmpty ? level.rawValue : level.rawValue + " " + properties.joined(separator: ",")
        return "::" + head + "::" + Self.escapeData(message)
    }

    /// A message: `%` first (so the escapes it adds are not escaped again), then CR and LF.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property's value: as a message, and `:` and `,`, which end a value.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether to annotate: GitHub's runner sets GITHUB_ACTIONS=true in every step.
    public static func isWanted(githubActions: String?) -> Bool {
        githubActions == "true"
    }

    /// One error annotation per problem in `errorText` (the text `check` or `render` prints
    /// for `config`): on its file, line and column, its notes below the message; a problem
    /// with no place in a file (a file that cannot be read, a crash, a failed write) is an
    /// annotation on no file, its message naming the file, since a file without a line would
    /// put it on line 1, which it is not about.
    public static func errors(in errorText: String, config: String, workingDirectory: String) -> [WorkflowAnnotation] {
        ConfigProblem.all(in: errorText, config: config).map { problem in
            let problem = problem.relative(to: workingDirectory)
            var message = problem.message
            if let note = problem.note { message += "\nnote: " + note }
            guard let line = problem.line else {
                return WorkflowAnnotation(.error, message: "\(problem.file): \(message)")
            }
            return WorkflowAnnotation(.error, file: problem.file, line: line, column: problem.column, message: message)
        }
    }

    /// A figure drawn otherwise than its config asked (a `note:` line of `render`): a notice,
    /// as lossmap itself calls it a note and not a warning (the figure rendered, `check`
    /// accepts the config, and nothing need change). It has no line to point at.
    public static func notice(_ notice: String, config: String, workingDirectory: String) -> WorkflowAnnotation {
        WorkflowAnnotation(.notice, message: "\(PathSpelling.config(config, workingDirectory: workingDirectory)): \(notice)")
    }
}
