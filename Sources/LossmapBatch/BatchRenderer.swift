import Dispatch
import Foundation
import LossmapBackend
import LossmapRender
import LossmapScene
import LossmapThreads

/// Renders a set of configs into one output folder: in parallel, one bad config never
/// stopping the others (not even one that crashes lossmap, when figures run in workers),
/// each output written atomically, figures whose inputs have not changed skipped, and a
/// report of everything at the end.
public struct BatchRenderer: Sendable {
    public var outputFolder: URL
    /// Figures rendered at once, at most.
    public var jobs: Int
    /// When set, figures run at once only while their memory estimates (`MemoryEstimate`)
    /// fit in this many bytes together; one larger than it all runs alone.
    public var memoryBudget: Int?
    /// Render even figures that are up to date.
    public var force: Bool
    /// Let configs read data files outside the working directory (`--allow-outside-data`).
    public var allowOutsideData: Bool
    /// Where each figure's work runs.
    public var isolation: FigureIsolation
    /// Whether `render` waits for its workers to exit before it returns. `lossmap render`,
    /// which exits right after, does not.
    public var waitsForWorkers = true

    public init(outputFolder: URL, jobs: Int, force: Bool, memoryBudget: Int? = nil, allowOutsideData: Bool = false,
                isolation: FigureIsolation = .inProcess) {
        self.outputFolder = outputFolder
        self.jobs = max(1, jobs)
        self.force = force
        self.memoryBudget = memoryBudget
        self.allowOutsideData = allowOutsideData
        self.isolation = isolation
    }

    /// Renders `configs` (paths as given) and returns the report, in the order given, one
    /// entry per config however it is spelled (`PathSpelling.config`).
    /// `finished` is called once per figure, serially, as figures complete; `frames` as an
    /// animation's frames are made (its config, frames made, frames in all), from any thread.
    /// `seconds` hears, just before `finished`, each figure's config and the wall-clock seconds
    /// its work took (reading and planning it, and rendering it), for `--junit`.
    /// `beforeWorkersExit` gets the report once every figure is done, before the workers are
    /// waited for.
    /// `only` picks the configs to render (a shard), by their normalised path; output names
    /// are checked for clashes across all of `configs`, so two shards never write the same
    /// file either.
    public func render(_ configs: [String], only: (String) -> Bool = { _ in true },
                       finished: @escaping @Sendable (FigureReport, Int, Int) -> Void = { _, _, _ in },
                       frames: (@Sendable (String, Int, Int) -> Void)? = nil,
                       seconds: (@Sendable (String, Double) -> Void)? = nil,
                       beforeWorkersExit: ((BatchReport) -> Void)? = nil) -> BatchReport {
        var seen = Set<String>()
        let paths = configs.map(PathSpelling.config).filter { seen.insert($0).inserted }
        // Workers start first, so that they start up while this process reads the last report.
        let pool = WorkerPool(isolation)
        pool.prestart(min(jobs, paths.count))
        // The folder itself is the caller's to choose (it may be a link); only what is
        // made inside it is kept inside it (`OutputTree.prepare`).
        try? FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        let previous = Self.previousReports(in: outputFolder)
        AtomicFile.removeStaleTemporaries(in: outputFolder)
        defer {
            pool.shutdown(wait: waitsForWorkers)
            // A worker that crashed mid-write left its temporary behind: it is dead now (its
            // death was waited for when its figure failed).
            AtomicFile.removeStaleTemporaries(in: outputFolder)
        }
        let chosen = paths.map(only)
        if paths.count == 1 {
            let started = ContinuousClock.now
            let report = chosen[0] ? renderAlone(paths[0], previous: previous[paths[0]], on: pool, frames: frames) : nil
            if let report {
                seconds?(paths[0], (ContinuousClock.now - started).inSeconds)
                Progress(total: 1, finished).done(report)
            }
            let batch = BatchReport(figures: report.map { [$0] } ?? [])
            beforeWorkersExit?(batch)
            return batch
        }
        let planSeconds = Slots<Double>(count: paths.count)
        let states = plan(paths, fingerprinting: chosen, on: pool, seconds: planSeconds)
        let planned = planSeconds.all()

        // Report failures and up-to-date figures at once; render the rest.
        let selected = paths.indices.filter { chosen[$0] }
        let results = Slots<FigureReport>(count: selected.count)
        let progress = Progress(total: selected.count, finished)
        @Sendable func done(_ report: FigureReport, index: Int, renderSeconds: Double = 0) {
            seconds?(paths[index], (planned[index] ?? 0) + renderSeconds)
            progress.done(report)
        }
        var work: [Job] = []
        for (slot, i) in selected.enumerated() {
            let path = paths[i]
            switch states[i] {
            case .failed(let message):
                let report = FigureReport(config: path, output: "", status: .failed, error: message)
                results.set(slot, report)
                done(report, index: i)
            case .ready(let output, let fingerprint, let memory):
                if !force, let skipped = upToDate(previous[path], output: output, fingerprint: fingerprint) {
                    results.set(slot, skipped)
                    done(skipped, index: i)
                } else {
                    work.append(Job(slot: slot, index: i, path: path, output: output, memory: memory))
                }
            }
        }
        render(work, on: pool, frames: frames) { job, report, renderSeconds in
            results.set(job.slot, report)
            done(report, index: job.index, renderSeconds: renderSeconds)
        }
        let report = BatchReport(figures: results.all().map { $0! })
        // While the workers exit (a millisecond or two each), the caller can write the report.
        beforeWorkersExit?(report)
        return report
    }

    /// A figure to render: where its report goes, its config, its output name, its estimate.
    struct Job: Sendable {
        var slot: Int
        /// Its place among the batch's configs.
        var index: Int
        var path: String
        var output: String
        var memory: MemoryEstimate
    }

    /// A batch of one config: planned and rendered in one request, since no other config can
    /// claim its output name.
    func renderAlone(_ path: String, previous: FigureReport?, on pool: WorkerPool,
                     frames: (@Sendable (String, Int, Int) -> Void)?) -> FigureReport {
        let progress: AnimationFile.Progress? = frames.map { news in { made, total in news(path, made, total) } }
        let request = WorkerRequest.renderAlone(config: path, folder: outputFolder.path, allowOutsideData: allowOutsideData,
                                                threads: jobs, force: force, previous: previous)
        if case .workers = pool.isolation { ReplyWarmUp.start() }
        switch pool.perform(request, progress: progress) {
        case .reply(.rendered(let rendered)):
            return rendered
        case .reply:
            return FigureReport(config: path, output: "", status: .failed,
                                error: "\(path): error: internal error: a worker answered out of turn")
        case .died(let death):
            return FigureReport(config: path, output: "", status: .failed, error: death.error(for: path))
        }
    }

    /// Reads and decodes every config (in workers: a config that crashes lossmap while being
    /// read fails alone) and claims its output name, so that two configs writing one file,
    /// however they spell it, are caught before either is drawn. Only the configs in
    /// `fingerprinting` (this shard's) have their data files hashed.
    /// `seconds`, when given, gets the time each config's plan took.
    func plan(_ paths: [String], fingerprinting: [Bool], on pool: WorkerPool, seconds: Slots<Double>? = nil) -> [FigurePlan] {
        let planned = Slots<PlannedFigure>(count: paths.count)
        let allowOutsideData = self.allowOutsideData
        runConcurrently(paths.count, threads: jobs) { i in
            let started = ContinuousClock.now
            defer { seconds?.set(i, (ContinuousClock.now - started).inSeconds) }
            switch pool.perform(.plan(config: paths[i], allowOutsideData: allowOutsideData, fingerprint: fingerprinting[i])) {
            case .reply(.planned(let plan)):
                planned.set(i, plan)
            case .reply:
                planned.set(i, PlannedFigure(memory: MemoryEstimate(bytes: 0), failure: "\(paths[i]): error: internal error: a worker answered out of turn"))
            case .died(let death):
                planned.set(i, PlannedFigure(memory: MemoryEstimate(bytes: 0), failure: death.error(for: paths[i])))
            }
        }
        let foldsCase = OutputTree.foldsCase(outputFolder)
        var claimed: [String: String] = [:]
        var framesFolders: [String: String] = [:]
        return zip(paths, planned.all()).map { path, plan -> FigurePlan in
            guard let plan, plan.failure == nil, let written = plan.output else {
                return .failed(plan?.failure ?? "\(path): error: failed")
            }
            let output = PathSpelling.output(written)
            let key = PathSpelling.clashKey(output, foldsCase: foldsCase)
            if let other = claimed[key] {
                return .failed("\(path): error: output `\(written)` is already written by \(other); give one of them another `output` name")
            }
            // A frames folder is the whole folder: nothing else may be written inside it.
            if let (folder, other) = framesFolders.first(where: { key.hasPrefix($0.key + "/") }) {
                return .failed("\(path): error: output `\(written)` lies inside `\(folder)/`, the frames folder \(other) writes; give one of them another `output` name")
            }
            if output.hasSuffix("/"), let (inside, other) = claimed.first(where: { $0.key.hasPrefix(key + "/") }) {
                return .failed("\(path): error: output `\(written)` is a frames folder, and \(other) writes `\(inside)` inside it; give one of them another `output` name")
            }
            if output.hasSuffix("/") { framesFolders[key] = path }
            claimed[key] = path
            return .ready(output: output, fingerprint: plan.fingerprint, memory: plan.memory)
        }
    }

    /// Renders the jobs, up to `jobs` at once and, with a memory budget, only as many as
    /// fit; a worker's death becomes the failed report of the figure it was drawing.
    /// `finished` gets each job's report and the seconds its rendering took.
    func render(_ work: [Job], on pool: WorkerPool, frames: (@Sendable (String, Int, Int) -> Void)? = nil,
                finished: @escaping @Sendable (Job, FigureReport, Double) -> Void) {
        let gate = memoryBudget.map { MemoryGate(capacity: $0) }
        let folder = outputFolder.path
        let allowOutsideData = self.allowOutsideData
        // `jobs` is a budget of cores: figures at once share it, and a figure alone has it all.
        let threads = max(1, jobs / max(1, min(jobs, work.count)))
        runConcurrently(work.count, threads: jobs) { n in
            let job = work[n]
            gate?.admit(n, bytes: job.memory.bytes)
            defer { gate?.release(bytes: job.memory.bytes) }
            let report: FigureReport
            let progress: AnimationFile.Progress? = frames.map { news in { made, total in news(job.path, made, total) } }
            let started = ContinuousClock.now
            switch pool.perform(.render(config: job.path, output: job.output, folder: folder, allowOutsideData: allowOutsideData,
                                        threads: threads),
                                progress: progress) {
            case .reply(.rendered(let rendered)):
                report = rendered
            case .reply:
                report = FigureReport(config: job.path, output: job.output, status: .failed,
                                      error: "\(job.path): error: internal error: a worker answered out of turn")
            case .died(let death):
                report = FigureReport(config: job.path, output: job.output, status: .failed,
                                      error: death.error(for: job.path, memory: job.memory))
            }
            finished(job, report, (ContinuousClock.now - started).inSeconds)
        }
    }

    /// The previous report of a figure, marked skipped, when it still describes the file in
    /// the folder: same inputs, same output name, and the file is the one it wrote.
    func upToDate(_ previous: FigureReport?, output: String, fingerprint: String?) -> FigureReport? {
        Self.upToDate(previous, output: output, fingerprint: fingerprint, in: outputFolder)
    }

    static func upToDate(_ previous: FigureReport?, output: String, fingerprint: String?, in folder: URL) -> FigureReport? {
        guard let previous, previous.status != .failed, let fingerprint, previous.fingerprint == fingerprint,
              previous.output == output, let written = previous.outputHash,
              hash(of: folder.appendingPathComponent(output)) == written else { return nil }
        var skipped = previous
        skipped.status = .skipped
        return skipped
    }

    /// The hash of a file's bytes (`Fingerprint.fnv1aWords`) as hex, or nil if it cannot be
    /// read. A frames folder's hash covers each file's name and bytes, in name order.
    static func hash(of url: URL) -> String? {
        func hash(_ data: Data) -> UInt64 { data.withUnsafeBytes { Fingerprint.fnv1aWords($0) } }
        var info = stat()
        if stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return nil }
            var bytes: [UInt8] = []
            for name in names.sorted() where !FrameFolder.isDesktopMetadata(name) {
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) else { return nil }
                bytes += Array(name.utf8) + [0] + Array(String(hash(data), radix: 16).utf8) + [0]
            }
            return String(Fingerprint.fnv1a(bytes), radix: 16)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(hash(data), radix: 16)
    }

    /// The config's own name with `.png`: `config/a.toml` → `a.png`.
    public static func defaultOutputName(for configPath: String) -> String {
        ((configPath as NSString).lastPathComponent as NSString).deletingPathExtension + ".png"
    }

    /// The report entries of the last batch written to `folder`, by config path.
    /// Reports written before entries were keyed by one spelling are tidied to it.
    public static func previousReports(in folder: URL) -> [String: FigureReport] {
        guard let report = try? ReportWriter.read(folder.appendingPathComponent("report.json")) else { return [:] }
        return Dictionary(report.figures.map { figure in
            var figure = figure
            figure.config = PathSpelling.reported(figure.config)
            return (figure.config, figure)
        }, uniquingKeysWith: { _, b in b })
    }

    /// A rendered figure's report entry.
    public static func report(for figure: Scene, config: String, output: String, fingerprint: String?) -> FigureReport {
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        let runs = figure.runs.map { run -> RunReport in
            let t = run.trajectory
            var step: Int?
            switch t.outcome {
            case .converged(let s): step = s
            case .diverged(let s, _): step = s
            case .leftMap(let s): step = s
            default: step = nil
            }
            // A recorded path starts at its first point and has no method of lossmap's.
            let start = run.spec.isRecorded ? t.points.first ?? run.spec.start : run.spec.start
            var report = RunReport(label: run.label, method: run.spec.isRecorded ? "recorded" : run.spec.method.name, learningRate: run.learningRate,
                                   start: [start.x, start.y], initialLoss: finite(t.initialLoss), finalLoss: finite(t.finalLoss),
                                   steps: t.stepsTaken, outcome: t.outcome.name, outcomeStep: step,
                                   finalPoint: [t.finalPoint.x, t.finalPoint.y])
            report.stepLengths = t.stepLengths.map { Array($0.prefix(RunReport.maxStepLengths)).map(finite) }
            if !run.spec.schedule.isConstant { report.schedule = run.spec.schedule.name }
            report.lineSearch = run.spec.lineSearch?.name
            report.gradientNoise = run.spec.gradientNoise?.deviation
            report.seed = run.spec.gradientNoise?.seed ?? run.spec.minibatch.flatMap { $0.shuffle ? $0.seed : nil }
            report.batchSize = run.spec.minibatch?.batchSize
            report.shuffle = run.spec.minibatch?.shuffle
            if !t.newtonFallbackSteps.isEmpty { report.newtonFallbackSteps = Array(t.newtonFallbackSteps.prefix(RunReport.maxStepLengths)) }
            if !run.repeats.isEmpty, let seed = report.seed {
                report.repeats = run.repeats.enumerated().map { i, walk in
                    RepeatReport(seed: seed &+ UInt64(i + 1), outcome: walk.outcome.name, steps: walk.stepsTaken,
                                 finalLoss: finite(walk.finalLoss), finalPoint: [finite(walk.finalPoint.x), finite(walk.finalPoint.y)])
                }
            }
            return report
        }
        var report = FigureReport(config: config, output: output, status: .rendered, title: figure.spec.title,
                                  criticalLearningRate: figure.stability?.criticalLearningRate.flatMap(finite),
                                  criticalLearningRateSource: figure.stability.flatMap { $0.criticalLearningRate == nil ? nil : $0.footnote },
                                  runs: runs, fingerprint: fingerprint)
        var notices = FigureRenderer.notices(for: figure)
        if let notice = figure.frames?.notice { notices.append(notice) }
        if !notices.isEmpty { report.notices = notices }
        if !figure.markers.isEmpty {
            report.markers = figure.markers.map { MarkerReport(label: $0.spec.label, at: [$0.spec.at.x, $0.spec.at.y], loss: finite($0.loss)) }
        }
        report.addExplanations(of: figure)
        return report
    }
}

/// One config on its way through the batch, once read.
enum FigurePlan: Sendable {
    /// Ready to render as `output` (normalised), unless up to date.
    case ready(output: String, fingerprint: String?, memory: MemoryEstimate)
    /// Cannot be rendered, for this reason (compiler-style).
    case failed(String)
}

/// Counts finished figures and tells `finished` about each, one at a time.
final class Progress: @unchecked Sendable {
    private let total: Int
    private var count = 0
    private let lock = NSLock()
    private let finished: @Sendable (FigureReport, Int, Int) -> Void

    init(total: Int, _ finished: @escaping @Sendable (FigureReport, Int, Int) -> Void) {
        self.total = total
        self.finished = finished
    }

    func done(_ report: FigureReport) {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        finished(report, count, total)
    }
}
