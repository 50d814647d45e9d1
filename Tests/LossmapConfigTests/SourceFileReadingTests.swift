import Foundation
import LossmapSpec
import Testing

@Suite("Reading config files from disk")
struct SourceFileReadingTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func problem(_ path: String, maxBytes: Int = ConfigLimits.maxFileBytes) -> String? {
        do {
            _ = try SourceFile.read(path: path, maxBytes: maxBytes)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a file is read whole and named as the path given")
    func readsAFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.toml").path
        try Data("a = 1\n".utf8).write(to: URL(fileURLWithPath: path))
        let file = try SourceFile.read(path: path)
        #expect(file.bytes == Array("a = 1\n".utf8))
        #expect(file.name == path)
    }

    @Test("a file over the limit is refused by its size, with the limit in the message")
    func tooLarge() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.toml").path
        try Data(count: 2_000).write(to: URL(fileURLWithPath: path))
        #expect(problem(path, maxBytes: 1_000) == "\(path): error: the file is 2,000 bytes; a config may be at most 1,000 bytes")
        #expect(problem(path, maxBytes: 2_000) == nil)
    }

    @Test("a folder, a device and a named pipe are refused without reading or waiting")
    func notRegularFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(problem(folder.path) == "\(folder.path): error: this is a folder, not a config file; name the folder itself to use every *.toml inside it")
        #expect(problem("/dev/zero") == "/dev/zero: error: not a regular file (a device, pipe or socket); a config must be a file")
        let fifo = folder.appendingPathComponent("pipe.toml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(problem(fifo) == "\(fifo): error: not a regular file (a device, pipe or socket); a config must be a file")
    }

    @Test("a missing file and an unreadable file get the system's reason")
    func unreadable() throws {
        #expect(problem("/nonexistent/x.toml") == "/nonexistent/x.toml: error: cannot read the file: No such file or directory")
        #if os(Linux)
        // Opens, then fails to read with EIO, even for root.
        #expect(problem("/proc/self/mem") == "/proc/self/mem: error: cannot read the file: Input/output error")
        #endif
        if getuid() != 0 {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("secret.toml").path
            try Data("a = 1".utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0)
            #expect(problem(path) == "\(path): error: cannot read the file: Permission denied")
        }
    }
}
