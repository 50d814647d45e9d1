import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapSpec

/// The top-level keys for slide-ready output (issue 20): `size` by name, `font_scale`,
/// `background` and `dpi`, their defaults, and every mistake reported at the key that makes it.
///
/// Mutations tried (each made a test here fail, then was undone): the slide 1920 × 1080 written
/// 1920 × 1000; A4's millimetres divided by 2.54 instead of 25.4; the paper size ignoring `dpi`
/// (always 150); `font_scale`'s upper bound 30; the transparent refusal for animated outputs
/// removed; `dpi` not kept in the spec (nil).
@Suite("Slide keys: named sizes, font_scale, background, dpi")
struct SlideKeyTests {
    /// A map of the bowl with `top` written at the top level (from line 1).
    func config(_ top: String) -> String {
        """
        \(top)
        [surface]
        function = "quadratic"
        condition = 10

        [optimizer]
        start = [-1.8, 1.0]
        steps = 20
        learning_rates = [0.05]
        """
    }

    func spec(_ top: String) throws -> FigureSpec { try decode(config(top)).spec }

    @Test("each name gives its pixels, checked by hand: slides, screens, a square")
    func pixelNames() throws {
        let expected: [(String, Int, Int)] = [("slide", 1920, 1080), ("slide-4:3", 1440, 1080), ("hd", 1280, 720),
                                               ("4k", 3840, 2160), ("square", 1080, 1080)]
        for (name, width, height) in expected {
            let spec = try spec("size = \"\(name)\"")
            #expect(spec.width == width && spec.height == height, "\(name)")
            // A screen size records no inches.
            #expect(spec.dpi == nil, "\(name)")
        }
        // 16:9 and 4:3, as their names say.
        #expect(1920 * 9 == 1080 * 16 && 1440 * 3 == 1080 * 4 && 3840 * 9 == 2160 * 16)
    }

    @Test("a paper size is its millimetres at the dpi, landscape, and records that dpi")
    func paperNames() throws {
        // A4: 297 × 210 mm = 11.693 × 8.268 in; at 150 dpi 1754.0 × 1240.2 pixels.
        let a4 = try spec("size = \"a4\"")
        #expect(a4.width == 1754 && a4.height == 1240 && a4.dpi == 150)
        // At 300 dpi: 3507.9 × 2480.3.
        let a4Print = try spec("size = \"a4\"\ndpi = 300")
        #expect(a4Print.width == 3508 && a4Print.height == 2480 && a4Print.dpi == 300)
        // Letter: 11 × 8.5 in exactly, so 1650 × 1275 at 150 and 1100 × 850 at 100.
        let letter = try spec("size = \"letter\"")
        #expect(letter.width == 1650 && letter.height == 1275 && letter.dpi == 150)
        let letterScreen = try spec("size = \"letter\"\ndpi = 100")
        #expect(letterScreen.width == 1100 && letterScreen.height == 850)
    }

    @Test("size = [w, h] keeps working, and without the new keys the spec has the old defaults")
    func defaults() throws {
        let plain = try spec("size = [1200, 800]")
        #expect(plain.width == 1200 && plain.height == 800)
        #expect(plain.fontScale == 1 && plain.background == .theme && plain.dpi == nil)
        #expect(plain.canvasColor == plain.theme.background && plain.pointsPerPixel == 1 && plain.rasterDPI == nil)
        let none = try spec("")
        #expect(none.width == 1600 && none.height == 1000)
    }

    @Test("font_scale, background and dpi reach the spec, and what the files get from them")
    func outputOptions() throws {
        let spec = try spec("""
            size = "slide"
            font_scale = 1.6
            background = "transparent"
            dpi = 192
            scale = 2
            """)
        #expect(spec.fontScale == 1.6 && spec.background == .transparent && spec.dpi == 192)
        #expect(spec.canvasColor.alpha == 0)
        // The PNG of 3840 pixels at 384 dpi is 10 in wide, as 1920 at 192 is.
        #expect(spec.rasterDPI == 384)
        // 1920 × 72/192 = 720 points = 10 in.
        #expect(Double(spec.width) * spec.pointsPerPixel == 720)
        #expect(try self.spec("background = \"theme\"").background == .theme)
    }

    @Test("an unknown name is refused with the nearest name and every name with its pixels")
    func unknownNames() {
        let problem = failure(config("size = \"slid\""))
        #expect(problem == "test.toml:1:8: error: unknown size `slid`; did you mean `slide`?")
        do {
            _ = try decode(config("size = \"A5\""))
            Issue.record("A5 decoded")
        } catch {
            let diagnostic = error.diagnostics[0]
            #expect(diagnostic.message == "unknown size `A5`; did you mean `a4`?")
            #expect(diagnostic.note == "named sizes: slide (1920 × 1080), slide-4:3 (1440 × 1080), hd (1280 × 720), 4k (3840 × 2160), "
                + "square (1080 × 1080), a4 (1754 × 1240 at 150 dpi), letter (1650 × 1275 at 150 dpi); or pixels: size = [width, height]")
        }
        // Pixels written as a name are shown how to write them.
        #expect(failure(config("size = \"1920x1080\"")) == "test.toml:1:8: error: unknown size `1920x1080`; pixels are written as an array, size = [1920, 1080]")
        // Neither a name nor an array.
        #expect(failure(config("size = true")) == "test.toml:1:8: error: `size` must be two integers [width, height] in pixels, e.g. [1600, 1000], or a name such as \"slide\", found a boolean")
    }

    @Test("a paper size too large at its dpi says which dpi it may have")
    func paperTooLarge() {
        do {
            _ = try decode(config("size = \"a4\"\ndpi = 2000"))
            Issue.record("A4 at 2000 dpi decoded")
        } catch {
            let diagnostic = error.diagnostics[0]
            // 297 mm at 2000 dpi: 23386 pixels; 16384 / (297 / 25.4) = 1401.2.
            #expect(diagnostic.message == "`size = \"a4\"` at 2000 dpi is 23386 × 16535 pixels; at most 16384 a side is allowed")
            #expect(diagnostic.note == "with size = \"a4\", `dpi` may be at most 1401")
        }
        #expect(failure(config("size = \"a4\"\ndpi = 1401")) == nil)
    }

    @Test("font_scale, dpi and background out of range or misspelt are refused at their values")
    func ranges() {
        #expect(failure(config("font_scale = 0.4")) == "test.toml:1:14: error: `font_scale` must be between 0.5 and 2, found 0.4")
        #expect(failure(config("font_scale = 2.5")) == "test.toml:1:14: error: `font_scale` must be between 0.5 and 2, found 2.5")
        #expect(failure(config("font_scale = nan")) == "test.toml:1:14: error: `font_scale` must be between 0.5 and 2, found nan")
        #expect(failure(config("font_scale = \"big\"")) == "test.toml:1:14: error: `font_scale` must be a number, found a string")
        #expect(failure(config("dpi = 0")) == "test.toml:1:7: error: `dpi` must be between 10 and 2400 pixels per inch, found 0")
        #expect(failure(config("dpi = 96000")) == "test.toml:1:7: error: `dpi` must be between 10 and 2400 pixels per inch, found 96000")
        #expect(failure(config("background = \"transparant\"")) == "test.toml:1:14: error: unknown background `transparant`; did you mean `transparent`?")
        #expect(failure(config("background = \"none\"")) == "test.toml:1:14: error: unknown background `none`")
        // The edges are allowed.
        #expect(failure(config("font_scale = 0.5\ndpi = 10")) == nil)
        #expect(failure(config("font_scale = 2\ndpi = 2400")) == nil)
    }

    @Test("outputs that cannot carry a transparent background or a dpi refuse them")
    func animatedOutputs() {
        for (output, shown) in [("walk.gif", "a .gif"), ("walk.apng", "a .apng"), ("walk/", "a frames folder")] {
            #expect(failure(config("output = \"\(output)\"\nbackground = \"transparent\"")) ==
                "test.toml:2:14: error: background = \"transparent\" is for PNG, SVG and PDF; \(shown) is drawn on the theme's background")
        }
        #expect(failure(config("output = \"walk.gif\"\ndpi = 96")) == "test.toml:2:7: error: `dpi` is recorded in PNG, SVG and PDF files; a .gif has no place for it")
        #expect(failure(config("output = \"walk.apng\"\ndpi = 96")) == "test.toml:2:7: error: `dpi` is recorded in PNG, SVG and PDF files; a .apng has no place for it")
        // A frames folder's PNGs carry it; still PNG, SVG and PDF carry both.
        #expect(failure(config("output = \"walk/\"\ndpi = 96")) == nil)
        for output in ["f.png", "f.svg", "f.pdf"] {
            #expect(failure(config("output = \"\(output)\"\nbackground = \"transparent\"\ndpi = 96")) == nil, "\(output)")
        }
    }
}
