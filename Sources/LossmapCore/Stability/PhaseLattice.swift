import LossmapThreads

/// What real heavy-ball runs did on an actual surface over a coarse lattice of learning rates η
/// (columns) and momenta β (rows): the measured counterpart of `PhaseGrid`'s closed form.
///
/// Every cell is one ordinary `Descent` with `Method.momentum(beta:)`, the same start and the
/// same stopping rule (the figure's escape box around `window`, as the contour map uses), so a
/// cell is exactly the run a contour figure would draw with that η and β. Away from a quadratic
/// (a curved valley, a second basin) the runs can disagree with the closed form, which is the
/// point of setting the two side by side.
public struct PhaseLattice: Sendable, Equatable {
    /// The learning rate of each column.
    public var rates: [Double]
    /// The momentum β of each row.
    public var momenta: [Double]
    /// Where every run starts.
    public var start: Weights
    /// The most steps each run may take.
    public var steps: Int
    /// How each run ended, row-major: `outcomes[row * columns + column]`, row the momentum index.
    public var outcomes: [RunOutcome]
    /// The loss at each run's last kept point (after its steps, at convergence, or just before
    /// it diverged or left the map: always finite unless the start's loss is not), row-major.
    public var finalLosses: [Double]
    /// The steps each run actually took, row-major.
    public var stepsTaken: [Int]

    /// Runs heavy ball from `start` for at most `steps` steps at every pair of `rates` and
    /// `momenta`, in parallel under the figure's thread budget (`Parallelism`). With `window`
    /// (the plotted range) a run stops once it leaves `Stopping.escapeBox(around:_:)` of it,
    /// as on the map; without one only the loss-growth and non-finite tests stop it.
    public init(surface: some LossSurface, start: Weights, steps: Int, rates: [Double], momenta: [Double],
                window: (w1: ClosedRange<Double>, w2: ClosedRange<Double>)?) {
        let stopping = Stopping(maxSteps: steps, escapeBox: window.map { Stopping.escapeBox(around: $0.w1, $0.w2) })
        let columns = rates.count
        let cells = [Cell](unsafeUninitializedCapacity: columns * momenta.count) { buffer, initialized in
            let slots = CellSlots(buffer: buffer)
            Parallelism.perform(iterations: columns * momenta.count) { i in
                let run = Descent(method: .momentum(beta: momenta[i / columns]), learningRate: rates[i % columns],
                                  start: start, stopping: stopping).run(on: surface)
                slots.initialize(i, to: Cell(outcome: run.outcome, finalLoss: run.finalLoss, stepsTaken: run.stepsTaken))
            }
            initialized = columns * momenta.count
        }
        self.rates = rates
        self.momenta = momenta
        self.start = start
        self.steps = steps
        outcomes = cells.map(\.outcome)
        finalLosses = cells.map(\.finalLoss)
        stepsTaken = cells.map(\.stepsTaken)
    }

    /// The number of columns (learning rates).
    public var columns: Int { rates.count }
    /// The number of rows (momenta).
    public var rows: Int { momenta.count }

    /// How the run at `column` (learning rate index) and `row` (momentum index) ended.
    public func outcome(column: Int, row: Int) -> RunOutcome { outcomes[index(column, row)] }

    /// The last kept loss of the run at `column` and `row`.
    public func finalLoss(column: Int, row: Int) -> Double { finalLosses[index(column, row)] }

    private func index(_ column: Int, _ row: Int) -> Int {
        precondition((0..<columns).contains(column) && (0..<rows).contains(row),
                     "PhaseLattice: cell (\(column), \(row)) outside \(columns) × \(rows)")
        return row * columns + column
    }
}

/// One run's result, as the parallel loop writes it.
private struct Cell {
    var outcome: RunOutcome
    var finalLoss: Double
    var stepsTaken: Int
}

/// The result array's storage, shared by the parallel runs. Unchecked Sendable is sound here,
/// as for `LearningRateSweep`'s: each run initialises only its own slot, exactly once, and the
/// buffer outlives `Parallelism.perform`, which returns only after every run has finished.
private struct CellSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Cell>

    func initialize(_ i: Int, to cell: Cell) {
        (buffer.baseAddress! + i).initialize(to: cell)
    }
}
