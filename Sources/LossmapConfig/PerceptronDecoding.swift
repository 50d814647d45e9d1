import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// Where a perceptron's data came from, to point at a problem in it.
    enum DataOrigin {
        /// `data = "…"`: the config's value, and the data file named as messages show it.
        case file(value: TOMLValue, source: SourceFile)
        /// `points = [[x1, x2, y], …]`: the config's array.
        case inline(value: TOMLValue)
    }

    /// `model = "perceptron"` with `data` or `points`, `activation`, `loss`, `bias` and an
    /// optional `minimum`. Without `w1`/`w2` the plot is a square around the minimum (the
    /// given one, else the one found) reaching 1.5 times its largest coordinate on each side,
    /// so that the origin, where runs start by default, is on the map too.
    mutating func decodePerceptron(_ reader: TableReader, keys: MapKeys, forSweep: Bool) -> SurfaceChoice? {
        let model = attempt { () throws(Diagnostic) in try reader.choice("model", among: ["perceptron"]) }
        let activation = attempt { () throws(Diagnostic) -> PerceptronActivation? in
            try reader.choice("activation", among: PerceptronActivation.allCases.map(\.rawValue)).flatMap { PerceptronActivation(rawValue: $0.0) }
        }
        let loss = attempt { () throws(Diagnostic) -> PerceptronLoss? in
            try reader.choice("loss", among: PerceptronLoss.allCases.map(\.rawValue)).flatMap { PerceptronLoss(rawValue: $0.0) }
        }
        let bias = attempt { () throws(Diagnostic) -> Double? in
            guard let (x, value) = try reader.number("bias") else { return nil }
            guard x.isFinite else { throw reader.error(value.span.lowerBound, "`bias` must be a finite number, found \(reader.written(value))") }
            return x
        }
        let minimum = decodeMinimum(reader)

        let sources = reader.table.entries.filter { $0.key == "data" || $0.key == "points" }
        var loaded: (data: PerceptronData, origin: DataOrigin)?
        if sources.count == 2 {
            report(reader.error(sources[1].keySpan.lowerBound, "`\(sources[1].key)` and `\(sources[0].key)` both give the perceptron's data; keep one"))
        } else if sources.isEmpty {
            report(reader.error(reader.table["model"].map(\.span.lowerBound) ?? reader.headerOffset,
                                "model = \"perceptron\" needs its data: `data` (a CSV file) or `points`",
                                note: "for example: data = \"data/points.csv\" (lines of x1, x2, y), or points = [[1, 1, 50], [1, 3, 110]]"))
        } else if sources[0].key == "data" {
            loaded = readDataFile(reader)
        } else {
            loaded = decodePoints(reader)
        }
        if reader.table["activation"] != nil && activation == nil || reader.table["loss"] != nil && loss == nil
            || reader.table["bias"] != nil && bias == nil || model == nil {
            return nil
        }
        guard let (data, origin) = loaded else { return nil }
        let surface: PerceptronSurface
        do {
            surface = try PerceptronSurface(data: data, activation: activation ?? SurfaceKeys.defaultActivation,
                                            loss: loss ?? SurfaceKeys.defaultLoss, bias: bias ?? SurfaceKeys.defaultBias)
        } catch {
            report(dataProblem(error, from: origin, reader: reader))
            return nil
        }

        // Only linear/mse has a closed form; every other cell of the map is a pass over the data.
        let resolution = keys.resolution ?? SurfaceKeys.defaultResolution
        let work = Double(data.count) * Double(resolution) * Double(resolution)
        if !forSweep, !(surface.activation == .linear && surface.loss == .mse), work > Double(ConfigLimits.maxPerceptronWork) {
            let largest = Int((Double(ConfigLimits.maxPerceptronWork) / Double(data.count)).squareRoot())
            let fix = largest >= SurfaceKeys.resolutionRange.lowerBound
                ? "use `resolution = \(largest)` or lower"
                : "use fewer data rows: even the lowest resolution, \(SurfaceKeys.resolutionRange.lowerBound), is too much for \(ConfigLimits.grouped(data.count))"
            let site = reader.table["resolution"] ?? reader.table["data"] ?? reader.table["points"]
            report(reader.error(site?.span.lowerBound ?? reader.headerOffset,
                                "this perceptron's map costs \(ConfigLimits.grouped(data.count)) data rows × \(resolution)² grid cells = \(ConfigLimits.grouped(Int(work))) loss terms, more than the \(ConfigLimits.grouped(ConfigLimits.maxPerceptronWork)) allowed",
                                note: "each cell of the map is a pass over the data (only activation = \"linear\" with loss = \"mse\" costs one step a cell): \(fix)"))
            return nil
        }

        let marked: any LossSurface = minimum.map { GivenMinimumSurface(base: surface, minima: [$0]) } ?? surface
        var center: Weights?
        if keys.w1 == nil || keys.w2 == nil {
            center = minimum ?? surface.minima.first ?? MinimumSearch.minimum(of: surface, from: Weights(0, 0))
            if center == nil {
                report(reader.error(reader.keyOffset("model"),
                                    "found no lowest point of this perceptron's loss to centre the plot on; give `w1` and `w2`",
                                    note: "the loss may fall forever (classes that a line separates) or have several valleys"))
                return nil
            }
        }
        func axis(_ c: Double?, _ other: Double?) -> ClosedRange<Double>? {
            guard let c, let other else { return nil }
            let half = max(1, 1.5 * max(abs(c), abs(other)))
            return (c - half)...(c + half)
        }
        return SurfaceChoice(surface: marked, name: "perceptron", w1: axis(center?.x, center?.y), w2: axis(center?.y, center?.x),
                             start: Weights(0, 0), levelScale: .log)
    }

    /// `data = "file.csv"`, read relative to the config's folder.
    private mutating func readDataFile(_ reader: TableReader) -> (PerceptronData, DataOrigin)? {
        guard let (path, value) = attempt({ () throws(Diagnostic) in try reader.string("data") }) else { return nil }
        guard !path.isEmpty else {
            report(reader.error(value.span.lowerBound, "`data` must name a CSV file, e.g. \"data/points.csv\""))
            return nil
        }
        let readPath = Self.joined(dataFolder, path)
        let shownPath = Self.joined(Self.folder(of: file.name), path)
        let bytes: [UInt8]
        do {
            bytes = try SourceFile.read(path: readPath, maxBytes: ConfigLimits.maxDataFileBytes, role: .data).bytes
        } catch {
            report(reader.error(value.span.lowerBound, "cannot use the data file `\(ConfigLimits.shown(path))`: \(error.message)",
                                note: "`data` is read relative to the config's folder: \(shownPath)"))
            return nil
        }
        dataFiles.append(readPath)
        let source = SourceFile(name: shownPath, bytes: bytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            report(reader.error(value.span.lowerBound, "cannot use the data file `\(ConfigLimits.shown(path))`: it is not UTF-8 text"))
            return nil
        }
        let origin = DataOrigin.file(value: value, source: source)
        do {
            let data = try PerceptronData.parseCSV(text)
            guard data.count <= ConfigLimits.maxDataRows else {
                report(reader.error(value.span.lowerBound,
                                    "the data file `\(ConfigLimits.shown(path))` has \(ConfigLimits.grouped(data.count)) rows; a perceptron takes at most \(ConfigLimits.grouped(ConfigLimits.maxDataRows))"))
                return nil
            }
            return (data, origin)
        } catch {
            report(dataProblem(error, from: origin, reader: reader))
            return nil
        }
    }

    /// `points = [[x1, x2, y], …]`.
    private mutating func decodePoints(_ reader: TableReader) -> (PerceptronData, DataOrigin)? {
        guard let (items, value) = attempt({ () throws(Diagnostic) in
            try reader.array("points", what: "an array of points [x1, x2, y], e.g. [[1, 1, 50], [1, 3, 110]]")
        }) else { return nil }
        var points: [[Double]] = []
        var typesRight = true
        for item in items {
            guard case .array(let values) = item.kind else {
                report(reader.error(item.span.lowerBound, "`points` must hold points [x1, x2, y], found \(item.typeDescription)"))
                typesRight = false
                continue
            }
            var point: [Double] = []
            for element in values {
                guard let x = attempt({ () throws(Diagnostic) in try reader.element(element, of: "points") }) else {
                    typesRight = false
                    continue
                }
                point.append(x)
            }
            points.append(point)
        }
        guard typesRight else { return nil }
        let origin = DataOrigin.inline(value: value)
        do {
            return (try PerceptronData(points: points), origin)
        } catch {
            report(dataProblem(error, from: origin, reader: reader))
            return nil
        }
    }

    /// A problem in the data, reported in the config. For a file: at the `data` value,
    /// naming the data file, with a note `FILE:LINE:COL:` and the data line with a caret.
    /// For inline points: at the point or value to blame.
    func dataProblem(_ error: DataError, from origin: DataOrigin, reader: TableReader) -> Diagnostic {
        switch origin {
        case .file(let value, let source):
            let written = ConfigLimits.shown(String(decoding: source.name.utf8, as: UTF8.self))
            var note = "\(written):\(error.line)" + (error.column.map { ":\($0)" } ?? "")
            if let offset = error.offset {
                note += ":\n" + Diagnostic.excerpt(of: source, at: offset, indent: "    ")
            }
            let path: String = {
                if case .string(let s) = value.kind { return ConfigLimits.shown(s) }
                return written
            }()
            let line = error.column == nil ? "" : ", line \(error.line)"
            return reader.error(value.span.lowerBound, "bad data in `\(path)`\(line): \(error.message)", note: note)
        case .inline(let value):
            guard case .array(let items) = value.kind, error.line >= 1, error.line <= items.count else {
                return reader.error(value.span.lowerBound, "in `points`: \(error.message)")
            }
            var site = items[error.line - 1]
            if let column = error.column, case .array(let values) = site.kind, column >= 1, column <= values.count {
                site = values[column - 1]
            }
            return reader.error(site.span.lowerBound, "in `points`: \(error.message)")
        }
    }
}

/// A surface with its minima given by the config (`minimum = [w1, w2]`), everything else
/// the underlying surface's.
struct GivenMinimumSurface<Base: LossSurface>: LossSurface {
    let base: Base
    let minima: [Weights]

    func value(at w: Weights) -> Double { base.value(at: w) }
    func gradient(at w: Weights) -> Weights { base.gradient(at: w) }
    func hessian(at w: Weights) -> Hessian? { base.hessian(at: w) }
}
