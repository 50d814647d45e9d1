import LossmapCore

/// A loss surface imported as a grid of samples (`[surface] grid = "FILE"`): numpy's .npy or
/// .npz, or CSV. Nothing is read here; the scene loads the file, builds the grid and walks
/// its bicubic interpolation.
public struct ImportedGridSpec: Sendable {
    /// The file's kind, from its extension.
    public enum Format: String, Sendable, CaseIterable {
        /// One 2-D array; its coordinates are the config's `w1` and `w2` ranges, evenly spaced.
        case npy
        /// An archive of arrays: the loss and its two coordinate axes, by name.
        case npz
        /// A matrix with a coordinate header row and column, or `w1, w2, loss` rows.
        case csv
    }

    /// The names of an .npz archive's arrays (`w1_key`, `w2_key`, `loss_key`).
    public struct ArrayNames: Sendable, Equatable {
        public var w1: String
        public var w2: String
        public var loss: String

        public init(w1: String, w2: String, loss: String) {
            self.w1 = w1
            self.w2 = w2
            self.loss = loss
        }
    }

    public var file: DataFileReference
    public var format: Format
    public var arrays: ArrayNames
    /// A minimum the config gives (`minimum = [w1, w2]`), starred and analysed instead of the
    /// interpolation's own lowest point.
    public var minimum: Weights?

    public init(file: DataFileReference, format: Format, arrays: ArrayNames, minimum: Weights? = nil) {
        self.file = file
        self.format = format
        self.arrays = arrays
        self.minimum = minimum
    }
}
