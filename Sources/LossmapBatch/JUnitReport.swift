import Foundation
import LossmapBackend

/// A batch as a JUnit XML report (`--junit FILE` on `render` and `check`), the format CI
/// services read test results in: one test case per config, failed with its errors, skipped
/// when up to date.
///
/// The layout is the one Ant's JUnit task writes and Jenkins, GitLab and GitHub actions such
/// as mikepenz/action-junit-report read: `<testsuites>` holding one `<testsuite>` with
/// `tests`, `failures`, `errors`, `skipped` and `time` (seconds), each `<testcase>` with
/// `classname`, `name` and `time`, and a `<failure message type>` or `<skipped/>` inside.
public struct JUnitReport: Sendable, Equatable {
    /// One config.
    public struct Case: Sendable, Equatable {
        /// The config's path, relative to the working directory.
        public var name: String
        public var seconds: Double
        public var outcome: Outcome

        public init(name: String, seconds: Double, outcome: Outcome) {
            self.name = name
            self.seconds = seconds
            self.outcome = outcome
        }
    }

    public enum Outcome: Sendable, Equatable {
        case passed
        /// Up to date: not rendered again.
        case skipped
        /// Every problem, as lossmap prints them.
        case failed(String)
    }

    /// `lossmap.render` or `lossmap.check`: the command that made the report.
    public var className: String
    public var cases: [Case]
    /// Wall-clock seconds of the whole batch (less than the cases' sum: they run at once).
    public var seconds: Double

    public init(className: String, cases: [Case], seconds: Double) {
        self.className = className
        self.cases = cases
        self.seconds = seconds
    }

    /// `render`'s report: `seconds` holds each config's time by its path in the report.
    public init(rendered report: BatchReport, seconds: [String: Double], total: Double, workingDirectory: String) {
        self.init(className: "lossmap.render", cases: report.figures.map { figure in
            let outcome: Outcome
            switch figure.status {
            case .rendered: outcome = .passed
            case .skipped: outcome = .skipped
            case .failed: outcome = .failed(figure.error ?? "\(figure.config): error: failed")
            }
            return Case(name: PathSpelling.config(figure.config, workingDirectory: workingDirectory),
                        seconds: seconds[figure.config] ?? 0, outcome: outcome)
        }, seconds: total)
    }

    /// `check`'s report.
    public init(checked: [CheckedConfig], total: Double, workingDirectory: String) {
        self.init(className: "lossmap.check", cases: checked.map { config in
            Case(name: PathSpelling.config(config.config, workingDirectory: workingDirectory), seconds: config.seconds,
                 outcome: config.problems.map { .failed($0) } ?? .passed)
        }, seconds: total)
    }

    public var failures: Int { cases.filter { if case .failed = $0.outcome { true } else { false } }.count }
    public var skipped: Int { cases.filter { $0.outcome == .skipped }.count }

    /// The XML document, UTF-8.
    public var xml: String {
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(Self.time(seconds))\""
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<testsuites name=\"lossmap\" \(counts)>",
                     "  <testsuite name=\"lossmap\" \(counts)>"]
        for testCase in cases {
            let head = "    <testcase classname=\"\(Self.escape(className))\" name=\"\(Self.escape(testCase.name))\" time=\"\(Self.time(testCase.seconds))\""
            switch testCase.outcome {
            case .passed:
                lines.append(head + "/>")
            case .skipped:
                lines.append(head + ">")
                lines.append("      <skipped message=\"up to date\"/>")
                lines.append("    </testcase>")
            case .failed(let text):
                let problems = ConfigProblem.all(in: text, config: testCase.name)
                // A problem at a line of a file is the config's to fix; anything else (a
                // crash, a failed write) is lossmap's or the machine's.
                let type = problems.contains { $0.line != nil } ? "config error" : "error"
                // The first line: up to a CR or an LF (as scalars: a Character holds CR LF together).
                let first = text.unicodeScalars.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map { String($0) } ?? "failed"
                lines.append(head + ">")
                lines.append("      <failure message=\"\(Self.escape(first))\" type=\"\(type)\">\(Self.escape(text, inAttribute: false))</failure>")
                lines.append("    </testcase>")
            }
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the report to `url` through a temporary file and a rename (`AtomicFile`): a CI
    /// step reading it never sees half a report, and a failed write leaves the last one.
    /// The folder it goes in is made when missing, as `--output`'s is.
    public func write(to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError("cannot create the folder \(folder.path) for the JUnit report: \(error.localizedDescription)")
        }
        try AtomicFile.write(Data(xml.utf8), to: url)
    }

    /// Seconds with millisecond precision, written without a locale: `0.042`.
    static func time(_ seconds: Double) -> String {
        let milliseconds = seconds.isFinite ? Int((max(0, seconds) * 1000).rounded()) : 0
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// Text for an attribute or an element: the markup characters as entities (quotes only
    /// in an attribute, where they could end it; elsewhere they read better as they are); a
    /// carriage return, and in an attribute a tab or line feed, as a character reference (a
    /// parser turns those into spaces in an attribute, and a CR into a LF anywhere: XML 1.0
    /// §2.11, §3.3.3); and the characters XML 1.0 does not allow at all (§2.2,
    /// https://www.w3.org/TR/xml/#charsets: the other C0 controls, U+FFFE, U+FFFF) dropped,
    /// since no escape can write them.
    static func escape(_ text: String, inAttribute: Bool = true) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += inAttribute ? "&quot;" : "\""
            case "'": out += inAttribute ? "&apos;" : "'"
            case "\t": out += inAttribute ? "&#9;" : "\t"
            case "\n": out += inAttribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
