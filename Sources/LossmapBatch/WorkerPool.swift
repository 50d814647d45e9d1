import Foundation
import LossmapThreads

/// Where a batch does the work of each figure.
public enum FigureIsolation: Sendable {
    /// In the batch's own process: no process to start, but a trap in one figure ends the
    /// batch, report and all. For tests and benchmarks.
    case inProcess
    /// In worker processes (`executable render-worker`), so a figure that crashes costs only
    /// itself: a pool of long-lived workers, each replaced when it dies, or after
    /// `figuresPerWorker` requests (1: a fresh process for every config).
    case workers(executable: URL, figuresPerWorker: Int? = nil)
}

/// How a request ended: the worker's reply, or the worker's death.
enum WorkerOutcome: Sendable {
    case reply(WorkerReply)
    case died(WorkerDeath)
}

/// Why a worker stopped answering, said for the report of the config it was working on.
struct WorkerDeath: Sendable {
    /// One sentence: "lossmap crashed (signal 4) while rendering this figure; please report it".
    var summary: String
    /// What the runtime said before it died ("…: Fatal error: …"), when anything.
    var detail: String?
    /// Killed by SIGKILL: on Linux most often the kernel, out of memory.
    var killed = false

    /// The error for the config at `path`; `memory`, the figure's estimate, when known.
    func error(for path: String, memory: MemoryEstimate? = nil) -> String {
        var text = "\(path): error: \(summary)"
        if killed, let memory { text += " (its estimate: \(memory.description))" }
        if let detail { text += "\n  " + detail }
        return text
    }
}

/// Runs requests for up to as many threads as call `perform` at once: in this process, or
/// on long-lived worker processes started as needed and reused, one request at a time each.
public final class WorkerPool: @unchecked Sendable {
    /// Reads replies as the worker writes them: non-finite numbers as "inf", "-inf", "nan".
    static var replyDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    let isolation: FigureIsolation
    private var idle: [WorkerProcess] = []
    private var started: [WorkerProcess] = []
    private let lock = NSLock()

    init(_ isolation: FigureIsolation) {
        self.isolation = isolation
        if case .workers = isolation {
            // A worker that dies leaves a broken pipe; writing to it must fail, not kill the batch.
            signal(SIGPIPE, SIG_IGN)
        }
    }

    /// Has a worker (or this process) do `request`; `progress` hears of an animation's frames
    /// as they are made.
    func perform(_ request: WorkerRequest, progress: AnimationFile.Progress? = nil) -> WorkerOutcome {
        guard case .workers(let executable, let limit) = isolation else { return .reply(FigureWork.handle(request, progress: progress)) }
        guard var line = try? JSONEncoder().encode(request) else { return .died(WorkerDeath(summary: "internal error: cannot encode the request")) }
        line.append(0x0A)
        // An idle worker that died meanwhile (killed from outside) cannot take the request:
        // then a fresh one does, since this request never reached it.
        for attempt in 0..<2 {
            let worker: WorkerProcess
            if attempt == 0, let ready = takeIdle() {
                worker = ready
            } else {
                do {
                    worker = try start(executable)
                } catch {
                    return .died(WorkerDeath(summary: "cannot start a lossmap worker (\(executable.path)): \(error.localizedDescription)"))
                }
            }
            PhaseTrace.mark("request sent")
            var exchange = worker.exchange(line)
            if case .notSent = exchange, attempt == 0 {
                worker.finish()
                continue
            }
            var reply: WorkerReply
            while true {
                guard case .reply(let answer) = exchange else { return .died(worker.death(while: request.activity)) }
                guard let decoded = try? Self.replyDecoder.decode(WorkerReply.self, from: answer) else {
                    worker.finish()
                    return .died(WorkerDeath(summary: "lossmap's worker answered garbled while \(request.activity); please report it"))
                }
                reply = decoded
                // News of frames made comes before the reply itself.
                guard case .progress(let frames, let total) = reply else { break }
                progress?(frames, total)
                exchange = worker.readReply()
            }
            worker.served += 1
            if let limit, worker.served >= limit {
                worker.finish()
            } else {
                lock.lock()
                idle.append(worker)
                lock.unlock()
            }
            return .reply(reply)
        }
        return .died(WorkerDeath(summary: "no lossmap worker took the request while \(request.activity); please report it"))
    }

    /// Starts `count` workers now and keeps them idle for the first requests: a worker's
    /// start-up (its runtime, its libraries) then overlaps what the batch does before it asks.
    /// One that cannot start is left to `perform`, which reports why.
    func prestart(_ count: Int) {
        guard case .workers(let executable, _) = isolation, count > 0 else { return }
        var ready = Self.takeEarlyWorkers(for: executable, upTo: count)
        lock.lock()
        started += ready
        lock.unlock()
        while ready.count < count, let worker = try? start(executable) { ready.append(worker) }
        lock.lock()
        idle += ready
        lock.unlock()
    }

    /// Starts a worker now, before the command has parsed its arguments or found its
    /// configs, for the first pool of this process to take: its start-up then overlaps the
    /// batch's own (the runtime, the argument parser, the last report). `lossmap render` and
    /// `check` call this first thing. One that is never taken reads the end of its input when
    /// this process exits, and exits too.
    ///
    /// It is spawned from the calling thread, the main thread, which lives as long as this
    /// process (PR_SET_PDEATHSIG follows the thread that spawned a worker, see `Spawner`):
    /// handing it to the spawner's thread meant starting that thread first and then sharing
    /// the two cores three ways, and the worker was ready 1.5 ms later.
    public static func startEarly(_ executable: URL) {
        guard let worker = try? WorkerProcess(executable: executable) else { return }
        earlyLock.lock()
        early.append((executable, worker))
        earlyLock.unlock()
    }

    nonisolated(unsafe) private static var early: [(URL, WorkerProcess)] = []
    private static let earlyLock = NSLock()

    private static func takeEarlyWorkers(for executable: URL, upTo count: Int) -> [WorkerProcess] {
        earlyLock.lock()
        defer { earlyLock.unlock() }
        var taken: [WorkerProcess] = []
        early.removeAll { entry in
            guard taken.count < count, entry.0 == executable else { return false }
            taken.append(entry.1)
            return true
        }
        return taken
    }

    /// Ends every worker and waits for them, so none outlives the batch.
    /// With `wait` false the workers are told to finish (their input ends) and left to exit
    /// on their own: for a process about to exit itself, whose end ends them anyway
    /// (PR_SET_PDEATHSIG), and which need not spend the millisecond or two a worker takes to
    /// go. Every request has been answered by then, so none of them is writing anything.
    func shutdown(wait: Bool = true) {
        lock.lock()
        let all = started
        idle = []
        started = []
        lock.unlock()
        for worker in all { worker.finish() }
        if wait { for worker in all { worker.waitUntilExit() } }
    }

    /// The workers waiting for a request.
    var idleWorkers: [WorkerProcess] {
        lock.lock()
        defer { lock.unlock() }
        return idle
    }

    /// An idle worker: one of this pool's, or else one started early for this executable.
    private func takeIdle() -> WorkerProcess? {
        lock.lock()
        defer { lock.unlock() }
        if let worker = idle.popLast() { return worker }
        guard case .workers(let executable, _) = isolation,
              let early = Self.takeEarlyWorkers(for: executable, upTo: 1).first else { return nil }
        started.append(early)
        return early
    }

    private func start(_ executable: URL) throws -> WorkerProcess {
        let worker = try Spawner.shared.start(executable)
        lock.lock()
        started.append(worker)
        lock.unlock()
        return worker
    }
}

/// Starts every worker from one thread that lives as long as the batch's process, one at a
/// time. On Linux a worker asks to be killed when the thread that started it ends
/// (PR_SET_PDEATHSIG names a thread, not a process), so that a batch killed mid-figure takes
/// its workers with it at once rather than leaving them drawing for nobody.
final class Spawner: @unchecked Sendable {
    static let shared = Spawner()

    private let condition = NSCondition()
    private var pending: [() -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func start(_ executable: URL) throws -> WorkerProcess {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        condition.lock()
        pending.append {
            result.value = Result { try WorkerProcess(executable: executable) }
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        return try result.value!.get()
    }

    private func serve() {
        while true {
            condition.lock()
            while pending.isEmpty { condition.wait() }
            let job = pending.removeFirst()
            condition.unlock()
            job()
        }
    }

    /// A started worker or why not, handed from the spawning thread to the asking one.
    final class ResultBox: @unchecked Sendable {
        var value: Result<WorkerProcess, any Error>?
    }
}

/// One `lossmap render-worker` process and its three pipes.
final class WorkerProcess: @unchecked Sendable {
    private let child: ChildProcess
    private var buffer: [UInt8] = []
    private let stderrTail = Tail()
    private let stderrDone = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private var ending: ChildProcess.Ending?
    private var reaped = false
    private var inputClosed = false
    private let closeLock = NSLock()
    /// Requests answered so far.
    var served = 0

    var processIdentifier: Int32 { child.pid }

    init(executable: URL) throws {
        var environment = ProcessInfo.processInfo.environment
        // The Swift backtracer takes seconds to symbolicate a crash, and its report would be
        // cut to one line anyway; the worker's runtime message says what went wrong.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        // Who the worker's parent must be, so it can tell that the batch died before it
        // started watching (see FigureWorker.watchParent).
        environment["LOSSMAP_WORKER_PARENT"] = String(getpid())
        child = try ChildProcess(executable: executable.path, arguments: ["render-worker"], environment: environment)
        let child = self.child, tail = stderrTail, done = stderrDone, exited = self.exited
        let reader = Thread {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(child.errors, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                tail.append(chunk[0..<count])
            }
            done.signal()
        }
        reader.stackSize = 64 << 10
        reader.start()
        // Reaps the worker as soon as it exits, and signals it.
        let reaper = Thread { [weak self] in
            let ending = child.wait()
            self?.ending = ending
            exited.signal()
        }
        reaper.stackSize = 64 << 10
        reaper.start()
    }

    /// What became of one request.
    enum Exchange {
        case reply(Data)
        /// The worker was gone before the request reached it.
        case notSent
        /// The worker took the request and died before it answered.
        case noReply
    }

    /// Sends one request line and reads the reply line.
    func exchange(_ line: Data) -> Exchange {
        guard FigureWorker.writeAll(child.input, line) else { return .notSent }
        return readReply()
    }

    /// Reads the next line the worker writes.
    func readReply() -> Exchange {
        let fd = child.output
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let reply = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return .reply(reply)
            }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return .noReply }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes the worker's input: it finishes what it does and exits.
    func finish() {
        closeLock.lock()
        defer { closeLock.unlock() }
        guard !inputClosed else { return }
        inputClosed = true
        child.closeInput()
    }

    /// Waits until the worker has exited (once; later calls return at once).
    func waitUntilExit() {
        closeLock.lock()
        defer { closeLock.unlock() }
        guard !reaped else { return }
        exited.wait()
        reaped = true
    }

    /// Why the worker stopped answering, as the failed figure's error.
    func death(while activity: String) -> WorkerDeath {
        finish()
        waitUntilExit()
        _ = stderrDone.wait(timeout: .now() + 2)
        let said = stderrTail.fatalMessage()
        switch ending {
        case .signalled(SIGKILL):
            return WorkerDeath(summary: "lossmap was killed (signal 9) while \(activity), perhaps by the system for lack of memory; render it alone, or smaller",
                               detail: said, killed: true)
        case .signalled(let signal):
            return WorkerDeath(summary: "lossmap crashed (signal \(signal)) while \(activity); please report it", detail: said)
        case .exited(let status):
            return WorkerDeath(summary: "lossmap's worker exited with status \(status) while \(activity); please report it", detail: said)
        case nil:
            return WorkerDeath(summary: "lossmap's worker stopped while \(activity); please report it", detail: said)
        }
    }

    /// The last 16 KiB a worker wrote to standard error.
    final class Tail: @unchecked Sendable {
        private var bytes: [UInt8] = []
        private let lock = NSLock()

        func append(_ chunk: ArraySlice<UInt8>) {
            lock.lock()
            bytes.append(contentsOf: chunk)
            if bytes.count > 16 << 10 { bytes.removeFirst(bytes.count - (16 << 10)) }
            lock.unlock()
        }

        /// The runtime's line saying why it trapped (`…: Fatal error: …`), shortened.
        func fatalMessage() -> String? {
            lock.lock()
            let text = String(decoding: bytes, as: UTF8.self)
            lock.unlock()
            let lines = text.split(separator: "\n")
            guard let line = lines.last(where: { $0.contains("Fatal error") || $0.contains("Precondition failed") || $0.contains("Assertion failed") })
                    ?? lines.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.count > 200 ? String(trimmed.prefix(200)) + "…" : trimmed
        }
    }
}
