import LossmapConfig
import LossmapScene
import LossmapSpec

/// `lossmap check`: reads and decodes configs exactly as `render` would, and validates what
/// the scene would (data files loaded, limits, rates relative to η_crit), without sampling
/// the surface or drawing anything.
public enum ConfigCheck {
    /// Every problem in the config at `path`, printed compiler-style; nil when it is valid.
    public static func problems(in path: String, dataAccess: DataFileAccess = .insideWorkingDirectory()) -> String? {
        do {
            let source = try SourceFile.read(path: path)
            let config = try FigureConfig.load(source, defaultOutputName: BatchRenderer.defaultOutputName(for: path),
                                               dataAccess: dataAccess)
            _ = try Scene.validate(config.spec)
            return nil
        } catch let problem as FileProblem {
            return problem.description
        } catch {
            return "\(error)"
        }
    }

    /// The problems of every config, in order, checked on up to `jobs` threads, each in a
    /// worker process when `isolation` says so: a config that crashes lossmap is reported as
    /// a problem of its own and the others are still checked. `waitForWorkers` false leaves
    /// the workers to exit on their own, for a process about to exit (`lossmap check`).
    public static func problems(in paths: [String], jobs: Int, allowOutsideData: Bool = false,
                                isolation: FigureIsolation = .inProcess, waitForWorkers: Bool = true) -> [String?] {
        let pool = WorkerPool(isolation)
        defer { pool.shutdown(wait: waitForWorkers) }
        let results = Slots<String?>(count: paths.count)
        runConcurrently(paths.count, threads: jobs) { i in
            switch pool.perform(.check(config: paths[i], allowOutsideData: allowOutsideData)) {
            case .reply(.checked(let problems)): results.set(i, problems)
            case .reply: results.set(i, "\(paths[i]): error: internal error: a worker answered out of turn")
            case .died(let death): results.set(i, death.error(for: paths[i]))
            }
        }
        return results.all().map { $0 ?? nil }
    }
}
