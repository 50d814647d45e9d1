import LossmapConfig
import LossmapSpec

/// The files `lossmap watch` watches for a set of configs: each config and the data files it
/// reads (a perceptron's or network's `data`, a `grid`, the runs' `path`s), as far as the
/// config can be read; a config with errors is still watched, so fixing it re-renders it.
public enum WatchedFiles {
    public static func of(configs: [String], allowOutsideData: Bool) -> [String] {
        var files: [String] = []
        for config in configs {
            files.append(config)
            let access: DataFileAccess = allowOutsideData ? .anywhere : .insideWorkingDirectory()
            guard let loaded = try? FigureWork.load(config, access: access) else { continue }
            for reference in loaded.config.dataFileReferences where !files.contains(reference.readPath) {
                files.append(reference.readPath)
            }
        }
        return files
    }
}
