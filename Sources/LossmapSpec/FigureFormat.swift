import Foundation

/// The file formats a figure can be written in, chosen by the output name: its extension,
/// or a name ending in `/` for a folder of numbered frames.
public enum FigureFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
    /// An animated GIF (giflib).
    case gif
    /// An animated PNG (acTL/fcTL/fdAT chunks); viewers that know no APNG show the last frame.
    case apng
    /// A folder of numbered PNG frames, for slide builds.
    case frames

    /// The format for an output name: by its extension (case-insensitive), or `frames` for a
    /// name ending in `/`; nil if unsupported.
    public init?(fileName: String) {
        if fileName.hasSuffix("/") {
            self = .frames
            return
        }
        let ext = (fileName as NSString).pathExtension.lowercased()
        guard ext != Self.frames.rawValue else { return nil }
        self.init(rawValue: ext)
    }

    /// The extensions an output name may end in.
    public static let extensions = allCases.filter { $0 != .frames }.map(\.rawValue)

    /// Whether the format holds frames rather than one still figure.
    public var isAnimated: Bool { self == .gif || self == .apng || self == .frames }

    /// Whether the format shows an `[animation]`: the animated ones, and PDF (one page a frame).
    public var canAnimate: Bool { isAnimated || self == .pdf }
}
