import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shell command run with the built binary as `$LOSSMAP`, under an address-space limit
/// (`ulimit -v`: a hard bound on memory that fails a run exceeding it rather than letting it
/// take the machine's), its output and errors on files, and its peak resident memory as GNU
/// time measures it when /usr/bin/time is installed.
///
/// Not measured with wait4's rusage here: a child spawned from the test process counts the
/// test process's own peak in its ru_maxrss (Linux carries it across exec), so an
/// intermediary with a small footprint, such as time(1), has to do the measuring.
struct MeasuredRun {
    var status: Int32
    var out: String
    var err: String
    /// Peak resident set size in MiB of the command and its children; nil without GNU time.
    var peakMiB: Double?

    static let time = "/usr/bin/time"

    static func shell(_ command: String, in folder: URL, addressLimitMiB: Int = 1024) throws -> MeasuredRun {
        let id = UUID().uuidString
        let script = folder.appendingPathComponent("measured-\(id).sh").path
        let outPath = script + ".out", errPath = script + ".err", timePath = script + ".time"
        defer { for path in [script, outPath, errPath, timePath] { unlink(path) } }
        try "cd '\(folder.path)' || exit 99\nLOSSMAP='\(LossmapProcess.binary.path)'\n\(command)\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        let measuring = FileManager.default.isExecutableFile(atPath: time)
        let run = measuring ? "\(time) -f %M -o '\(timePath)' /bin/sh '\(script)'" : "/bin/sh '\(script)'"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let words = ["/bin/sh", "-c", "ulimit -v \(addressLimitMiB * 1024) && exec \(run)"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // GNU time puts "Command exited with non-zero status N" before the number.
        let peak = measuring ? ((try? String(contentsOfFile: timePath, encoding: .utf8)) ?? "")
            .split(separator: "\n").last.flatMap { Double($0) }.map { $0 / 1024 } : nil
        return MeasuredRun(status: status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                           out: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                           err: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", peakMiB: peak)
    }

    /// Whether the peak, when measured, is under `mebibytes`.
    func peak(under mebibytes: Double) -> Bool { peakMiB.map { $0 < mebibytes } ?? true }
}

@Suite("Memory bounded by the limits before reading")
struct InputLimitTests {
    static let limitError = "<stdin>: error: the input is larger than 1,048,576 bytes, the limit for a config\n"

    @Test("toml-decode on 150 MB of input stops at the limit with its error, in bounded memory")
    func tomlDecodeHugeFile() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A sparse file: 150 MB to read, nothing written to disk.
        let path = folder.appendingPathComponent("huge.toml").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 150_000_000) == 0)
        let run = try MeasuredRun.shell("\"$LOSSMAP\" toml-decode < huge.toml", in: folder, addressLimitMiB: 400)
        #expect(run.status == 1)
        #expect(run.err == Self.limitError)
        #expect(run.peak(under: 200), "peak memory \(run.peakMiB ?? 0) MiB")
    }

    @Test("toml-decode on a pipe of 150 MB and on /dev/zero, which never ends, stops at the limit in bounded memory")
    func tomlDecodeEndlessInput() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Under an address-space limit, so that reading without end fails fast instead of
        // taking the machine's memory. `head` says "Broken pipe" when lossmap stops reading,
        // which is the point: its stderr is not lossmap's.
        for input in ["\"$LOSSMAP\" toml-decode < /dev/zero", "head -c 150000000 /dev/zero 2>/dev/null | \"$LOSSMAP\" toml-decode"] {
            let run = try MeasuredRun.shell(input, in: folder, addressLimitMiB: 400)
            #expect(run.status == 1, "\(input): \(run.err.prefix(300))")
            #expect(run.err == Self.limitError)
            #expect(run.peak(under: 200), "\(input): peak memory \(run.peakMiB ?? 0) MiB")
        }
    }

    @Test("toml-decode reads a document of exactly the limit")
    func tomlDecodeAtTheLimit() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "a = 1\n#" + String(repeating: "x", count: (1 << 20) - 8) + "\n"
        #expect(text.utf8.count == 1 << 20)
        let path = folder.appendingPathComponent("limit.toml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let run = try MeasuredRun.shell("\"$LOSSMAP\" toml-decode < limit.toml", in: folder)
        #expect(run.status == 0, "\(run.err.prefix(300))")
        #expect(run.out == "{\"a\": {\"type\": \"integer\", \"value\": \"1\"}}\n")
    }

    /// A perceptron config reading `data`.
    static func perceptronConfig(data: String, output: String = "p.png") -> String {
        """
        output = "\(output)"
        size = [320, 200]
        [surface]
        model = "perceptron"
        data = "\(data)"
        w1 = [-4.0, 4.0]
        w2 = [-4.0, 4.0]
        resolution = 16
        [optimizer]
        steps = 5
        learning_rates = [0.1]
        """
    }

    @Test("a data file of 4 MiB of commas is refused in memory bounded by its size, quoting a short line")
    func commasDataFile() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(repeating: UInt8(ascii: ","), count: 4 << 20).write(to: folder.appendingPathComponent("commas.csv"))
        try Self.perceptronConfig(data: "commas.csv").write(to: folder.appendingPathComponent("p.toml"), atomically: true, encoding: .utf8)
        let run = try MeasuredRun.shell("\"$LOSSMAP\" check p.toml", in: folder, addressLimitMiB: 400)
        #expect(run.status == 1)
        #expect(run.err.contains("expected 3 values (x1, x2, y), found 4,194,305"), "\(run.err.prefix(500))")
        #expect(run.err.utf8.count < 1024, "\(run.err.utf8.count) bytes of errors")
        // Before: a range and an optional number per field, 32 bytes a comma (about 165 MiB).
        #expect(run.peak(under: 100), "peak memory \(run.peakMiB ?? 0) MiB")
    }

    @Test("a 1 MB bad field in a data file gives errors under 1 kB, on the terminal and in every report")
    func longFieldQuotedShort() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let field = String(repeating: "x", count: 1 << 20)
        try "x1,x2,y\n1,2,3\n4,\(field),6\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        try Self.perceptronConfig(data: "bad.csv").write(to: folder.appendingPathComponent("p.toml"), atomically: true, encoding: .utf8)
        // Output to files, not pipes: a megabyte of errors must fail the test, not fill a pipe
        // nobody reads yet.
        let check = try MeasuredRun.shell("\"$LOSSMAP\" check p.toml", in: folder)
        #expect(check.status == 1)
        #expect(check.err.contains("`" + String(repeating: "x", count: 60) + "…` is not a number (value for x2)"), "\(check.err.prefix(500))")
        #expect(check.err.utf8.count < 1024, "\(check.err.utf8.count) bytes of errors")
        let render = try MeasuredRun.shell("\"$LOSSMAP\" render p.toml --output out", in: folder)
        #expect(render.status == 1)
        #expect(render.err.utf8.count < 1024, "\(render.err.utf8.count) bytes of errors")
        for report in ["report.json", "report.md", "index.html"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("out/\(report)").path)[.size] as? Int) ?? -1
            #expect((0..<16_384).contains(size), "\(report): \(size) bytes")
        }
    }

    @Test("a config with a 100 kB string value gives an error under 1 kB")
    func longStringValue() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in [("title.toml", "title = \"\(String(repeating: "t", count: 100_000))\"\n"),
                             ("surface.toml", "[surface]\nfunction = \"\(String(repeating: "s", count: 4_000))\"\n"),
                             ("formula.toml", "[surface]\nexpression = \"\(String(repeating: "q", count: 4_000))\"\nw1 = [-1.0, 1.0]\nw2 = [-1.0, 1.0]\n")] {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let check = try MeasuredRun.shell("\"$LOSSMAP\" check \(name)", in: folder)
            #expect(check.status == 1)
            #expect(check.err.utf8.count < 1024, "\(name): \(check.err.utf8.count) bytes of errors: \(check.err.prefix(300))")
        }
    }
}
