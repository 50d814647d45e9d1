import LossmapSpec

/// TOML 1.0's rules on where a key or table may be defined, applied while the document is
/// read: no key twice, no table twice, dotted keys extend only tables that dotted keys
/// made, `[[name]]` appends only to arrays of tables, inline tables and `[ ]` arrays are
/// complete once closed. Every refusal names the key and where it was first defined.
struct TOMLDefinitions {
    let file: SourceFile
    /// The deepest nesting of tables and arrays accepted (see `TOMLParser.maxDepth`).
    let maxDepth: Int

    // MARK: Headers

    /// Opens `[path]` and returns the table that the following keys go into.
    func openTable(_ path: [TOMLKey], header: Range<Int>, root: TOMLTableBuilder) throws(Diagnostic) -> TOMLTableBuilder {
        let parent = try walkHeaderParents(path, header: header, root: root)
        let key = path[path.count - 1]
        guard let existing = parent.entry(key.name) else {
            let table = try newTable(.header, span: header, parent: parent, at: key)
            parent.add(key, .table(table))
            return table
        }
        switch existing.node {
        case .table(let table) where table.origin == .implicit:
            // `[a.b]` came first and created `a`; now `[a]` defines it: allowed, once.
            table.origin = .header
            table.span = header
            return table
        case .table(let table) where table.origin == .dotted:
            throw error(at: key, "the table [\(path.names.displayName)] was already created by dotted keys; add to it with dotted keys there, not with a header",
                        firstDefinedAt: existing.keySpan.lowerBound)
        case .table(let table):
            throw error(at: key, "the table [\(path.names.displayName)] is defined twice", firstDefinedAt: table.span.lowerBound)
        case .arrayOfTables(let array):
            throw error(at: key, "`\(path.names.displayName)` is an array of tables; use [[\(path.names.displayName)]] to add an element",
                        firstDefinedAt: array.span.lowerBound)
        case .value(let value):
            throw alreadyAValue(value, path: path.names, at: key, firstDefinedAt: existing.keySpan.lowerBound)
        }
    }

    /// Opens `[[path]]`: appends a new table to the array of tables and returns it.
    func appendArrayElement(_ path: [TOMLKey], header: Range<Int>, root: TOMLTableBuilder) throws(Diagnostic) -> TOMLTableBuilder {
        let parent = try walkHeaderParents(path, header: header, root: root)
        let key = path[path.count - 1]
        guard let existing = parent.entry(key.name) else {
            // The element sits one level below the array.
            try checkDepth(parent.depth + 2, at: key)
            let array = TOMLArrayOfTables(span: header, depth: parent.depth + 1, name: path.names)
            parent.add(key, .arrayOfTables(array))
            return array.last
        }
        switch existing.node {
        case .arrayOfTables(let array):
            if array.elements.count == ConfigLimits.maxArrayLength {
                throw error(at: key, "an array of tables may hold at most \(ConfigLimits.grouped(ConfigLimits.maxArrayLength)) tables; [[\(path.names.displayName)]] is one too many",
                            firstDefinedAt: array.span.lowerBound)
            }
            return array.append(header: header)
        case .table(let table):
            throw error(at: key, "`\(path.names.displayName)` is already a table, so [[\(path.names.displayName)]] cannot make it an array of tables",
                        firstDefinedAt: table.origin == .dotted ? existing.keySpan.lowerBound : table.span.lowerBound)
        case .value(let value):
            if case .array = value.kind {
                throw error(at: key, "cannot append to the array `\(path.names.displayName)` with [[\(path.names.displayName)]]: it was written with [ ] and is complete",
                            firstDefinedAt: existing.keySpan.lowerBound)
            }
            throw alreadyAValue(value, path: path.names, at: key, firstDefinedAt: existing.keySpan.lowerBound)
        }
    }

    /// Walks `a.b` of `[a.b.c]` from the root, creating implicit tables; a header may pass
    /// through any table, and into the last element of an array of tables.
    private func walkHeaderParents(_ path: [TOMLKey], header: Range<Int>, root: TOMLTableBuilder) throws(Diagnostic) -> TOMLTableBuilder {
        var table = root
        for (i, key) in path.dropLast().enumerated() {
            guard let existing = table.entry(key.name) else {
                let child = try newTable(.implicit, span: header, parent: table, at: key)
                table.add(key, .table(child))
                table = child
                continue
            }
            switch existing.node {
            case .table(let child):
                table = child
            case .arrayOfTables(let array):
                // "[[a]] … [a.b]": sub-tables belong to the most recent element.
                table = array.last
            case .value(let value):
                throw alreadyAValue(value, path: table.name + path[...i].names, at: key, firstDefinedAt: existing.keySpan.lowerBound)
            }
        }
        return table
    }

    // MARK: Key/value pairs

    /// Adds `a.b.c = value` to `table`, creating the tables of a dotted key.
    func insert(_ value: TOMLValue, at path: [TOMLKey], into table: TOMLTableBuilder) throws(Diagnostic) {
        let base = table.name
        var table = table
        for (i, key) in path.dropLast().enumerated() {
            guard let existing = table.entry(key.name) else {
                let child = try newTable(.dotted, span: key.span, parent: table, at: key)
                table.add(key, .table(child))
                table = child
                continue
            }
            let shown = (base + path[...i].names).displayName
            switch existing.node {
            case .table(let child) where child.origin == .dotted:
                table = child
            case .table(let child):
                throw error(at: key, "cannot add to the table `\(shown)` with a dotted key: it was created by a table header; add the key under [\(shown)] instead",
                            firstDefinedAt: child.span.lowerBound)
            case .arrayOfTables(let array):
                throw error(at: key, "cannot add to `\(shown)` with a dotted key: it is an array of tables",
                            firstDefinedAt: array.span.lowerBound)
            case .value(let value):
                throw alreadyAValue(value, path: base + path[...i].names, at: key, firstDefinedAt: existing.keySpan.lowerBound)
            }
        }
        let key = path[path.count - 1]
        if let existing = table.entry(key.name) {
            let what: String
            switch existing.node {
            case .table: what = " as a table"
            case .arrayOfTables: what = " as an array of tables"
            case .value: what = ""
            }
            throw error(at: key, "the key `\((base + path.names).displayName)` is already defined\(what)", firstDefinedAt: existing.keySpan.lowerBound)
        }
        table.add(key, .value(value))
    }

    // MARK: Helpers

    private func newTable(_ origin: TOMLTableBuilder.Origin, span: Range<Int>, parent: TOMLTableBuilder, at key: TOMLKey) throws(Diagnostic) -> TOMLTableBuilder {
        let table = TOMLTableBuilder(origin: origin, span: span, depth: parent.depth + 1, name: parent.name + [key.name])
        try checkDepth(table.depth, at: key)
        return table
    }

    func checkDepth(_ depth: Int, at key: TOMLKey) throws(Diagnostic) {
        if depth > maxDepth {
            throw Diagnostic(file: file, offset: key.span.lowerBound,
                             message: "tables and arrays are nested more than \(maxDepth) levels deep")
        }
    }

    /// `path` names a finished value, which no later key or header may add to.
    private func alreadyAValue(_ value: TOMLValue, path: [String], at key: TOMLKey, firstDefinedAt offset: Int) -> Diagnostic {
        let name = path.displayName
        switch value.kind {
        case .table:
            return error(at: key, "cannot add to the inline table `\(name)`: an inline table { … } is complete once closed",
                         firstDefinedAt: offset)
        case .array:
            return error(at: key, "cannot add to `\(name)`: it is an array written with [ ], not a table", firstDefinedAt: offset)
        default:
            return error(at: key, "`\(name)` is already defined as \(value.typeDescription), so it cannot be a table",
                         firstDefinedAt: offset)
        }
    }

    private func error(at key: TOMLKey, _ message: String, firstDefinedAt offset: Int) -> Diagnostic {
        Diagnostic(file: file, offset: key.span.lowerBound, message: message,
                   note: "first defined at line \(file.lineAndColumn(of: offset).line)")
    }
}
