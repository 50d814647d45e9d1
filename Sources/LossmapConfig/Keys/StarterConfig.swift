import LossmapCore

/// The text `lossmap init` writes: a valid config showing the step-size story, each key
/// under its one-line doc from the key tables (and, for a key that takes one of a few
/// names, those names), so the comments say what docs/config.md says.
public enum StarterConfig {
    /// `stem` appears only in comments, so any file name gives a valid config.
    public static func text(for surface: BuiltinSurface, stem: String) -> String {
        let d = surface.defaults
        func n(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) + ".0" : "\(x)" }
        let top = TopLevelKeys.table, map = SurfaceKeys.table, optimizer = OptimizerKeys.table
        let hasMinimum = !surface.surface().minima.isEmpty
        let lines: [String] = [
            """
            # A lossmap figure: the contour map of a loss surface over two weights (w1, w2) with
            # one gradient-descent path per learning rate. Render it with:
            #   lossmap render \(stem).toml
            # Every key is explained in docs/config.md; `lossmap list` shows the names you can use.
            """,
            "",
            key("title", of: top, "\"Gradient descent on \(surface.rawValue): the step size decides\""),
            key("output", of: top, "\"\(stem).svg\"", off: true),
            key("size", of: top, "[\(TopLevelKeys.defaultSize.width), \(TopLevelKeys.defaultSize.height)]"),
            key("theme", of: top, "\"dark\"", off: true),
            key("loss_curve", of: top, "true", off: true),
            key("layout", of: top, "\"grid\"", off: true),
            "\n[surface]",
            key("function", of: map, "\"\(surface.rawValue)\"",
                note: "Or any formula: expression = \"(1 - w1)^2 + 100*(w2 - w1^2)^2\"."),
            key("w1", of: map, "[\(n(d.w1.lowerBound)), \(n(d.w1.upperBound))]") + "\nw2 = [\(n(d.w2.lowerBound)), \(n(d.w2.upperBound))]",
            key("resolution", of: map, "\(SurfaceKeys.defaultResolution)"),
            key("levels", of: map, "\(SurfaceKeys.defaultLevelCount)"),
            key("level_scale", of: map, "\"\(d.logarithmicLevels ? "log" : "linear")\""),
            key("colormap", of: map, "\"\(SurfaceKeys.defaultColormap.rawValue)\""),
            "\n[optimizer]",
            key("method", of: optimizer, "\"\(OptimizerKeys.defaultMethod)\"", note: "One of: " + Method.names.joined(separator: ", ") + "."),
            key("start", of: optimizer, "[\(n(d.start.x)), \(n(d.start.y))]"),
            key("steps", of: optimizer, "200"),
            // A surface without a minimum (the saddle) has no η_crit to be relative to.
            key("relative_to", of: optimizer, hasMinimum ? "\"critical\"" : "\"absolute\"",
                note: hasMinimum ? nil : "Not critical here: a saddle has no critical rate."),
            key("learning_rates", of: optimizer, hasMinimum ? "[0.05, 0.5, 0.9, 1.1]" : "[0.01, 0.1, 0.5]",
                note: hasMinimum ? "Here: tiny, good, near the edge, too big." : nil),
            """

            # [[run]]                       # extra runs with their own settings
            # label = "momentum from elsewhere"
            # method = "momentum"
            # learning_rate = 0.5
            # start = [1.0, -0.5]
            """,
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `name = value` (commented out when `off`) under its doc from `table`, and under the
    /// names it accepts when it takes one of a few.
    private static func key(_ name: String, of table: ConfigTable, _ value: String, off: Bool = false, note: String? = nil) -> String {
        // A name the table lacks gets no comment; the starter config's tests then fail to decode it.
        let entry = table.entry(name)
        var text = plain(entry?.doc ?? "")
        if let choices = entry?.choices, !choices.isEmpty { text += " One of: " + choices.joined(separator: ", ") + "." }
        if let note { text += " " + note }
        return comment(text) + "\n" + (off ? "# " : "") + "\(name) = \(value)"
    }

    /// Markdown's code quotes dropped: a comment is read as plain text.
    private static func plain(_ text: String) -> String { text.filter { $0 != "`" } }

    /// `text` as `#` lines of at most 90 characters.
    private static func comment(_ text: String) -> String {
        var lines: [String] = []
        var line = "#"
        for word in text.split(separator: " ") {
            if line.count > 1, line.count + 1 + word.count > 90 {
                lines.append(line)
                line = "#"
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
