import Foundation
@testable import LossmapCore
import Testing

/// An imported grid interpolated bicubically: exact on bicubics (values, gradients, Hessians),
/// the samples at the nodes, C¹ across cell edges, unknown samples masking only their cells, NaN
/// outside, a whole row equal to point-by-point evaluation, and the interior minimum.
///
/// Mutations that made these tests fail (each tried, seen failing, then restored):
/// the upper edge excluded from the last cell; a sign in a basis slope; 3- and 4-node stencils
/// instead of 5; the cross slope left 0; a w1-slope scaled by the w2 width; the h12 entry divided
/// by Δw1² instead of Δw1·Δw2; a Lagrange weight's sign; the stencil not stopping at an unknown
/// sample; no fallback to the known cell left of a hidden one; a masked cell's point in a row
/// given NaN instead of the point-by-point value; the strictly-inside check on the minimum dropped.
@Suite struct BicubicSurfaceTests {
    // MARK: Test functions

    /// Σ aₖₗ w1ᵏ w2ˡ (k, l ≤ 3) with random coefficients in [−1, 1).
    struct Bicubic {
        var a: [[Double]]

        init(seed: UInt64) {
            var random = SplitMix64(seed: seed)
            a = (0..<4).map { _ in (0..<4).map { _ in 2 * random.uniform() - 1 } }
        }

        /// ∂^(d1+d2) / ∂w1^d1 ∂w2^d2 at w; with `magnitude`, the same sum of |terms|, the scale
        /// against which rounding is judged (a relative error of the value itself would be
        /// meaningless where the polynomial crosses zero).
        func derivative(_ d1: Int, _ d2: Int, at w: Weights, magnitude: Bool = false) -> Double {
            func power(_ x: Double, _ k: Int, _ d: Int) -> Double {
                guard k >= d else { return 0 }
                var factor = 1.0
                for m in 0..<d { factor *= Double(k - m) }
                return factor * pow(magnitude ? abs(x) : x, Double(k - d))
            }
            var sum = 0.0
            for k in 0..<4 {
                for l in 0..<4 {
                    let term = (magnitude ? abs(a[k][l]) : a[k][l]) * power(w.x, k, d1) * power(w.y, l, d2)
                    sum += term
                }
            }
            return sum
        }
        func value(at w: Weights) -> Double { derivative(0, 0, at: w) }
    }

    /// A non-polynomial surface, so nothing below can pass by exact reproduction.
    static func wavy(_ w: Weights) -> Double { sin(2 * w.x) * cos(3 * w.y) + 0.3 * w.x * w.x }

    // MARK: Grids

    /// n coordinates from `start`, uniformly `step` apart.
    static func uniformAxis(_ start: Double, _ step: Double, _ n: Int) -> [Double] { (0..<n).map { start + Double($0) * step } }

    /// n coordinates from `start`, gaps drawn from [0.2, 1.2) × `step`: widths differing up to 6×.
    static func nonUniformAxis(_ start: Double, _ step: Double, _ n: Int, seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed)
        var axis = [start]
        for _ in 1..<n { axis.append(axis[axis.count - 1] + step * (0.2 + random.uniform())) }
        return axis
    }

    static func grid(_ w1: [Double], _ w2: [Double], _ f: (Weights) -> Double) throws -> LossGrid {
        try LossGrid(w1: w1, w2: w2, values: w2.flatMap { y in w1.map { x in f(Weights(x, y)) } })
    }

    /// The axes the reproduction tests run on: uniform 8 × 7, non-uniform 9 × 7, and the smallest, 4 × 4.
    static let axes: [(name: String, w1: [Double], w2: [Double])] = [
        ("uniform", uniformAxis(-1, 0.4, 8), uniformAxis(-0.5, 0.35, 7)),
        ("non-uniform", nonUniformAxis(-1.2, 0.35, 9, seed: 1), nonUniformAxis(-0.6, 0.4, 7, seed: 2)),
        ("4 × 4", nonUniformAxis(-0.8, 0.6, 4, seed: 3), nonUniformAxis(-0.4, 0.5, 4, seed: 4)),
    ]

    /// A point drawn uniformly from the grid's window.
    static func randomPoint(_ grid: LossGrid, _ random: inout SplitMix64) -> Weights {
        let r1 = grid.w1Range, r2 = grid.w2Range
        return Weights(r1.lowerBound + random.uniform() * (r1.upperBound - r1.lowerBound),
                       r2.lowerBound + random.uniform() * (r2.upperBound - r2.lowerBound))
    }

    // MARK: Exactness

    @Test("a random bicubic is reproduced exactly: values, gradients and Hessians to 1e-9 of its size",
          arguments: 0..<3)
    func bicubicsAreReproduced(_ axesIndex: Int) throws {
        let (name, w1, w2) = Self.axes[axesIndex]
        for seed in UInt64(10)..<UInt64(14) {
            let p = Bicubic(seed: seed)
            let surface = BicubicSurface(grid: try Self.grid(w1, w2, p.value))
            var random = SplitMix64(seed: seed)
            var worst = 0.0
            for _ in 0..<400 {
                let w = Self.randomPoint(surface.grid, &random)
                let g = surface.gradient(at: w), h = try #require(surface.hessian(at: w))
                let checks: [(Double, Int, Int)] = [(surface.value(at: w), 0, 0), (g.x, 1, 0), (g.y, 0, 1),
                                                    (h.h11, 2, 0), (h.h12, 1, 1), (h.h22, 0, 2)]
                for (got, d1, d2) in checks {
                    let error = abs(got - p.derivative(d1, d2, at: w)) / max(p.derivative(d1, d2, at: w, magnitude: true), 1e-300)
                    worst = max(worst, error)
                    #expect(error < 1e-9, "\(name), seed \(seed), ∂(\(d1),\(d2)) at \(w): \(got) vs \(p.derivative(d1, d2, at: w))")
                }
            }
            #expect(worst < 1e-9)
        }
    }

    @Test("a quartic is not reproduced: the exactness test can tell a cubic-exact interpolant from a better guess")
    func quarticIsNotReproduced() throws {
        let (_, w1, w2) = Self.axes[1]
        let surface = BicubicSurface(grid: try Self.grid(w1, w2) { $0.x * $0.x * $0.x * $0.x + $0.y })
        var random = SplitMix64(seed: 5)
        var worst = 0.0
        for _ in 0..<200 {
            let w = Self.randomPoint(surface.grid, &random)
            worst = max(worst, abs(surface.value(at: w) - (pow(w.x, 4) + w.y)))
        }
        // The cells are up to 0.42 wide: the error is of order h⁴·f⁗/384 ≈ 2e-3, far above 1e-9.
        #expect(worst > 1e-5)
    }

    @Test("the values at the nodes are the samples, unrounded, on the last row and column too")
    func nodesAreTheSamples() throws {
        let (_, w1, w2) = Self.axes[1]
        let surface = BicubicSurface(grid: try Self.grid(w1, w2, Self.wavy))
        for (i, y) in w2.enumerated() {
            for (j, x) in w1.enumerated() {
                #expect(surface.value(at: Weights(x, y)) == surface.grid.value(row: i, column: j), "node (\(i), \(j))")
            }
        }
    }

    @Test("node slopes: the 5 nearest nodes (exact even for a quartic), the known run beside an unknown sample, 0 alone")
    func lineSlopesByHand() {
        let x: [Double] = [0, 1, 3, 4, 7, 8]
        let cubic = x.map { $0 * $0 * $0 - 2 * $0 }  // slope 3x² − 2
        for (k, slope) in BicubicSurface.lineSlopes(cubic, on: x).enumerated() {
            #expect(abs(slope - (3 * x[k] * x[k] - 2)) < 1e-11, "node \(k)")
        }
        // Five nodes (not four) are used wherever the line has them: then even a quartic's slope is exact.
        for (k, slope) in BicubicSurface.lineSlopes(x.map { $0 * $0 * $0 * $0 }, on: x).enumerated() {
            #expect(abs(slope - 4 * x[k] * x[k] * x[k]) < 1e-9, "node \(k)")
        }
        // Unknown at index 3: the run 0...2 (3 nodes) is exact for a quadratic only, the run
        // 4...5 is a secant, and a node between two unknowns has slope 0.
        let square = x.map { $0 * $0 }
        var holed = square
        holed[3] = .nan
        let slopes = BicubicSurface.lineSlopes(holed, on: x)
        for k in 0...2 { #expect(abs(slopes[k] - 2 * x[k]) < 1e-12, "node \(k)") }
        #expect(slopes[3].isNaN)
        #expect(slopes[4] == (64 - 49) / 1 && slopes[5] == 15)
        #expect(BicubicSurface.lineSlopes([1, .nan, 5, .nan], on: [0, 1, 2, 3]) .map { $0.isNaN ? -1 : $0 } == [0, -1, 0, -1])
    }

    // MARK: Derivatives and smoothness

    @Test("on a non-polynomial grid the gradient matches central differences of the value, the Hessian those of the gradient")
    func derivativesMatchFiniteDifferences() throws {
        let (_, w1, w2) = Self.axes[1]
        let surface = BicubicSurface(grid: try Self.grid(w1, w2, Self.wavy))
        var random = SplitMix64(seed: 6)
        let h = 1e-5
        var checked = 0
        while checked < 200 {
            let w = Self.randomPoint(surface.grid, &random)
            // Central differences straddling a cell edge see the Hessian's jump (the surface is
            // only C¹ there); keep the stencil inside one cell.
            let clear = { (x: Double, axis: [Double]) in axis.allSatisfy { abs($0 - x) > 2 * h } }
            guard clear(w.x, w1), clear(w.y, w2) else { continue }
            checked += 1
            let e1 = Weights(h, 0), e2 = Weights(0, h)
            let g = surface.gradient(at: w), hessian = try #require(surface.hessian(at: w))
            let numeric = Weights(surface.value(at: w + e1) - surface.value(at: w - e1),
                                  surface.value(at: w + e2) - surface.value(at: w - e2)) / (2 * h)
            #expect((g - numeric).length < 1e-8 * max(1, g.length), "at \(w): \(g) vs \(numeric)")
            let column1 = (surface.gradient(at: w + e1) - surface.gradient(at: w - e1)) / (2 * h)
            let column2 = (surface.gradient(at: w + e2) - surface.gradient(at: w - e2)) / (2 * h)
            let scale = max(1, abs(hessian.h11), abs(hessian.h22))
            #expect(abs(hessian.h11 - column1.x) < 1e-6 * scale && abs(hessian.h22 - column2.y) < 1e-6 * scale
                    && abs(hessian.h12 - column1.y) < 1e-6 * scale && abs(hessian.h12 - column2.x) < 1e-6 * scale,
                    "at \(w): \(hessian) vs \(column1), \(column2)")
        }
    }

    @Test("value and gradient are continuous across every interior cell edge, while the Hessian jumps")
    func continuousAcrossCellEdges() throws {
        let (_, w1, w2) = Self.axes[1]
        let surface = BicubicSurface(grid: try Self.grid(w1, w2, Self.wavy))
        var random = SplitMix64(seed: 7)
        var largestJump = 0.0
        for k in 1..<(w1.count - 1) {
            for _ in 0..<10 {
                let y = w2[0] + random.uniform() * (w2[w2.count - 1] - w2[0])
                // w1[k] lies in cell k, its next-lower double in cell k − 1.
                let on = Weights(w1[k], y), before = Weights(w1[k].nextDown, y)
                #expect(abs(surface.value(at: on) - surface.value(at: before)) < 1e-12)
                #expect((surface.gradient(at: on) - surface.gradient(at: before)).length < 1e-9, "w1 edge \(k) at w2 = \(y)")
                largestJump = max(largestJump, abs(try #require(surface.hessian(at: on)).h11 - surface.hessian(at: before)!.h11))
            }
        }
        for k in 1..<(w2.count - 1) {
            for _ in 0..<10 {
                let x = w1[0] + random.uniform() * (w1[w1.count - 1] - w1[0])
                let on = Weights(x, w2[k]), before = Weights(x, w2[k].nextDown)
                #expect(abs(surface.value(at: on) - surface.value(at: before)) < 1e-12)
                #expect((surface.gradient(at: on) - surface.gradient(at: before)).length < 1e-9, "w2 edge \(k) at w1 = \(x)")
            }
        }
        // The two sides really are different patches: a C² spline would not jump.
        #expect(largestJump > 1e-3)
    }

    // MARK: Rows, unknown samples, outside

    @Test("values(alongW1:) equals value(at:) bit for bit, in and out of the window, on node rows and masked cells")
    func rowsMatchPoints() throws {
        let (_, w1, w2) = Self.axes[1]
        var samples = try Self.grid(w1, w2, Self.wavy).values
        samples[3 * w1.count + 4] = .nan
        let surface = BicubicSurface(grid: try LossGrid(w1: w1, w2: w2, values: samples))
        var random = SplitMix64(seed: 8)
        let r1 = surface.grid.w1Range
        // Ascending, then shuffled; both include the window's ends, nodes, and points outside.
        var xs = (0..<300).map { r1.lowerBound - 0.1 + Double($0) / 299 * (r1.upperBound - r1.lowerBound + 0.2) } + w1
        xs.sort()
        let shuffled = xs.shuffled(using: &random)
        let rows = [w2[0], w2[2], w2[3], w2[4], w2[w2.count - 1], 0.123, w2[0] - 0.01, .nan]
        for y in rows {
            for list in [xs, shuffled] {
                var out = [Double](repeating: 42, count: list.count)
                list.withUnsafeBufferPointer { w in out.withUnsafeMutableBufferPointer { surface.values(alongW1: w, w2: y, into: $0) } }
                for (x, got) in zip(list, out) {
                    let expected = surface.value(at: Weights(x, y))
                    #expect(got == expected || (got.isNaN && expected.isNaN), "(\(x), \(y)): row \(got), point \(expected)")
                }
            }
        }
    }

    @Test("an unknown sample hides exactly the four cells touching it; the rest still reproduce a biquadratic")
    func unknownSampleMasksItsCells() throws {
        let w1 = Self.nonUniformAxis(-1, 0.3, 8, seed: 9), w2 = Self.nonUniformAxis(-0.7, 0.3, 7, seed: 10)
        let f = { (w: Weights) in 0.5 + w.x - 2 * w.y + 0.7 * w.x * w.x * w.y * w.y - w.x * w.y + 1.5 * w.y * w.y }
        var samples = try Self.grid(w1, w2, f).values
        samples[3 * w1.count + 4] = .nan  // row 3 (w2), column 4 (w1)
        let surface = BicubicSurface(grid: try LossGrid(w1: w1, w2: w2, values: samples))
        for i in 0..<(w2.count - 1) {
            for j in 0..<(w1.count - 1) {
                let centre = Weights((w1[j] + w1[j + 1]) / 2, (w2[i] + w2[i + 1]) / 2)
                let touches = (3...4).contains(j) && (2...3).contains(i)
                let value = surface.value(at: centre), g = surface.gradient(at: centre)
                let h = try #require(surface.hessian(at: centre))
                if touches {
                    #expect(value.isNaN && g.x.isNaN && g.y.isNaN && !h.isFinite, "cell (\(i), \(j))")
                } else {
                    // Biquadratic: the 3-node runs beside the hole are still exact for it.
                    #expect(abs(value - f(centre)) < 1e-12, "cell (\(i), \(j)): \(value) vs \(f(centre))")
                }
            }
        }
        // On the left edge of a hidden cell, the known cell to its left answers; inside the
        // hidden cell, just right of that edge, nothing does.
        let edge = Weights(w1[3], (w2[2] + w2[3]) / 2)
        #expect(abs(surface.value(at: edge) - f(edge)) < 1e-12)
        #expect(surface.gradient(at: edge).isFinite)
        #expect(surface.value(at: Weights(w1[3].nextUp, edge.y)).isNaN)
        // The unknown node itself has no known cell around it.
        #expect(surface.value(at: Weights(w1[4], w2[3])).isNaN)
    }

    @Test("outside the window value, gradient and Hessian are NaN; the window's edges are inside")
    func outsideIsUnknown() throws {
        let (_, w1, w2) = Self.axes[0]
        let p = Bicubic(seed: 11)
        let surface = BicubicSurface(grid: try Self.grid(w1, w2, p.value))
        let a = w1[0], b = w1[w1.count - 1], c = w2[0], d = w2[w2.count - 1]
        let outside = [Weights(a.nextDown, 0), Weights(b.nextUp, 0), Weights(0, c.nextDown), Weights(0, d.nextUp),
                       Weights(-50, 50), Weights(.nan, 0), Weights(0, .infinity)]
        for w in outside {
            #expect(surface.value(at: w).isNaN && !surface.gradient(at: w).x.isFinite && !surface.gradient(at: w).y.isFinite, "\(w)")
            #expect(surface.hessian(at: w)?.isFinite == false, "\(w)")
        }
        for w in [Weights(a, c), Weights(b, d), Weights(b, 0.1), Weights(0.2, d)] {
            #expect(abs(surface.value(at: w) - p.value(at: w)) < 1e-12, "\(w)")
            #expect(abs(surface.gradient(at: w).y - p.derivative(0, 1, at: w)) < 1e-9, "\(w)")
        }
    }

    // MARK: The minimum

    @Test("a sampled bowl (w1 − 0.3)² + 2(w2 + 0.2)² has its minimum at (0.3, −0.2) to 1e-9", arguments: 0..<3)
    func bowlMinimum(_ axesIndex: Int) throws {
        let (name, w1, w2) = Self.axes[axesIndex]
        let bowl = { (w: Weights) in (w.x - 0.3) * (w.x - 0.3) + 2 * (w.y + 0.2) * (w.y + 0.2) }
        let surface = BicubicSurface(grid: try Self.grid(w1, w2, bowl))
        let minimum = try #require(surface.minima.first, "\(name)")
        #expect(surface.minima.count == 1)
        #expect((minimum - Weights(0.3, -0.2)).length < 1e-9, "\(name): \(minimum)")
    }

    @Test("no minimum for a plane, a saddle, a flat grid, or a bowl whose bottom lies outside the window or on its edge")
    func noInteriorMinimum() throws {
        let (_, w1, w2) = Self.axes[1]
        let cases: [(String, (Weights) -> Double)] = [
            ("plane", { 2 * $0.x - $0.y + 1 }),
            ("bowl beyond the edge", { ($0.x - 5) * ($0.x - 5) + $0.y * $0.y }),
            ("saddle", { $0.x * $0.x - $0.y * $0.y }),
            ("flat", { _ in 3 }),
            // Stationary with a positive definite Hessian, but on the window's edge.
            ("bowl with its bottom on the edge", { ($0.x - w1[0]) * ($0.x - w1[0]) + ($0.y - w2[3]) * ($0.y - w2[3]) }),
        ]
        for (name, f) in cases {
            #expect(BicubicSurface(grid: try Self.grid(w1, w2, f)).minima.isEmpty, "\(name)")
        }
    }

    @Test("a minimum is found whatever the units: weights of order 1e-4 and a loss of order 1e6")
    func minimumIsScaleFree() throws {
        let w1 = Self.nonUniformAxis(-1e-4, 3e-5, 9, seed: 12), w2 = Self.nonUniformAxis(2e-4, 4e-5, 8, seed: 13)
        let centre = Weights(w1[4] + 1e-6, w2[3] + 2e-6)
        let bowl = { (w: Weights) in 1e6 + 1e14 * ((w.x - centre.x) * (w.x - centre.x) + 3 * (w.y - centre.y) * (w.y - centre.y)) }
        let minimum = try #require(BicubicSurface(grid: try Self.grid(w1, w2, bowl)).minima.first)
        #expect((minimum - centre).length < 1e-13, "\(minimum) vs \(centre)")
    }
}
