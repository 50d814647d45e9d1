import Foundation
import LossmapBatch
import LossmapCanvas
import LossmapCore
import LossmapRender
import Testing

/// A few hundred configs with numbers at the limits of a double, generated from a fixed seed,
/// each taken through what `check` runs and, when it accepts, through what `render` runs: no
/// config may trap, and none that `check` accepts may fail to draw or hand the canvas a NaN or
/// an infinite coordinate. `scripts/numeric-fuzz.py` does the same through the built binary
/// with more configs and more kinds of figure (sweeps, perceptrons), where a trap is an exit
/// code rather than a crashed test process.
@Suite struct MutatedConfigTests {
    /// Where doubles misbehave: overflow (1e308, the largest double), gradual underflow (the
    /// subnormals), the end of exact integers (2⁵³), squares that overflow or underflow (1e154,
    /// 1e-154) and the non-finite values TOML can write.
    static let extremes: [String] = [
        "0.0", "-0.0", "1.0", "-1.0", "1e308", "-1e308", "1.7976931348623157e308", "-1.7976931348623157e308",
        "1e307", "1e300", "1e-300", "2.2250738585072014e-308", "1e-310", "1e-320", "5e-324", "-5e-324",
        "9007199254740992.0", "9007199254740994.0", "-9007199254740992.0", "1e154", "1e-154", "nan", "inf", "-inf",
    ]

    static func number(_ rng: inout SplitMix64) -> String {
        if Bool.random(using: &rng) { return extremes.randomElement(using: &rng)! }
        let magnitude = Foundation.pow(10, Double.random(in: -323...308.2, using: &rng))
        return "\(Bool.random(using: &rng) ? magnitude : -magnitude)"
    }

    static func positive(_ rng: inout SplitMix64) -> String {
        let text = number(&rng)
        return text.hasPrefix("-") ? String(text.dropFirst()) : text
    }

    static func range(_ rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0:
            // A few ulps wide.
            let lo = [1.0, -1.0, 1e300, 1e-300, 9007199254740992.0, 5e-324].randomElement(using: &rng)!
            var hi = lo
            for _ in 0..<Int.random(in: 1...12, using: &rng) { hi = hi.nextUp }
            return "[\(lo), \(hi)]"
        case 1:
            return "[0.0, \(positive(&rng))]"
        default:
            let a = Double(number(&rng)) ?? 0, b = Double(number(&rng)) ?? 1
            return "[\(Swift.min(a, b)), \(Swift.max(a, b))]"
        }
    }

    /// One config: a formula with a coefficient at the limits, and one to four keys set to
    /// numbers at the limits.
    static func config(_ rng: inout SplitMix64) -> String {
        let forms = ["c * (w1^2 + w2^2)", "w1^2 + c * w2^2", "c", "c * w1 + w2^2", "exp(c * w1) + w2^2",
                     "c * abs(w1) + abs(w2)", "log(c + w1^2 + w2^2)", "(w1 - c)^2 + w2^2", "c / (1 + w1^2 + w2^2)"]
        let coefficient = Bool.random(using: &rng) ? number(&rng) : "1.0"
        var top = ["title = \"mutated\"", "size = [320, 240]"]
        var surface = ["expression = \"\(forms.randomElement(using: &rng)!.replacingOccurrences(of: "c", with: "(\(coefficient))"))\"",
                       "resolution = 10"]
        var w1 = "[-2.0, 2.0]", w2 = "[-2.0, 2.0]"
        var optimizer = ["steps = 25"]
        var start = "[1.5, -1.0]", rates = "[0.1, 0.5]"
        var extra = ""
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<14, using: &rng) {
            case 0: w1 = range(&rng)
            case 1: w2 = range(&rng)
            case 2: surface.append("level_scale = \"\(["linear", "log", "quantile"].randomElement(using: &rng)!)\"")
            case 3: surface.append("levels = [\((0..<Int.random(in: 1...4, using: &rng)).map { _ in number(&rng) }.filter { !$0.contains("n") }.compactMap(Double.init).sorted().map { "\($0)" }.joined(separator: ", "))]")
            case 4: rates = "[\(positive(&rng)), \(positive(&rng))]"
            case 5: start = "[\(number(&rng)), \(number(&rng))]"
            case 6: top.append("loss_curve = true")
            case 7: top.append("layout = \"grid\"")
            case 8: top[1] = "size = [\([16, 17, 40, 320].randomElement(using: &rng)!), \([16, 17, 40, 240].randomElement(using: &rng)!)]"
            case 9: extra += "\n[[marker]]\nat = [\(number(&rng)), \(number(&rng))]\n"
            case 10: surface.append("contour_labels = true")
            case 11: optimizer.append("method = \"\(["momentum", "nesterov", "adagrad", "rmsprop", "adam"].randomElement(using: &rng)!)\"")
            case 12: optimizer.append("relative_to = \"critical\"")
            default: optimizer.append("gradient_tolerance = \(positive(&rng))")
            }
        }
        surface += ["w1 = \(w1)", "w2 = \(w2)"]
        optimizer += ["start = \(start)", "learning_rates = \(rates)"]
        // A key mutated twice is a TOML error; keep the last of each.
        func lastOfEach(_ lines: [String]) -> [String] {
            var seen = Set<String>()
            return lines.reversed().filter { seen.insert(String($0.prefix { $0 != " " })).inserted }.reversed()
        }
        return lastOfEach(top).joined(separator: "\n") + "\n\n[surface]\n" + lastOfEach(surface).joined(separator: "\n")
            + "\n\n[optimizer]\n" + lastOfEach(optimizer).joined(separator: "\n") + "\n" + extra
    }

    @Test("three hundred configs with numbers at the limits of a double: each is refused by check or draws with finite coordinates, some through Cairo")
    func mutatedConfigs() throws {
        // LOSSMAP_MUTATED_CONFIGS=20000 LOSSMAP_MUTATED_SEED=7 runs a longer search.
        let environment = ProcessInfo.processInfo.environment
        let count = environment["LOSSMAP_MUTATED_CONFIGS"].flatMap(Int.init) ?? 300
        var rng = SplitMix64(seed: environment["LOSSMAP_MUTATED_SEED"].flatMap(UInt64.init) ?? 13)
        var accepted = 0, refused = 0
        for index in 0..<count {
            let toml = Self.config(&rng)
            let (scene, refusal) = try NumericLimitTests.run(toml)
            guard let scene else {
                refused += 1
                #expect(refusal?.diagnostics.isEmpty == false, "config \(index) was neither accepted nor refused:\n\(toml)")
                continue
            }
            accepted += 1
            let canvas = RecordingCanvas(width: Double(scene.spec.width), height: Double(scene.spec.height))
            FigureRenderer(scene).draw(on: canvas)
            #expect(scene.hasMaskedCells || !scene.definedRegion.isEmpty, "config \(index) draws a blank map:\n\(toml)")
            let bad = NumericLimitTests.nonFiniteCalls(canvas)
            #expect(bad.isEmpty, "config \(index) draws \(bad.count) calls with non-finite numbers, the first \(bad.first.map { "\($0)" } ?? ""):\n\(toml)")
            if accepted % 10 == 0 {
                // Cairo refuses what the recording lets through (invalid matrix, invalid text).
                do {
                    _ = try FigureFile.rasterize(scene)
                } catch {
                    Issue.record("config \(index) failed in Cairo: \(error)\n\(toml)")
                }
            }
        }
        // The generator must reach both outcomes for the test to mean anything.
        #expect(accepted >= count / 5 && refused >= count / 5, "accepted \(accepted), refused \(refused)")
        if environment["LOSSMAP_MUTATED_CONFIGS"] != nil { print("mutated configs: \(count), accepted \(accepted), refused \(refused)") }
    }
}
