/// The keys of an [[explain]] section: one step of one run explained in a callout.
enum ExplainKeys {
    /// A figure explains at most this many steps: more callouts than this crowd any map.
    static let maxExplanations = 4

    static let table = ConfigTable(name: "[[explain]]", id: "[[explain]]", entries: [
        .value("run", type: "string or integer", default: "required",
               allowed: "a run's `label`, or its number 1, 2, … in the order the legend lists the runs",
               example: "`run = \"huge step\"` or `run = 3`",
               doc: "The run whose step is explained."),
        .value("step", type: "integer", default: "required", allowed: "0 … the run's `steps` − 1",
               example: "`step = 0`",
               doc: "The step explained: the one from w_step to w_step+1 (0 is the first step, from the start).",
               details: """
                   The callout gives w_k, the gradient ∇L(w_k), the step η∇L, the point w_k+1 it lands on and the \
                   loss before and after, with a leader line to the point. For momentum, Nesterov and the adaptive \
                   methods it gives the step actually taken, w_k+1 − w_k. A run that stopped before the step \
                   (converged, diverged, left the map) says so in the callout.
                   """),
        .value("slice", type: "boolean", default: "`false`", allowed: "`true`, `false` (`true` on one section at most)",
               example: "`slice = true`",
               doc: "Adds a panel beside the map: the loss along this step's line, f(w_k − t∇L(w_k)) against t.",
               details: """
                   The panel marks where each gradient-descent run's η lands on that line (and, for the first \
                   step, each momentum or Nesterov run's, whose velocity is still zero), the best step along it \
                   t*, and the t at which the line is back to the loss it started from (2t* on a quadratic): a \
                   longer step ends higher than it started, overshoot seen in one dimension. The map shows the \
                   same line faintly.
                   """),
    ])
}
