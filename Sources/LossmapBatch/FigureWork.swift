import Foundation
import LossmapConfig
import LossmapScene
import LossmapSpec
import LossmapThreads

/// What a batch asks about one config, in a worker process or in its own: plan it (its
/// output name, fingerprint and memory estimate), render it, or check it. A request and its
/// reply are one line of JSON each on a worker's standard input and output.
public enum WorkerRequest: Codable, Sendable, Equatable {
    /// Read and decode the config; hash its inputs only when `fingerprint` (the configs of
    /// other shards are planned only for their output names).
    case plan(config: String, allowOutsideData: Bool, fingerprint: Bool)
    /// Render the config into `folder` as `output`, the normalised name its plan found, on at
    /// most `threads` threads (the batch's jobs shared among the figures it runs at once;
    /// nil, as many as the machine has cores).
    case render(config: String, output: String, folder: String, allowOutsideData: Bool, threads: Int? = nil)
    /// Everything `lossmap check` says about the config.
    case check(config: String, allowOutsideData: Bool)
    /// Plan and render a batch's only config in one request, its output name taken from the
    /// config itself (with one config no other can claim it); unless `force`, skip it when
    /// `previous` (its entry in the last report) still describes the file in `folder`.
    /// One round trip instead of two: about 2 ms of a single figure's whole process.
    case renderAlone(config: String, folder: String, allowOutsideData: Bool, threads: Int? = nil,
                     force: Bool, previous: FigureReport? = nil)

    public var config: String {
        switch self {
        case .plan(let config, _, _), .render(let config, _, _, _, _), .check(let config, _),
             .renderAlone(let config, _, _, _, _, _): return config
        }
    }

    /// What the request does, for a message about a worker that died doing it.
    var activity: String {
        switch self {
        case .plan: return "reading this config"
        case .render, .renderAlone: return "rendering this figure"
        case .check: return "checking this config"
        }
    }
}

/// A worker's answer to one request.
public enum WorkerReply: Codable, Sendable, Equatable {
    case planned(PlannedFigure)
    case rendered(FigureReport)
    /// nil: the config is valid.
    case checked(problems: String?)
    /// Not a reply but news while rendering an animation: `frames` of `total` are made. The
    /// reply follows.
    case progress(frames: Int, total: Int)
}

/// A config read and decoded, before anything is computed.
public struct PlannedFigure: Codable, Sendable, Equatable {
    /// The output name as the config gives it (not yet normalised).
    public var output: String?
    /// The inputs' fingerprint, when asked for.
    public var fingerprint: String?
    /// What rendering it is estimated to take.
    public var memory: MemoryEstimate
    /// Why the config cannot be rendered (every problem, compiler-style).
    public var failure: String?

    public init(output: String? = nil, fingerprint: String? = nil, memory: MemoryEstimate, failure: String? = nil) {
        self.output = output
        self.fingerprint = fingerprint
        self.memory = memory
        self.failure = failure
    }
}

/// The work behind each request, the same in a worker and in the batch's own process.
enum FigureWork {
    /// `progress` hears of each frame of an animation as it is made.
    static func handle(_ request: WorkerRequest, progress: AnimationFile.Progress? = nil) -> WorkerReply {
        switch request {
        case .plan(let config, let allowOutsideData, let fingerprint):
            return .planned(plan(config, access: access(allowOutsideData), fingerprint: fingerprint))
        case .render(let config, let output, let folder, let allowOutsideData, let threads):
            Parallelism.threads = max(1, threads ?? Parallelism.cores)
            return .rendered(render(config, output: output, into: URL(fileURLWithPath: folder, isDirectory: true),
                                    access: access(allowOutsideData), progress: progress))
        case .check(let config, let allowOutsideData):
            return .checked(problems: ConfigCheck.problems(in: config, dataAccess: access(allowOutsideData)))
        case .renderAlone(let config, let folder, let allowOutsideData, let threads, let force, let previous):
            Parallelism.threads = max(1, threads ?? Parallelism.cores)
            return .rendered(renderAlone(config, into: URL(fileURLWithPath: folder, isDirectory: true), access: access(allowOutsideData),
                                         force: force, previous: previous, progress: progress))
        }
    }

    /// `renderAlone`: what `BatchRenderer` does for one config of many, planning and skipping
    /// included, with the config read once.
    static func renderAlone(_ path: String, into folder: URL, access: DataFileAccess, force: Bool, previous: FigureReport?,
                            progress: AnimationFile.Progress?) -> FigureReport {
        let loaded: Loaded
        do {
            loaded = try load(path, access: access)
        } catch {
            return FigureReport(config: path, output: "", status: .failed, error: planFailure(error))
        }
        let output = PathSpelling.output(loaded.config.outputName)
        let fingerprint = fingerprint(of: loaded)
        if !force, let skipped = BatchRenderer.upToDate(previous, output: output, fingerprint: fingerprint, in: folder) {
            return skipped
        }
        return render(loaded, path: path, output: output, fingerprint: fingerprint, into: folder, progress: progress)
    }

    static func access(_ allowOutsideData: Bool) -> DataFileAccess {
        allowOutsideData ? .anywhere : .insideWorkingDirectory()
    }

    /// A config decoded, with its source bytes.
    struct Loaded {
        var config: FigureConfig
        var source: [UInt8]
    }

    static func load(_ path: String, access: DataFileAccess) throws -> Loaded {
        let source = try SourceFile.read(path: path)
        let config = try FigureConfig.load(source, defaultOutputName: BatchRenderer.defaultOutputName(for: path), dataAccess: access)
        return Loaded(config: config, source: source.bytes)
    }

    static func plan(_ path: String, access: DataFileAccess, fingerprint: Bool) -> PlannedFigure {
        do {
            let loaded = try load(path, access: access)
            var dataBytes = 0
            for reference in loaded.config.dataFileReferences {
                var info = stat()
                if let readable = try? reference.permittedPath(), stat(readable, &info) == 0 { dataBytes += Int(info.st_size) }
            }
            return PlannedFigure(output: loaded.config.outputName, fingerprint: fingerprint ? self.fingerprint(of: loaded) : nil,
                                 memory: MemoryEstimate(loaded.config.spec, dataBytes: dataBytes), failure: nil)
        } catch {
            return PlannedFigure(output: nil, fingerprint: nil, memory: MemoryEstimate(bytes: MemoryEstimate.processBytes),
                                 failure: planFailure(error))
        }
    }

    /// What a batch reports about a config it could not read.
    static func planFailure(_ error: Error) -> String { "\(error)" }

    /// The fingerprint of the config's bytes, its data files (those it may read; a refused
    /// one is never opened) and this lossmap's build.
    static func fingerprint(of loaded: Loaded) -> String {
        let data = loaded.config.dataFileReferences.map { reference -> [UInt8] in
            guard let path = try? reference.permittedPath() else { return [] }
            return (try? SourceFile.read(path: path, maxBytes: ConfigLimits.maxDataFileBytes, role: .data).bytes) ?? []
        }
        return Fingerprint.of(version: LossmapVersion.build, config: loaded.source, dataFiles: data)
    }

    static func render(_ path: String, output: String, into folder: URL, access: DataFileAccess,
                       progress: AnimationFile.Progress? = nil) -> FigureReport {
        func failed(_ message: String) -> FigureReport {
            FigureReport(config: path, output: output, status: .failed, error: message)
        }
        let loaded: Loaded
        do {
            loaded = try load(path, access: access)
        } catch {
            return renderFailure(error, path: path, output: output)
        }
        // The batch checked this name against every other config's; a config edited
        // since could write over another figure.
        guard PathSpelling.output(loaded.config.outputName) == output else {
            return failed("\(path): error: the config's `output` changed while the batch ran; render again")
        }
        return render(loaded, path: path, output: output, fingerprint: fingerprint(of: loaded), into: folder, progress: progress)
    }

    /// Renders a config read and planned.
    static func render(_ loaded: Loaded, path: String, output: String, fingerprint: String, into folder: URL,
                       progress: AnimationFile.Progress?) -> FigureReport {
        do {
            let target = try OutputTree.prepare(output, in: folder)
            // A still PNG's canvas is made while the scene is computed.
            let canvas = FigureFormat(fileName: output) == .png ? PendingCanvas(for: loaded.config.spec) : nil
            PhaseTrace.mark("config loaded")
            let figure = try Scene(loaded.config.spec)
            PhaseTrace.mark("scene computed")
            let written = try FigureFile.write(figure, to: target, config: String(decoding: loaded.source, as: UTF8.self),
                                               name: output, progress: progress, canvas: canvas)
            var report = BatchRenderer.report(for: figure, config: path, output: output, fingerprint: fingerprint)
            report.animation = written.map {
                AnimationReport(frames: $0.frames, duration: ($0.duration * 1000).rounded() / 1000, bytes: $0.bytes,
                                steps: figure.frames?.steps)
            }
            PhaseTrace.mark("file written")
            report.outputHash = BatchRenderer.hash(of: target)
            PhaseTrace.mark("hashed")
            return report
        } catch {
            return renderFailure(error, path: path, output: output)
        }
    }

    static func renderFailure(_ error: Error, path: String, output: String) -> FigureReport {
        func failed(_ message: String) -> FigureReport {
            FigureReport(config: path, output: output, status: .failed, error: message)
        }
        switch error {
        case let problems as DiagnosticList:
            // Found while decoding or resolving the spec (a data file, a limit, η_crit):
            // already compiler-style, at the config's file:line:col.
            return failed(problems.description)
        case let problem as FileProblem:
            return failed(problem.description)
        default:
            return failed("\(path): error: \(error)")
        }
    }
}
