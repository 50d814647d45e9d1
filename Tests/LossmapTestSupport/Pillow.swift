import Foundation
import LossmapCanvas

/// What Pillow makes of an animated PNG.
public struct PillowAnimation: Decodable {
    public struct Frame: Decodable {
        public let duration: Double?
        /// The composited canvas as RGBA bytes, in hexadecimal.
        public let rgba: String
    }

    public let n_frames: Int
    public let loop: Int?
    public let default_image: Bool
    public let frames: [Frame]
}

public struct PillowMissing: Error, CustomStringConvertible {
    public let description: String
}

/// Pillow seeks through every frame (composing each onto the canvas per its dispose and blend
/// ops) and prints the result as JSON. Exit status 3: Pillow is not installed.
private let pillowScript = """
import json, sys
try:
    from PIL import Image
except ImportError:
    sys.exit(3)
im = Image.open(sys.argv[1])
out = {"n_frames": im.n_frames, "loop": im.info.get("loop"),
       "default_image": bool(im.info.get("default_image")), "frames": []}
for i in range(im.n_frames):
    im.seek(i)
    out["frames"].append({"duration": im.info.get("duration"), "rgba": im.convert("RGBA").tobytes().hex()})
print(json.dumps(out))
"""

/// What Pillow makes of a still PNG: its size and mode, its texts (`im.text`: tEXt, zTXt and
/// iTXt, inflated) and its pixels as RGB.
public struct PillowStill {
    public let width: Int
    public let height: Int
    public let mode: String
    public let texts: [String: String]
    public let rgb: [UInt8]
}

/// Pillow decodes the whole image (`load`, which inflates every IDAT) and writes its RGB bytes
/// to the file named second; size, mode and texts go out as JSON. Exit status 3: no Pillow.
private let pillowStillScript = """
import json, sys
try:
    from PIL import Image
except ImportError:
    sys.exit(3)
im = Image.open(sys.argv[1])
im.load()
with open(sys.argv[2], "wb") as f:
    f.write(im.convert("RGB").tobytes())
print(json.dumps({"width": im.width, "height": im.height, "mode": im.mode, "text": im.text}))
"""

public enum Pillow {
/// Every frame of an animated PNG (or GIF) as Pillow composes it; fails, saying how to
/// install it, when python3 or Pillow is missing.
public static func decode(_ url: URL) throws -> PillowAnimation {
    try JSONDecoder().decode(PillowAnimation.self, from: run(pillowScript, [url.path]))
}

/// A still PNG as Pillow reads it; fails, saying how to install it, when python3 or Pillow is missing.
public static func decodeStill(_ url: URL) throws -> PillowStill {
    struct Info: Decodable { let width: Int, height: Int, mode: String, text: [String: String] }
    let pixels = FileManager.default.temporaryDirectory.appendingPathComponent("lossmap-pillow-\(UUID().uuidString).rgb")
    defer { try? FileManager.default.removeItem(at: pixels) }
    let info = try JSONDecoder().decode(Info.self, from: run(pillowStillScript, [url.path, pixels.path]))
    return PillowStill(width: info.width, height: info.height, mode: info.mode, texts: info.text,
                       rgb: [UInt8](try Data(contentsOf: pixels)))
}

/// Runs `script` with python3 and returns what it printed.
private static func run(_ script: String, _ arguments: [String]) throws -> Data {
    let install = "run scripts/install-deps.sh (the PNG tests decode with Python's Pillow)"
    let path = arguments.first ?? ""
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch { throw PillowMissing(description: "cannot run python3 (\(error)): \(install)") }
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    switch process.terminationStatus {
    case 0: return stdout
    case 3: throw PillowMissing(description: "Pillow is not installed: \(install)")
    case 127: throw PillowMissing(description: "python3 is not installed: \(install)")
    default: throw PillowMissing(description: "Pillow could not decode \(path) (status \(process.terminationStatus)): \(stderr)")
    }
}
}

extension PillowAnimation.Frame {
    /// The composited canvas as RGB bytes (alpha dropped).
    public var rgb: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rgba.count / 8 * 3)
        var index = rgba.startIndex
        var channel = 0
        while index < rgba.endIndex {
            let next = rgba.index(index, offsetBy: 2)
            if channel != 3 { out.append(UInt8(rgba[index..<next], radix: 16) ?? 0) }
            channel = (channel + 1) % 4
            index = next
        }
        return out
    }
}
