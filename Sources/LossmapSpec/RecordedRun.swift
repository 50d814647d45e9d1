import LossmapCore
import LossmapCanvas

/// Where a recorded run's points come from: `[[run]] path = "FILE.csv"`, read when the scene
/// is computed (as a perceptron's data is), or a path made in code (the projection of lossmap's
/// own network training).
public enum RecordedSource: Sendable {
    case file(DataFileReference)
    case given(RecordedPath)
}

extension RunSpec {
    /// A run that is drawn as recorded rather than walked: `path` in a [[run]] section. Its
    /// method and learning rate are placeholders that nothing reads.
    public static func recorded(_ source: RecordedSource, label: RunLabel, color: RGBA?, name: String, stepNumbers: Int = 0) -> RunSpec {
        var spec = RunSpec(label: label, learningRate: .absolute(0), start: Weights(0, 0), stopping: Stopping(maxSteps: 0),
                           color: color, name: name, stepNumbers: stepNumbers)
        spec.recorded = source
        return spec
    }
}
