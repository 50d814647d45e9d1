import Foundation

/// Write-then-rename: the target only ever holds a complete file.
public enum AtomicFile {
    /// A hidden, unique name beside `url` (same folder, so the rename is atomic).
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

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
            // kill(pid, 0) probes a process without signalling it; ESRCH: there is none.
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder.appendingPathComponent(relative).path)
            }
        }
    }

    /// Flushes `temporary` to the disk and renames it to `url`: after a crash or a power
    /// loss the target holds the old file or the whole new one, never a torn one.
    public static func moveIntoPlace(_ temporary: URL, _ url: URL) throws {
        let fd = open(temporary.path, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputError("cannot move the finished figure into \(url.path): \(reason)")
        }
    }
}
