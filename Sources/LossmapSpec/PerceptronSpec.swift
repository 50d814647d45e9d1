#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LossmapCore

/// A perceptron surface as the config gives it: its model and where its data is. Nothing is
/// read or computed here; the scene's resolving step loads the data and builds the surface.
public struct PerceptronSpec: Sendable {
    /// The data: a CSV file to load, or points written in the config.
    public enum Data: Sendable {
        case file(DataFileReference)
        case points(PerceptronData, InlinePoints)
    }

    public var data: Data
    public var activation: PerceptronActivation
    public var loss: PerceptronLoss
    public var bias: Double
    /// A minimum the config gives (`minimum = [w1, w2]`), starred and analysed.
    public var minimum: Weights?
    /// Where `model` was written, for problems with the model as a whole (no minimum to
    /// centre the plot on).
    public var site: SpecSite
    /// Where the map's cost (data rows × resolution²) is reported: `resolution`, else the data.
    public var costSite: SpecSite

    public init(data: Data, activation: PerceptronActivation, loss: PerceptronLoss, bias: Double, minimum: Weights?,
                site: SpecSite, costSite: SpecSite) {
        self.data = data
        self.activation = activation
        self.loss = loss
        self.bias = bias
        self.minimum = minimum
        self.site = site
        self.costSite = costSite
    }
}

/// `data = "points.csv"`: the file as written, where it is read from and how messages name it.
public struct DataFileReference: Sendable {
    /// As written in the config.
    public var written: String
    /// Resolved against the folder data files are read from.
    public var readPath: String
    /// Resolved against the config's path as the user gave it, for messages.
    public var shownPath: String
    /// The `data` value in the config.
    public var site: SpecSite
    /// Which files the config may read: set by `FigureConfig.load` from its caller (the
    /// working directory only, unless `--allow-outside-data`), enforced where the data is loaded.
    public var access: DataFileAccess

    public init(written: String, readPath: String, shownPath: String, site: SpecSite, access: DataFileAccess = .anywhere) {
        self.written = written
        self.readPath = readPath
        self.shownPath = shownPath
        self.site = site
        self.access = access
    }

    /// The path to read the file from: `readPath` itself, or, when confined, its real path
    /// (symbolic links followed), so that what is checked is what is read.
    public func permittedPath() throws(DataFileRefusal) -> String {
        guard case .inside(let root) = access else { return readPath }
        if written.hasPrefix("/") { throw .absolute }
        let absolute = readPath.hasPrefix("/") ? readPath : DataFileAccess.workingDirectory() + "/" + readPath
        if let real = DataFileAccess.realPath(absolute) {
            guard DataFileAccess.path(real, isInside: root) else { throw .outside(resolved: real, root: root) }
            return real
        }
        // A file that does not exist is judged by its nearest existing folder, so that a
        // missing file inside the tree is reported as missing (by reading it), and one
        // outside as outside.
        var existing = DataFileAccess.lexicallyNormalised(absolute)
        var rest: [String] = []
        var real: String?
        repeat {
            rest.insert(String(existing[existing.index(after: existing.lastIndex(of: "/")!)...]), at: 0)
            existing = DataFileAccess.folder(of: existing)
            real = DataFileAccess.realPath(existing)
        } while real == nil && existing != "/"
        let resolved = DataFileAccess.lexicallyNormalised(([real ?? "/"] + rest).joined(separator: "/"))
        guard DataFileAccess.path(resolved, isInside: root) else { throw .outside(resolved: resolved, root: root) }
        return readPath
    }
}

/// Which data files a config may name.
public enum DataFileAccess: Sendable, Equatable {
    /// Any file (`--allow-outside-data`, and specs built in code).
    case anywhere
    /// Only relative paths that resolve, symbolic links followed, inside this folder (a real
    /// path): the working directory, so that a config from a pull request cannot make a
    /// public CI log quote /etc/passwd.
    case inside(String)

    /// Confined to the current working directory.
    public static func insideWorkingDirectory() -> DataFileAccess {
        .inside(realPath(workingDirectory()) ?? workingDirectory())
    }

    /// The current working directory, as the system gives it (symbolic links resolved).
    static func workingDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(cString: buffer)
    }

    /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved; nil
    /// when some part of it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `/a/./b//c/../d` → `/a/b/d`, without looking at the file system.
    static func lexicallyNormalised(_ absolute: String) -> String {
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func folder(of absolute: String) -> String {
        guard let slash = absolute.lastIndex(of: "/"), slash != absolute.startIndex else { return "/" }
        return String(absolute[..<slash])
    }

    static func path(_ path: String, isInside root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }
}

/// Why a confined config may not read a data file.
public enum DataFileRefusal: Error, Sendable, Equatable {
    /// An absolute path.
    case absolute
    /// A path that leads, by `..` or a symbolic link, to `resolved`, outside `root`.
    case outside(resolved: String, root: String)
}

/// `points = [[x1, x2, y], …]`: where each point and each of its numbers was written, so a
/// problem found later points at the very number.
public struct InlinePoints: Sendable {
    /// The `points` value.
    public var site: SpecSite
    /// Offsets of each point, and of each number in it.
    public var pointOffsets: [Int]
    public var valueOffsets: [[Int]]

    public init(site: SpecSite, pointOffsets: [Int], valueOffsets: [[Int]]) {
        self.site = site
        self.pointOffsets = pointOffsets
        self.valueOffsets = valueOffsets
    }

    /// The site of point `line` (from 1), or of its `column`-th number, as a `DataError` names them.
    public func site(line: Int, column: Int?) -> SpecSite {
        guard line >= 1, line <= pointOffsets.count else { return site }
        if let column, column >= 1, column <= valueOffsets[line - 1].count {
            return SpecSite(file: site.file, offset: valueOffsets[line - 1][column - 1])
        }
        return SpecSite(file: site.file, offset: pointOffsets[line - 1])
    }
}
