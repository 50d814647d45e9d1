import LossmapCore

/// One step of one run explained in a callout (`[[explain]]`): where the walker stood, the
/// gradient there, the step it took and the loss before and after, with a leader line to
/// the point; optionally the slice of the loss along that step in a panel beside the map.
public struct ExplanationSpec: Sendable, Equatable {
    /// The run, by its index in `FigureSpec.runs`.
    public var run: Int
    /// The step explained: the one from w_step to w_step+1.
    public var step: Int
    /// Whether the loss along this step's line gets a panel of its own (one per figure).
    public var slice: Bool

    public init(run: Int, step: Int, slice: Bool = false) {
        self.run = run
        self.step = step
        self.slice = slice
    }
}
