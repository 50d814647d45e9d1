import Testing
@testable import LossmapConfig

@Suite("Writing toml-test's tagged JSON")
struct TOMLTaggedJSONTests {
    @Test("scalars are tagged with their type and their value as a string")
    func scalars() throws {
        let table = try TOMLTestSupport.parse("s = \"hi\"\ni = -42\nf = 1.5\nb = true\n")
        #expect(TOMLTaggedJSON.encode(table) == #"""
            {"s": {"type": "string", "value": "hi"}, "i": {"type": "integer", "value": "-42"}, "f": {"type": "float", "value": "1.5"}, "b": {"type": "bool", "value": "true"}}
            """#)
    }

    @Test("infinities and NaN are written as TOML spells them")
    func specialFloats() throws {
        let table = try TOMLTestSupport.parse("a = inf\nb = -inf\nc = nan\nd = -nan\n")
        #expect(TOMLTaggedJSON.encode(table) == #"""
            {"a": {"type": "float", "value": "inf"}, "b": {"type": "float", "value": "-inf"}, "c": {"type": "float", "value": "nan"}, "d": {"type": "float", "value": "nan"}}
            """#)
    }

    @Test("floats are written in a form that reads back to the same value")
    func floatsRoundTrip() {
        for x in [0.1, 1e300, .leastNonzeroMagnitude, -0.0, 6.626e-34, 1.0, 123456789.125] {
            #expect(Double(TOMLTaggedJSON.floatText(x)) == x)
        }
    }

    @Test("tables become objects and arrays become arrays")
    func containers() throws {
        let table = try TOMLTestSupport.parse("a = [1, []]\n[t]\n[[t.u]]\n")
        #expect(TOMLTaggedJSON.encode(table) == #"""
            {"a": [{"type": "integer", "value": "1"}, []], "t": {"u": [{}]}}
            """#)
    }

    @Test("quotes, backslashes and control characters are escaped in keys and values")
    func jsonEscaping() throws {
        let table = try TOMLTestSupport.parse(#""k\"\\" = "tab\t nl\n nul\u0000 esc\u001B del\u007F é""#)
        #expect(TOMLTaggedJSON.encode(table) == #"""
            {"k\"\\": {"type": "string", "value": "tab\t nl\n nul\u0000 esc\u001b del\u007f é"}}
            """#)
    }
}
