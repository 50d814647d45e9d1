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
    /// `font_scale`: from half the text size (a figure shown large) to twice it (tick labels 4%
    /// of the figure's height, a slide read from the back of the room); beyond 2 the text of a
    /// busy 1600 × 1000 figure (a loss panel, a callout, six legend entries) leaves its maps
    /// too little room and its legend none on the page.
    static let fontScaleRange = 0.5...2.0
    static let defaultFontScale = 1.0
    /// `background` values: the theme's colour, or none.
    static let backgroundNames = FigureBackground.allCases.map(\.rawValue)
    static let defaultBackground = FigureBackground.theme
    /// `dpi`: from a coarse 10 pixels an inch to a 2400-dpi imagesetter.
    static let dpiRange = 10.0...2400.0
    /// The dpi a paper size is rendered at when the config gives none: print quality for
    /// figures on a page, 1754 × 1240 pixels for A4.
    static let paperDPI = 150.0

    /// A `size` written as a name: the sizes presenters reach for.
    struct NamedSize: Sendable {
        /// What the name measures: pixels, or a sheet of paper in millimetres, landscape.
        enum Measure: Sendable {
            case pixels(width: Int, height: Int)
            case paper(widthMillimetres: Double, heightMillimetres: Double)
        }

        let name: String
        let measure: Measure
        /// What it is for, for the key reference.
        let use: String

        var isPaper: Bool { if case .paper = measure { true } else { false } }

        /// Its size in pixels; a paper size at `dpi` pixels an inch (25.4 mm), rounded.
        func pixels(dpi: Double) -> (width: Int, height: Int) {
            switch measure {
            case .pixels(let width, let height):
                return (width, height)
            case .paper(let width, let height):
                func pixels(_ millimetres: Double) -> Int {
                    let x = (millimetres / 25.4 * dpi).rounded()
                    return x.isFinite && x < 1e9 ? Int(x) : Int(1e9)
                }
                return (pixels(width), pixels(height))
            }
        }
    }

    /// The names `size` takes. Slides are 16:9 at 1920 × 1080 (PowerPoint's, Keynote's and
    /// Google Slides' default shape; full HD, what most projectors show) or 4:3; paper is
    /// landscape (ISO 216's A4, 297 × 210 mm; ANSI Letter, 11 × 8.5 in).
    static let namedSizes: [NamedSize] = [
        NamedSize(name: "slide", measure: .pixels(width: 1920, height: 1080), use: "a 16:9 slide, full HD"),
        NamedSize(name: "slide-4:3", measure: .pixels(width: 1440, height: 1080), use: "a 4:3 slide"),
        NamedSize(name: "hd", measure: .pixels(width: 1280, height: 720), use: "a 16:9 slide or video at 720p"),
        NamedSize(name: "4k", measure: .pixels(width: 3840, height: 2160), use: "a 16:9 slide for a 4K screen or projector"),
        NamedSize(name: "square", measure: .pixels(width: 1080, height: 1080), use: "a square: half a 16:9 slide, a post"),
        NamedSize(name: "a4", measure: .paper(widthMillimetres: 297, heightMillimetres: 210), use: "an A4 page, landscape (297 × 210 mm)"),
        NamedSize(name: "letter", measure: .paper(widthMillimetres: 279.4, heightMillimetres: 215.9),
                  use: "a US Letter page, landscape (11 × 8.5 in)"),
    ]

    /// The named size called `name`.
    static func namedSize(_ name: String) -> NamedSize? { namedSizes.first { $0.name == name } }

    /// The names with their pixels, for messages: "slide (1920 × 1080), …, a4 (297 × 210 mm at `dpi`, …)".
    static var namedSizeList: String {
        namedSizes.map { size in
            let (w, h) = size.pixels(dpi: paperDPI)
            return size.isPaper ? "\(size.name) (\(w) × \(h) at \(NumberFormatting.compact(paperDPI)) dpi)" : "\(size.name) (\(w) × \(h))"
        }.joined(separator: ", ")
    }

    /// The key reference's table of the names.
    private static var namedSizeTable: String {
        let rows = namedSizes.map { size -> String in
            let (w, h) = size.pixels(dpi: paperDPI)
            let pixels = size.isPaper ? "\(w) × \(h) at \(NumberFormatting.compact(paperDPI)) dpi, \(size.pixels(dpi: 300).width) × \(size.pixels(dpi: 300).height) at 300"
                : "\(w) × \(h)"
            return "| `\(size.name)` | \(pixels) | \(size.use) |"
        }
        return (["| name | pixels | for |", "| --- | --- | --- |"] + rows).joined(separator: "\n")
    }

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
        .value("size", type: "array of two integers `[width, height]`, or string",
               default: "`[\(defaultSize.width), \(defaultSize.height)]`",
               allowed: "\(sizeRange.lowerBound) … \(sizeRange.upperBound) pixels a side; or a name: "
                   + ConfigKeys.code(namedSizes.map(\.name)),
               example: "`size = [1200, 800]`, `size = \"slide\"`",
               doc: "The canvas size in pixels.",
               details: """
                   Or a name, for the sizes slides and pages take. Text, lines and margins grow with the \
                   canvas (the smaller of width/\(defaultSize.width) and height/\(defaultSize.height)), so a figure \
                   filling a slide reads as the \(defaultSize.width) × \(defaultSize.height) figure does on a screen; \
                   `font_scale` makes the text larger still.

                   \(namedSizeTable)

                   A paper size is rendered at `dpi` (\(NumberFormatting.compact(paperDPI)) when not given), which \
                   the file then records, so it prints at the paper's size.
                   """),
        scale,
        dpi,
        fontScale,
        background,
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

    static let dpi = ConfigKey.value(
        "dpi", type: "number",
        default: "none (no physical size recorded); \(NumberFormatting.compact(paperDPI)) with a paper `size`",
        allowed: "\(NumberFormatting.compact(dpiRange.lowerBound)) … \(NumberFormatting.compact(dpiRange.upperBound)); "
            + "not with a `.gif` or `.apng` output",
        example: "`dpi = 192`",
        doc: "Pixels of `size` per inch, recorded in the file so that slide software places the figure at width/dpi inches.",
        details: """
            A PNG gets a pHYs chunk of round(`dpi` × `scale` / 0.0254) pixels per metre: with `scale` it has \
            more pixels for the same inches, sharper rather than larger (a frames folder's PNGs alike). A PDF's \
            page and an SVG's `width` and `height` measure width/dpi × height/dpi inches (72/dpi points a \
            pixel); without `dpi` they have always been one point a pixel. A GIF or an animated PNG has \
            no place for it.
            """)

    static let fontScale = ConfigKey.value(
        "font_scale", type: "number", default: NumberFormatting.compact(defaultFontScale),
        allowed: "\(NumberFormatting.compact(fontScaleRange.lowerBound)) … \(NumberFormatting.compact(fontScaleRange.upperBound))",
        example: "`font_scale = 1.5`",
        doc: "Multiplies the size of every text: titles, axis labels, ticks, legend, colorbar, panels, callouts.",
        details: """
            For a figure that must read from the back of the room (1.5) or that is shown large (0.8). \
            Lines, markers and margins keep their size; the maps give the larger text the room it needs.
            """)

    static let background = ConfigKey.choice(
        "background", among: backgroundNames, default: defaultBackground.rawValue, example: "`background = \"transparent\"`",
        doc: "`theme`: the theme's background colour fills the canvas; `transparent`: nothing does, so the slide shows through.",
        details: """
            `transparent` writes a PNG with an alpha channel (the maps, the colorbar, paths, markers and \
            labels opaque, the rest see-through) and an SVG or PDF without the background rectangle. \
            Text, axes and frames keep the theme's colours, with a thin halo of the theme's halo colour \
            (white in `light`, near-black in `dark`), so they stay legible on a slide of either \
            brightness; on a slide of the theme's own background the halo is invisible and the figure \
            looks as it does with `theme`. The best look: the theme of the slide (`light` for light \
            slides, `dark` for dark ones). Not for a `.gif`, `.apng` or frames folder, which are drawn \
            on the theme's background.
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
