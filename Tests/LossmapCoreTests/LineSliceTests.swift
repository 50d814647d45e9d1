import Foundation
import LossmapCore
import Testing

/// The loss along one gradient step's line: values, the exact line-search step and the point
/// past which the step goes uphill.
@Suite struct LineSliceTests {
    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), .leastNormalMagnitude) }

    /// ½wᵀHw + c·w with H = [[3, 1], [1, 2]] and c = (0.5, −1): a bowl whose axes are turned,
    /// so its lines of steepest descent do not point at the minimum.
    struct TurnedBowl: LossSurface {
        static let h = Hessian(h11: 3, h12: 1, h22: 2)
        static let c = Weights(0.5, -1)
        func value(at w: Weights) -> Double {
            let h = Self.h
            return 0.5 * (h.h11 * w.x * w.x + 2 * h.h12 * w.x * w.y + h.h22 * w.y * w.y) + Self.c.x * w.x + Self.c.y * w.y
        }
        func gradient(at w: Weights) -> Weights {
            Weights(Self.h.h11 * w.x + Self.h.h12 * w.y, Self.h.h12 * w.x + Self.h.h22 * w.y) + Self.c
        }
        func hessian(at w: Weights) -> Hessian? { Self.h }
        var minima: [Weights] { [] }
    }

    /// x − log x + y²: lowest at (1, 0), +inf at x = 0, NaN for x < 0.
    struct Barrier: LossSurface {
        func value(at w: Weights) -> Double { w.x - log(w.x) + w.y * w.y }
        func gradient(at w: Weights) -> Weights { Weights(1 - 1 / w.x, 2 * w.y) }
        var minima: [Weights] { [Weights(1, 0)] }
    }

    @Test("the values are the loss at w − t·∇L(w): on ½(w1² + 10w2²) from (1, 1), 5.5, 1.70125, 0.405, 5.32")
    func valuesAlongTheLine() {
        let slice = LineSlice(surface: Quadratic(curvatures: (1, 10)), at: Weights(1, 1), through: 0.4)
        #expect(slice.direction == Weights(-1, -10))
        #expect(slice.ts.count == 401 && slice.values.count == 401)
        #expect(slice.ts.first == 0 && slice.ts.last == 0.4)
        for (a, b) in zip(slice.ts, slice.ts.dropFirst()) { #expect(abs(b - a - 0.001) < 1e-15) }
        #expect(slice.startLoss == 5.5 && slice.values[0] == 5.5)
        // t = 0.05: (0.95, 0.5); t = 0.1: (0.9, 0); t = 0.2: (0.8, −1).
        for (i, expected) in [(50, 1.70125), (100, 0.405), (200, 5.32)] {
            #expect(abs(slice.values[i] - expected) < 1e-14, "t = \(slice.ts[i]): \(slice.values[i])")
        }
    }

    @Test("the quadratic best step gᵀg/gᵀHg: 101/1001 for g = (1, 10), H = diag(1, 10); none where the line curves down")
    func quadraticBestStep() {
        let t = LineSlice.quadraticBestStep(gradient: Weights(1, 10), hessian: Hessian(h11: 1, h12: 0, h22: 10))
        #expect(t.map { Self.relativeError($0, 101.0 / 1001) < 1e-15 } == true)
        // g = (1, −1), H = [[2, 1], [1, 2]]: gᵀHg = 2 − 2 + 2 = 2 = gᵀg.
        #expect(LineSlice.quadraticBestStep(gradient: Weights(1, -1), hessian: Hessian(h11: 2, h12: 1, h22: 2)) == 1)
        #expect(LineSlice.quadraticBestStep(gradient: Weights(1, 0), hessian: Hessian(h11: -1, h12: 0, h22: 1)) == nil)
        #expect(LineSlice.quadraticBestStep(gradient: Weights(1, 1), hessian: Hessian(h11: 1, h12: -1, h22: 1)) == nil)
        #expect(LineSlice.quadraticBestStep(gradient: Weights(0, 0), hessian: Hessian(h11: 1, h12: 0, h22: 1)) == nil)
    }

    @Test("on a quadratic the best step is gᵀg/gᵀHg and the uphill point exactly twice it",
          arguments: [Weights(1, 1), Weights(-2, 0.5), Weights(0.3, -3), Weights(5, 5)])
    func quadraticLine(_ w: Weights) throws {
        let surfaces: [(any LossSurface, Hessian)] = [(Quadratic(curvatures: (1, 10)), Hessian(h11: 1, h12: 0, h22: 10)),
                                                      (TurnedBowl(), TurnedBowl.h)]
        for (surface, h) in surfaces {
            let exact = try #require(LineSlice.quadraticBestStep(gradient: surface.gradient(at: w), hessian: h))
            for tMax in [2.5 * exact, 7 * exact] {
                let slice = LineSlice(surface: surface, at: w, through: tMax)
                let best = try #require(slice.bestStep)
                let uphill = try #require(slice.uphillFrom)
                #expect(Self.relativeError(best, exact) < 1e-9, "\(type(of: surface)) from \(w): \(best) vs \(exact)")
                #expect(Self.relativeError(uphill, 2 * exact) < 1e-9, "\(type(of: surface)) from \(w): \(uphill) vs \(2 * exact)")
            }
        }
    }

    @Test("a line shorter than the best step is still falling at its end: best step tMax, no uphill point")
    func shortLine() {
        let slice = LineSlice(surface: Quadratic(curvatures: (1, 10)), at: Weights(1, 1), through: 0.05, samples: 11)
        #expect(slice.bestStep == 0.05)
        #expect(slice.uphillFrom == nil)
        #expect(slice.ts.count == 11)
    }

    @Test("at a minimum the gradient is zero: no direction, no best step, no uphill point")
    func atTheMinimum() {
        let slice = LineSlice(surface: Quadratic(curvatures: (1, 10)), at: Weights(0, 0), through: 1)
        #expect(slice.direction == Weights(0, 0))
        #expect(slice.values.allSatisfy { $0 == 0 })
        #expect(slice.bestStep == nil && slice.uphillFrom == nil)
    }

    @Test("on Rosenbrock the best step is where the slope along the line vanishes and the lowest sample is no lower")
    func rosenbrockLine() throws {
        let surface = Rosenbrock(), w = Weights(-1.5, 2)
        let slice = LineSlice(surface: surface, at: w, through: 0.01)
        #expect(slice.direction == Weights(155, 50))  // −∇L at (−1.5, 2)
        let best = try #require(slice.bestStep)
        let d = slice.direction
        let g = surface.gradient(at: w + best * d)
        // The slope there is rounding-sized against the slope at the start, −|∇L|².
        #expect(abs(g.x * d.x + g.y * d.y) < 1e-9 * (d.x * d.x + d.y * d.y))
        #expect(slice.values.allSatisfy { surface.value(at: w + best * d) <= $0 })
        let uphill = try #require(slice.uphillFrom)
        #expect(uphill > best)
        #expect(Self.relativeError(surface.value(at: w + uphill * d), slice.startLoss) < 1e-12)
    }

    @Test("NaN and infinite losses past a barrier are kept, and the uphill point is found before it")
    func barrier() throws {
        // From (4, 0): d = (−0.75, 0), so x = 4 − 0.75t: lowest at t = 4, x = 0 at t = 16/3, NaN beyond.
        let slice = LineSlice(surface: Barrier(), at: Weights(4, 0), through: 8)
        #expect(slice.values.last!.isNaN)
        #expect(slice.values.filter(\.isNaN).count == 134)  // t = 5.34 … 8 in steps of 0.02
        #expect(abs(try #require(slice.bestStep) - 4) < 1e-12)
        let uphill = try #require(slice.uphillFrom)
        #expect(uphill > 4 && uphill < 16.0 / 3)
        let x = 4 - 0.75 * uphill
        #expect(Self.relativeError(x - log(x), 4 - log(4)) < 1e-12, "x = \(x)")
    }
}
