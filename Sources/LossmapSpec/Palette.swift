import LossmapCanvas

/// The colours of descent paths: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
/// Design"), distinguishable under every common colour-vision deficiency.
///
/// The order puts the colours that stand out most against viridis-like bands first:
/// vermillion, reddish purple, orange, sky blue and black before green, blue and yellow
/// (yellow vanishes into the top of viridis).
public enum Palette {
    public static let okabeIto: [RGBA] = [
        RGBA(hex: 0xD55E00), // vermillion
        RGBA(hex: 0xCC79A7), // reddish purple
        RGBA(hex: 0xE69F00), // orange
        RGBA(hex: 0x56B4E9), // sky blue
        RGBA(hex: 0x000000), // black
        RGBA(hex: 0x009E73), // bluish green
        RGBA(hex: 0x0072B2), // blue
        RGBA(hex: 0xF0E442), // yellow
    ]
}
