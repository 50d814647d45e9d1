import LossmapCore
import LossmapSpec

/// The keys at the top level of a config: the figure's title, file, size and look, what
/// kind of figure it is, and the tables.
enum TopLevelKeys {
    /// Output formats this version can write, by the output name's extension.
    static let outputExtensions = FigureFormat.extensions
    /// The canvas size when `size` is not given.
    static let defaultSize = (width: 1600, height: 1000)
    /// `size`: pixels a side (also the limit of size × scale).
    static let sizeRange: ClosedRange<Int64> = 16...16384
    /// `scale`: device pixels per layout pixel.
    static let scaleRange = 0.25...8.0
    static let defaultScale = 1.0
    static let defaultTheme = Theme.Name.light
    static let defaultLayout = MapLayout.overlay
    static let defaultLossCurve = false
    static let defaultCriticalRate = true
    /// `aspect` values: one unit of w1 as long as one of w2, or the map filling its space.
    static let aspectNames = ["equal", "auto"]
    static let defaultAspect = "equal"
    /// `kind` values.
    static let kindNames = ["map", "sweep", "phase"]
    static let defaultKind = "map"

    static let table = ConfigTable(name: "the top level", id: "top level", entries: [
        .value("title", type: "string", default: "none (no heading)", allowed: "any text but NUL and Unicode noncharacters",
               example: "`title = \"Gradient descent on Rosenbrock\"`",
               doc: "The heading drawn above the map."),
        .value("subtitle", type: "string", default: "none", allowed: "any text but NUL and Unicode noncharacters",
               example: "`subtitle = \"100 steps from W1 = 40, W2 = 10\"`",
               doc: "A smaller line under the title."),
        .value("footnote", type: "string", default: "none", allowed: "any text but NUL and Unicode noncharacters",
               example: "`footnote = \"Data: the lecture's four points\"`",
               doc: "A small line at the bottom of the figure, e.g. a source or a note."),
        output,
        .value("size", type: "array of two integers `[width, height]`",
               default: "`[\(defaultSize.width), \(defaultSize.height)]`",
               allowed: "\(sizeRange.lowerBound) … \(sizeRange.upperBound) pixels a side", example: "`size = [1200, 800]`",
               doc: "The canvas size in pixels."),
        scale,
        .choice("theme", among: Theme.Name.allCases.map(\.rawValue), default: defaultTheme.rawValue, example: "`theme = \"dark\"`",
               doc: """
                   The colours of everything but the contour bands: background, text, axes, the path palette \
                   (Okabe–Ito, colour-blind safe) and the halo around paths.
                   """,
               details: "`dark` is for dark slides."),
        .choice("layout", among: MapLayout.allCases.map(\.rawValue), default: defaultLayout.rawValue, example: "`layout = \"grid\"`",
               doc: """
                   `overlay` draws every run on one map; `grid` draws one map per run, with identical axes \
                   and levels, each titled with its run.
                   """),
        .value("loss_curve", type: "boolean", default: "`\(defaultLossCurve)`", allowed: "`true`, `false`",
               example: "`loss_curve = true`",
               doc: "Adds a panel beside the map with each run's loss against the step (log axis), in the runs' colours."),
        .value("rate_curve", type: "boolean", default: "`false`", allowed: "`true`, `false`", example: "`rate_curve = true`",
               doc: "Adds a panel beside the map with each run's learning rate η_t against the step, η_crit marked.",
               details: """
                   For schedules and line searches, whose η changes from step to step; a constant η is a flat \
                   line. Stacked with the loss panel and the slice panel when they are on too.
                   """),
        kind,
        view,
        aspect,
        criticalRate,
        ConfigKey(["surface", "optimizer", "run", "sweep", "phase", "marker", "explain", "inset", "animation", "camera"], .tables,
                  doc: """
                      The tables below: `[surface]` (required), `[optimizer]`, `[[run]]` sections, `[sweep]`, \
                      `[phase]`, `[[marker]]`, `[[explain]]` and `[[inset]]` sections, `[animation]` and `[camera]`.
                      """),
    ])

    static let output = ConfigKey.value(
        "output", type: "string", default: "the config's name with `.png` (`a.toml` → `a.png`)",
        allowed: "a relative file name ending in \(ConfigDecoder.listed(outputExtensions.map { "`.\($0)`" })), or a folder name ending in `/`, inside the output folder; at most 228 bytes a name (the temporary's suffix needs the rest of 255)",
        example: "`output = \"figures/rosenbrock.svg\"`",
        doc: """
            Where the figure is written, relative to the output folder (`--output DIR`, default `output/`); \
            the extension chooses the format: PNG, SVG or PDF, the same figure in each; GIF, APNG or a \
            folder of numbered PNG frames (a name ending in `/`) for an animation.
            """,
        details: """
            A `.gif`, `.apng` or `…/` output animates the map (with `[animation]`'s defaults when the config \
            has no `[animation]` table); a `.pdf` with `[animation]` gets one page per frame. Not allowed: an \
            absolute path (`/…`, `~…`), `..`, a backslash, a name starting with `.`, control characters, any \
            other extension.
            """)

    static let scale = ConfigKey.value(
        "scale", type: "number", default: NumberFormatting.compact(defaultScale),
        allowed: "\(NumberFormatting.compact(scaleRange.lowerBound)) … \(NumberFormatting.compact(scaleRange.upperBound)), "
            + "and `size` × `scale` at most \(sizeRange.upperBound) pixels a side",
        example: "`scale = 2`",
        doc: "Device pixels per pixel of `size`, for HiDPI screens and print.",
        details: """
            `scale = 2` renders a 1600 × 1000 figure at 3200 × 2000 with the same layout, every line and \
            letter twice as large.
            """)

    static let kind = ConfigKey.choice(
        "kind", among: kindNames, default: defaultKind, example: "`kind = \"sweep\"`",
        doc: "`map`: the contour map with a descent path per run.",
        details: """
            `sweep`: no map, but the loss after `steps` steps against the learning rate, both on log axes, \
            for many rates (the `[sweep]` table, required then), with η_crit marked and the diverging rates \
            shaded. A sweep runs `[optimizer]`'s `method` from its `start` for its `steps`; the map's keys \
            (`levels`, `colormap`, `layout` …) do not apply to it.

            `phase`: the momentum phase diagram. For the quadratic model at the minimum (exact for a \
            quadratic), the learning rate on x, momentum β on y, and colour the convergence rate ρ of \
            heavy-ball descent: the factor by which the distance to the minimum shrinks per step (the \
            spectral radius of its iteration over both eigen-directions). The contour ρ = 1 is where \
            convergence ends; the configured runs are markers. The optional `[phase]` table sets the \
            ranges and can add real runs on the actual surface.
            """)

    static let view = ConfigKey.choice(
        "view", among: FigureView.allCases.map(\.rawValue), default: "map", example: "`view = \"both\"`",
        doc: "`map`: the contour map; `surface`: the loss surface as a mountain in 3-D, every path draped on it; `both`: the two side by side.",
        details: """
            The mountain has the map's colormap and levels, shaded by a light from the upper left; what \
            passes behind a ridge is hidden. `[camera]` sets the view. A surface needs a map figure with \
            every run on it (not `kind = "sweep"`, not `layout = "grid"`).
            """)

    // The 4:1 bound is `FigureLayout.grid`'s: equal units only for windows between 1:4 and 4:1.
    static let aspect = ConfigKey.choice(
        "aspect", among: aspectNames, default: defaultAspect, example: "`aspect = \"auto\"`",
        doc: """
            `equal`: one unit of w1 is as long as one unit of w2 on the map, so paths cross the isolines at \
            the angles they really make.
            """,
        details: """
            `auto`: the map fills the space, whatever the ranges. `equal` falls back to `auto` when the \
            window is wider than 4:1 or taller than 1:4 (the range of w1 more than 4 times that of w2, or \
            the reverse): equal units would shrink such a map to a sliver.
            """)

    static let criticalRate = ConfigKey.value(
        "critical_rate", type: "boolean", default: "`\(defaultCriticalRate)`", allowed: "`true`, `false`",
        example: "`critical_rate = false`",
        doc: "Whether to analyse the curvature at the minimum.",
        details: """
            The legend then gives each generated label its rate relative to the critical one \
            ("η = 0.08 (0.88 η_crit)"), and the footnote line states η_crit = 2/λmax and how it was found. \
            `false` leaves both out.
            """)
}
