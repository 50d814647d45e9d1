import LossmapConfig
import LossmapScene
import LossmapSpec

/// `lossmap check` for one config: reads and decodes it exactly as `render` would, and
/// resolves its learning rates (a rate relative to η_crit needs an η_crit), without sampling
/// the surface or drawing anything.
public enum ConfigCheck {
    /// Every problem in the config at `path`, printed compiler-style; nil when it is valid.
    public static func problems(in path: String) -> String? {
        do {
            let source = try SourceFile.read(path: path)
            let config = try FigureConfig.load(source, defaultOutputName: BatchRenderer.defaultOutputName(for: path))
            _ = try Scene.resolvedRates(of: config.spec)
            return nil
        } catch let problem as FileProblem {
            return problem.description
        } catch {
            return "\(error)"
        }
    }
}
