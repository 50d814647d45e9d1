// What `lossmap watch` relies on: a change is noticed however an editor saves (in place, or a
// new file renamed over the old), promptly with inotify and within a poll interval without,
// and only the files that changed are named.
// Mutations that made these fail: comparing sizes only (a same-size edit is missed), watching
// the files instead of their folders (the rename save is missed after the first), no settle
// drain (the burst of a save reported twice), changes() comparing against the first snapshot
// forever (every later wait returns at once).
import Foundation
import Testing
@testable import LossmapBatch

@Suite("Watching files for lossmap watch")
struct FileWatcherTests {
    /// A fresh folder with files a.toml and b.csv.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try "title = \"a\"\n".write(to: url.appendingPathComponent("a.toml"), atomically: false, encoding: .utf8)
        try "1,2,3\n".write(to: url.appendingPathComponent("b.csv"), atomically: false, encoding: .utf8)
        return url
    }

    /// Runs `change` on another thread after a short delay, as an editor would.
    func later(_ change: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            change()
        }
    }

    @Test("an edit in place, and a save by rename, are each noticed, and only that file is named",
          arguments: [false, true])
    func editsAreNoticed(polling: Bool) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.toml").path, b = dir.appendingPathComponent("b.csv").path
        let watcher = FileWatcher(paths: [a, b], polling: polling)
        watcher.pollInterval = 0.1
        #expect(watcher.mechanism == (polling ? .polling : .inotify))

        // In place, the same size: only the content and the time differ.
        later { try? "title = \"b\"\n".write(toFile: a, atomically: false, encoding: .utf8) }
        let started = Date()
        #expect(watcher.waitForChanges(timeout: 5) == [a])
        #expect(Date().timeIntervalSince(started) < 2, "noticed late")

        // Written beside and renamed over, as vim and most IDEs save.
        later {
            let temporary = b + ".swp"
            try? "4,5,6\n7,8,9\n".write(toFile: temporary, atomically: false, encoding: .utf8)
            _ = rename(temporary, b)
        }
        #expect(watcher.waitForChanges(timeout: 5) == [b])

        // And a second rename save: the watch survives the file being replaced.
        later {
            let temporary = b + ".swp"
            try? "0,0,0\n".write(toFile: temporary, atomically: false, encoding: .utf8)
            _ = rename(temporary, b)
        }
        #expect(watcher.waitForChanges(timeout: 5) == [b])
    }

    @Test("nothing changing: the wait ends empty at its timeout")
    func quietTimesOut() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let watcher = FileWatcher(paths: [dir.appendingPathComponent("a.toml").path])
        let started = Date()
        #expect(watcher.waitForChanges(timeout: 0.4).isEmpty)
        #expect(Date().timeIntervalSince(started) >= 0.35)
    }

    @Test("a file that is missing counts as changed when it appears, and when it is deleted")
    func appearAndDisappear() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = dir.appendingPathComponent("c.npz").path
        let watcher = FileWatcher(paths: [c])
        later { try? "x".write(toFile: c, atomically: false, encoding: .utf8) }
        #expect(watcher.waitForChanges(timeout: 5) == [c])
        later { try? FileManager.default.removeItem(atPath: c) }
        #expect(watcher.waitForChanges(timeout: 5) == [c])
    }

    @Test("a config's data files are watched with it")
    func dataFilesWatched() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("p.toml").path
        try "[surface]\nmodel = \"perceptron\"\ndata = \"b.csv\"\n[[run]]\npath = \"walk.csv\"\n"
            .write(toFile: config, atomically: false, encoding: .utf8)
        let files = WatchedFiles.of(configs: [config], allowOutsideData: true)
        #expect(files.first == config)
        #expect(files.contains { $0.hasSuffix("/b.csv") })
        #expect(files.contains { $0.hasSuffix("/walk.csv") })
    }
}
