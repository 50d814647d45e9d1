import Foundation

/// One spelling for each file a batch reads or writes, so that two spellings of one file
/// are one file: `./a.toml` and `a.toml` are one config (one report entry, one shard), and
/// `x.png`, `./x.png` and `sub//../x.png`… are refused as one output claimed twice.
public enum PathSpelling {
    /// A config's path as the report keys it: relative to `workingDirectory` (an absolute,
    /// real path) when it was given relative or lies inside it, with `.`, empty parts and
    /// `..` resolved by name; an absolute path outside the working directory stays absolute.
    ///
    /// `..` is resolved by name, not through symbolic links: the report names what the user
    /// typed, tidied, and the same tidy spelling on every machine of a CI matrix.
    public static func config(_ path: String, workingDirectory: String) -> String {
        let root = components(workingDirectory)
        let absolute = path.hasPrefix("/")
        let resolved = resolve(absolute ? [] : root, path)
        if resolved.count >= root.count, Array(resolved.prefix(root.count)) == root {
            let inside = resolved.dropFirst(root.count)
            return inside.isEmpty ? "." : inside.joined(separator: "/")
        }
        if absolute { return "/" + resolved.joined(separator: "/") }
        // Relative, and leading out of the working directory: `../other/a.toml`.
        var shared = 0
        while shared < min(root.count, resolved.count), root[shared] == resolved[shared] { shared += 1 }
        return (Array(repeating: "..", count: root.count - shared) + resolved.dropFirst(shared)).joined(separator: "/")
    }

    /// The config path of `path` relative to this process's working directory, when that
    /// spelling names the same file (it does unless a `..` follows a symbolic link, which
    /// tidying by name would get wrong: then the path stays as given).
    public static func config(_ path: String) -> String {
        let tidy = config(path, workingDirectory: FileManager.default.currentDirectoryPath)
        guard tidy != path else { return path }
        return realPath(tidy) == realPath(path) ? tidy : path
    }

    /// `realpath(3)`, or nil when the path does not lead to a file.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A config path as another batch wrote it into a report, tidied by name only (the
    /// working directory it was relative to is not known): `./a.toml` → `a.toml`.
    public static func reported(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// An output name (already checked: relative, no `..`, a file name last) in the one
    /// spelling the batch writes and reports: without `.` and empty parts. `./x.png` and
    /// `sub//y.png` become `x.png` and `sub/y.png`. A frames folder keeps its final `/`
    /// (`steps//` → `steps/`): it is what makes the output a folder.
    public static func output(_ name: String) -> String {
        let tidy = name.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.joined(separator: "/")
        return name.hasSuffix("/") ? tidy + "/" : tidy
    }

    /// The key two outputs clash on: the name itself, or, in a folder whose file system
    /// folds case (macOS, Windows shares), its lower case.
    public static func clashKey(_ output: String, foldsCase: Bool) -> String {
        // `steps/` (a folder of frames) and `steps` (a file) cannot both be written.
        let name = output.hasSuffix("/") ? String(output.dropLast()) : output
        return foldsCase ? name.lowercased() : name
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// `base` + `path`'s parts, with `.` and empty parts dropped and `..` taking one off.
    private static func resolve(_ base: [String], _ path: String) -> [String] {
        var parts = base
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(String(part))
        }
        return parts
    }
}
