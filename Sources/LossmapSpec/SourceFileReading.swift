#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read at all, before any of its text was looked at; printed as
/// `FILE: error: message`, since there is no line to point at.
public struct FileProblem: Error, Sendable, CustomStringConvertible {
    /// The path as the user gave it.
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}

extension SourceFile {
    /// What a file is read as, for the messages that refuse it.
    public enum Role: Sendable {
        /// A config: a folder given instead stands for the configs inside it.
        case config
        /// A perceptron's data (CSV), named by a config's `data` key.
        case data

        var noun: String { self == .config ? "a config" : "a data file" }
    }

    /// Reads the config (or data) file at `path`, named in diagnostics as `path`.
    ///
    /// Whatever the path names, this returns or throws promptly and reads at most
    /// `maxBytes + 1` bytes: a folder, a device such as /dev/zero or a named pipe is refused
    /// without reading, a file over the limit is refused by its size, and one whose size
    /// says nothing (a /proc file says 0) or that grows while it is read is cut off at the
    /// limit's next byte; an unreadable file gets the system's reason.
    public static func read(path: String, maxBytes: Int = ConfigLimits.maxFileBytes, role: Role = .config) throws(FileProblem) -> SourceFile {
        SourceFile(name: path, bytes: try readBytes(path: path, maxBytes: maxBytes, role: role))
    }

    /// The bytes `read(path:maxBytes:role:)` reads, refused as it refuses them, without the
    /// index of line starts a `SourceFile` builds: for a data file of millions of lines that
    /// is parsed once, whose index would take 8 bytes a line.
    public static func readBytes(path: String, maxBytes: Int = ConfigLimits.maxFileBytes, role: Role = .config) throws(FileProblem) -> [UInt8] {
        func problem(_ message: String) -> FileProblem { FileProblem(path: path, message: message) }
        // O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw problem("cannot read the file: \(systemReason())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw problem("cannot read the file: \(systemReason())") }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            throw problem(role == .config ? "this is a folder, not a config file; name the folder itself to use every *.toml inside it"
                                          : "this is a folder, not a data file")
        }
        guard type == S_IFREG else {
            throw problem("not a regular file (a device, pipe or socket); \(role.noun) must be a file")
        }
        if Int(info.st_size) > maxBytes {
            throw problem("the file is \(ConfigLimits.grouped(Int(info.st_size))) bytes; \(role.noun) may be at most \(ConfigLimits.grouped(maxBytes)) bytes")
        }
        return try readBounded(fd, name: path, maxBytes: maxBytes, expectedSize: Int(info.st_size),
                               tooLarge: "the file is larger than \(ConfigLimits.grouped(maxBytes)) bytes, the limit for \(role.noun)")
    }

    /// Reads what the open file descriptor `fd` gives until its end (standard input: a
    /// pipe, a terminal, a file or a device such as /dev/zero alike), named in diagnostics
    /// as `name`. The limit applies as the bytes arrive: at most `maxBytes + 1` are read and
    /// held, and the byte past the limit ends the reading with an error, so an endless or
    /// huge input costs no more memory than the limit. `fd` is left open.
    public static func read(fileDescriptor fd: CInt, name: String, maxBytes: Int = ConfigLimits.maxFileBytes,
                            role: Role = .config) throws(FileProblem) -> SourceFile {
        let bytes = try readBounded(fd, name: name, maxBytes: maxBytes, expectedSize: 0,
                                    tooLarge: "the input is larger than \(ConfigLimits.grouped(maxBytes)) bytes, the limit for \(role.noun)")
        return SourceFile(name: name, bytes: bytes)
    }

    /// Everything `fd` gives, in one buffer sized for `expectedSize` bytes (grown as needed),
    /// reading no more than `maxBytes + 1` bytes in all; throws `tooLarge` on the byte after
    /// the limit.
    private static func readBounded(_ fd: CInt, name: String, maxBytes: Int, expectedSize: Int,
                                    tooLarge: String) throws(FileProblem) -> [UInt8] {
        func problem(_ message: String) -> FileProblem { FileProblem(path: name, message: message) }
        let limit = max(0, maxBytes) + 1
        var bytes: [UInt8] = []
        // One more byte than the size, so the read that finds the end costs no reallocation.
        bytes.reserveCapacity(min(limit, max(expectedSize, 0) + 1))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                // Standard input may have been left non-blocking by whoever opened it: wait.
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&waiting, 1, -1)
                    continue
                }
                throw problem("cannot read the file: \(systemReason())")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
        throw problem(tooLarge)
    }

    /// The C library's text for the current `errno`, e.g. "Permission denied".
    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}

/// The C library's `read(2)`, under a name that `SourceFile.read(path:)` does not shadow.
private func systemRead(_ fd: CInt, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
