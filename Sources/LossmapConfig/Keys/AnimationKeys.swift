import LossmapSpec

/// The keys of [animation]: a map figure as frames, every run advancing on one step clock.
enum AnimationKeys {
    static let defaults = AnimationSpec()
    /// `max_frames`: at least the start and the end; a GIF of 1000 frames at 1600×1000 is
    /// already tens of megabytes.
    static let maxFramesRange: ClosedRange<Int64> = 2...1000
    /// `every`: steps between frames.
    static let everyRange: ClosedRange<Int64> = 1...1_000_000
    /// `frame_duration`: GIF delays are whole hundredths of a second, and browsers show a
    /// delay under 0.02 s as 0.1 s, so shorter frames would play slower, not faster.
    static let frameDurationRange = 0.02...60.0
    /// `hold_first`, `hold_last`: a minute is more than any slide needs (an animated PNG's
    /// delay counts milliseconds up to 65.535 s, hundredths beyond; a GIF's, hundredths).
    static let holdRange = 0.0...60.0
    /// `loop` as a count: how many times it plays in all.
    static let playsRange: ClosedRange<Int64> = 1...1000
    /// `trail` as a count of steps.
    static let trailRange: ClosedRange<Int64> = 1...100_000
    /// What `output` may be for a figure with frames.
    static let animatedOutputs = "`.gif`, `.apng`, `.pdf` (one page a frame) or a folder name ending in `/` (numbered PNG frames)"

    static let table = ConfigTable(name: "[animation]", id: "[animation]", entries: [
        .value("every", type: "integer or `\"auto\"`", default: "`\"auto\"`", allowed: "`\"auto\"`, or \(everyRange.lowerBound) … \(everyRange.upperBound)",
               example: "`every = 5`",
               doc: "Which steps become frames: every k-th step (and the last), or `\"auto\"`.",
               details: """
                   `"auto"` shows every step when they fit in `max_frames`; otherwise the first steps one by one (a \
                   third of the frames, at most 20), every step where a run stops (so its badge appears when it \
                   stops), and steps further and further apart up to the last. With `every = k`, if the frames \
                   would be more than `max_frames`, k grows until they fit and the report says so.
                   """),
        .value("max_frames", type: "integer", default: "\(defaults.maxFrames)",
               allowed: "\(maxFramesRange.lowerBound) … \(maxFramesRange.upperBound)", example: "`max_frames = 60`",
               doc: "The most frames the animation may have."),
        .value("frame_duration", type: "number (seconds)", default: "\(defaults.frameDuration)",
               allowed: "\(frameDurationRange.lowerBound) … \(Int(frameDurationRange.upperBound))", example: "`frame_duration = 0.2`",
               doc: "How long each frame is shown.",
               details: "GIF stores whole hundredths of a second, so the time is rounded to them there."),
        ConfigKey(["hold_first", "hold_last"], .value(type: "number (seconds)",
                                                      defaultValue: "`\(defaults.holdFirst)`, `\(Int(defaults.holdLast))`",
                                                      allowed: "\(Int(holdRange.lowerBound)) … \(Int(holdRange.upperBound))",
                                                      example: "`hold_first = 1`, `hold_last = 3`"),
                  doc: "How much longer the first frame (the starts) and the last frame (the outcomes) are shown."),
        ConfigKey(["loop"], .value(type: "boolean or integer", defaultValue: "`true`",
                                   allowed: "`true` (forever), `false` (once), or \(playsRange.lowerBound) … \(playsRange.upperBound)",
                                   example: "`loop = false`"),
                  doc: "Whether the animation starts over: forever, not at all, or until it has played this many times.",
                  details: """
                      A count is the number of times it is played in all: `loop = 2` plays it twice. A PDF \
                      and a frames folder do not play, so they ignore it.
                      """),
        ConfigKey(["trail"], .value(type: "`\"full\"` or integer", defaultValue: "`\"full\"`",
                                    allowed: "`\"full\"`, or \(trailRange.lowerBound) … \(trailRange.upperBound) steps",
                                    example: "`trail = 10`"),
                  doc: "How much of each path a frame shows: all of it so far, or the last n steps, fading out."),
        .value("counter", type: "boolean", default: "`\(defaults.counter)`", allowed: "`true`, `false`",
               example: "`counter = false`",
               doc: "\"step 12 of 100\" in the corner of the map the paths cross least."),
    ])
}
