import LossmapSpec

/// One segment of a (possibly dotted) key as written, e.g. `b` in `a.b = 1` or `"x y"`.
struct TOMLKey: Equatable {
    var name: String
    var span: Range<Int>
}

extension Sequence where Element == TOMLKey {
    var names: [String] { map(\.name) }
}

extension Array where Element == String {
    /// A key path as a person would write it: `fruit.apple`, `site."google.com"` (cut short
    /// if very long, since it is meant for messages).
    var displayName: String {
        ConfigLimits.shown(map { name in
            let bare = !name.isEmpty && name.utf8.allSatisfy(TOMLLexer.isBareKeyByte)
            return bare ? name : TOMLTaggedJSON.quoted(name)
        }.joined(separator: "."))
    }
}
