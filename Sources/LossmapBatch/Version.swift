import Foundation

/// lossmap's version, part of every figure's fingerprint, so a new lossmap re-renders.
public enum LossmapVersion {
    /// The release number, written into reports.
    public static let current = "0.1.0"

    /// The release number plus the running executable's size and modification time: a
    /// rebuilt lossmap (a changed renderer, say) counts as a new version even when nobody
    /// bumped `current`, so no figure drawn by older code is taken as up to date.
    /// Read with stat(2) on /proc/self/exe: Foundation's `attributesOfItem` also looks up the
    /// file's owner and group by name (the system's user database, about 1 ms a process).
    public static let build: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments.first ?? "", &info) == 0 else {
            return current
        }
        #if canImport(Darwin)
        let modified = info.st_mtimespec.tv_sec
        #else
        let modified = info.st_mtim.tv_sec
        #endif
        return "\(current)+\(info.st_size).\(modified)"
    }()
}
