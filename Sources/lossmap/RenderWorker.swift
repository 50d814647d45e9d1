import ArgumentParser
import LossmapBatch

extension Lossmap {
    /// `lossmap render-worker`: the process `render` and `check` do each config's work in, so
    /// that a config that crashes lossmap costs only itself. Not for people.
    struct RenderWorker: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render-worker",
            abstract: "Plan, render or check configs sent as lines of JSON on standard input (used by render and check).",
            discussion: """
            Reads one request a line on standard input and writes one reply a line on standard \
            output, until standard input ends. LOSSMAP_TEST_TRAP=NAME (or plan:NAME, check:NAME) \
            makes it trap on the config NAME, for the tests of crash containment.
            """,
            shouldDisplay: false
        )

        func run() {
            FigureWorker.serve()
        }
    }
}
