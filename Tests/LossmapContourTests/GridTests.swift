import Foundation
import Testing
@testable import LossmapContour

@Suite("Grid")
struct GridTests {
    @Test("sampling covers both ranges inclusively and stores rows of x")
    func sampling() {
        let grid = Grid.sample(x: -2...2, y: -1...3, nx: 5, ny: 9) { x, y in 10 * x + y }
        #expect(grid.nx == 5 && grid.ny == 9)
        #expect(grid.xs == [-2, -1, 0, 1, 2])
        #expect(grid.ys.first == -1 && grid.ys.last == 3)
        for j in 0..<grid.ny {
            for i in 0..<grid.nx {
                #expect(grid.values[j * grid.nx + i] == 10 * grid.xs[i] + grid.ys[j])
                #expect(grid[i, j] == grid.values[j * grid.nx + i])
            }
        }
        #expect(grid.finiteRange == -21...23)
        #expect(!grid.hasNonFiniteValues)
    }

    @Test("an awkward range still ends exactly on its upper bound")
    func exactEnds() {
        let grid = Grid.sample(x: 0.1...0.7, y: -0.3...0.9, nx: 7, ny: 13) { _, _ in 0 }
        #expect(grid.xs.last == 0.7 && grid.ys.last == 0.9)
        #expect(zip(grid.xs, grid.xs.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("parallel sampling gives the same values as a plain loop")
    func parallelMatchesSerial() {
        let f: @Sendable (Double, Double) -> Double = { x, y in Foundation.sin(x * 3) + y * y }
        let grid = Grid.sample(x: -1...1, y: -2...2, nx: 64, ny: 97, f)
        let serial = grid.ys.flatMap { y in grid.xs.map { x in f(x, y) } }
        #expect(grid.values == serial)
    }

    @Test("the finite range skips NaN and infinities")
    func finiteRange() {
        let grid = gridFromRows([[.nan, 2], [-.infinity, .infinity], [-3, 7]])
        #expect(grid.finiteRange == -3...7)
        #expect(grid.hasNonFiniteValues)
        #expect(gridFromRows([[.nan, .infinity]]).finiteRange == nil)
    }
}
