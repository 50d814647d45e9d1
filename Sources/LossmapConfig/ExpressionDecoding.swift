import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// `expression = "…"`: a formula in w1 and w2, with its optional `minimum`. The plotted
    /// ranges `w1` and `w2` are required, since a formula has no natural window. Runs start
    /// by default a tenth of the way in from the window's upper-left corner.
    mutating func decodeExpression(_ reader: TableReader, keys: MapKeys) -> SurfaceChoice? {
        let minimum = decodeMinimum(reader)
        guard let (text, value) = attempt({ () throws(Diagnostic) in try reader.string("expression") }) else { return nil }
        let surface: FormulaSurface
        do {
            surface = try FormulaSurface(expression: text, minima: minimum.map { [$0] } ?? [])
        } catch {
            report(formulaProblem(error, in: value, text: text, reader: reader))
            return nil
        }
        let missing = ["w1", "w2"].filter { reader.table[$0] == nil }
        if !missing.isEmpty {
            report(reader.error(reader.keyOffset("expression"),
                                "an `expression` surface needs \(missing.map { "`\($0)`" }.joined(separator: " and ")): the plotted range of each weight",
                                note: "for example: w1 = [-2, 2] and w2 = [-2, 2]"))
            return nil
        }
        guard let w1 = keys.w1, let w2 = keys.w2 else { return nil }
        let start = Weights(w1.lowerBound + 0.1 * (w1.upperBound - w1.lowerBound), w2.upperBound - 0.1 * (w2.upperBound - w2.lowerBound))
        return SurfaceChoice(source: .ready(surface), name: text, w1: w1, w2: w2, start: start, levelScale: .linear)
    }

    /// A mistake in the formula, pointed at in the config: at its column inside the string
    /// when the string's text is the formula byte for byte (no escapes), else at the
    /// string's start with the position within the formula in the message. The hint is the note.
    func formulaProblem(_ error: FormulaError, in value: TOMLValue, text: String, reader: TableReader) -> Diagnostic {
        if let contentStart = Self.verbatimStart(of: value, text: text, in: file) {
            return reader.error(contentStart + error.offset, "in `expression`: \(error.message)", note: error.hint)
        }
        let character = String(decoding: Array(text.utf8).prefix(error.offset), as: UTF8.self).unicodeScalars.count + 1
        return reader.error(value.span.lowerBound, "in `expression`, at character \(character) of the formula: \(error.message)", note: error.hint)
    }

    /// Where a string value's text starts in the file, when the bytes between its quotes are
    /// the string itself (no escapes; for a multi-line string, after the dropped first
    /// newline); nil otherwise.
    static func verbatimStart(of value: TOMLValue, text: String, in file: SourceFile) -> Int? {
        let span = value.span.clamped(to: 0..<file.bytes.count)
        let raw = file.bytes[span]
        let quote = raw.first
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let multiLine = raw.count >= 6 && raw.prefix(3).allSatisfy { $0 == quote }
        let delimiter = multiLine ? 3 : 1
        guard raw.count >= 2 * delimiter else { return nil }
        var start = span.lowerBound + delimiter
        let end = span.upperBound - delimiter
        if multiLine {
            if file.bytes[start..<end].starts(with: [0x0A]) { start += 1 }
            else if file.bytes[start..<end].starts(with: [0x0D, 0x0A]) { start += 2 }
        }
        return file.bytes[start..<end].elementsEqual(text.utf8) ? start : nil
    }
}
