/// One config key, or a few documented together (`w1`, `w2`): the single place its type,
/// default, allowed values and meaning are written.
///
/// The decoder's lists of allowed keys, the "did you mean" suggestions and "keys allowed
/// here" notes, the comments of `lossmap init`'s starter config and the key reference in
/// docs/config.md all come from these. Numbers a key's checks use (ranges, defaults) are
/// constants beside the key in the same file, read by the decoder and interpolated here.
struct ConfigKey: Sendable {
    /// How docs/config.md documents the key.
    enum Form: Sendable {
        /// Its own row: type, default, allowed values and an example, as Markdown.
        case value(type: String, defaultValue: String, allowed: String, example: String)
        /// Documented in another table: "As in `[optimizer]`, for this run only."
        case sameAs(table: String)
        /// Keys that are tables of their own, documented under their own headings.
        case tables
        /// The hyperparameters of the methods, documented from the method table.
        case hyperparameters
    }

    /// The keys, in the order the decoder lists them; usually one.
    let names: [String]
    let form: Form
    /// What the key does, in one line a user could read: the first sentence of its text in
    /// docs/config.md, and its comment in `lossmap init`'s starter config.
    let doc: String
    /// More Markdown for docs/config.md. Text that does not start with a blank line goes
    /// on in `doc`'s paragraph; paragraphs are rewrapped, tables, lists and code kept.
    let details: String
    /// The names a string key accepts, when it is one of a few (`theme`: light, dark).
    let choices: [String]

    init(_ names: [String], _ form: Form, doc: String, details: String = "", choices: [String] = []) {
        self.names = names
        self.form = form
        self.doc = doc
        self.details = details
        self.choices = choices
    }

    /// A key with its own row in the documentation.
    static func value(_ name: String, type: String, default defaultValue: String, allowed: String, example: String,
                      doc: String, details: String = "") -> ConfigKey {
        ConfigKey([name], .value(type: type, defaultValue: defaultValue, allowed: allowed, example: example),
                  doc: doc, details: details)
    }

    /// A string key that takes one of `names`, listed as its allowed values.
    static func choice(_ name: String, among names: [String], default defaultValue: String, example: String,
                       doc: String, details: String = "") -> ConfigKey {
        ConfigKey([name], .value(type: "string", defaultValue: "`\(defaultValue)`", allowed: ConfigKeys.code(names), example: example),
                  doc: doc, details: details, choices: names)
    }
}

/// The keys of one config table, in the order messages list them.
struct ConfigTable: Sendable {
    /// How messages name the table: "the top level", "[surface]", "[[run]]".
    let name: String
    /// Its name in the markers around its generated key reference in docs/config.md.
    let id: String
    let entries: [ConfigKey]

    /// Every key the table accepts, in order: the "keys allowed here" of messages.
    var keys: [String] { entries.flatMap(\.names) }

    /// The entry that documents `key`.
    func entry(_ key: String) -> ConfigKey? { entries.first { $0.names.contains(key) } }
}

/// Every table of a config, with its keys.
enum ConfigKeys {
    static let tables = [TopLevelKeys.table, SurfaceKeys.table, OptimizerKeys.table, RunKeys.table,
                         SweepKeys.table, PhaseKeys.table, MarkerKeys.table, ExplainKeys.table, InsetKeys.table,
                         AnimationKeys.table, CameraKeys.table]

    /// The tables, other than `table`, that accept `key`: "[optimizer] or [[run]]".
    static func home(of key: String, besides table: String) -> String? {
        let homes = tables.filter { $0.name != table && $0.keys.contains(key) }.map(\.name)
        return homes.isEmpty ? nil : homes.joined(separator: " or ")
    }

    /// `names` as Markdown code, listed: "`light`, `dark`".
    static func code(_ names: [String]) -> String { names.map { "`\($0)`" }.joined(separator: ", ") }
}
