import LossmapCore
import LossmapSpec

/// The keys of an [[inset]] section: a magnifier on the map.
enum InsetKeys {
    /// A figure has at most this many magnifiers: two corners of four stay free for the paths.
    static let maxInsets = 2
    /// `zoom`: how many times larger. Below 1.5 an inset shows nothing the map does not.
    static let zoomRange = 1.5...10_000.0
    /// `size`: the inset's width over the map's.
    static let sizeRange = 0.15...0.6
    static let defaultSize = 0.36
    static let positionNames = InsetPosition.allCases.map(\.rawValue)

    static let table = ConfigTable(name: "[[inset]]", id: "[[inset]]", entries: [
        .value("center", type: "array of two numbers", default: "required", allowed: "finite, inside the plotted window",
               example: "`center = [40.0, 10.0]`",
               doc: "The point the magnifier is centred on, as [w1, w2]."),
        .value("zoom", type: "number", default: "required",
               allowed: "\(NumberFormatting.compact(zoomRange.lowerBound)) … \(NumberFormatting.compact(zoomRange.upperBound))",
               example: "`zoom = 20`",
               doc: "How many times larger than on the map the inset shows the region around `center`."),
        .choice("position", among: positionNames, default: InsetPosition.auto.rawValue, example: "`position = \"upper right\"`",
                doc: "The corner of the map that holds the inset.",
                details: """
                    `auto` takes the corner that covers the fewest points of the paths and keeps clear of the \
                    region magnified.
                    """),
        .value("size", type: "number", default: NumberFormatting.compact(defaultSize),
               allowed: "\(NumberFormatting.compact(sizeRange.lowerBound)) … \(NumberFormatting.compact(sizeRange.upperBound))",
               example: "`size = 0.3`",
               doc: "The inset's width as a fraction of the map's; it has the map's shape."),
    ])
}
