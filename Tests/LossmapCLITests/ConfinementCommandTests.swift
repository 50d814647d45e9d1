import Foundation
import Testing

/// Data files are read only inside the working directory (symbolic links followed) unless
/// --allow-outside-data says otherwise, and figures are written only inside the output folder.
@Suite("Files lossmap should not read or write")
struct ConfinementCommandTests {
    /// A perceptron config reading `data`.
    func perceptron(_ data: String) -> String {
        "[surface]\nmodel = \"perceptron\"\ndata = \"\(data)\"\nw1 = [-1, 1]\nw2 = [-1, 1]\nresolution = 16\n[optimizer]\nlearning_rates = [0.01]\nsteps = 5\n"
    }

    /// A folder outside the test's working folder, holding a secret that looks like data.
    func outsideFolder() throws -> URL {
        let outside = try LossmapProcess.temporaryFolder()
        try "1, 2, 3\nsecret-line, 2, 3\n".write(to: outside.appendingPathComponent("secret.csv"), atomically: true, encoding: .utf8)
        return outside
    }

    @Test("an absolute data path, an escape by `..` and a symbolic link out are refused at the `data` value, in check and render, and never read")
    func outsidePathsRefused() throws {
        let folder = try LossmapProcess.temporaryFolder()
        let outside = try outsideFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: outside)
        }
        let escape = String(repeating: "../", count: folder.pathComponents.count) + String(outside.path.dropFirst()) + "/secret.csv"
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path,
                                                   withDestinationPath: outside.appendingPathComponent("secret.csv").path)
        try perceptron(outside.path + "/secret.csv").write(to: folder.appendingPathComponent("absolute.toml"), atomically: true, encoding: .utf8)
        try perceptron(escape).write(to: folder.appendingPathComponent("escape.toml"), atomically: true, encoding: .utf8)
        try perceptron("link.csv").write(to: folder.appendingPathComponent("link.toml"), atomically: true, encoding: .utf8)
        try perceptron("/etc/passwd").write(to: folder.appendingPathComponent("passwd.toml"), atomically: true, encoding: .utf8)
        let names = ["absolute.toml", "escape.toml", "link.toml", "passwd.toml"]
        for command in [["check"], ["render", "-q"]] {
            let result = try LossmapProcess.run(command + names, in: folder)
            #expect(result.status == 1)
            #expect(result.err.contains("absolute.toml:3:8: error: the data file `\(outside.path.prefix(40))"), "\(result.err)")
            #expect(result.err.contains("is an absolute path; data is read only from paths relative to the config's folder"))
            #expect(result.err.contains("escape.toml:3:8: error: the data file `\(escape.prefix(60))"))
            #expect(result.err.contains("link.toml:3:8: error: the data file `link.csv` is outside the working directory"))
            #expect(result.err.contains("passwd.toml:3:8: error: the data file `/etc/passwd` is an absolute path"))
            #expect(result.err.contains("note: give --allow-outside-data to read data from anywhere"))
            // Nothing of the refused files reaches the console.
            #expect(!result.err.contains("secret-line") && !result.err.contains("root:"), "\(result.err)")
        }
        let report = try String(contentsOf: folder.appendingPathComponent("output/report.json"), encoding: .utf8)
        #expect(!report.contains("secret-line") && !report.contains("root:"))
        // --allow-outside-data reads them (the secret's second line is bad data, and says so).
        let allowed = try LossmapProcess.run(["check", "--allow-outside-data", "link.toml"], in: folder)
        #expect(allowed.err.contains("link.toml:3:8: error: bad data in `link.csv`, line 2"), "\(allowed.err)")
    }

    @Test("a data file inside the working directory is read, through a relative path and a symbolic link that stays inside")
    func insidePathsRead() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "1, 1, 2\n1, 3, 4\n2, 1, 3\n".write(to: data.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("configs").path, withDestinationPath: "data")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("figs"), withIntermediateDirectories: true)
        try perceptron("../data/points.csv").write(to: folder.appendingPathComponent("figs/up.toml"), atomically: true, encoding: .utf8)
        try perceptron("configs/points.csv").write(to: folder.appendingPathComponent("linked.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "figs/up.toml", "linked.toml"], in: folder)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("2 rendered"))
    }

    @Test("a subfolder of the output folder that links elsewhere is not written through, nor created beyond")
    func linkedOutputSubfolder() throws {
        let folder = try LossmapProcess.temporaryFolder()
        let outside = try LossmapProcess.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("output"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("output/sub").path, withDestinationPath: outside.path)
        try ("output = \"sub/y.png\"\n" + smallConfig).write(to: folder.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try ("output = \"sub/new/z.png\"\n" + smallConfig).write(to: folder.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        try ("output = \"fine/x.png\"\n" + smallConfig).write(to: folder.appendingPathComponent("c.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "a.toml", "b.toml", "c.toml", "-q"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("a.toml: error: cannot write sub/y.png: `sub` in the output folder leads outside it (a symbolic link); lossmap does not write through it"), "\(result.err)")
        #expect(result.err.contains("b.toml: error: cannot write sub/new/z.png: `sub` in the output folder leads outside it"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(try pngSize(folder.appendingPathComponent("output/fine/x.png")) == (400, 300))
    }
}

/// Two renders into one folder, and a disk that fills up.
@Suite("Reports and temporaries under pressure")
struct ReportPressureCommandTests {
    @Test("two renders of disjoint configs into one folder at once both land in report.json, every time")
    func concurrentRenders() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for deck in ["a", "b"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(deck), withIntermediateDirectories: true)
            for i in 0..<2 {
                try ("output = \"\(deck)\(i).png\"\n" + smallConfig).write(to: folder.appendingPathComponent("\(deck)/\(i).toml"), atomically: true, encoding: .utf8)
            }
        }
        for trial in 0..<8 {
            let output = "out\(trial)"
            let processes = try ["a", "b"].map { deck -> Process in
                let process = Process()
                process.executableURL = LossmapProcess.binary
                process.arguments = ["render", deck, "-o", output, "-q", "-j", "1"]
                process.currentDirectoryURL = folder
                try process.run()
                return process
            }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
            let configs = try BatchCommandTests().report(folder.appendingPathComponent("\(output)/report.json")).compactMap { $0["config"] as? String }
            #expect(configs == ["a/0.toml", "a/1.toml", "b/0.toml", "b/1.toml"], "trial \(trial): \(configs)")
        }
    }

    @Test("a disk that fills up fails the figure and the report with a clear error, and leaves no temporary file")
    func fullDisk() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a", "b", "c", "d"] {
            try smallConfig.write(to: folder.appendingPathComponent("\(name).toml"), atomically: true, encoding: .utf8)
        }
        // Three figures rendered first make a report of a few KB.
        #expect(try LossmapProcess.run(["render", "b.toml", "c.toml", "d.toml", "-q"], in: folder).status == 0)
        // A file size limit of 1 KiB stands in for a full disk: every write past it fails
        // (EFBIG, with SIGXFSZ ignored), as a write to a full disk fails with ENOSPC. Neither
        // the figure (tens of KB) nor the report can be written.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", "ulimit -f 1; trap '' XFSZ; exec \"$0\" render a.toml", LossmapProcess.binary.path]
        shell.currentDirectoryURL = folder
        let err = Pipe()
        shell.standardError = err
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 1)
        #expect(said.contains("a.toml: error: cannot write"), "\(said)")
        #expect(said.contains("error: cannot write the report into output: cannot write "), "\(said)")
        #expect(said.contains("/output/report.json: File too large"), "\(said)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("output").path)
        #expect(left.filter { $0.hasSuffix(".tmp") }.isEmpty, "\(left)")
        #expect(!left.contains("a.png"))
    }
}
