import Dispatch
import Foundation
import LossmapBackend
import LossmapConfig
import LossmapRender
import LossmapScene
import LossmapSpec

/// Renders a set of configs into one output folder: in parallel, one bad config never
/// stopping the others, each output written atomically, figures whose inputs have not
/// changed skipped, and a report of everything at the end.
public struct BatchRenderer: Sendable {
    public var outputFolder: URL
    /// Figures rendered at once.
    public var jobs: Int
    /// Render even figures that are up to date.
    public var force: Bool

    public init(outputFolder: URL, jobs: Int, force: Bool) {
        self.outputFolder = outputFolder
        self.jobs = max(1, jobs)
        self.force = force
    }

    /// Renders `configs` (paths as given) and returns the report, in the order given.
    /// `finished` is called once per figure, serially, as figures complete.
    /// `only` picks the configs to render (a shard); output names are checked for clashes
    /// across all of `configs`, so two shards never write the same file either.
    public func render(_ configs: [String], only: (String) -> Bool = { _ in true },
                       finished: @Sendable (FigureReport, Int, Int) -> Void = { _, _, _ in }) -> BatchReport {
        let previous = Self.previousReports(in: outputFolder)
        AtomicFile.removeStaleTemporaries(in: outputFolder)
        // Plan first, serially and cheaply (parse and decode only), so that two configs
        // claiming the same output file are caught before either is drawn.
        var plans: [Plan] = configs.map { Plan.make(configPath: $0) }
        var claimed: [String: String] = [:]
        for i in plans.indices {
            guard case .ready(let loaded) = plans[i].state else { continue }
            let key = loaded.config.outputName.lowercased()
            if let other = claimed[key] {
                plans[i].state = .failed("\(plans[i].configPath): error: output `\(loaded.config.outputName)` is already written by \(other); give one of them another `output` name")
            } else {
                claimed[key] = plans[i].configPath
            }
        }

        plans = plans.filter { only($0.configPath) }
        let results = Results(count: plans.count)
        let next = Counter()
        let done = Counter()
        let plansToRun = plans
        let total = plans.count
        let workers = min(jobs, max(plans.count, 1))
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment() - 1
                guard i < plansToRun.count else { return }
                let report = run(plansToRun[i], previous: previous[plansToRun[i].configPath])
                results.set(i, report)
                let count = done.increment()
                lock.lock()
                finished(report, count, total)
                lock.unlock()
            }
        }
        return BatchReport(figures: results.all())
    }

    /// Renders one planned figure, or skips it when it is up to date.
    func run(_ plan: Plan, previous: FigureReport?) -> FigureReport {
        switch plan.state {
        case .failed(let message):
            return FigureReport(config: plan.configPath, output: "", status: .failed, error: message)
        case .ready(let loaded):
            let output = loaded.config.outputName
            let target = outputFolder.appendingPathComponent(output)
            if !force, let previous, previous.status != .failed, previous.fingerprint == loaded.fingerprint,
               previous.output == output, let written = previous.outputHash, Self.hash(of: target) == written {
                var skipped = previous
                skipped.status = .skipped
                return skipped
            }
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let figure = try Scene(loaded.config.spec)
                try FigureFile.write(figure, to: target, config: String(decoding: loaded.source, as: UTF8.self))
                var report = Self.report(for: figure, config: plan.configPath, output: output, fingerprint: loaded.fingerprint)
                report.outputHash = Self.hash(of: target)
                return report
            } catch let problems as DiagnosticList {
                // Found while resolving the spec (a data file, a limit, η_crit): already
                // compiler-style, at the config's file:line:col.
                return FigureReport(config: plan.configPath, output: output, status: .failed, error: problems.description)
            } catch {
                return FigureReport(config: plan.configPath, output: output, status: .failed,
                                    error: "\(plan.configPath): error: \(error)")
            }
        }
    }

    /// The FNV-1a hash of a file's bytes as hex, or nil if it cannot be read.
    static func hash(of url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(Fingerprint.fnv1a([UInt8](data)), radix: 16)
    }

    /// The config's own name with `.png`: `config/a.toml` → `a.png`.
    public static func defaultOutputName(for configPath: String) -> String {
        ((configPath as NSString).lastPathComponent as NSString).deletingPathExtension + ".png"
    }

    /// The report entries of the last batch written to `folder`, by config path.
    static func previousReports(in folder: URL) -> [String: FigureReport] {
        guard let report = try? ReportWriter.read(folder.appendingPathComponent("report.json")) else { return [:] }
        return Dictionary(report.figures.map { ($0.config, $0) }, uniquingKeysWith: { _, b in b })
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
            let start = run.spec.start
            return RunReport(label: run.label, method: run.spec.method.name, learningRate: run.learningRate,
                             start: [start.x, start.y], initialLoss: finite(t.initialLoss), finalLoss: finite(t.finalLoss),
                             steps: t.stepsTaken, outcome: t.outcome.name, outcomeStep: step,
                             finalPoint: [t.finalPoint.x, t.finalPoint.y])
        }
        var report = FigureReport(config: config, output: output, status: .rendered, title: figure.spec.title,
                                  criticalLearningRate: figure.stability?.criticalLearningRate.flatMap(finite),
                                  criticalLearningRateSource: figure.stability.flatMap { $0.criticalLearningRate == nil ? nil : $0.footnote },
                                  runs: runs, fingerprint: fingerprint)
        let notices = FigureRenderer.notices(for: figure)
        if !notices.isEmpty { report.notices = notices }
        if !figure.markers.isEmpty {
            report.markers = figure.markers.map { MarkerReport(label: $0.spec.label, at: [$0.spec.at.x, $0.spec.at.y], loss: finite($0.loss)) }
        }
        return report
    }
}

/// One config on its way through the batch.
struct Plan: Sendable {
    struct Loaded: Sendable {
        var config: FigureConfig
        var source: [UInt8]
        var fingerprint: String
    }

    enum State: Sendable {
        case ready(Loaded)
        case failed(String)
    }

    var configPath: String
    var state: State

    /// Reads and decodes the config; any problem becomes the failure message.
    static func make(configPath: String) -> Plan {
        do {
            let source = try SourceFile.read(path: configPath)
            let config = try FigureConfig.load(source, defaultOutputName: BatchRenderer.defaultOutputName(for: configPath))
            let data = config.dataFiles.map { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: $0)))) ?? [] }
            let fingerprint = Fingerprint.of(version: LossmapVersion.build, config: source.bytes, dataFiles: data)
            return Plan(configPath: configPath, state: .ready(Loaded(config: config, source: source.bytes, fingerprint: fingerprint)))
        } catch {
            return Plan(configPath: configPath, state: .failed("\(error)"))
        }
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Results slots filled from several threads.
final class Results: @unchecked Sendable {
    private var slots: [FigureReport?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ report: FigureReport) {
        lock.lock()
        slots[i] = report
        lock.unlock()
    }
    func all() -> [FigureReport] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
