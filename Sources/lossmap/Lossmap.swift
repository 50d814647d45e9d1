import ArgumentParser

/// The `lossmap` command: renders loss-surface contour maps with descent paths.
@main
struct Lossmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lossmap",
        abstract: "Draw a loss surface over two weights with a gradient-descent path per learning rate.",
        discussion: """
        Write a small TOML config (see config/ and the README), then:

          lossmap render config/rosenbrock-step-sizes.toml     # -> output/rosenbrock-step-sizes.png
          lossmap render config/ --output slides/figures       # every *.toml in config/
        """,
        subcommands: [Render.self, Check.self, Bench.self, TOMLDecode.self],
        defaultSubcommand: nil
    )
}
