/// What a figure shows: the contour map (the map of the mountain), the mountain itself as a
/// 3-D surface, or both side by side with the same colormap, levels and runs.
public enum FigureView: String, Sendable, CaseIterable {
    case map, surface, both

    public var showsSurface: Bool { self != .map }
    public var showsMap: Bool { self != .surface }
}

/// How the 3-D surface is seen and drawn (the `[camera]` table).
public struct CameraSpec: Sendable {
    /// The height axis: the loss, or its logarithm (for surfaces such as Rosenbrock's, whose
    /// valley is thousands of times lower than its walls).
    public enum HeightScale: String, Sendable, CaseIterable {
        case linear, log
    }

    /// Degrees around the vertical axis, matplotlib's convention (−60: its default view).
    public var azimuth: Double = -60
    /// Degrees above the ground plane (30: matplotlib's default).
    public var elevation: Double = 30
    /// nil: log when the levels are log-spaced, else linear.
    public var heightScale: HeightScale?
    /// A height (a loss) where the mountain is cut off; the cut is drawn as an edge.
    public var cut: Double?
    /// Where `z_max` was written, for a cut the surface turns out to lie wholly above.
    public var cutSite: SpecSite?
    /// Mesh samples per axis: far fewer than the map's grid, since every cell is a face.
    public var resolution: Int = 60
    /// A mesh line every this many cells; nil: none.
    public var meshLines: Int? = 5
    /// The map's isolines drawn on the mountain (off by default: they cost about a fifth more
    /// drawing, and the band edges already show the levels).
    public var isolines = false
    /// Degrees the camera turns around the mountain over an animation's frames: it starts at
    /// `azimuth − orbit` and ends at `azimuth`, so the last frame is the still figure.
    public var orbit: Double = 0
    /// Where `[camera]` was written (nil: the defaults).
    public var site: SpecSite?

    public init() {}
}
