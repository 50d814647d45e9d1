import CCairo
import Foundation
import LossmapThreads

/// DejaVu Sans, regular and bold, opened from its files with FreeType once per process.
///
/// Cairo's "toy" font API finds a font through fontconfig, whose first use reads and parses
/// its whole configuration (some sixty XML files on Debian): 5–8 ms of every worker's first
/// figure, a sixth of the reference figure's whole time. The figures ask for one family,
/// which Debian's fonts-dejavu-core (installed by scripts/install-deps.sh) puts at a known
/// place; opened directly it renders the same glyphs, since the canvas sets its own hinting
/// and antialiasing options either way. Where the files are elsewhere, fontconfig finds the
/// family as before.
enum FontFaces {
    /// Where distributions put DejaVu Sans: Debian and Ubuntu, Fedora, Arch.
    static let folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts",
                          "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"]

    /// The regular and bold faces, or nil where the files are not found (or
    /// LOSSMAP_FONTCONFIG=1 asks for fontconfig, to compare the two).
    nonisolated(unsafe) private static let faces: (regular: OpaquePointer, bold: OpaquePointer)? = load()

    static func face(bold: Bool) -> OpaquePointer? {
        faces.map { bold ? $0.bold : $0.regular }
    }

    private static func load() -> (regular: OpaquePointer, bold: OpaquePointer)? {
        guard environmentVariable("LOSSMAP_FONTCONFIG") != "1" else { return nil }
        let files = FileManager.default
        guard let folder = folders.first(where: { files.fileExists(atPath: $0 + "/DejaVuSans.ttf")
                                                    && files.fileExists(atPath: $0 + "/DejaVuSans-Bold.ttf") }) else { return nil }
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        // The library and faces live as long as the process: Cairo's font faces point at them.
        func open(_ name: String) -> OpaquePointer? {
            var face: FT_Face?
            guard FT_New_Face(library, folder + "/" + name, 0, &face) == 0, let face else { return nil }
            guard let cairoFace = cairo_ft_font_face_create_for_ft_face(face, 0),
                  cairo_font_face_status(cairoFace) == CAIRO_STATUS_SUCCESS else { return nil }
            return cairoFace
        }
        guard let regular = open("DejaVuSans.ttf"), let bold = open("DejaVuSans-Bold.ttf") else { return nil }
        return (regular, bold)
    }
}
