import Foundation
import LossmapContour

/// A scene's isolines, traced the first time a view asks and kept.
///
/// A PNG map paints its isolines straight from the grid (`BandRaster`), so the traced lines
/// are wanted only by vector outputs, contour labels and the tests: tracing them up front cost
/// the reference figure 1.8 ms warm and 4.5 ms in a fresh worker, for nothing. Several
/// threads may ask at once (frames of an animation): the lock makes them trace once.
final class IsolineCache: @unchecked Sendable {
    private let grid: Grid
    private let levels: [Double]
    private var traced: [Isoline]?
    private let lock = NSLock()

    init(grid: Grid, levels: [Double], traced: [Isoline]? = nil) {
        self.grid = grid
        self.levels = levels
        self.traced = traced
    }

    var isolines: [Isoline] {
        lock.lock()
        defer { lock.unlock() }
        if let traced { return traced }
        let lines = MarchingSquares.isolines(grid, levels: levels)
        traced = lines
        return lines
    }
}
