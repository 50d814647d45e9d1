import Foundation

/// Expands the paths given on the command line into config files: a file stands for
/// itself, a folder for every `*.toml` beneath it, sorted so runs are reproducible.
public enum ConfigDiscovery {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func configFiles(in paths: [String]) throws(Failure) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw Failure(description: "\(path): no such file or folder")
            }
            if isFolder.boolValue {
                guard let walker = manager.enumerator(atPath: path) else {
                    throw Failure(description: "\(path): cannot read the folder")
                }
                var found: [String] = []
                for case let relative as String in walker where relative.hasSuffix(".toml") {
                    let file = (path as NSString).appendingPathComponent(relative)
                    // A folder named like a config is not one; it is walked into instead.
                    var isSubfolder: ObjCBool = false
                    if manager.fileExists(atPath: file, isDirectory: &isSubfolder), isSubfolder.boolValue { continue }
                    found.append(file)
                }
                if found.isEmpty { throw Failure(description: "\(path): the folder holds no *.toml config") }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        return files
    }
}
