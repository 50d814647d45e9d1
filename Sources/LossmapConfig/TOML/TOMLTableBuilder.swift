/// A table while its document is being read: entries in source order with an index for
/// lookups, plus how the table came to exist, which decides what may still be added to it.
///
/// This is a class because the parser keeps a reference to "the current table" (the one the
/// last `[header]` opened) and adds to it in place; value semantics would force it to
/// re-walk the path from the root for every key. `freeze()` turns the finished tree into the
/// public value types.
final class TOMLTableBuilder {
    /// How a table was created; TOML 1.0's rules on redefinition depend on it.
    enum Origin: Equatable {
        /// The document itself.
        case root
        /// Opened by a `[header]`, or an element of a `[[header]]` array: defined, final.
        case header
        /// Created as a parent of a header (`a` for `[a.b]`): may still get its own `[a]`.
        case implicit
        /// Created by a dotted key (`a` for `a.b = 1`): more dotted keys may add to it, and
        /// headers may pass through it (`[a.b.c]`), but `[a]` may not define it again.
        case dotted
        /// The body of an inline table `{ … }` while it is read; frozen once closed.
        case inline
    }

    /// An entry's value: finished values (scalars, `[ ]` arrays, closed inline tables) or
    /// the tables and arrays of tables that may still grow.
    enum Node {
        case value(TOMLValue)
        case table(TOMLTableBuilder)
        case arrayOfTables(TOMLArrayOfTables)
    }

    struct Entry {
        var key: String
        var keySpan: Range<Int>
        var node: Node
    }

    var origin: Origin
    /// The header, key or `{` that created (or, for an implicit table, later defined) it.
    var span: Range<Int>
    /// How many tables and arrays enclose it (the root is 0); bounded to keep recursion safe.
    let depth: Int
    /// The keys leading to it from the document root, for messages.
    let name: [String]
    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    init(origin: Origin, span: Range<Int>, depth: Int, name: [String]) {
        self.origin = origin
        self.span = span
        self.depth = depth
        self.name = name
    }

    func entry(_ key: String) -> Entry? {
        index[key].map { entries[$0] }
    }

    func add(_ key: TOMLKey, _ node: Node) {
        index[key.name] = entries.count
        entries.append(Entry(key: key.name, keySpan: key.span, node: node))
    }

    /// The finished table, as the public value type.
    func freeze() -> TOMLTable {
        TOMLTable(entries: entries.map { entry in
            let value: TOMLValue
            switch entry.node {
            case .value(let v):
                value = v
            case .table(let table):
                value = TOMLValue(.table(table.freeze()), span: table.span)
            case .arrayOfTables(let array):
                value = TOMLValue(.array(array.elements.map { TOMLValue(.table($0.freeze()), span: $0.span) }),
                                  span: array.span)
            }
            return TOMLTable.Entry(key: entry.key, keySpan: entry.keySpan, value: value)
        })
    }
}

/// An array of tables (`[[name]]`) while it is being read; each header appends an element.
final class TOMLArrayOfTables {
    /// The first `[[name]]` header.
    let span: Range<Int>
    let depth: Int
    let name: [String]
    /// Never empty: the array is created by its first header, with that header's table.
    private(set) var elements: [TOMLTableBuilder]

    init(span: Range<Int>, depth: Int, name: [String]) {
        self.span = span
        self.depth = depth
        self.name = name
        elements = [TOMLTableBuilder(origin: .header, span: span, depth: depth + 1, name: name)]
    }

    /// The most recent element, which `[name.sub]` headers add to.
    var last: TOMLTableBuilder { elements[elements.count - 1] }

    /// Appends a new element for the `[[name]]` header at `span` and returns it.
    func append(header span: Range<Int>) -> TOMLTableBuilder {
        let element = TOMLTableBuilder(origin: .header, span: span, depth: depth + 1, name: name)
        elements.append(element)
        return element
    }
}
