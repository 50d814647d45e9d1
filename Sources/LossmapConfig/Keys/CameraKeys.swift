import LossmapSpec

/// The keys of [camera]: how the 3-D surface (`view = "surface"` or `"both"`) is seen.
enum CameraKeys {
    static let defaults = CameraSpec()
    /// `elevation`: seen from above (a height field seen from below shows its underside,
    /// which the painter's order does not draw), at most straight down.
    static let elevationRange = 5.0...90.0
    /// `azimuth`: any angle, written within one turn either way.
    static let azimuthRange = -360.0...360.0
    /// `resolution`: every cell is a face Cairo fills, so far fewer than the map's grid.
    static let resolutionRange: ClosedRange<Int64> = 4...300
    /// `mesh_lines`: a line every k cells.
    static let meshLinesRange: ClosedRange<Int64> = 1...300
    /// `orbit`: at most two turns over an animation.
    static let orbitRange = -720.0...720.0
    static let heightScaleNames = CameraSpec.HeightScale.allCases.map(\.rawValue)

    static let table = ConfigTable(name: "[camera]", id: "[camera]", entries: [
        ConfigKey(["azimuth", "elevation"], .value(type: "number (degrees)",
                                                   defaultValue: "`\(Int(defaults.azimuth))`, `\(Int(defaults.elevation))`",
                                                   allowed: "azimuth \(Int(azimuthRange.lowerBound)) … \(Int(azimuthRange.upperBound)); elevation \(Int(elevationRange.lowerBound)) … \(Int(elevationRange.upperBound))",
                                                   example: "`azimuth = -120`, `elevation = 40`"),
                  doc: "Where the mountain is seen from: around it, and how high above the ground (matplotlib's convention and defaults).",
                  details: "Elevation 90 looks straight down; with azimuth −90 the surface then lies as the map does, w₁ to the right and w₂ up."),
        .choice("z_scale", among: heightScaleNames, default: "log when level_scale is log, else linear",
                example: "`z_scale = \"log\"`",
                doc: "The height axis: the loss, or its logarithm (Rosenbrock's walls are thousands of times higher than its valley)."),
        .value("z_max", type: "number", default: "none", allowed: "finite, above the lowest loss on the map",
               example: "`z_max = 1000`",
               doc: "Cuts the mountain at this loss; the cut is drawn as an edge, and a path climbing above it ends there."),
        .value("resolution", type: "integer", default: "\(defaults.resolution)",
               allowed: "\(resolutionRange.lowerBound) … \(resolutionRange.upperBound)", example: "`resolution = 80`",
               doc: "Mesh samples per axis (each cell is a face: far fewer than the map's grid)."),
        ConfigKey(["mesh_lines"], .value(type: "integer or `false`", defaultValue: "`\(defaults.meshLines ?? 0)`",
                                         allowed: "\(meshLinesRange.lowerBound) … \(meshLinesRange.upperBound), or `false` (none)",
                                         example: "`mesh_lines = false`"),
                  doc: "A mesh line every this many cells, or none."),
        .value("orbit", type: "number (degrees)", default: "0", allowed: "\(Int(orbitRange.lowerBound)) … \(Int(orbitRange.upperBound))",
               example: "`orbit = 90`",
               doc: "In an animation, how far the camera turns around the mountain over the frames, ending at `azimuth` (the still figure's view)."),
        .value("isolines", type: "boolean", default: "`\(defaults.isolines)`", allowed: "`true`, `false`",
               example: "`isolines = false`",
               doc: "Whether the map's isolines are drawn on the mountain, where the levels cross it."),
    ])
}
