import LossmapSpec

extension ConfigDecoder {
    /// A file the figure reads (`data`, `grid`, a run's `path`), named relative to the config's
    /// folder: recorded as a file the figure depends on (`FigureConfig.dataFiles`, so batch
    /// renders redo the figure when it changes) and read when the scene is computed, which
    /// reports a missing or bad file at this value. Nil when the value is not a file name
    /// (reported).
    mutating func dataFileReference(_ reader: TableReader, key: String, example: String) -> DataFileReference? {
        guard let (path, value) = attempt({ () throws(Diagnostic) in try reader.string(key) }) else { return nil }
        guard !path.isEmpty else {
            report(reader.error(value.span.lowerBound, "`\(key)` must name a file, e.g. \(example)"))
            return nil
        }
        let readPath = Self.joined(dataFolder, path)
        dataFiles.append(readPath)
        return DataFileReference(written: path, readPath: readPath, shownPath: Self.joined(Self.folder(of: file.name), path),
                                 site: SpecSite(file: file, offset: value.span.lowerBound))
    }
}
