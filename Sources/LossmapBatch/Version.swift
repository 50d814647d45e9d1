import Foundation

/// lossmap's version, part of every figure's fingerprint, so a new lossmap re-renders.
public enum LossmapVersion {
    /// The release number, written into reports.
    public static let current = "0.1.0"

    /// The release number plus the running executable's size and modification time: a
    /// rebuilt lossmap (a changed renderer, say) counts as a new version even when nobody
    /// bumped `current`, so no figure drawn by older code is taken as up to date.
    public static let build: String = {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: executable),
              let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else {
            return current
        }
        return "\(current)+\(size).\(Int(modified.timeIntervalSince1970))"
    }()
}
