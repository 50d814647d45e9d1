import Foundation
import Testing

/// Runs the built `lossmap` binary as a user would and checks output, files and exit status.
struct LossmapProcess {
    static var binary: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("lossmap")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("lossmap")
    }

    /// `environment`: variables set for this run on top of the test's own.
    static func run(_ arguments: [String], in folder: URL, stdin: String? = nil,
                    environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Standard error is drained on another thread: a child that fills the pipe's 64 KiB
        // buffer on stderr while we wait for stdout's end would otherwise never finish.
        nonisolated(unsafe) var errData = Data()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ url: URL) throws -> (Int, Int) {
    let b = try [UInt8](Data(contentsOf: url))
    guard b.count > 24, b[0] == 0x89, b[1] == 0x50 else { return (0, 0) }
    func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
    return (be32(16), be32(20))
}

let smallConfig = """
title = "Booth"
size = [400, 300]
[surface]
function = "booth"
resolution = 40
[optimizer]
learning_rates = [0.01, 0.2]
steps = 50
"""

@Suite("The lossmap command")
struct RenderCommandTests {
    @Test("render writes the PNG named after the config into --output and prints one line per run")
    func rendersIntoOutputFolder() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try smallConfig.write(to: folder.appendingPathComponent("booth.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "booth.toml", "--output", "figures"], in: folder)
        #expect(result.status == 0, "\(result.err)")
        let png = folder.appendingPathComponent("figures/booth.png")
        #expect(try pngSize(png) == (400, 300))
        #expect(result.out.contains("η = 0.01 (0.09 η_crit): descending, 50 steps"))
        #expect(result.out.contains("η = 0.2 (1.8 η_crit): diverged, 3 steps"))
        #expect(result.out.components(separatedBy: "\n").filter { $0.hasPrefix("  η = ") }.count == 2)
    }

    @Test("a bad config fails with FILE:LINE:COL and a non-zero exit, and the good ones still render")
    func badConfigFailsOthersRender() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try smallConfig.write(to: folder.appendingPathComponent("good.toml"), atomically: true, encoding: .utf8)
        try "[surface]\nfunction = \"booth\"\nresolution = \"high\"\n".write(
            to: folder.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try LossmapProcess.run(["render", "bad.toml", "good.toml", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.err.contains("bad.toml:3:14: error: `resolution` must be an integer, found a string"))
        #expect(result.err.contains("^"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/good.png").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/bad.png").path))
    }

    @Test("a folder stands for every config inside it, and a missing path is an error")
    func foldersAndMissingPaths() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("deck"), withIntermediateDirectories: true)
        try smallConfig.write(to: folder.appendingPathComponent("deck/a.toml"), atomically: true, encoding: .utf8)
        try smallConfig.write(to: folder.appendingPathComponent("deck/b.toml"), atomically: true, encoding: .utf8)
        let ok = try LossmapProcess.run(["render", "deck", "--quiet"], in: folder)
        #expect(ok.status == 0 && ok.out.isEmpty)
        #expect(try pngSize(folder.appendingPathComponent("output/a.png")) == (400, 300))
        #expect(try pngSize(folder.appendingPathComponent("output/b.png")) == (400, 300))
        let missing = try LossmapProcess.run(["render", "nope.toml"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.err.contains("nope.toml: no such file or folder"))
    }

    @Test("toml-decode prints tagged JSON for valid input and a positioned error for invalid input")
    func tomlDecode() throws {
        let folder = try LossmapProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ok = try LossmapProcess.run(["toml-decode"], in: folder, stdin: "a = 42\n")
        #expect(ok.status == 0)
        #expect(ok.out.replacingOccurrences(of: " ", with: "").contains(#""a":{"type":"integer","value":"42"}"#))
        let bad = try LossmapProcess.run(["toml-decode"], in: folder, stdin: "a = 42 x\n")
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("<stdin>:1:8: error:"))
    }

    @Test("--help explains the command and lists render")
    func help() throws {
        let result = try LossmapProcess.run(["--help"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.out.contains("render"))
        #expect(result.out.contains("learning rate"))
    }
}
