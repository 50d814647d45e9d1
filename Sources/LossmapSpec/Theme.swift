import LossmapCanvas

/// The colours of a figure's furniture: background, text, frame, isolines, the halo that
/// keeps paths visible over any band, and the path palette.
public struct Theme: Sendable, Equatable {
    /// The themes a config can name.
    public enum Name: String, Sendable, CaseIterable {
        case light, dark
    }

    public var name: Name
    public var background: RGBA
    public var text: RGBA
    public var mutedText: RGBA
    /// Thin isolines over the bands.
    public var isoline: RGBA
    /// Drawn under every path and marker, a little wider, so they stand out on any band.
    public var halo: RGBA
    /// The fill of markers (start ring, minimum star) and of badges.
    public var markerFill: RGBA
    /// The outline of the minimum star.
    public var markerOutline: RGBA
    /// Where the surface is undefined: a flat fill with darker hatching.
    public var maskFill: RGBA
    public var maskHatch: RGBA
    /// What diverged: the shaded rates of a sweep, the crosses over them and their note
    /// (Okabe–Ito vermillion, which reads as a warning on white and on near-black alike).
    public var diverged: RGBA
    /// Contour labels over the dark end of a colormap, and over the light end (the bands are
    /// the colormap's whatever the theme, so both themes use the same pair).
    public var labelOnDark: RGBA
    public var labelOnLight: RGBA
    /// Path colours, in order of use.
    public var palette: [RGBA]

    public static func named(_ name: Name) -> Theme {
        switch name {
        case .light: return .light
        case .dark: return .dark
        }
    }

    /// Black text on white: the default, for light slides and print.
    public static let light = Theme(
        name: .light, background: .white, text: RGBA(hex: 0x1A1A1A), mutedText: RGBA(hex: 0x555555),
        isoline: RGBA(hex: 0x000000, alpha: 0.28), halo: RGBA(hex: 0xFFFFFF, alpha: 0.9),
        markerFill: .white, markerOutline: .black,
        maskFill: RGBA(hex: 0xE4E4E4), maskHatch: RGBA(hex: 0x9A9A9A), diverged: RGBA(hex: 0xD55E00),
        labelOnDark: RGBA(hex: 0xFFFFFF, alpha: 0.95), labelOnLight: RGBA(hex: 0x111111, alpha: 0.9), palette: Palette.okabeIto)

    /// Light text on near-black, for dark decks. The palette's black becomes white, and the
    /// halo turns dark so paths keep their edge over the bright top of the colormap.
    public static let dark = Theme(
        name: .dark, background: RGBA(hex: 0x16181D), text: RGBA(hex: 0xECECEC), mutedText: RGBA(hex: 0xA8A8A8),
        isoline: RGBA(hex: 0x000000, alpha: 0.35), halo: RGBA(hex: 0x000000, alpha: 0.75),
        markerFill: RGBA(hex: 0x16181D), markerOutline: .white,
        maskFill: RGBA(hex: 0x2A2D33), maskHatch: RGBA(hex: 0x5A5E66), diverged: RGBA(hex: 0xD55E00),
        labelOnDark: RGBA(hex: 0xFFFFFF, alpha: 0.95), labelOnLight: RGBA(hex: 0x111111, alpha: 0.9),
        palette: Palette.okabeIto.map { $0 == .black ? .white : $0 })

    /// The colour of the `index`-th run, cycling through the palette.
    public func runColor(_ index: Int) -> RGBA {
        palette[((index % palette.count) + palette.count) % palette.count]
    }
}
