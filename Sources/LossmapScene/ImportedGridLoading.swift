import LossmapCore
import LossmapSpec

/// An imported grid's file read into a `LossGrid`: .npy with the config's `w1`/`w2` ranges
/// as its evenly spaced coordinates, .npz with its own coordinate arrays, CSV as a matrix or
/// in long form. Every problem is reported at the config's `grid` value, naming the file.
enum ImportedGridLoading {
    /// The most samples an imported grid may hold: 4096 × 4096, 128 MiB of doubles, as much
    /// as the data file limit allows as float64 (a finer grid than any map's resolution).
    static let maxCells = 4096 * 4096

    static func grid(_ spec: ImportedGridSpec, w1: ClosedRange<Double>?, w2: ClosedRange<Double>?) throws(DiagnosticList) -> LossGrid {
        let file = spec.file
        let bytes = try DataFileLoading.bytes(of: file, key: "grid")
        func fail(_ message: String) -> DiagnosticList { DiagnosticList(DataFileLoading.problem(message, in: file)) }
        do {
            switch spec.format {
            case .csv:
                do {
                    return try LossGrid.parseCSV(utf8: bytes)
                } catch {
                    throw DiagnosticList(DataFileLoading.problem(error, in: file, bytes: bytes))
                }
            case .npy:
                let array = try NumpyArray.parse(bytes)
                let (rows, columns) = try matrixShape(array, named: "the array")
                // The decoder requires both ranges with a .npy file (it has no coordinates).
                guard let w1, let w2 else { throw fail("a .npy file holds no coordinates: give `w1` and `w2`") }
                return try LossGrid(w1: evenlySpaced(w1, count: columns), w2: evenlySpaced(w2, count: rows), values: array.values)
            case .npz:
                let archive = try NumpyArchive(bytes: bytes, maxInflatedBytes: ConfigLimits.maxDataFileBytes)
                let names = spec.arrays
                // A missing array is most often a name to give: said in a note.
                func array(_ name: String, key: String) throws -> NumpyArray {
                    guard archive.names.contains(name) else {
                        let held = archive.names.map { "`\($0)`" }.joined(separator: ", ")
                        throw DiagnosticList(file.site.error(
                            "cannot use `\(ConfigLimits.shown(file.written))`: the archive has no array `\(ConfigLimits.shown(name))`; it holds \(held.isEmpty ? "none" : held)",
                            note: "name its arrays with `w1_key`, `w2_key` and `loss_key` (now `\(key)` = \"\(ConfigLimits.shown(name))\")"))
                    }
                    return try archive.array(named: name)
                }
                let loss = try array(names.loss, key: "loss_key")
                let (rows, columns) = try matrixShape(loss, named: "`\(names.loss)`")
                let axis1 = try array(names.w1, key: "w1_key"), axis2 = try array(names.w2, key: "w2_key")
                for (key, axis) in [(names.w1, axis1), (names.w2, axis2)] where axis.shape.count != 1 {
                    throw fail("the coordinate array `\(key)` is \(axis.shape.count)-D, shape \(shape(axis.shape)); it must be 1-D, one coordinate per column (w1) or row (w2)")
                }
                if axis1.values.count != columns || axis2.values.count != rows {
                    let transposed = axis1.values.count == rows && axis2.values.count == columns
                    throw fail("`\(names.loss)` has shape \(shape(loss.shape)), but `\(names.w2)` has \(axis2.values.count) and `\(names.w1)` \(axis1.values.count) coordinates: it needs one row per w2 and one column per w1"
                               + (transposed ? "; the loss looks transposed (save `\(names.loss)`.T: loss[i, j] must be the loss at w1[j], w2[i])" : ""))
                }
                return try LossGrid(w1: axis1.values, w2: axis2.values, values: loss.values)
            }
        } catch let error as NumpyError {
            throw fail(error.message)
        } catch let error as LossGridError {
            throw fail(error.message)
        } catch let list as DiagnosticList {
            throw list
        } catch {
            throw fail("\(error)")
        }
    }

    /// Rows and columns of a 2-D array, refused otherwise or when it is too large.
    private static func matrixShape(_ array: NumpyArray, named name: String) throws(LossGridError) -> (rows: Int, columns: Int) {
        guard array.shape.count == 2 else {
            throw LossGridError("\(name) is \(array.shape.count)-D, shape \(shape(array.shape)); a loss grid is 2-D: one row per w2, one column per w1")
        }
        guard array.values.count <= maxCells else {
            throw LossGridError("\(name) holds \(ConfigLimits.grouped(array.values.count)) values; an imported grid may hold at most \(ConfigLimits.grouped(maxCells)) (4096 × 4096)")
        }
        return (array.shape[0], array.shape[1])
    }

    /// numpy's way of writing a shape: (3, 4), (5,).
    private static func shape(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }

    /// `count` coordinates from the range's lower to its upper bound, as numpy's linspace.
    static func evenlySpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        guard count > 1 else { return [range.lowerBound] }
        let step = (range.upperBound - range.lowerBound) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? range.upperBound : range.lowerBound + Double($0) * step }
    }
}
