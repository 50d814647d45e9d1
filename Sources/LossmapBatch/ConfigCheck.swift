import LossmapConfig
import LossmapScene
import LossmapSpec

/// `lossmap check` for one config: reads and decodes it exactly as `render` would, and
/// validates what the scene would (data files loaded, limits, rates relative to η_crit), without sampling
/// the surface or drawing anything.
public enum ConfigCheck {
    /// Every problem in the config at `path`, printed compiler-style; nil when it is valid.
    public static func problems(in path: String) -> String? {
        do {
            let source = try SourceFile.read(path: path)
            let config = try FigureConfig.load(source, defaultOutputName: BatchRenderer.defaultOutputName(for: path))
            _ = try Scene.validate(config.spec)
            return nil
        } catch let problem as FileProblem {
            return problem.description
        } catch {
            return "\(error)"
        }
    }
}
