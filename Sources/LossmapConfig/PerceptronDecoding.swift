import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// `model = "perceptron"` with `data` or `points`, `activation`, `loss`, `bias` and an
    /// optional `minimum`: a plain `PerceptronSpec`. A data file is named, not read: the
    /// scene's resolving step loads it (and reports a missing or bad file at the `data`
    /// value), builds the surface and, without `w1`/`w2`, centres the plot on its minimum.
    mutating func decodePerceptron(_ reader: TableReader) -> SurfaceChoice? {
        let model = attempt { () throws(Diagnostic) in try reader.choice("model", among: ["perceptron", "mlp"]) }
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
        let chosenLoss = loss ?? SurfaceKeys.defaultLoss
        let data = decodeData(reader, loss: chosenLoss)
        if reader.table["activation"] != nil && activation == nil || reader.table["loss"] != nil && loss == nil
            || reader.table["bias"] != nil && bias == nil || model == nil {
            return nil
        }
        guard let data else { return nil }
        let spec = PerceptronSpec(data: data, activation: activation ?? SurfaceKeys.defaultActivation, loss: chosenLoss,
                                  bias: bias ?? SurfaceKeys.defaultBias, minimum: minimum,
                                  site: SpecSite(file: file, offset: reader.keyOffset("model")),
                                  costSite: SpecSite(file: file, offset: (reader.table["resolution"] ?? reader.table["data"] ?? reader.table["points"])?.span.lowerBound ?? reader.headerOffset))
        return SurfaceChoice(source: .perceptron(spec), name: "perceptron", w1: nil, w2: nil, start: Weights(0, 0), levelScale: .log)
    }

    /// `data` or `points`, exactly one of them.
    private mutating func decodeData(_ reader: TableReader, loss: PerceptronLoss) -> PerceptronSpec.Data? {
        let sources = reader.table.entries.filter { $0.key == "data" || $0.key == "points" }
        if sources.count == 2 {
            report(reader.error(sources[1].keySpan.lowerBound, "`\(sources[1].key)` and `\(sources[0].key)` both give the perceptron's data; keep one"))
            return nil
        }
        guard let source = sources.first else {
            report(reader.error(reader.table["model"].map(\.span.lowerBound) ?? reader.headerOffset,
                                "model = \"perceptron\" needs its data: `data` (a CSV file) or `points`",
                                note: "for example: data = \"data/points.csv\" (lines of x1, x2, y), or points = [[1, 1, 50], [1, 3, 110]]"))
            return nil
        }
        return source.key == "data" ? dataFile(reader) : decodePoints(reader, loss: loss)
    }

    /// `data = "file.csv"`: a data file the figure depends on, read later.
    private mutating func dataFile(_ reader: TableReader) -> PerceptronSpec.Data? {
        dataFileReference(reader, key: "data", example: "\"data/points.csv\"").map { .file($0) }
    }

    /// `points = [[x1, x2, y], …]`, checked here (shape, and targets against the loss), since
    /// every number's place in the config is known.
    private mutating func decodePoints(_ reader: TableReader, loss: PerceptronLoss) -> PerceptronSpec.Data? {
        guard let (items, value) = attempt({ () throws(Diagnostic) in
            try reader.array("points", what: "an array of points [x1, x2, y], e.g. [[1, 1, 50], [1, 3, 110]]")
        }) else { return nil }
        var points: [[Double]] = []
        var valueOffsets: [[Int]] = []
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
            valueOffsets.append(values.map(\.span.lowerBound))
        }
        guard typesRight else { return nil }
        let sites = InlinePoints(site: SpecSite(file: file, offset: value.span.lowerBound),
                                 pointOffsets: items.map(\.span.lowerBound), valueOffsets: valueOffsets)
        do {
            let data = try PerceptronData(points: points)
            try data.validateTargets(for: loss)
            return .points(data, sites)
        } catch {
            let site = sites.site(line: error.line, column: error.column)
            report(Diagnostic(file: file, offset: site.offset, message: "in `points`: \(error.message)"))
            return nil
        }
    }
}
