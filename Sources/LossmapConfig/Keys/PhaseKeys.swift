import LossmapCore

/// The keys of [phase]: the learning rates and momenta of a phase diagram.
enum PhaseKeys {
    static let defaultMomentum = 0.0...0.99
    static let defaultLattice = (columns: 16, rows: 12)
    /// `lattice`: real runs a side. The runs count towards the figure's limit on steps
    /// (columns × rows × `steps`), as the sweep's do.
    static let latticeRange: ClosedRange<Int64> = 2...40

    static let table = ConfigTable(name: "[phase]", id: "[phase]", entries: [
        ConfigKey(["from", "to"], .value(type: "number", defaultValue: "1% of η_crit, and 1.5 × the largest stable η", allowed: "finite, 0 < `from` < `to`",
                                         example: "`from = 0.001`, `to = 0.2`"),
                  doc: """
                      The smallest and the largest learning rate on the x axis (multiples of gradient descent's \
                      η_crit = 2/λmax with `[optimizer]`'s `relative_to = "critical"`, and then the axis is labelled \
                      η/η_crit).
                      """,
                  details: """
                      Without them the axis runs from 1% of gradient descent's η_crit to 1.5 × the largest rate \
                      any momentum keeps stable, 2(1 + β)/λmax at the top β, on a log scale. The runs' rings are \
                      labelled with their rates against the axis's η_crit: a momentum run's `relative_to` multiple \
                      is of its own limit 2(1 + β)/λmax, so its "0.5 η_crit" in the legend is (1 + β) × 0.5 on the \
                      diagram. Only gradient-descent and momentum runs have a place on it; the figure's notes name \
                      any other run left out.
                      """),
        .value("momentum", type: "array of two numbers `[low, high]`", default: "`[0, 0.99]`", allowed: "0 ≤ low < high < 1",
               example: "`momentum = [0, 0.95]`",
               doc: "The momenta β on the y axis."),
        .value("real_runs", type: "boolean", default: "`false`", allowed: "`true`, `false`", example: "`real_runs = true`",
               doc: """
                   Also runs heavy-ball descent on the actual surface for a coarse lattice of (η, β) pairs, from \
                   [optimizer]'s `start` for its `steps`, and draws each outcome as a symbol over the model's colours.
                   """,
               details: """
                   The lattice's runs count towards the figure's limit of steps (columns × rows × `steps`). \
                   ● converged, ○ still moving, × diverged or left the map. Where the surface is not quadratic the \
                   real outcomes and the model's boundary can disagree; the figure shows where.
                   """),
        .value("lattice", type: "array of two integers `[columns, rows]`",
               default: "`[\(defaultLattice.columns), \(defaultLattice.rows)]`",
               allowed: "\(latticeRange.lowerBound) … \(latticeRange.upperBound) each", example: "`lattice = [20, 10]`",
               doc: "How many learning rates and momenta the real runs try."),
    ])
}
