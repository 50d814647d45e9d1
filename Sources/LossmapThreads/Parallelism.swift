import Dispatch
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// How many threads one figure's work may use at once, and loops run under that budget.
///
/// A figure's own parallel parts (sampling the grid, tracing levels, painting bands and
/// isolines, deflating the PNG in pieces) use the cores a batch would otherwise give other
/// figures. So `--jobs N` is a budget of N cores: one figure alone gets N threads, N figures
/// at once one each. Without the budget a deck rendered with 2 jobs was only 1.5× faster
/// than with 1, since one job already kept both cores a third busy.
public enum Parallelism {
    /// Threads a figure may use; set by the worker for each request (the batch divides its
    /// jobs among the figures it runs at once), the machine's cores until then.
    nonisolated(unsafe) public static var threads = cores

    /// The processors this process may run on.
    public static let cores = max(1, ProcessInfo.activeProcessors)

    /// Runs `body` for 0 ..< `iterations`: on up to `threads` threads, or one after the other
    /// when the figure has one thread. Each iteration must touch only its own part of the
    /// result, so the outcome is the same either way.
    public static func perform(iterations: Int, _ body: @Sendable (Int) -> Void) {
        if threads <= 1 || iterations <= 1 {
            for i in 0..<iterations { body(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        }
    }
}

/// The processors this process may run on (sysconf, so the module needs no Foundation).
private enum ProcessInfo {
    static var activeProcessors: Int {
        #if canImport(Glibc)
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
    }
}
