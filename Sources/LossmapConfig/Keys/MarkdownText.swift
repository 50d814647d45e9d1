/// Markdown laid out for docs/config.md: paragraphs and list items rewrapped to a width,
/// tables and fenced code kept line for line.
enum MarkdownText {
    /// The widest line a rewrapped paragraph gets, in characters (a word longer than the
    /// room left stays whole).
    static let width = 94

    /// `text` with its blocks (separated by blank lines) laid out: consecutive list items
    /// (`- …`) stay one list, each item wrapped with a two-space hanging indent.
    static func laidOut(_ text: String) -> String {
        blocks(of: text).map { block -> String in
            switch block {
            case .verbatim(let lines): return lines.joined(separator: "\n")
            case .paragraph(let words): return wrapped(words, indent: "")
            case .list(let items): return items.map { "- " + wrapped($0, indent: "  ").dropFirst(2) }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }

    private enum Block {
        case verbatim([String])
        case paragraph([Substring])
        case list([[Substring]])
    }

    private static func blocks(of text: String) -> [Block] {
        var blocks: [Block] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.first {
            if isBlank(line) {
                lines.removeFirst()
            } else if line.hasPrefix("```") {
                // A fence runs to the next line that starts with ```, both kept.
                let end = lines.dropFirst().firstIndex { $0.hasPrefix("```") } ?? lines.endIndex - 1
                blocks.append(.verbatim(Array(lines[lines.startIndex...end])))
                lines = lines[(end + 1)...]
            } else if line.hasPrefix("|") {
                let end = lines.firstIndex { !$0.hasPrefix("|") } ?? lines.endIndex
                blocks.append(.verbatim(Array(lines[..<end])))
                lines = lines[end...]
            } else {
                let end = lines.firstIndex { isBlank($0) || $0.hasPrefix("```") || $0.hasPrefix("|") }
                    ?? lines.endIndex
                blocks.append(textBlock(Array(lines[..<end])))
                lines = lines[end...]
            }
        }
        return blocks
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    /// A paragraph, or a list when its first line starts an item.
    private static func textBlock(_ lines: [String]) -> Block {
        func words(_ lines: some Sequence<String>) -> [Substring] {
            lines.flatMap { $0.split(separator: " ") }
        }
        guard lines[0].hasPrefix("- ") else { return .paragraph(words(lines)) }
        var items: [[String]] = []
        for line in lines {
            if line.hasPrefix("- ") { items.append([String(line.dropFirst(2))]) } else { items[items.count - 1].append(line) }
        }
        return .list(items.map(words))
    }

    /// Words filled greedily into lines of at most `width` characters. A line never starts
    /// with a word Markdown would read as a list marker, heading, quote or table row, and
    /// never breaks next to an operator, so `1600 × 1000` and `a = b` stay whole.
    private static func wrapped(_ words: [Substring], indent: String) -> String {
        var lines: [String] = []
        var line = indent
        var previous: Substring?
        for word in words {
            let fits = previous == nil || line.count + 1 + word.count <= width
            let glued = previous.map(isOperator) ?? false || isOperator(word) || startsBlock(word)
            if fits || glued {
                line += (previous == nil ? "" : " ") + word
            } else {
                lines.append(line)
                line = indent + word
            }
            previous = word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    private static func isOperator(_ word: Substring) -> Bool {
        ["=", "←", "→", "−", "+", "×", "·", "/", "<", ">", "≤", "≥", "…", "-", "*"].contains(word)
    }

    /// `-`, `+`, `*`, `>`, `|`, `=`, `#…` and `1.` begin a block at the start of a line.
    private static func startsBlock(_ word: Substring) -> Bool {
        if ["-", "+", "*", ">", "|", "=", "---"].contains(word) || word.hasPrefix("#") { return true }
        return word.last == "." && word.dropLast().allSatisfy(\.isNumber) && word.count > 1
    }
}
