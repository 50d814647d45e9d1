import Foundation

/// The heavy-ball convergence factor over a lattice of learning rates η (columns, along x) and
/// momenta β (rows, along y), for the quadratic with the given Hessian eigenvalues: the phase
/// diagram of Goh 2017 ("Why Momentum Really Works", Distill, the figure of the convergence
/// rate over step size and momentum).
///
/// Each cell holds ρ = max over both eigenvalues of `ConvergenceFactor.heavyBall`: ρ < 1
/// converges, ρ > 1 diverges, and the boundary ρ = 1 is η = 2(1 + β)/λmax (`criticalRate`).
/// The lowest ρ of all is Polyak's optimum (`optimal`). Nothing here runs an optimizer: it
/// is the closed form; `PhaseLattice` holds real runs to set beside it.
public struct PhaseGrid: Sendable, Equatable {
    /// The smaller Hessian eigenvalue λmin.
    public var smallestEigenvalue: Double
    /// The larger Hessian eigenvalue λmax.
    public var largestEigenvalue: Double
    /// Whether the learning rates are spaced evenly on a log axis.
    public var logRates: Bool
    /// The learning rate at each column's centre, increasing.
    public var rates: [Double]
    /// The momentum β at each row's centre, increasing.
    public var momenta: [Double]
    /// ρ for every cell, row-major: `radius[row * columns + column]`, row the momentum index.
    public var radius: [Double]

    /// The grid over `rates` (x) and `momenta` (y), cut into `columns` × `rows` equal cells,
    /// each sampled at its centre (on a log axis for the rates when `logRates`): the ranges are
    /// the picture's edges, so a cell stands for the area it covers and β = 1, where momentum
    /// never forgets, is not sampled from a range ending there. `rates` must be > 0 for a log
    /// axis; `columns` and `rows` ≥ 1.
    public init(eigenvalues: (smaller: Double, larger: Double), rates: ClosedRange<Double>, logRates: Bool,
                momenta: ClosedRange<Double>, columns: Int, rows: Int) {
        precondition(columns >= 1 && rows >= 1, "PhaseGrid: \(columns) × \(rows) cells")
        precondition(!logRates || rates.lowerBound > 0, "PhaseGrid: a log axis needs rates > 0, not \(rates)")
        smallestEigenvalue = eigenvalues.smaller
        largestEigenvalue = eigenvalues.larger
        self.logRates = logRates
        self.rates = logRates
            ? Self.centres(log(rates.lowerBound)...log(rates.upperBound), count: columns).map { exp($0) }
            : Self.centres(rates, count: columns)
        self.momenta = Self.centres(momenta, count: rows)
        var radius: [Double] = []
        radius.reserveCapacity(columns * rows)
        for β in self.momenta {
            for η in self.rates {
                radius.append(ConvergenceFactor.spectralRadius(of: .momentum(beta: β), rate: η, eigenvalues: eigenvalues)!)
            }
        }
        self.radius = radius
    }

    /// The number of columns (learning rates).
    public var columns: Int { rates.count }
    /// The number of rows (momenta).
    public var rows: Int { momenta.count }

    /// ρ at `column` (learning rate index) and `row` (momentum index).
    public func radius(column: Int, row: Int) -> Double {
        precondition((0..<columns).contains(column) && (0..<rows).contains(row),
                     "PhaseGrid: cell (\(column), \(row)) outside \(columns) × \(rows)")
        return radius[row * columns + column]
    }

    /// The centres of `count` equal cells covering `range`: lower + (i + ½)·width/count.
    public static func centres(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let width = range.upperBound - range.lowerBound
        return (0..<count).map { range.lowerBound + (Double($0) + 0.5) / Double(count) * width }
    }

    /// The learning rate where heavy ball with momentum β stops converging on a bowl whose
    /// steepest curvature is λmax: 2(1 + β)/λmax, the ρ = 1 boundary of the diagram. By the
    /// Jury criterion z² − bz + β has both roots inside the unit circle iff |β| < 1 and
    /// |b| < 1 + β, and b = 1 + β − ηλmax reaches −(1 + β) there (Polyak 1964; the same bound
    /// as `StabilityReport.criticalLearningRate(for:)`).
    public static func criticalRate(momentum β: Double, largestEigenvalue λmax: Double) -> Double {
        2 * (1 + β) / λmax
    }

    /// Polyak's optimal heavy ball for a bowl with eigenvalues 0 < λmin ≤ λmax (Polyak 1964;
    /// Goh 2017, "Why Momentum Really Works", Distill, "The Dynamics of Momentum"):
    /// η* = (2/(√λmax + √λmin))², β* = ((√κ − 1)/(√κ + 1))² with κ = λmax/λmin, and the
    /// factor per step ρ* = √β* = (√κ − 1)/(√κ + 1), against gd's best (κ − 1)/(κ + 1). There
    /// both extreme eigen-directions are critically damped and every direction spirals in at √β*.
    ///
    /// Written as (√λmax − √λmin)/(√λmax + √λmin), which is the same number without forming κ
    /// (no overflow for λmin near 0). NaN when λmin < 0 or λmax ≤ 0: with no bowl there is no
    /// optimum. λmin = 0 gives β* = 1, ρ* = 1: a flat direction is never reached.
    public static func optimal(eigenvalues: (smaller: Double, larger: Double)) -> (rate: Double, momentum: Double, radius: Double) {
        guard eigenvalues.smaller >= 0, eigenvalues.larger > 0 else { return (.nan, .nan, .nan) }
        let small = eigenvalues.smaller.squareRoot(), large = eigenvalues.larger.squareRoot()
        let ρ = (large - small) / (large + small)
        let step = 2 / (large + small)
        return (step * step, ρ * ρ, ρ)
    }
}
