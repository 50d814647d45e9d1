import Foundation
import Testing
@testable import LossmapBatch

/// Workers are started with posix_spawn: the child must get exactly its three pipes, default
/// signal handling, and its ending must be told apart (exit code or signal).
@Suite("Child processes")
struct ChildProcessTests {
    func run(_ script: String, input: String = "") throws -> (output: String, ending: ChildProcess.Ending) {
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", script], environment: ["PATH": "/usr/bin:/bin"])
        _ = input.utf8CString.withUnsafeBufferPointer { write(child.input, $0.baseAddress, input.utf8.count) }
        child.closeInput()
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(child.output, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return (String(decoding: bytes, as: UTF8.self), child.wait())
    }

    @Test("the child sees its input, writes its output and its exit code comes back")
    func exitCode() throws {
        let result = try run("read line; echo \"got $line\"; exit 3", input: "hello\n")
        #expect(result.output == "got hello\n")
        #expect(result.ending == .exited(3))
    }

    @Test("a child killed by a signal is told apart from one that exits")
    func signalled() throws {
        #expect(try run("kill -9 $$").ending == .signalled(SIGKILL))
        #expect(try run("kill -11 $$").ending == .signalled(SIGSEGV))
    }

    @Test("the child inherits no descriptor but its three pipes, and SIGPIPE is not ignored in it")
    func cleanChild() throws {
        // The pool ignores SIGPIPE; a worker must not inherit that.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        // Another open descriptor in this process, as a batch has (its other workers' pipes).
        let stray = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(stray) }
        // `ls` lists its own descriptor for the folder too: 0, 1, 2 and that one.
        let result = try run("ls /proc/self/fd | wc -l; grep SigIgn /proc/self/status")
        let lines = result.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "4", "descriptors: \(result.output)")
        let ignored = UInt64(lines.last?.split(separator: "\t").last ?? "", radix: 16) ?? 0
        #expect(ignored & (1 << (UInt64(SIGPIPE) - 1)) == 0, "SIGPIPE ignored in the child: \(result.output)")
    }

    @Test("a program that does not exist is an error, not a child")
    func missingProgram() {
        #expect(throws: ChildProcessError.self) {
            _ = try ChildProcess(executable: "/nonexistent/lossmap", arguments: [], environment: [:])
        }
    }
}
