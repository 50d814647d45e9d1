import Foundation
import LossmapBackend

/// The output folder as a batch writes into it: whether its file system folds case, and
/// the subfolders of an output name made without ever leaving it.
public enum OutputTree {
    /// A failure to prepare where a figure goes, said in a sentence.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether names that differ only in case name one file in `folder` (the default file
    /// systems of macOS and Windows), found by creating a lower-case file and looking for
    /// it in upper case. False when the folder cannot be written (nothing will be).
    public static func foldsCase(_ folder: URL) -> Bool {
        // A temporary name, so a probe left by a killed lossmap is swept like any other.
        let probe = AtomicFile.temporaryURL(for: folder.appendingPathComponent("case-probe"))
        let fd = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        defer { unlink(probe.path) }
        let upper = probe.deletingLastPathComponent().appendingPathComponent(probe.lastPathComponent.uppercased())
        var info = stat()
        return stat(upper.path, &info) == 0
    }

    /// Makes the folders of `output` (a normalised output name) inside `folder` and returns
    /// the figure's URL, refusing to follow a symbolic link out of the output folder: a
    /// subfolder that leads elsewhere is not written through, nor created beyond.
    public static func prepare(_ output: String, in folder: URL) throws(Refusal) -> URL {
        guard let root = PathSpelling.realPath(folder.path) else {
            throw Refusal(description: "cannot write \(output): the output folder \(folder.path) does not exist")
        }
        let parts = output.split(separator: "/").map(String.init)
        var current = folder
        for (index, part) in parts.dropLast().enumerated() {
            current.appendPathComponent(part, isDirectory: true)
            if mkdir(current.path, 0o755) != 0 && errno != EEXIST {
                throw Refusal(description: "cannot create the folder \(current.path): \(String(cString: strerror(errno)))")
            }
            guard let real = PathSpelling.realPath(current.path), real == root || real.hasPrefix(root == "/" ? "/" : root + "/") else {
                let shown = parts.prefix(index + 1).joined(separator: "/")
                throw Refusal(description: "cannot write \(output): `\(shown)` in the output folder leads outside it (a symbolic link); lossmap does not write through it")
            }
            var info = stat()
            guard stat(current.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw Refusal(description: "cannot write \(output): `\(parts.prefix(index + 1).joined(separator: "/"))` in the output folder is a file, not a folder")
            }
        }
        return folder.appendingPathComponent(output)
    }
}
