import Foundation

/// A child process started with `posix_spawn`, its standard input, output and error on pipes.
///
/// Foundation's `Process` closes every descriptor up to the limit in the child before it runs
/// the program (20,000 `close` calls here, `ulimit -n`), which took 20–30 ms of each worker's
/// start, longer than the reference figure takes to draw. Here every descriptor this process
/// opens for a child is close-on-exec, and glibc's `posix_spawn` (a `clone` with
/// `CLONE_VFORK`) starts the program at once.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// The parent's ends: write to the child's standard input, read its output and errors.
    public let input: Int32, output: Int32, errors: Int32

    /// How the child ended, once `wait()` has returned.
    public enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `executable` with `arguments` (after its own name) and `environment`. Signals
    /// this process ignores (SIGPIPE, for the pool) are reset to their defaults in the child.
    public init(executable: String, arguments: [String], environment: [String: String]) throws {
        var pipes: [[Int32]] = []
        func closeAll() { for pair in pipes { for fd in pair { close(fd) } } }
        for _ in 0..<3 {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else {
                let reason = String(cString: strerror(errno))
                closeAll()
                throw ChildProcessError("cannot make a pipe: \(reason)")
            }
            pipes.append(fds)
            // pipe2 is not in Swift's Glibc module; workers are started from one thread
            // (`Spawner`), so no other spawn can inherit a pipe between these calls.
            guard fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0 else {
                let reason = String(cString: strerror(errno))
                closeAll()
                throw ChildProcessError("cannot make a pipe: \(reason)")
            }
        }
        // Child's ends: the read end of the first pipe, the write ends of the other two.
        let childInput = pipes[0][0], childOutput = pipes[1][1], childErrors = pipes[2][1]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copy, so exactly these three survive the exec.
        posix_spawn_file_actions_adddup2(&actions, childInput, 0)
        posix_spawn_file_actions_adddup2(&actions, childOutput, 1)
        posix_spawn_file_actions_adddup2(&actions, childErrors, 2)
        // Not every descriptor of this process is close-on-exec (a library's, a test
        // harness's): the child closes all but its three in one call, or each one open now.
        if let closeFrom = Self.closeFrom {
            _ = closeFrom(&actions, 3)
        } else {
            for fd in Self.openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            closeAll()
            throw ChildProcessError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        close(childInput); close(childOutput); close(childErrors)
        pid = child
        input = pipes[0][1]; output = pipes[1][0]; errors = pipes[2][0]
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later): declared only
    /// under _GNU_SOURCE, which Swift's Glibc module does not define, so it is looked up.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let closeFrom: CloseFrom? = {
        // RTLD_DEFAULT is the null handle in glibc.
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// The descriptors open in this process, from /proc/self/fd.
    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    /// Waits for the child to end (once: it is reaped) and says how.
    public func wait() -> Ending {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // The status word as <sys/wait.h> lays it out: the low 7 bits are the terminating
        // signal (0 for a normal exit, whose code is the next 8 bits).
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    private var inputOpen = true

    /// Closes the parent's end of the child's standard input (once; callers serialise).
    public func closeInput() {
        guard inputOpen else { return }
        inputOpen = false
        close(input)
    }

    deinit {
        closeInput()
        close(output)
        close(errors)
    }
}

public struct ChildProcessError: Error, LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}
