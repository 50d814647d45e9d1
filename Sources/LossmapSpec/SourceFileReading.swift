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
    /// without reading, a file over the limit is refused by its size (and, should it grow
    /// while being read, by what was read), and an unreadable file gets the system's reason.
    public static func read(path: String, maxBytes: Int = ConfigLimits.maxFileBytes, role: Role = .config) throws(FileProblem) -> SourceFile {
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
        let tooLarge = "the file is larger than \(ConfigLimits.grouped(maxBytes)) bytes, the limit for \(role.noun)"
        if Int(info.st_size) > maxBytes {
            throw problem("the file is \(ConfigLimits.grouped(Int(info.st_size))) bytes; \(role.noun) may be at most \(ConfigLimits.grouped(maxBytes)) bytes")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw problem("cannot read the file: \(systemReason())")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maxBytes { throw problem(tooLarge) }
        }
        return SourceFile(name: path, bytes: bytes)
    }

    /// The C library's text for the current `errno`, e.g. "Permission denied".
    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}

/// The C library's `read(2)`, under a name that `SourceFile.read(path:)` does not shadow.
private func readBytes(_ fd: CInt, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
