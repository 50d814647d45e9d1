import Foundation
import LossmapThreads

/// Readies, on a thread of its own, the code that reads a worker's reply and writes the
/// reports, while the batch's one figure is drawn by its worker and this process waits.
///
/// A process's first use of Codable for a type costs far more than the next: the Swift
/// runtime instantiates the generic containers' metadata and looks every conformance up
/// once, scanning all of the executable's conformance records. For a single figure that
/// was about 1 ms of decoding the reply and 1 ms of encoding `report.json`, after the figure
/// was done; done here, while nothing else runs in this process, it costs the figure nothing.
enum ReplyWarmUp {
    /// In a worker, as it starts drawing: the encoding of its reply.
    static func startInWorker() {
        run { _ = try? JSONEncoder().encode(WorkerReply.rendered(sample)) }
    }

    /// In the batch, while its worker draws: decoding the reply, writing the reports.
    static func start() {
        run {
            let report = sample
            if let reply = try? JSONEncoder().encode(WorkerReply.rendered(report)) {
                _ = try? JSONDecoder().decode(WorkerReply.self, from: reply)
            }
            let batch = BatchReport(figures: [report])
            if let json = try? ReportWriter.json(batch) { _ = try? JSONDecoder().decode(BatchReport.self, from: json) }
            _ = ReportWriter.markdown(batch)
            _ = ReportWriter.html(batch)
            PhaseTrace.mark("reply code readied")
        }
    }

    /// On a thread that runs only when a core would otherwise be idle (SCHED_IDLE), so that it
    /// never slows what the figure is waiting for: at normal priority it ran just as the
    /// worker read its config and loaded Cairo, and cost them 1 ms.
    private static func run(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread {
            #if os(Linux)
            var parameters = sched_param()
            let idle: Int32 = 5  // SCHED_IDLE, <linux/sched.h>; not in Swift's Glibc module
            _ = pthread_setschedparam(pthread_self(), idle, &parameters)
            #endif
            work()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// A report with every kind of field filled, so every type in it is met once.
    static var sample: FigureReport {
        var report = FigureReport(config: "warm-up.toml", output: "warm-up.png", status: .rendered, title: "warm-up",
                                  criticalLearningRate: 1, criticalLearningRateSource: "warm-up",
                                  runs: [RunReport(label: "η = 1", method: "gd", learningRate: 1, start: [0, 0], initialLoss: 1,
                                                   finalLoss: nil, steps: 1, outcome: "converged", outcomeStep: 1,
                                                   finalPoint: [0, 0])],
                                  fingerprint: "0")
        report.markers = [MarkerReport(label: "minimum", at: [0, 0], loss: 0)]
        report.notices = ["warm-up"]
        report.animation = AnimationReport(frames: 1, duration: 1, bytes: 1, steps: [1])
        report.outputHash = "0"
        return report
    }
}
