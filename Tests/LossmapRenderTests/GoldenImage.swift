import Foundation
import LossmapBackend
import LossmapTestSupport
import Testing

/// Compares rendered figures with reference PNGs under `Goldens/`, with a perceptual
/// tolerance, the way gonum/plot's cmpimg does: fonts and antialiasing may move a few
/// pixels between library versions, a wrong figure moves many, or moves a few close together.
///
/// Two budgets, both must hold:
/// - globally, at most `tolerance` (0.5%) of the pixels may differ visibly;
/// - locally, no 16×16 window (windows every 8 px, so a change on a window edge is not
///   split) may hold more than `windowBudget` strongly differing pixels. A descent path is a
///   line a few pixels wide: missing or moved by 3 px it changes a thin band of pixels along
///   its whole length, far below the global budget but dense wherever it passes, while
///   antialiasing noise changes edges only a little and font differences stay sparse.
///
/// - `LOSSMAP_UPDATE_GOLDENS=1` rewrites the goldens from the current output.
/// - Otherwise a missing golden fails, whether or not `CI` is set: a comparison with an
///   image the test has just written checks nothing. The output is left as NAME.actual.png.
/// - On a mismatch the actual image and a difference image (visible differences red, strong
///   ones dark red, over a faded copy of the golden) are written beside the golden as
///   NAME.actual.png and NAME.diff.png.
enum GoldenImage {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static var updating: Bool { ProcessInfo.processInfo.environment["LOSSMAP_UPDATE_GOLDENS"] == "1" }

    /// How different two pixels look, 0 (same) … 1 (black vs white), in the YIQ colour space
    /// that pixelmatch uses (Kotsarenko & Ramos 2010, "Measuring perceived color difference
    /// using YIQ NTSC transmission color space in mobile applications"): luma counts most.
    static func perceptualDelta(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
        func yiq(_ p: (UInt8, UInt8, UInt8)) -> (Double, Double, Double) {
            let r = Double(p.0), g = Double(p.1), bl = Double(p.2)
            return (r * 0.29889531 + g * 0.58662247 + bl * 0.11448223,
                    r * 0.59597799 - g * 0.27417610 - bl * 0.32180189,
                    r * 0.21147017 - g * 0.52261711 + bl * 0.31114694)
        }
        let (y1, i1, q1) = yiq(a), (y2, i2, q2) = yiq(b)
        let dy = y1 - y2, di = i1 - i2, dq = q1 - q2
        // 35215 is the delta between black and white with these weights.
        return (0.5053 * dy * dy + 0.299 * di * di + 0.1957 * dq * dq) / 35215
    }

    /// A visible difference: pixelmatch's default threshold, 0.1 on its square-root scale.
    static let visibleDelta = 0.01
    /// A strong difference: 0.3 on pixelmatch's scale, about a third of the way from black to
    /// white in luma, what a path or its white halo against a colour band gives.
    static let strongDelta = 0.09
    /// Side and step of the local windows, in pixels.
    static let window = 16, windowStep = 8

    struct Comparison {
        var differingPixels: Int
        var totalPixels: Int
        /// The largest number of strongly differing pixels in one window, and where it is.
        var worstWindow: (count: Int, x: Int, y: Int)
        var fraction: Double { Double(differingPixels) / Double(max(totalPixels, 1)) }
    }

    /// Compares two RGB images of `width` columns; returns the counts and a difference image.
    static func compare(_ actual: [UInt8], _ expected: [UInt8], width: Int, threshold: Double = visibleDelta) -> (Comparison, [UInt8]) {
        var diff = [UInt8](repeating: 255, count: actual.count)
        var differing = 0
        let n = min(actual.count, expected.count) / 3
        let height = n / max(width, 1)
        // Strong differences per 8×8 cell; a window is 2×2 cells.
        let cellsX = (width + windowStep - 1) / windowStep, cellsY = (height + windowStep - 1) / windowStep
        var cells = [Int](repeating: 0, count: max(cellsX * cellsY, 1))
        actual.withUnsafeBufferPointer { a in
            expected.withUnsafeBufferPointer { e in
                for p in 0..<n {
                    let i = p * 3
                    // Most pixels are equal: no need to weigh them.
                    let same = a[i] == e[i] && a[i + 1] == e[i + 1] && a[i + 2] == e[i + 2]
                    let d = same ? 0 : perceptualDelta((a[i], a[i + 1], a[i + 2]), (e[i], e[i + 1], e[i + 2]))
                    if d > threshold {
                        differing += 1
                        let strong = d > strongDelta
                        diff[i] = strong ? 160 : 255; diff[i + 1] = 0; diff[i + 2] = 0
                        if strong, width > 0 { cells[(p / width / windowStep) * cellsX + (p % width) / windowStep] += 1 }
                    } else {
                        let grey = UInt8(191 + Int(e[i + 1]) / 4)
                        diff[i] = grey; diff[i + 1] = grey; diff[i + 2] = grey
                    }
                }
            }
        }
        var worst = (count: 0, x: 0, y: 0)
        let span = window / windowStep
        for cy in 0..<cellsY {
            for cx in 0..<cellsX {
                var count = 0
                for dy in 0..<span where cy + dy < cellsY {
                    for dx in 0..<span where cx + dx < cellsX { count += cells[(cy + dy) * cellsX + cx + dx] }
                }
                if count > worst.count { worst = (count, cx * windowStep, cy * windowStep) }
            }
        }
        return (Comparison(differingPixels: differing, totalPixels: n, worstWindow: worst), diff)
    }

    /// Checks `image` against the golden `name`.png and records the failure, if any (see
    /// `problem`).
    static func check(_ image: RGBImage, name: String, tolerance: Double = 0.005, windowBudget: Int = 32,
                      updating: Bool = GoldenImage.updating, in folder: URL = GoldenImage.folder,
                      failuresIn failureFolder: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let problem = try problem(image, name: name, tolerance: tolerance, windowBudget: windowBudget, updating: updating,
                                     in: folder, failuresIn: failureFolder) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }

    /// Why `image` does not match the golden `name`.png, or nil when it does: at most
    /// `tolerance` of the pixels may differ visibly, and at most `windowBudget` strongly in
    /// any 16×16 window. A missing golden is a failure; with `updating` the golden is written
    /// instead. On failure the actual image (and a difference image) is written beside it.
    static func problem(_ image: RGBImage, name: String, tolerance: Double = 0.005, windowBudget: Int = 32,
                        updating: Bool = GoldenImage.updating, in folder: URL = GoldenImage.folder,
                        failuresIn failureFolder: URL? = nil) throws -> String? {
        let golden = folder.appendingPathComponent("\(name).png")
        let failureFolder = failureFolder ?? folder
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: golden)
            return nil
        }
        guard FileManager.default.fileExists(atPath: golden.path) else {
            try writeFailure(image, diff: nil, name: name, in: failureFolder)
            return """
                missing golden image \(golden.path); the output is in \(failureFolder.path)/\(name).actual.png: if it is right, \
                run the tests with LOSSMAP_UPDATE_GOLDENS=1 and commit the golden
                """
        }
        let expected = try PNGReader.read(golden.path)
        guard expected.width == image.width, expected.height == image.height else {
            try writeFailure(image, diff: nil, name: name, in: failureFolder)
            return "\(name): size \(image.width)×\(image.height), golden \(expected.width)×\(expected.height)"
        }
        let (comparison, diff) = compare(image.rgb, expected.rgb, width: image.width)
        var problems: [String] = []
        if comparison.fraction > tolerance {
            problems.append("""
                \(comparison.differingPixels) of \(comparison.totalPixels) pixels differ \
                (\(String(format: "%.3f", comparison.fraction * 100))% > \(tolerance * 100)%)
                """)
        }
        let worst = comparison.worstWindow
        if worst.count > windowBudget {
            problems.append("""
                \(worst.count) pixels differ strongly in the 16×16 window at (\(worst.x), \(worst.y)) \
                (> \(windowBudget)): something small moved or vanished there
                """)
        }
        guard !problems.isEmpty else { return nil }
        try writeFailure(image, diff: diff, name: name, in: failureFolder)
        return "\(name): \(problems.joined(separator: "; ")); see \(name).actual.png and \(name).diff.png in \(failureFolder.path)"
    }

    static func writeFailure(_ image: RGBImage, diff: [UInt8]?, name: String, in folder: URL) throws {
        try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height,
                            to: folder.appendingPathComponent("\(name).actual.png"))
        if let diff {
            try PNGWriter.write(rgb: diff, width: image.width, height: image.height,
                                to: folder.appendingPathComponent("\(name).diff.png"))
        }
    }
}
