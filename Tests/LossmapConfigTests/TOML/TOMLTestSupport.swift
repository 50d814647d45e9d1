@testable import LossmapConfig
import LossmapSpec

/// Helpers for the TOML tests, kept in a namespace so they cannot clash with helpers that
/// other test files of this target define.
enum TOMLTestSupport {
    /// Parses `text` as a file named `test.toml`.
    static func parse(_ text: String) throws(DiagnosticList) -> TOMLTable {
        try TOMLParser.parse(SourceFile(name: "test.toml", text: text))
    }

    /// The first diagnostic that parsing `bytes` produces, or nil when they parse.
    static func diagnostic(_ bytes: [UInt8], name: String = "test.toml") -> Diagnostic? {
        diagnostics(bytes, name: name).first
    }

    /// Every diagnostic that parsing `bytes` produces, in file order; empty when they parse.
    static func diagnostics(_ bytes: [UInt8], name: String = "test.toml") -> [Diagnostic] {
        do {
            _ = try TOMLParser.parse(SourceFile(name: name, bytes: bytes))
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func diagnostics(_ text: String, name: String = "test.toml") -> [Diagnostic] {
        diagnostics(Array(text.utf8), name: name)
    }

    static func diagnostic(_ text: String, name: String = "test.toml") -> Diagnostic? {
        diagnostic(Array(text.utf8), name: name)
    }

    /// The value at a path of keys through nested tables, e.g. `("fruit", "apple", "color")`.
    static func kind(_ table: TOMLTable, _ path: String...) -> TOMLValue.Kind? {
        var current: TOMLTable? = table
        var value: TOMLValue?
        for key in path {
            value = current?[key]
            if case .table(let t)? = value?.kind { current = t } else { current = nil }
        }
        return value?.kind
    }
}
