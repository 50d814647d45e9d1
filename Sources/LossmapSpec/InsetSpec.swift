import LossmapCore

/// A magnifier on the map (`[[inset]]`): a panel showing the map around `center` enlarged
/// `zoom` times, with the same levels and paths, a frame around the region it magnifies and
/// connector lines between the two. It shows what the whole map cannot: the tiny step's
/// hundred steps, which there are a dot under the start ring.
public struct InsetSpec: Sendable, Equatable {
    /// The point the inset is centred on, in weights.
    public var center: Weights
    /// How many times larger than on the map: 1 unit of w there is `zoom` times as long.
    public var zoom: Double
    /// Which corner of the map holds the inset.
    public var position: InsetPosition
    /// The inset's width as a fraction of the map's.
    public var size: Double
    /// Where the config writes its `center`, for problems found once the window is known.
    public var site: SpecSite?

    public static func == (a: InsetSpec, b: InsetSpec) -> Bool {
        a.center == b.center && a.zoom == b.zoom && a.position == b.position && a.size == b.size
    }

    public init(center: Weights, zoom: Double, position: InsetPosition = .auto, size: Double = 0.36) {
        self.center = center
        self.zoom = zoom
        self.position = position
        self.size = size
    }
}

/// The corner of the map an inset sits in.
public enum InsetPosition: String, Sendable, CaseIterable {
    /// The corner that covers the fewest path points and keeps clear of the region magnified.
    case auto
    case upperLeft = "upper left"
    case upperRight = "upper right"
    case lowerLeft = "lower left"
    case lowerRight = "lower right"
}
