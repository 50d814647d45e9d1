import Foundation
import LossmapSpec

/// What rendering one figure takes in memory, estimated from its spec before anything is
/// computed, so a batch runs at once only figures that fit the machine together.
///
/// The constants were measured with `/usr/bin/time -f %M` on lossmap 0.1 (Linux, x86-64),
/// one figure a process, and rounded up; each term is linear in what it names:
///
/// | term | bytes | measured |
/// |---|---|---|
/// | a worker process | 32 MiB | 23 MiB idle, 29 MiB for a 400² figure |
/// | device pixels (size × scale²) | 8 each | 6.8: Cairo's ARGB surface and the RGB rows |
/// | grid cells (resolution²) | 40 each | 28–31 (samples, level work) on smooth surfaces |
/// | grid cells × levels | 12 each | 11–15 on sin(300·w1)·sin(300·w2), far less when smooth |
/// | steps of all runs | 2,048 each | 2,100–2,600 drawing a zig-zag path (Cairo's stroker) |
/// | data file bytes | 8 each | the text, its UTF-8 check and the parsed rows |
/// | device pixels of an animation | 56 more each | counted from the buffers: two drawing threads' canvases and backgrounds (16), six frames waiting (18), the GIF's first and last frames (6), the encoder's frame in hand, last frame, indices and rectangle (about 9), rounded up |
///
/// The largest figure the limits allow (16384² pixels, resolution 4096, 20 levels, 64 runs
/// of 500 steps) is estimated at 6.9 GB: 2.1 GB of pixels, 0.7 GB of grid and 4 GB of
/// contours, which a noisy surface needs and a smooth one (2.3 GB measured) does not. The
/// estimate errs high on purpose: it only decides how many figures run at once.
public struct MemoryEstimate: Sendable, Equatable, Codable {
    public static let processBytes = 32 << 20
    public static let bytesPerPixel = 8
    public static let bytesPerCell = 40
    public static let bytesPerCellLevel = 12
    public static let bytesPerStep = 2048
    public static let bytesPerDataByte = 8
    public static let bytesPerAnimationPixel = 56

    /// The estimate, in bytes.
    public var bytes: Int

    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// The estimate for `spec`, whose data files hold `dataBytes` bytes in all.
    public init(_ spec: FigureSpec, dataBytes: Int = 0) {
        let pixels = (Double(spec.width) * spec.scale).rounded(.up) * (Double(spec.height) * spec.scale).rounded(.up)
        let cells = Double(spec.surface.resolution) * Double(spec.surface.resolution)
        let levels: Int
        switch spec.surface.levels {
        case .count(let n): levels = n
        case .values(let values): levels = values.count
        }
        var steps = spec.runs.reduce(0.0) { $0 + Double($1.stopping.maxSteps) }
        if case .sweep(_, _, let count) = spec.kind, let first = spec.runs.first {
            steps += Double(count) * Double(first.stopping.maxSteps)
        }
        let map = spec.kind.isMap ? cells * (Double(Self.bytesPerCell) + Double(levels) * Double(Self.bytesPerCellLevel)) : 0
        let perPixel = Self.bytesPerPixel + (spec.animation == nil ? 0 : Self.bytesPerAnimationPixel)
        let total = Double(Self.processBytes) + pixels * Double(perPixel) + map
            + steps * Double(Self.bytesPerStep) + Double(dataBytes) * Double(Self.bytesPerDataByte)
        bytes = total.isFinite && total < Double(Int.max / 2) ? Int(total) : Int.max / 2
    }

    /// "1.2 GB", "85 MB".
    public var description: String {
        bytes >= 1_000_000_000 ? String(format: "%.1f GB", Double(bytes) / 1e9) : "\(max(1, bytes / 1_000_000)) MB"
    }
}

/// The memory a batch may fill with figures at once.
public enum MachineMemory {
    /// Bytes available for new work: Linux's MemAvailable (free memory plus what the kernel
    /// can reclaim without swapping), macOS's physical memory halved (there is no cheap
    /// equivalent), else 2 GiB.
    public static func available() -> Int {
        #if os(Linux)
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let fields = line.split(separator: " ")
                if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
            }
        }
        #elseif os(macOS)
        var size: UInt64 = 0
        var length = MemoryLayout<UInt64>.size
        if sysctlbyname("hw.memsize", &size, &length, nil, 0) == 0, size > 0 { return Int(size / 2) }
        #endif
        return 2 << 30
    }
}
