import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// `grid = "FILE"` (.npy, .npz or .csv) with, for .npz, the names of its arrays. The file
    /// is named, not read: the scene loads it and reports a bad file at this value.
    mutating func decodeImportedGrid(_ reader: TableReader, keys: MapKeys) -> SurfaceChoice? {
        let minimum = decodeMinimum(reader)
        var names = ImportedGridSpec.ArrayNames(w1: ImportedGridKeys.defaultW1Array, w2: ImportedGridKeys.defaultW2Array,
                                                loss: ImportedGridKeys.defaultLossArray)
        var namesRight = true
        for (key, set) in [("w1_key", { (n: inout ImportedGridSpec.ArrayNames, v: String) in n.w1 = v }),
                           ("w2_key", { (n: inout ImportedGridSpec.ArrayNames, v: String) in n.w2 = v }),
                           ("loss_key", { (n: inout ImportedGridSpec.ArrayNames, v: String) in n.loss = v })] {
            guard reader.table[key] != nil else { continue }
            guard let (text, value) = attempt({ () throws(Diagnostic) in try reader.string(key) }) else { namesRight = false; continue }
            guard !text.isEmpty else {
                report(reader.error(value.span.lowerBound, "`\(key)` must name an array of the .npz archive"))
                namesRight = false
                continue
            }
            set(&names, text)
        }
        guard let file = dataFileReference(reader, key: "grid", example: "\"data/landscape.npz\"") else { return nil }
        let written = file.written.lowercased()
        let format = ImportedGridSpec.Format.allCases.first { written.hasSuffix("." + $0.rawValue) }
        guard let format else {
            let isHDF5 = [".h5", ".hdf5", ".hdf"].contains { written.hasSuffix($0) }
            report(file.site.error("`grid` must name a .npy, .npz or .csv file, found `\(ConfigLimits.shown(file.written))`",
                                   note: isHDF5 ? ImportedGridKeys.hdf5Conversion : "the extension says how the file is read"))
            return nil
        }
        if format != .npz {
            for entry in reader.table.entries where ImportedGridKeys.arrayKeys.contains(entry.key) {
                report(reader.error(entry.keySpan.lowerBound, "`\(entry.key)` names an array of a .npz archive; `\(ConfigLimits.shown(file.written))` is a .\(format.rawValue) file"))
                namesRight = false
            }
        }
        if format == .npy, keys.w1 == nil || keys.w2 == nil {
            let missing = [keys.w1 == nil ? "`w1`" : nil, keys.w2 == nil ? "`w2`" : nil].compactMap { $0 }.joined(separator: " and ")
            report(file.site.error("a .npy file holds the loss alone, without coordinates: give \(missing), the w1 and w2 its columns and rows span",
                                   note: "columns run along w1 and rows along w2 (loss[i, j] is the loss at w1[j], w2[i], as numpy's meshgrid makes it); or save an .npz with the coordinate arrays"))
            return nil
        }
        guard namesRight, reader.table["minimum"] == nil || minimum != nil else { return nil }
        // A window known now gives the runs' default start, a tenth of the way in from its
        // upper-left corner as for an expression; otherwise the centre of most exported
        // landscapes, where the trained weights are: (0, 0).
        var start = Weights(0, 0)
        if let w1 = keys.w1, let w2 = keys.w2 {
            start = Weights(w1.lowerBound + 0.1 * (w1.upperBound - w1.lowerBound), w2.upperBound - 0.1 * (w2.upperBound - w2.lowerBound))
        }
        let spec = ImportedGridSpec(file: file, format: format, arrays: names, minimum: minimum)
        return SurfaceChoice(source: .imported(spec), name: "grid", w1: nil, w2: nil, start: start, levelScale: .log)
    }
}
