import LossmapSpec

/// The frames of an animated figure: the step each frame shows and how long it is shown.
/// Every run advances on this one clock; a run that stopped earlier stays where it stopped.
public struct FrameSchedule: Sendable, Equatable {
    /// The step of each frame, increasing, from 0 to `lastStep`.
    public var steps: [Int]
    /// Seconds each frame is shown (the first and the last held longer).
    public var durations: [Double]
    /// The last step any run takes: the clock's end.
    public var lastStep: Int
    /// What the schedule had to change from what was asked (`every` too small for
    /// `max_frames`), said in a sentence for the report.
    public var notice: String?

    public var frameCount: Int { steps.count }
    /// Seconds one play of the animation lasts.
    public var duration: Double { durations.reduce(0, +) }

    /// The frames for runs that stop after `runSteps` steps each (the last step of each),
    /// as `animation` asks.
    public init(runSteps: [Int], animation: AnimationSpec) {
        let last = max(0, runSteps.max() ?? 0)
        lastStep = last
        notice = nil
        switch animation.stepping {
        case .every(let k):
            var spacing = max(1, k)
            let wanted = Self.everyKth(spacing, through: last)
            if wanted.count > animation.maxFrames {
                // The smallest spacing whose frames fit, said in the report rather than
                // silently: every k-th step plus the last needs ⌈last/k⌉ + 1 frames. Spaced
                // by `last` it is two frames, the start and the end, the fewest there can be
                // (`max_frames` is at least 2).
                spacing = max(spacing, Self.ceilDiv(last, max(1, animation.maxFrames - 1)))
                while spacing < last, Self.everyKth(spacing, through: last).count > animation.maxFrames { spacing += 1 }
                notice = "every = \(k) would make \(wanted.count) frames, more than max_frames = \(animation.maxFrames): every \(spacing) steps instead"
            }
            steps = Self.everyKth(spacing, through: last)
        case .auto:
            steps = Self.auto(through: last, maxFrames: animation.maxFrames, stops: runSteps)
        }
        durations = steps.map { _ in animation.frameDuration }
        durations[0] += animation.holdFirst
        durations[durations.count - 1] += animation.holdLast
    }

    /// 0, k, 2k, … and `last`.
    static func everyKth(_ k: Int, through last: Int) -> [Int] {
        var steps = Array(stride(from: 0, through: last, by: k))
        if steps.last != last { steps.append(last) }
        return steps
    }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }

    /// How many of the first steps `auto` shows one by one: a third of the frames, at most 20,
    /// so the first jumps (where a huge step already goes wrong) are all seen.
    static func stepsOneByOne(maxFrames: Int) -> Int { min(20, maxFrames / 3) }

    /// Every step when they fit in `maxFrames`; otherwise the first steps one by one, then
    /// steps spaced geometrically up to `last` (equal ratios between shown steps: the tail
    /// of a long run, where little changes, costs few frames), and the step where each run
    /// stops, so its badge appears exactly when its outcome is known. At most `maxFrames`.
    static func auto(through last: Int, maxFrames: Int, stops: [Int]) -> [Int] {
        guard last + 1 > maxFrames else { return Array(0...last) }
        let budget = max(2, maxFrames)
        // Steps 0…first one by one, leaving room for the last step at least.
        let first = min(stepsOneByOne(maxFrames: budget), last, budget - 2)
        var chosen = Set(0...first)
        chosen.insert(last)
        let stopSteps = Set(stops.filter { $0 > first && $0 < last })
        // The stops first (they matter most), as many as the budget allows.
        for s in stopSteps.sorted() where chosen.count < budget - 1 { chosen.insert(s) }
        // Then geometric steps between `first` and `last` until the budget is spent: the
        // count asked for grows until the distinct ones fill it (rounding merges some).
        let room = budget - chosen.count
        if room > 0 {
            let start = Double(max(first, 1)), ratio = Double(last) / start
            var asked = room
            var geometric: [Int] = []
            while asked <= 4 * budget {
                geometric = (1...asked).map { i in
                    Int((start * pow(ratio, Double(i) / Double(asked + 1))).rounded())
                }.filter { $0 > first && $0 < last && !chosen.contains($0) }
                if Set(geometric).count >= room { break }
                asked += max(1, room / 4)
            }
            for s in Set(geometric).sorted() where chosen.count < budget { chosen.insert(s) }
        }
        return chosen.sorted()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
