/// The keys of [sweep]: the learning rates a sweep figure tries.
enum SweepKeys {
    /// `count`: how many learning rates.
    static let countRange: ClosedRange<Int64> = 2...400
    static let defaultCount = 100

    static let table = ConfigTable(name: "[sweep]", id: "[sweep]", entries: [
        ConfigKey(["from", "to"], .value(type: "number", defaultValue: "required", allowed: "finite, 0 < `from` < `to`",
                                         example: "`from = 0.0001`, `to = 1`"),
                  doc: """
                      The smallest and the largest learning rate tried (multiples of η_crit with \
                      `relative_to = "critical"`).
                      """),
        .value("count", type: "integer", default: "\(defaultCount)", allowed: "\(countRange.lowerBound) … \(countRange.upperBound)",
               example: "`count = 120`", doc: "How many learning rates are tried, `from` and `to` included."),
    ])
}
