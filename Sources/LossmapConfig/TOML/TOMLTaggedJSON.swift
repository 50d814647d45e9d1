/// Writes a table as toml-test's "tagged JSON", the format its conformance suite compares
/// decoders by (github.com/toml-lang/toml-test, README "JSON encoding"): every scalar becomes
/// `{"type": "integer", "value": "42"}`, tables become objects and arrays become arrays.
public enum TOMLTaggedJSON {
    /// The whole document as one line of tagged JSON, keys in source order.
    public static func encode(_ table: TOMLTable) -> String {
        var out = ""
        write(table, to: &out)
        return out
    }

    private static func write(_ table: TOMLTable, to out: inout String) {
        out += "{"
        for (i, entry) in table.entries.enumerated() {
            if i > 0 { out += ", " }
            out += quoted(entry.key)
            out += ": "
            write(entry.value, to: &out)
        }
        out += "}"
    }

    private static func write(_ value: TOMLValue, to out: inout String) {
        switch value.kind {
        case .string(let s): tagged("string", s, to: &out)
        case .integer(let n): tagged("integer", String(n), to: &out)
        case .float(let x): tagged("float", floatText(x), to: &out)
        case .boolean(let b): tagged("bool", b ? "true" : "false", to: &out)
        case .table(let t): write(t, to: &out)
        case .array(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += ", " }
                write(element, to: &out)
            }
            out += "]"
        }
    }

    private static func tagged(_ type: String, _ value: String, to out: inout String) {
        out += "{\"type\": \"\(type)\", \"value\": \(quoted(value))}"
    }

    /// A float as text that reads back to the same value: TOML's `inf`, `-inf` and `nan`
    /// (any NaN, whatever its sign), otherwise Swift's shortest round-tripping form.
    static func floatText(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return x.description
    }

    /// `s` as a JSON string literal (RFC 8259 §7): quotes, backslashes and all control
    /// characters escaped, everything else as is.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
