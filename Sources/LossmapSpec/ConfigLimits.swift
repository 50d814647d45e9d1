import LossmapCore

/// The bounds that keep any input, careless or hostile, from exhausting the tool: every one
/// is far above what a real config needs, and each is refused with a message naming it.
public enum ConfigLimits {
    /// The largest config file read, in bytes (1 MiB); a real config is under a kilobyte.
    /// Larger files are refused before they are read.
    public static let maxFileBytes = 1 << 20
    /// The deepest nesting of tables and arrays. Reading recurses once per level, so the
    /// bound keeps hostile input (100,000 `[`) from overflowing the stack.
    public static let maxNestingDepth = 128
    /// The longest string, quoted key or bare key, in bytes of UTF-8.
    public static let maxStringBytes = 4096
    /// The longest unquoted value (a number, a boolean), in characters.
    public static let maxValueLength = 256
    /// The most elements in one array, or tables in one array of tables (`[[run]]`).
    public static let maxArrayLength = 10_000
    /// The most descent paths one figure draws: `learning_rates` and `[[run]]` together.
    public static let maxRuns = 64
    /// Grid samples per axis (`resolution`).
    public static let resolutionRange: ClosedRange<Int64> = 8...4096
    /// The most points one figure marks (`[[marker]]`).
    public static let maxMarkers = 32
    /// The largest data file a perceptron reads, in bytes (128 MiB): room for a million rows.
    public static let maxDataFileBytes = 128 << 20
    /// The most data rows (points) a perceptron is trained on.
    public static let maxDataRows = 1_000_000
    /// The most loss terms a perceptron's map may cost, rows × resolution² (2e8): every cell
    /// of the map is a pass over the data unless the loss has a closed form (linear, mse).
    /// At about a nanosecond a term, a few seconds on one core.
    public static let maxPerceptronWork = 200_000_000
    /// The most data-row visits a perceptron's descents may cost, rows × the steps of every
    /// run (and of every rate of a sweep), 1e9: each step of a non-linear or non-mse
    /// perceptron is a pass over the data, about 10 s of work at the limit.
    public static let maxPerceptronDescentWork = 1_000_000_000
    /// The most steps one figure's runs take together (and a sweep's rates × their steps),
    /// 10,000,000: every step's point is kept for drawing, 16 bytes each, so 160 MB at the limit.
    public static let maxTotalSteps = 10_000_000
    /// The most steps one run may take (`steps`, or `epochs` of minibatches once the data is read).
    public static let maxStepsPerRun = 1_000_000
    /// The most errors reported for one file; reading stops after that many.
    public static let maxDiagnostics = DiagnosticList.maxShown

    /// "1 MiB (1,048,576 bytes)" style numbers for messages: digits grouped by thousands.
    public static func grouped(_ n: Int) -> String { NumberFormatting.grouped(n) }

    /// A name or word from the input as a message quotes it: cut to 60 characters and "…",
    /// so a hostile 4 KB key does not become a 4 KB message, with characters that would
    /// garble a terminal shown as U+FFFD (see `QuotedInput`).
    public static func shown(_ text: String) -> String {
        QuotedInput.shown(text)
    }
}

extension ConfigLimits {
    /// The most multiply-adds a network surface (`model = "mlp"`) may cost: its training, its
    /// map (data rows × resolution² forward passes) and the descents walked on its slice (a
    /// forward and backward pass over the data a step), 3e10 together: about 10 s on one core
    /// at the measured 3e9 a second of the vectorised map.
    public static let maxNetworkWork = 30_000_000_000.0
}
