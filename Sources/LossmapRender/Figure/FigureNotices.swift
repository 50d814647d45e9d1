import LossmapCore
import LossmapScene

extension FigureRenderer {
    /// What the renderer does differently from what the figure asks, one sentence each, for
    /// the console to print beside the figure. Empty when the figure is drawn as asked.
    ///
    /// Today there is one such decision: maps asked to keep equal units (`aspect = "equal"`,
    /// the default) fill the room instead when the window's w2 span over its w1 span is outside
    /// `FigureLayout.equalAspectLimits` (wider than 4:1 or taller than 1:4), since equal units
    /// would squeeze the map to a sliver. The decision depends on the window alone, so no
    /// canvas is needed; it is the one `FigureLayout.gaveUpEqualAspect` reports.
    public static func notices(for figure: Scene) -> [String] {
        aspectNotices(for: figure) + explanationNotices(for: figure)
    }

    /// What `eigen`, `[[explain]]` and a phase diagram were asked for but do not show, and why.
    static func explanationNotices(for figure: Scene) -> [String] {
        let spec = figure.spec
        var notices: [String] = []
        if spec.surface.eigen, spec.kind.isMap, figure.eigen == nil {
            let why = figure.stability.flatMap { $0.curvature == .bowl || $0.curvature == .flatValley ? nil : $0.whyNoCriticalRate }
                ?? figure.stabilityProblem ?? "no minimum was found near the map"
            notices.append("eigen = true draws no axes: \(why)")
        }
        for explanation in spec.explanations where !figure.explanations.contains(where: { $0.spec == explanation }) {
            let run = figure.runs[explanation.run]
            notices.append("[[explain]] of \(run.label) shows nothing: the run took no step (it \(run.trajectory.outcome.phrase))")
        }
        if let phase = figure.phase {
            for (index, run) in figure.runs.enumerated() where !phase.runPlaces.contains(where: { $0.run == index }) {
                notices.append("the phase diagram has no place for \(run.label): it is heavy-ball descent's diagram, and \(run.spec.method.name) is not a point on it")
            }
        }
        return notices
    }

    /// Equal units given up for a very wide or tall window.
    static func aspectNotices(for figure: Scene) -> [String] {
        let spec = figure.spec
        guard spec.kind.isMap, spec.equalAspect else { return [] }
        let w1 = figure.w1, w2 = figure.w2
        let aspect = FigureRenderer(figure).dataAspect
        guard !FigureLayout.keepsEqualAspect(aspect) else { return [] }
        let window = "w1 over [\(NumberFormatting.compact(w1.lowerBound)), \(NumberFormatting.compact(w1.upperBound))], "
            + "w2 over [\(NumberFormatting.compact(w2.lowerBound)), \(NumberFormatting.compact(w2.upperBound))]"
        let shape: String
        if !(aspect > 0) || !aspect.isFinite {
            shape = "not a shape equal units can keep"
        } else if aspect < 1 {
            shape = "\(NumberFormatting.significant(1 / aspect, digits: 3)) times as wide as it is high"
        } else {
            shape = "\(NumberFormatting.significant(aspect, digits: 3)) times as high as it is wide"
        }
        let limits = FigureLayout.equalAspectLimits
        return ["aspect = \"equal\" not kept: the window (\(window)) is \(shape), beyond the "
            + "\(NumberFormatting.compact(1 / limits.lowerBound)):1 that equal units allow, so the map fills "
            + "the room as with aspect = \"auto\""]
    }

    /// `notices(for:)` of this renderer's figure.
    public var notices: [String] { Self.notices(for: figure) }
}
