import Foundation
import LossmapBackend
import LossmapTestSupport
import Testing

/// Compares rendered figures with reference PNGs under `Goldens/`, with a perceptual
/// tolerance, the way gonum/plot's cmpimg does: fonts and antialiasing may move a few
/// pixels between library versions, a wrong figure moves many.
///
/// - `LOSSMAP_UPDATE_GOLDENS=1` rewrites the goldens from the current output.
/// - A missing golden fails when `CI` is set, and is written otherwise.
/// - On a mismatch the actual image and a difference image (changed pixels red over a faded
///   copy of the golden) are written beside the golden as NAME.actual.png and NAME.diff.png.
enum GoldenImage {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

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

    struct Comparison {
        var differingPixels: Int
        var totalPixels: Int
        var fraction: Double { Double(differingPixels) / Double(max(totalPixels, 1)) }
    }

    /// Pixels whose perceptual delta exceeds `threshold` (pixelmatch's default is 0.1 on its
    /// square-root scale, i.e. 0.01 here).
    static func compare(_ actual: [UInt8], _ expected: [UInt8], threshold: Double = 0.01) -> (Comparison, [UInt8]) {
        var diff = [UInt8](repeating: 255, count: actual.count)
        var differing = 0
        let n = min(actual.count, expected.count) / 3
        for p in 0..<n {
            let i = p * 3
            let d = perceptualDelta((actual[i], actual[i + 1], actual[i + 2]), (expected[i], expected[i + 1], expected[i + 2]))
            if d > threshold {
                differing += 1
                diff[i] = 255; diff[i + 1] = 0; diff[i + 2] = 0
            } else {
                let grey = UInt8(191 + Int(expected[i + 1]) / 4)
                diff[i] = grey; diff[i + 1] = grey; diff[i + 2] = grey
            }
        }
        return (Comparison(differingPixels: differing, totalPixels: n), diff)
    }

    /// Checks `image` against the golden `name`.png; at most `tolerance` of the pixels may differ.
    static func check(_ image: (width: Int, height: Int, rgb: [UInt8]), name: String, tolerance: Double = 0.005,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let env = ProcessInfo.processInfo.environment
        let golden = folder.appendingPathComponent("\(name).png")
        let exists = FileManager.default.fileExists(atPath: golden.path)
        if env["LOSSMAP_UPDATE_GOLDENS"] == "1" || (!exists && env["CI"] == nil) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height, to: golden)
            return
        }
        guard exists else {
            Issue.record("missing golden image \(golden.path); run the tests once without CI set (or with LOSSMAP_UPDATE_GOLDENS=1) and commit it",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = try PNGReader.read(golden.path)
        guard expected.width == image.width, expected.height == image.height else {
            try writeFailure(image, diff: nil, name: name)
            Issue.record("\(name): size \(image.width)×\(image.height), golden \(expected.width)×\(expected.height)",
                         sourceLocation: sourceLocation)
            return
        }
        let (comparison, diff) = compare(image.rgb, expected.rgb)
        if comparison.fraction > tolerance {
            try writeFailure(image, diff: diff, name: name)
            Issue.record("""
                \(name): \(comparison.differingPixels) of \(comparison.totalPixels) pixels differ \
                (\(String(format: "%.3f", comparison.fraction * 100))% > \(tolerance * 100)%); \
                see \(name).actual.png and \(name).diff.png in \(folder.path)
                """, sourceLocation: sourceLocation)
        }
    }

    static func writeFailure(_ image: (width: Int, height: Int, rgb: [UInt8]), diff: [UInt8]?, name: String) throws {
        try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height,
                            to: folder.appendingPathComponent("\(name).actual.png"))
        if let diff {
            try PNGWriter.write(rgb: diff, width: image.width, height: image.height,
                                to: folder.appendingPathComponent("\(name).diff.png"))
        }
    }
}
