import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// The [animation] table, and whether the figure has frames at all: a table needs an
    /// output that holds frames (and a map), and an output that is animated (a GIF, an
    /// animated PNG, a frames folder) gets the default animation when there is no table.
    mutating func decodeAnimation(_ document: TOMLTable, _ top: TableReader, output: String, isMap: Bool) -> AnimationSpec? {
        let format = FigureFormat(fileName: output)
        guard let value = document["animation"] else {
            guard let format, format.isAnimated else { return nil }
            if !isMap {
                report(top.error(top.table["output"]?.span.lowerBound ?? 0,
                                 "a \(kindNoun) figure has no frames: `output` \"\(ConfigLimits.shown(output))\" needs a map figure",
                                 note: "write the \(kindNoun) to a .png, .svg or .pdf"))
                return nil
            }
            return AnimationSpec()
        }
        guard let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "animation", of: AnimationKeys.table, in: top) }) else {
            return nil
        }
        report(reader.unknownKeys())
        var animation = AnimationSpec()
        animation.site = SpecSite(file: file, offset: value.span.lowerBound)
        decodeStepping(reader, into: &animation)
        animation.maxFrames = attempt { () throws(Diagnostic) in try reader.integer("max_frames", in: AnimationKeys.maxFramesRange) }
            ?? animation.maxFrames
        animation.frameDuration = attempt { () throws(Diagnostic) in
            try reader.number("frame_duration", in: AnimationKeys.frameDurationRange, unit: "seconds")
        } ?? animation.frameDuration
        animation.holdFirst = attempt { () throws(Diagnostic) in try reader.number("hold_first", in: AnimationKeys.holdRange, unit: "seconds") }
            ?? animation.holdFirst
        animation.holdLast = attempt { () throws(Diagnostic) in try reader.number("hold_last", in: AnimationKeys.holdRange, unit: "seconds") }
            ?? animation.holdLast
        animation.plays = attempt { () throws(Diagnostic) in try Self.plays(reader) } ?? animation.plays
        animation.trail = attempt { () throws(Diagnostic) in try Self.trail(reader) } ?? animation.trail
        animation.counter = attempt { () throws(Diagnostic) in try reader.boolean("counter")?.0 } ?? animation.counter

        if !isMap {
            report(reader.error(value.span.lowerBound, "[animation] applies only to map figures; this is a \(kindNoun)",
                                note: "remove [animation], or draw a map (kind = \"map\")"))
            return nil
        }
        if let format, !format.canAnimate {
            report(reader.error(value.span.lowerBound,
                                "[animation] needs an output that holds frames; `output` is \"\(ConfigLimits.shown(output))\", one still .\(format.rawValue) image",
                                note: "use " + AnimationKeys.animatedOutputs.replacingOccurrences(of: "`", with: "")
                                    + ", e.g. output = \"\(Self.stem(of: output)).gif\""))
            return nil
        }
        return animation
    }

    /// `every`: a positive integer or "auto".
    private mutating func decodeStepping(_ reader: TableReader, into animation: inout AnimationSpec) {
        guard let value = reader.table["every"] else { return }
        switch value.kind {
        case .string(let text) where text == "auto":
            animation.stepping = .auto
        case .integer:
            if let k = attempt({ () throws(Diagnostic) in try reader.integer("every", in: AnimationKeys.everyRange) }) {
                animation.stepping = .every(k)
            }
        default:
            report(reader.error(value.span.lowerBound, "`every` must be a whole number of steps (1 or more) or \"auto\", found \(reader.written(value))",
                                note: "for example every = 5 (every fifth step) or every = \"auto\""))
        }
    }

    /// `loop`: true (forever, 0 plays), false (once), or how many times it plays.
    private static func plays(_ reader: TableReader) throws(Diagnostic) -> Int? {
        guard let value = reader.table["loop"] else { return nil }
        switch value.kind {
        case .boolean(let forever): return forever ? 0 : 1
        case .integer(let n):
            let range = AnimationKeys.playsRange
            guard range.contains(n) else {
                throw reader.error(value.span.lowerBound, "`loop` counts how many times the animation plays, from \(range.lowerBound) to \(range.upperBound); found \(n)",
                                   note: "loop = true plays it forever, loop = false once")
            }
            return Int(n)
        default:
            throw reader.error(value.span.lowerBound, "`loop` must be true (forever), false (once) or how many times to play, found \(reader.written(value))")
        }
    }

    /// `trail`: "full" or a number of steps.
    private static func trail(_ reader: TableReader) throws(Diagnostic) -> AnimationSpec.Trail? {
        guard let value = reader.table["trail"] else { return nil }
        switch value.kind {
        case .string(let text) where text == "full": return .full
        case .integer:
            return try reader.integer("trail", in: AnimationKeys.trailRange).map { .steps($0) }
        default:
            throw reader.error(value.span.lowerBound, "`trail` must be \"full\" or a number of steps (1 or more), found \(reader.written(value))",
                               note: "for example trail = 10: the last ten steps, fading out")
        }
    }

    /// A file name without its extension: `a/b.png` → `a/b`.
    static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return name }
        return String(name[..<dot])
    }
}
