import Foundation

/// Write-then-rename: the target only ever holds a complete file, and no temporary outlives
/// a failure (a full disk, a file size limit, a failed rename) of the process that made it.
public enum AtomicFile {
    /// A hidden, unique name beside `url` (same folder, so the rename is atomic):
    /// `.NAME.PID.RANDOM.tmp`, at most `temporaryNameOverhead` bytes longer than NAME.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    /// How much longer a temporary name is than its file's name, at most: a dot, a dot and a
    /// pid (Int32: 10 digits), a dot and a UInt32 (10 digits), and ".tmp". Configs' `output`
    /// names are kept short enough for it (ConfigDecoder.checkOutputName).
    public static let temporaryNameOverhead = 1 + 11 + 11 + 4

    /// Removes temporary files that a killed lossmap left in `folder` (`.NAME.PID.N.tmp` whose
    /// process no longer runs). Files of a lossmap still running are left alone.
    public static func removeStaleTemporaries(in folder: URL) {
        // Subfolders too: `output = "deck/x.png"` writes its temporary beside deck/x.png.
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("."), name.hasSuffix(".tmp") else { continue }
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]), UInt32(parts[parts.count - 2]) != nil else { continue }
            if !processRuns(pid) {
                // A frames folder is made under a temporary name too: it goes whole.
                let stale = folder.appendingPathComponent(relative)
                if unlink(stale.path) != 0 && (errno == EISDIR || errno == EPERM) {
                    try? FileManager.default.removeItem(at: stale)
                    walker.skipDescendants()
                }
            }
        }
    }

    /// Whether process `pid` is alive. kill(pid, 0) probes it without signalling it (ESRCH:
    /// there is none); on Linux a zombie counts as dead too: a killed worker stays one until
    /// its new parent reaps it, and in a container whose first process does not reap orphans
    /// (docker without --init) that is never.
    static func processRuns(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        #if os(Linux)
        // /proc/PID/stat: "PID (NAME) STATE …"; the name may hold spaces and parentheses.
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].drop(while: { $0 == " " }).first
            if state == "Z" || state == "X" { return false }
        }
        #endif
        return true
    }

    /// Lets `write` make the file at a temporary path beside `url` (a writer that opens the
    /// path itself: giflib's, the PDF surface), then moves it into place; if `write` throws,
    /// the temporary is removed and the old file at `url` is left as it was.
    public static func writeThrough(_ url: URL, _ write: (URL) throws -> Void) throws {
        let temporary = temporaryURL(for: url)
        do {
            try write(temporary)
        } catch {
            unlink(temporary.path)
            if error is OutputError { throw error }
            throw OutputError("cannot write \(url.path): \(error)")
        }
        try moveIntoPlace(temporary, url)
    }

    /// Writes `data` to `url` through a temporary file, flushed to the disk before the rename
    /// (unless `flushed` is false: for files derived from another that is, which any batch
    /// writes again); on any failure the temporary is removed and the old file at `url` is
    /// left as it was. Without the flush a crash of lossmap still leaves the old file or the
    /// new one whole; only a power loss can leave the new one empty.
    public static func write(_ data: Data, to url: URL, flushed: Bool = true) throws {
        let temporary = temporaryURL(for: url)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError("cannot write \(url.path): \(String(cString: strerror(errno)))") }
        var failure: String?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = writeBytes(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, flushed, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary.path)
            throw OutputError("cannot write \(url.path): \(failure)")
        }
        try rename(temporary, url)
    }

    /// Flushes `temporary` to the disk and renames it to `url`: after a crash or a power
    /// loss the target holds the old file or the whole new one, never a torn one. If it
    /// cannot be flushed (a full disk shows here too) or renamed, it is removed.
    public static func moveIntoPlace(_ temporary: URL, _ url: URL) throws {
        let fd = open(temporary.path, O_RDONLY | O_CLOEXEC)
        var failure: String?
        if fd < 0 {
            failure = String(cString: strerror(errno))
        } else {
            if fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
            close(fd)
        }
        if let failure {
            unlink(temporary.path)
            throw OutputError("cannot write \(url.path): \(failure)")
        }
        try rename(temporary, url)
    }

    private static func rename(_ temporary: URL, _ url: URL) throws {
        guard renameFile(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputError("cannot move the finished file into \(url.path): \(reason)")
        }
    }
}

/// The C library's `write(2)` and `rename(2)`, under names `AtomicFile`'s own do not shadow.
private func writeBytes(_ fd: CInt, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private func renameFile(_ from: String, _ to: String) -> CInt {
    rename(from, to)
}
