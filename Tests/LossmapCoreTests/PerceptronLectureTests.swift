import Foundation
import LossmapCore
import Testing

/// The datasets in config/lecture/data, as the lecture's figures use them.
@Suite struct PerceptronLectureTests {
    /// The repository's config/lecture/data, found from this file (through a symlink, if any).
    static func dataset(_ name: String) throws -> PerceptronData {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("config/lecture/data/\(name)"), encoding: .utf8)
        return try PerceptronData.parseCSV(text)
    }

    @Test("the lesson's data give a loss of exactly 800 at (W1, W2) = (40, 10)")
    func lessonLossAt40And10() throws {
        let surface = try PerceptronSurface(data: Self.dataset("lesson.csv"), activation: .linear, loss: .mse)
        #expect(surface.value(at: Weights(40, 10)) == 800)
        // By hand: errors 0, −40, 0, −40; the gradient is mean 2·e·x = (2·(−40)(1 + 3) / 4, 2·(−40)(3 + 4) / 4).
        #expect(surface.gradient(at: Weights(40, 10)) == Weights(-80, -140))
    }

    @Test("the lesson's loss is lowest at (24, 30), where it is 40")
    func lessonMinimum() throws {
        let surface = try PerceptronSurface(data: Self.dataset("lesson.csv"), activation: .linear, loss: .mse)
        let minimum = try #require(surface.minima.first)
        #expect(abs(minimum.x - 24) < 1e-9 && abs(minimum.y - 30) < 1e-9)
        #expect(abs(surface.value(at: Weights(24, 30)) - 40) < 1e-9)
        #expect(surface.gradient(at: Weights(24, 30)) == Weights(0, 0))
    }

    @Test("the classes' sigmoid cross-entropy has its minimum near (1.516, -1.352) with loss 0.4276, and ln 2 at the origin")
    func classesMinimum() throws {
        let surface = try PerceptronSurface(data: Self.dataset("classes.csv"), activation: .sigmoid, loss: .crossEntropy)
        #expect(abs(surface.value(at: Weights(0, 0)) - log(2)) < 1e-15)
        let minimum = try #require(surface.minima.first)
        #expect(abs(minimum.x - 1.51575984) < 1e-6 && abs(minimum.y - -1.35218133) < 1e-6)
        #expect(abs(surface.value(at: minimum) - 0.42756657) < 1e-7)
        #expect(surface.gradient(at: minimum).length < 1e-9)
    }

    @Test("separable classes have no minimum to mark")
    func separableHasNoMinimum() throws {
        let data = try PerceptronData(points: [[1, 0, 1], [2, 1, 1], [-1, 0, 0], [-2, -1, 0]])
        #expect(try PerceptronSurface(data: data, activation: .sigmoid, loss: .crossEntropy).minima.isEmpty)
    }
}
