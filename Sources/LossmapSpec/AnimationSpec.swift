/// How a map figure becomes a sequence of frames (the `[animation]` table): which steps
/// are shown, for how long, how often it plays, and what each frame draws besides the
/// paths so far. Every run advances on the same step clock.
public struct AnimationSpec: Sendable {
    /// Which steps become frames.
    public enum Stepping: Sendable, Equatable {
        /// Step 0, k, 2k, … and the last step.
        case every(Int)
        /// The first steps one by one, then further and further apart up to the last step,
        /// plus every step where a run stops (see `FrameSchedule`).
        case auto
    }

    /// How much of each path a frame shows.
    public enum Trail: Sendable, Equatable {
        /// The whole path so far.
        case full
        /// The last n steps, fading out towards the oldest.
        case steps(Int)
    }

    public var stepping: Stepping = .auto
    /// The most frames the animation may have.
    public var maxFrames: Int = 100
    /// Seconds each frame is shown.
    public var frameDuration: Double = 0.1
    /// Extra seconds the first frame is shown (the starting points, before anything moves).
    public var holdFirst: Double = 0.5
    /// Extra seconds the last frame is shown (the outcome), before the animation starts over.
    public var holdLast: Double = 2
    /// How many times the animation is played: 0 forever.
    public var plays: Int = 0
    public var trail: Trail = .full
    /// "step 12 of 100" in a corner of the map.
    public var counter: Bool = true
    /// Where the `[animation]` table was written (nil: the output's format asked for frames
    /// with every default).
    public var site: SpecSite?

    public init() {}
}
