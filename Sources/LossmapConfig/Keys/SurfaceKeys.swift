import LossmapContour
import LossmapCore
import LossmapSpec

/// The keys of [surface]: which loss surface, over which window, contoured how.
enum SurfaceKeys {
    /// The keys that say which surface to draw; exactly one is required.
    static let sourceKeys = ["function", "expression", "model", "grid"]
    /// The keys of a perceptron surface (`model = "perceptron"`).
    static let perceptronKeys = ["data", "points", "activation", "loss", "bias"]
    /// `condition` of the quadratic surface when not given.
    static let defaultCondition = 10.0
    static let defaultActivation = PerceptronActivation.linear
    static let defaultLoss = PerceptronLoss.mse
    static let defaultBias = 0.0
    /// `resolution`: grid samples per axis.
    static let resolutionRange: ClosedRange<Int64> = ConfigLimits.resolutionRange
    static let defaultResolution = 400
    /// `levels`: the most contour levels, as a count or as a list.
    static let levelCountRange: ClosedRange<Int64> = 1...200
    static let defaultLevelCount = 20
    static let defaultColormap = Colormap.Name.viridis
    static let defaultContourLabels = false

    /// "one of `function`, `expression`, `model` is required".
    static let sourceRequired = "one of \(ConfigKeys.code(sourceKeys)) is required"

    static let table = ConfigTable(name: "[surface]", id: "[surface]", entries: [
        function,
        expression,
        model,
        grid,
        .value("condition", type: "number", default: NumberFormatting.compact(defaultCondition),
               allowed: "finite, > 0; `quadratic` only", example: "`condition = 25`",
               doc: "The ratio κ of the quadratic bowl's two curvatures.", details: "An error on any other surface."),
        data,
        .value("points", type: "array of points `[x1, x2, y]`", default: "none; `data` or `points` is required with `model`",
               allowed: "at least one point, finite numbers", example: "`points = [[1, 1, 50], [1, 3, 110]]`",
               doc: "The perceptron's data, written in the config."),
        .choice("activation", among: PerceptronActivation.allCases.map(\.rawValue), default: defaultActivation.rawValue,
                example: "`activation = \"sigmoid\"`",
               doc: """
                   The perceptron's output function: ŷ = z, ŷ = 1/(1 + e^−z), or ŷ = tanh z, of its weighted \
                   input z = w1·x1 + w2·x2 + `bias`.
                   """,
               details: """
                   With `model = "mlp"` it is the hidden layers' activation instead: `tanh` (the default), \
                   `relu` or `sigmoid`.
                   """),
        loss,
        .value("bias", type: "number", default: NumberFormatting.compact(defaultBias), allowed: "finite",
               example: "`bias = -1.5`",
               doc: "A fixed bias added to the perceptron's weighted input (not one of the plotted weights)."),
    ] + NetworkKeys.entries + [
        ImportedGridKeys.w1Key,
        ImportedGridKeys.w2Key,
        ImportedGridKeys.lossKey,
        .value("minimum", type: "array of two numbers `[w1, w2]`", default: "none (the perceptron's or grid's own, when it has one)",
               allowed: "finite; `expression`, `model` and `grid` only", example: "`minimum = [1.0, 1.0]`",
               doc: """
                   A known minimum, marked with a star, and the point where the curvature and η_crit are computed \
                   (otherwise found by Newton's method from the first run's start).
                   """,
               details: "Built-in surfaces know their minima, so it is an error with `function`."),
        ConfigKey(["w1", "w2"], .value(type: "array of two numbers `[min, max]`",
                                       defaultValue: "the built-in surface's window (table above); required with `expression`; around the minimum with `model`",
                                       allowed: "finite, min < max, a span the grid can sample (finite, and wider than about 1e-12 of the values)", example: "`w1 = [-2.0, 2.0]`"),
                  doc: "The plotted range of each weight."),
        .value("resolution", type: "integer", default: "\(defaultResolution)",
               allowed: "\(resolutionRange.lowerBound) … \(resolutionRange.upperBound)", example: "`resolution = 200`",
               doc: "Grid samples per axis: more is smoother and slower."),
        .value("levels", type: "integer, or array of numbers", default: "\(defaultLevelCount)",
               allowed: "a count \(levelCountRange.lowerBound) … \(levelCountRange.upperBound), or "
                   + "\(levelCountRange.lowerBound) … \(levelCountRange.upperBound) finite values",
               example: "`levels = 16`, `levels = [0.5, 1, 2, 4, 8]`",
               doc: "How many contour levels (spread over the surface's values by `level_scale`), or exactly which."),
        levelScale,
        .value("colormap", type: "string", default: "`\(defaultColormap.rawValue)`",
               allowed: ConfigKeys.code(Colormap.Name.allCases.map(\.rawValue)) + ", each also reversed with `_r`",
               example: "`colormap = \"magma_r\"`",
               doc: "The colours of the filled contour bands, from low to high loss."),
        .value("contour_labels", type: "boolean", default: "`\(defaultContourLabels)`", allowed: "`true`, `false`",
               example: "`contour_labels = true`",
               doc: """
                   Writes each level's value on its isoline, evenly spaced, never upside down, and clear of the \
                   paths, the markers and each other.
                   """),
        .value("eigen", type: "boolean", default: "`false`", allowed: "`true`, `false`", example: "`eigen = true`",
               doc: """
                   Draws the Hessian's two eigen-directions through the minimum as axes the length of a contour \
                   ellipse, each labelled with its eigenvalue λᵢ, and a table of every run's factor |1 − ηλᵢ| along them.
                   """,
               details: """
                   Near the minimum gradient descent multiplies the distance along direction i by (1 − ηλᵢ) at \
                   every step; a factor above 1 (marked ▲ in the table) means the run is thrown further out along \
                   that direction each step: it diverges there. For momentum and Nesterov runs the factor is the \
                   spectral radius of their iteration along that direction. Adaptive methods (AdaGrad, RMSprop, \
                   Adam) have no such factor and are listed with "–". Drawn at a minimum only (a bowl, or a \
                   valley flat along one direction); at a saddle, or without a minimum near the map, the figure's \
                   notes say why there are no axes. Maps only: not for `kind = "sweep"` or `"phase"`.
                   """),
    ])

    static let function = ConfigKey.value(
        "function", type: "string", default: sourceRequired, allowed: "a built-in surface, below",
        example: "`function = \"rosenbrock\"`",
        doc: "A built-in loss surface.",
        details: "Each has the plotting window, start point and level scale that show it best:\n\n" + builtinTable)

    /// The built-in surfaces with their windows, start points and level scales, as the code has them.
    static var builtinTable: String {
        func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        func pair(_ a: Double, _ b: Double) -> String { "[\(number(a)), \(number(b))]" }
        let rows = BuiltinSurface.allCases.map { surface in
            let d = surface.defaults
            return "| `\(surface.rawValue)` | \(surface.summary) | \(pair(d.w1.lowerBound, d.w1.upperBound)) | "
                + "\(pair(d.w2.lowerBound, d.w2.upperBound)) | \(pair(d.start.x, d.start.y)) | \(d.logarithmicLevels ? "log" : "linear") |"
        }
        return (["| surface | shape | `w1` | `w2` | start | `level_scale` |", "| --- | --- | --- | --- | --- | --- |"] + rows)
            .joined(separator: "\n")
    }

    static let expression = ConfigKey.value(
        "expression", type: "string", default: sourceRequired, allowed: "a formula in `w1` and `w2`",
        example: "`expression = \"(1 - w1)^2 + 100*(w2 - w1^2)^2\"`",
        doc: "Any loss surface written as a formula.",
        details: """
            It may hold numbers (`2`, `0.5`, `1e-3`), `w1`, `w2`, `pi`, `e`, `+ - * / ^`, unary minus, parentheses \
            and the functions `sin cos tan exp log sqrt abs tanh sigmoid` (one argument) and `min max` (two). \
            Gradients and curvatures are exact (automatic differentiation). Where the formula is undefined \
            (the log of a negative number, a division by zero) the map is hatched and a path stepping there \
            stops as diverged.

            With `expression`, `w1` and `w2` are required; runs start by default a tenth of the way in from \
            the window's upper-left corner (w1 near its minimum, w2 near its maximum); `level_scale` defaults \
            to `linear`. A mistake in the formula is reported at its column inside the string (at the \
            string's start, with the character's position in the message, when the string holds escapes), \
            with a suggestion as a note:

            ```
            test.toml:2:15: error: in `expression`: unknown name `sqr`
              expression = "sqr(w1) + w2^2"
                            ^
              note: did you mean `sqrt`?
            ```
            """)

    static let model = ConfigKey.value(
        "model", type: "string", default: sourceRequired, allowed: "`perceptron`, `mlp`", example: "`model = \"perceptron\"`",
        doc: """
            The loss of one perceptron ŷ = act(w1·x1 + w2·x2 + `bias`) on data points (x1, x2, y), as a \
            function of its two weights: the lecture's error surface.
            """,
        details: """
            The data is given by exactly one of `data` and `points`. Without `w1` and `w2` the window is a \
            square centred on the loss's minimum (`minimum` if given, else the one found: exactly for \
            `linear` with `mse`, by Newton's method otherwise), reaching 1.5 times the minimum's largest \
            coordinate (at least 1) on each side, so the origin is always in it; it is an error if no \
            minimum is found. Runs start by default at the origin (0, 0), where weights are usually \
            initialised; `level_scale` defaults to `log`; the axes are titled W₁ and W₂.

            `model = "mlp"` is a small multilayer perceptron instead (`layers`, `activation`), trained \
            by lossmap itself with seeded minibatch SGD (`train_steps`, `train_learning_rate`, \
            `train_batch_size`, `seed`) on a generated two-class data set (`dataset`, `samples`, \
            `noise`) or on `data` (lines x1, x2, label with labels 0 and 1), scored by binary \
            cross-entropy. Its map is the loss on a plane through the trained weights θ*, the way Li \
            et al. ("Visualizing the Loss Landscape of Neural Nets", 2018) slice networks of millions \
            of weights: the map's point (w1, w2) is the network θ* + w1·d₁ + w2·d₂, along two \
            `directions`. The trained weights are at (0, 0), marked "trained weights"; runs walk the \
            slice itself, with exact gradients (backpropagation, projected onto the plane); η_crit \
            comes from central differences of them. `resolution` defaults to \(NetworkKeys.defaultResolution) \
            (every cell is a pass of the network over the data), `level_scale` to `log`, and the \
            training, the map and the descents together may cost at most \
            \(NumberFormatting.significant(ConfigLimits.maxNetworkWork, digits: 2)) multiply-adds (about 10 s).
            `points`, `loss` and `bias` are the perceptron's alone.
            """)

    static let data = ConfigKey.value(
        "data", type: "string", default: "none; `data` or `points` is required with `model`",
        allowed: "a CSV file, relative to the config's folder, that resolves (links followed) inside the working directory unless `--allow-outside-data` is given",
        example: "`data = \"data/lesson.csv\"`",
        doc: "The perceptron's data: lines of three numbers `x1, x2, y`.",
        details: """
            A first line without numbers is a header and is skipped, as are blank lines and lines starting \
            with `#`. At most \(ConfigLimits.grouped(ConfigLimits.maxDataRows)) rows and \
            \(ConfigLimits.maxDataFileBytes >> 20) MiB, each value at most \(PerceptronData.maxValueBytes) bytes \
            (reading stops at the first row past the limit). A problem in the file is reported at `data`, naming \
            the file, with its line and column in a note:

            ```
            config/lesson.toml:5:8: error: bad data in `data/bad.csv`, line 3: `abc` is not a number (value for x2)
              data = "data/bad.csv"
                     ^
              note: config/data/bad.csv:3:4:
                1, abc, 3
                   ^
            ```

            The other problems reported so: a missing or unreadable file, a row with too few or too many \
            values, a value that is not a finite number, no rows at all, and with `cross-entropy` a target \
            outside [0, 1].
            """)

    // The probabilities are `PointLoss`'s: σ(z), σ(2z) = (1 + tanh z)/2, and z clipped.
    private static let clip = NumberFormatting.compact(PerceptronLoss.probabilityClip)
    static let loss = ConfigKey.choice(
        "loss", among: PerceptronLoss.allCases.map(\.rawValue), default: defaultLoss.rawValue, example: "`loss = \"cross-entropy\"`",
        doc: "How predictions are scored.",
        details: """
            `mse` is the mean of the squared errors (ŷ − y)² (no factor ½); `cross-entropy` the mean binary \
            cross-entropy −[y ln p + (1 − y) ln(1 − p)], for targets y in [0, 1] (class labels 0 and 1), with \
            the output read as the probability p of class 1. `sigmoid`'s output is p itself (the loss is \
            computed from z, so it stays exact for confident predictions); `tanh`'s output in (−1, 1) becomes \
            p = (1 + tanh z)/2, which is σ(2z); `linear`'s output z is taken as p, clipped to \
            [\(clip), 1 − \(clip)] (Keras's default `epsilon()`), so where z leaves that interval the loss is \
            flat and its gradient 0.

            Only `linear` with `mse` costs the same however many rows there are; every other combination \
            is a pass over the data per grid cell, and a map costing more than \
            \(ConfigLimits.grouped(ConfigLimits.maxPerceptronWork)) loss terms (rows × `resolution`²) is \
            refused, with the largest `resolution` that fits.
            """)

    /// The default depends on the surface, so this choice is written out.
    static let levelScale = ConfigKey(
        ["level_scale"],
        .value(type: "string", defaultValue: "the built-in surface's (table above); `linear` with `expression`, `log` with `model`",
               allowed: ConfigKeys.code(LevelScale.allCases.map(\.rawValue)), example: "`level_scale = \"quantile\"`"),
        doc: "How a count of levels is spread.",
        details: """
            `linear` spreads them evenly at round steps (1, 2 or 5 × 10ᵏ apart, so the count is a target); \
            `log` densely near the minimum at round values above it (0.1, 0.2, 0.5, 1, 2, 5 … or a denser or \
            sparser sequence of that kind, whichever comes nearest the count, over four decades; for surfaces \
            that span many orders of magnitude); `quantile` at quantiles of the sampled values, so each band \
            covers about the same area of the map (for surfaces dominated by a few huge values). An error \
            together with a list of `levels`, which are drawn as given.
            """,
        choices: LevelScale.allCases.map(\.rawValue))
}
