/// lossmap's version: part of every figure's fingerprint, so a new version re-renders.
public enum LossmapVersion {
    public static let current = "0.1.0"
}
