#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `LOSSMAP_TRACE=FILE`: every process of a run (the batch and its workers) appends a line to
/// FILE when it passes each phase, on one wall clock, so a whole process's time can be
/// split between start-up, the worker round trips, computing, drawing, encoding and exit.
/// A developer's tool for issue 19's measurements; off, it costs one flag check a mark.
public enum PhaseTrace {
    /// The trace file, opened for appending (workers' standard error goes to their batch).
    static let file: Int32 = getenv("LOSSMAP_TRACE").map { open($0, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) } ?? -1
    public static var isOn: Bool { file >= 0 }

    /// Prints `pid  time  what`, the time in milliseconds on CLOCK_REALTIME (shared by every
    /// process), modulo 100 s to keep it short.
    @inline(__always)
    public static func mark(_ what: @autoclosure () -> String) {
        guard isOn else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let ms = Double(now.tv_sec % 100) * 1000 + Double(now.tv_nsec) / 1e6
        let line = "trace \(getpid()) \(ms) \(what())\n"
        var bytes = Array(line.utf8)
        _ = write(file, &bytes, bytes.count)
    }
}
