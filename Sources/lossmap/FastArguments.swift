import ArgumentParser
import Foundation
import LossmapBatch

/// `render` and `check` as they are usually called, read without the argument parser.
///
/// swift-argument-parser finds every command's options by reflection, and a process's first
/// reflection is slow: the runtime instantiates the property wrappers' metadata and looks up
/// each conformance by scanning all of the executable's conformance records. That took
/// 1.7–2.6 ms of every `lossmap render` of one figure, more than its scene. So the common
/// command lines (config paths, and each option at most once, its value as the next
/// argument) are read here into the very same command values the parser would make; anything
/// else (`--output=DIR`, `-qf`, `--`, `--help`, a bad value, an unknown option) is left to the
/// parser, which reads it and words its errors as always. `FastArgumentsTests` runs a list of
/// command lines through both and compares what each made.
enum FastArguments {
    /// The command this command line is, when it is one read here.
    static func command(_ arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first else { return nil }
        let rest = Array(arguments.dropFirst())
        switch name {
        case "render": return render(rest)
        case "check": return check(rest)
        default: return nil
        }
    }

    /// The words read: paths, flags seen, options' values; nil for anything else.
    struct Words {
        var paths: [String] = []
        var flags: Set<String> = []
        var values: [String: String] = [:]

        /// `flags` and `options` map every spelling to one name.
        init?(_ arguments: [String], flags flagNames: [String: String], options optionNames: [String: String]) {
            var i = 0
            while i < arguments.count {
                let word = arguments[i]
                i += 1
                guard word.hasPrefix("-") else {
                    // The parser's own words are its to read.
                    guard word != "help", !word.isEmpty else { return nil }
                    paths.append(word)
                    continue
                }
                if let flag = flagNames[word] {
                    guard flags.insert(flag).inserted else { return nil }
                } else if let option = optionNames[word], i < arguments.count, !arguments[i].hasPrefix("-"), values[option] == nil {
                    values[option] = arguments[i]
                    i += 1
                } else {
                    return nil
                }
            }
            guard !paths.isEmpty else { return nil }
        }
    }

    static func render(_ arguments: [String]) -> Lossmap.Render? {
        guard let words = Words(arguments, flags: ["-q": "quiet", "--quiet": "quiet", "--force": "force",
                                                   "--allow-outside-data": "allowOutsideData"],
                                options: ["-o": "output", "--output": "output", "-j": "jobs", "--jobs": "jobs", "--shard": "shard"])
        else { return nil }
        var jobs: Int?
        if let value = words.values["jobs"] {
            guard let n = Int(value), (1...256).contains(n), String(n) == value else { return nil }
            jobs = n
        }
        if let shard = words.values["shard"], Shard(shard) == nil { return nil }
        var command = Lossmap.Render()
        command.inputs = inputs(words)
        var destination = OutputFolder()
        destination.output = words.values["output"] ?? "output"
        command.destination = destination
        command.data = data(words)
        command.jobs = jobs
        command.force = words.flags.contains("force")
        command.shard = words.values["shard"]
        return command
    }

    static func check(_ arguments: [String]) -> Lossmap.Check? {
        guard let words = Words(arguments, flags: ["-q": "quiet", "--quiet": "quiet", "--allow-outside-data": "allowOutsideData"],
                                options: [:])
        else { return nil }
        var command = Lossmap.Check()
        command.inputs = inputs(words)
        command.data = data(words)
        return command
    }

    static func inputs(_ words: Words) -> ConfigInputs {
        var inputs = ConfigInputs()
        inputs.paths = words.paths
        inputs.quiet = words.flags.contains("quiet")
        return inputs
    }

    static func data(_ words: Words) -> DataAccess {
        var data = DataAccess()
        data.allowOutsideData = words.flags.contains("allowOutsideData")
        return data
    }

    /// `LOSSMAP_SHOW_OPTIONS=1` (for `FastArgumentsTests`): what a command line was read as,
    /// instead of running it; `LOSSMAP_ARGUMENTS=parser` reads every command line with the parser.
    static func describe(_ command: ParsableCommand) -> String {
        switch command {
        case let render as Lossmap.Render:
            return "render paths=\(render.inputs.paths) quiet=\(render.inputs.quiet) output=\(render.destination.output) "
                + "allowOutsideData=\(render.data.allowOutsideData) jobs=\(render.jobs.map(String.init) ?? "nil") "
                + "force=\(render.force) shard=\(render.shard ?? "nil")"
        case let check as Lossmap.Check:
            return "check paths=\(check.inputs.paths) quiet=\(check.inputs.quiet) allowOutsideData=\(check.data.allowOutsideData)"
        default:
            return "\(type(of: command))"
        }
    }
}
