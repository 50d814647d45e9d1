import Testing
@testable import LossmapContour
import LossmapCore
@testable import LossmapRender
import LossmapScene
import LossmapSpec

@Suite("Levels a presenter can read out")
struct LevelLabelTests {
    func camel(_ scale: LevelScale, count: Int) throws -> Scene {
        let surface = SurfaceSpec(surface: SixHumpCamel(), name: "six-hump camel", w1: -2.5...2.5, w2: -1.5...1.5,
                                  resolution: 120, levels: .count(count), levelScale: scale)
        return try Scene(FigureSpec(title: "", width: 800, height: 500, surface: surface, runs: []))
    }

    @Test("the six-hump camel (minimum −1.03) gets round levels on every level scale, written as they are")
    func roundLevelsOnEveryScale() throws {
        for scale in LevelScale.allCases {
            let scene = try camel(scale, count: 20)
            let range = try #require(scene.grid.finiteRange)
            #expect(scene.levels.count >= 10, "\(scale): \(scene.levels)")
            #expect(scene.levels.allSatisfy { $0 > range.lowerBound && $0 < range.upperBound })
            #expect(zip(scene.levels, scene.levels.dropFirst()).allSatisfy { $0 < $1 })
            #expect(scene.levels.allSatisfy { ContourLevels.significantDigits($0) <= 3 }, "\(scale): \(scene.levels)")
            // The colorbar writes each level exactly, with a true minus sign.
            let texts = scene.levelLabelTexts
            #expect(zip(texts, scene.levels).allSatisfy { Double($0.replacingOccurrences(of: "\u{2212}", with: "-")) == $1 },
                    "\(texts)")
        }
        // Log levels keep the valley floor: the lowest is −1.03, a hundredth above the minimum.
        #expect(try camel(.log, count: 20).levels.first == -1.03)
    }

    @Test("colorbar texts are the levels as they are, or three digits and more when they are not round")
    func levelTexts() {
        #expect(Colorbar.levelTexts([-1.03, -1, 0, 0.5, 20, 2e-4]) == ["-1.03", "-1", "0", "0.5", "20", "2e-4"])
        #expect(Colorbar.levelTexts([0.4286123, 0.4296456, 1.23456789]) == ["0.429", "0.43", "1.23"])
        #expect(Colorbar.levelTexts([0.4286123, 0.4289456, 1.23456789]) == ["0.4286", "0.4289", "1.235"])
    }

    @Test("the colorbar thins its labels from the roundest level when no level is a power of ten above the minimum")
    func roundestAnchor() {
        #expect(Colorbar.roundestIndex([-1.03, -1, -0.98, -0.5, 0, 1, 4]) == 4)
        #expect(Colorbar.roundestIndex([0.3, 0.5, 2, 20, 30]) == 3)
        #expect(Colorbar.roundestIndex([]) == 0)
    }
}
