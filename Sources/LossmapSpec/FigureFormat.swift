import Foundation

/// The file formats a figure can be written in, chosen by the output name's extension.
public enum FigureFormat: String, Sendable, CaseIterable {
    case png, svg, pdf

    /// The format for a file name, by its extension (case-insensitive); nil if unsupported.
    public init?(fileName: String) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        self.init(rawValue: ext)
    }
}
