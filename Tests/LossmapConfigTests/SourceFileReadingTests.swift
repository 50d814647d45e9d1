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

    @Test("the bytes alone are read and refused as a source file is")
    func bytesAlone() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.csv").path
        try Data("1,2,3\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try SourceFile.readBytes(path: path, role: .data) == Array("1,2,3\n".utf8))
        #expect(throws: FileProblem.self) { try SourceFile.readBytes(path: path, maxBytes: 5, role: .data) }
        #expect(throws: FileProblem.self) { try SourceFile.readBytes(path: "/dev/zero", role: .data) }
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

    func problem(fileDescriptor fd: CInt, maxBytes: Int) -> String? {
        do {
            _ = try SourceFile.read(fileDescriptor: fd, name: "<stdin>", maxBytes: maxBytes)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("what a descriptor gives is read up to the limit: a pipe, a file and /dev/zero alike")
    func descriptors() throws {
        var ends: [CInt] = [0, 0]
        #expect(pipe(&ends) == 0)
        // Within the pipe's buffer, so the writer is done before the reader starts.
        let written = [UInt8](repeating: UInt8(ascii: "a"), count: 2_000)
        #expect(write(ends[1], written, written.count) == written.count)
        close(ends[1])
        #expect(problem(fileDescriptor: ends[0], maxBytes: 1_000) == "<stdin>: error: the input is larger than 1,000 bytes, the limit for a config")
        // Exactly one byte past the limit was taken from the pipe: the rest is still there.
        var rest = [UInt8](repeating: 0, count: 4_000)
        #expect(read(ends[0], &rest, rest.count) == 999)
        close(ends[0])

        let zero = open("/dev/zero", O_RDONLY)
        defer { close(zero) }
        #expect(problem(fileDescriptor: zero, maxBytes: 1 << 20) == "<stdin>: error: the input is larger than 1,048,576 bytes, the limit for a config")

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.toml").path
        try Data("a = 1\n".utf8).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let file = try SourceFile.read(fileDescriptor: fd, name: "<stdin>", maxBytes: 6)
        #expect(file.bytes == Array("a = 1\n".utf8) && file.name == "<stdin>")
    }

    #if os(Linux)
    @Test("a file whose size says nothing of its length (/proc says 0) is cut at the limit while it is read")
    func sizeUnknown() {
        #expect(problem("/proc/self/maps", maxBytes: 100) == "/proc/self/maps: error: the file is larger than 100 bytes, the limit for a config")
    }
    #endif
}
