import Foundation
import LossmapThreads

/// The worker side of `WorkerPool`: `lossmap render-worker` reads one request a line on
/// standard input and writes one reply a line on standard output, until its input ends.
///
/// Whatever a figure does to the worker (a Swift runtime trap, a signal, running out of
/// memory), the batch that started it sees the worker die, reports that figure as failed
/// and goes on with a new worker.
public enum FigureWorker {
    /// Serves requests until standard input ends (the batch is done, or gone).
    public static func serve() {
        // Replies go to a private copy of standard output, and standard output itself to
        // standard error, so that nothing else printed can break a reply line.
        let replies = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        watchParent()
        keepFreedMemory()
        let trap = TestTrap(environmentVariable("LOSSMAP_TEST_TRAP"))
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        // As report.json writes them: a non-finite number in a reply must not kill the worker.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        PhaseTrace.mark("worker ready")
        while let line = readLine(strippingNewline: true) {
            guard let request = try? decoder.decode(WorkerRequest.self, from: Data(line.utf8)) else {
                FileHandle.standardError.write(Data("lossmap render-worker: not a request: \(line.prefix(80))\n".utf8))
                exit(2)
            }
            PhaseTrace.mark("worker got \(line.prefix(20))")
            trap.fire(for: request)
            if case .renderAlone = request { ReplyWarmUp.startInWorker() }
            func send(_ reply: WorkerReply) {
                guard var data = try? encoder.encode(reply) else { exit(3) }
                data.append(0x0A)
                guard writeAll(replies, data) else { exit(0) }  // the batch is gone
            }
            let reply = FigureWork.handle(request) { frames, total in send(.progress(frames: frames, total: total)) }
            send(reply)
            returnFreedMemory()
            PhaseTrace.mark("worker replied")
        }
    }

    /// Ends this worker when the batch that started it is gone (killed, say), instead of
    /// rendering on for nobody. On Linux the kernel kills it at once (PR_SET_PDEATHSIG; the
    /// batch starts workers from a thread that lives as long as it does); elsewhere, and as
    /// a fallback, it notices its parent change to whoever adopts orphans.
    private static func watchParent() {
        let expected = environmentVariable("LOSSMAP_WORKER_PARENT").flatMap { Int32($0) }
        #if os(Linux)
        askToBeKilledWithParent()
        #endif
        let parent = getppid()
        // The batch may have died before the request above was made.
        if let expected, parent != expected { _exit(0) }
        let thread = Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 0.5) }
            _exit(0)
        }
        thread.stackSize = 64 << 10
        thread.start()
    }

    /// Large blocks freed go back to the allocator, not to the system, until the reply is
    /// sent (`returnFreedMemory`). glibc gives blocks over 128 KiB their own mappings and
    /// unmaps them when freed: a figure's canvas, grid and buffers, 20 MB in all, were
    /// unmapped page by page between drawing and replying (0.8 ms of every figure), and the
    /// next figure in the worker faulted them in again.
    /// <malloc.h> is not part of Swift's Glibc module: `mallopt` and `malloc_trim` are called
    /// through their addresses, with glibc's option numbers.
    private static func keepFreedMemory() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (CInt, CInt) -> CInt
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: CInt = -1, mmapThreshold: CInt = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 64 << 20)
        _ = mallopt(trimThreshold, CInt.max)
        #endif
    }

    /// After a reply, with the batch no longer waiting: what the figure freed goes back to
    /// the system, so an idle worker holds no more than it needs.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> CInt
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    #if os(Linux)
    /// `prctl(PR_SET_PDEATHSIG, SIGKILL)`. prctl is variadic, which Swift does not import, so
    /// it is called through its address with the integer arguments it reads (on x86-64 and
    /// arm64 Linux, integer arguments of a variadic call travel as in a fixed one).
    private static func askToBeKilledWithParent() {
        typealias Prctl = @convention(c) (CInt, CUnsignedLong, CUnsignedLong, CUnsignedLong, CUnsignedLong) -> CInt
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return }
        let prctl = unsafeBitCast(symbol, to: Prctl.self)
        let setParentDeathSignal: CInt = 1  // PR_SET_PDEATHSIG, <linux/prctl.h>
        _ = prctl(setParentDeathSignal, CUnsignedLong(SIGKILL), 0, 0, 0)
    }
    #endif

    static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// A test-only way to make a worker trap as a bug would: `LOSSMAP_TEST_TRAP=NAME` traps
/// (a Swift runtime trap, SIGILL on x86-64, SIGTRAP on arm64) when rendering the config
/// whose path or file name is NAME, `LOSSMAP_TEST_TRAP=plan:NAME` when reading it for a
/// batch and `LOSSMAP_TEST_TRAP=check:NAME` when checking it.
/// Honoured only by `lossmap render-worker`, never by a batch's own process, so it can
/// only ever cost one figure; the tests of containment use it.
struct TestTrap {
    let phase: String
    let name: String

    init(_ value: String?) {
        let value = value ?? ""
        if let colon = value.firstIndex(of: ":"), ["plan", "check"].contains(value[..<colon]) {
            phase = String(value[..<colon])
            name = String(value[value.index(after: colon)...])
        } else {
            phase = "render"
            name = value
        }
    }

    func fire(for request: WorkerRequest) {
        guard !name.isEmpty else { return }
        let config = request.config
        guard config == name || (config as NSString).lastPathComponent == name else { return }
        switch (phase, request) {
        case ("plan", .plan), ("render", .render), ("check", .check), ("plan", .renderAlone), ("render", .renderAlone):
            fatalError("LOSSMAP_TEST_TRAP=\(phase == "render" ? "" : phase + ":")\(name)")
        default:
            return
        }
    }
}
