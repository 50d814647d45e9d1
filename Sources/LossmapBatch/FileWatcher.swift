#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Waits until one of a set of files changes, for `lossmap watch`. What counts as a change is
/// decided by comparing snapshots (each file's size, modification time and inode, or that it
/// is missing), so an editor that saves by writing a new file and renaming it over the old
/// one (vim, most IDEs) counts as well as one that writes in place. The kernel's file
/// notifications (inotify on Linux, on the files' folders, since a rename replaces the file
/// itself) wake the wait at once; elsewhere, or if inotify cannot be set up, the snapshot is
/// taken again every `pollInterval` seconds.
public final class FileWatcher {
    /// How changes are noticed.
    public enum Mechanism: String, Sendable {
        case inotify
        case polling
    }

    /// One file's state: nil when it does not exist.
    struct State: Equatable {
        var size: Int64
        var modified: timespec
        var inode: UInt64

        static func == (a: State, b: State) -> Bool {
            a.size == b.size && a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    public private(set) var paths: [String]
    public let mechanism: Mechanism
    /// Seconds between snapshots when polling, and the longest a wait sleeps between checks.
    public var pollInterval = 0.5
    /// Seconds to let a burst of writes settle (an editor writes, renames and touches) before
    /// a change is reported, so one save makes one re-render.
    public var settle = 0.1
    private var snapshot: [String: State?] = [:]
    private var descriptor: Int32 = -1

    /// Watches `paths` (files; a missing one counts as changed when it appears). `polling`
    /// forces polling (for file systems that send no notifications, such as some network
    /// mounts and container bind mounts).
    public init(paths: [String], polling: Bool = false) {
        self.paths = paths
        #if os(Linux)
        if !polling {
            descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        }
        #endif
        mechanism = descriptor >= 0 ? .inotify : .polling
        watch(paths)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Replaces the watched files (configs come and go, and their data files with them).
    public func watch(_ paths: [String]) {
        self.paths = paths
        snapshot = Dictionary(paths.map { ($0, Self.state(of: $0)) }, uniquingKeysWith: { a, _ in a })
        #if os(Linux)
        guard descriptor >= 0 else { return }
        // Folders, not files: a save by rename replaces the file, and a watch on it would be lost.
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB)
        for folder in Set(paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }) {
            _ = inotify_add_watch(descriptor, folder, mask)
        }
        #endif
    }

    /// Blocks until a watched file has changed (and the burst settled) and returns those
    /// files, in the order they were given; or returns [] after `timeout` seconds.
    public func waitForChanges(timeout: Double? = nil) -> [String] {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            let changed = changes()
            if !changed.isEmpty {
                // Let the burst settle, then report everything it changed.
                Thread.sleep(forTimeInterval: settle)
                drain()
                let all = changes()
                let reported = Set(changed).union(all)
                snapshot = Dictionary(paths.map { ($0, Self.state(of: $0)) }, uniquingKeysWith: { a, _ in a })
                return paths.filter { reported.contains($0) }
            }
            var wait = pollInterval
            if let deadline {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 { return [] }
                wait = min(wait, left)
            }
            sleep(seconds: wait)
        }
    }

    /// The files whose state differs from the snapshot.
    private func changes() -> [String] {
        paths.filter { Self.state(of: $0) != snapshot[$0] ?? nil }
    }

    /// Sleeps until the kernel reports an event in a watched folder, or `seconds` pass.
    private func sleep(seconds: Double) {
        guard descriptor >= 0 else {
            Thread.sleep(forTimeInterval: seconds)
            return
        }
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&request, 1, Int32(max(1, seconds * 1000)))
        drain()
    }

    /// Reads (and drops) the pending notifications: the snapshot says what changed.
    private func drain() {
        guard descriptor >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(descriptor, &buffer, buffer.count) > 0 {}
    }

    static func state(of path: String) -> State? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        return State(size: Int64(info.st_size), modified: info.st_mtimespec, inode: UInt64(info.st_ino))
        #else
        return State(size: Int64(info.st_size), modified: info.st_mtim, inode: UInt64(info.st_ino))
        #endif
    }
}
