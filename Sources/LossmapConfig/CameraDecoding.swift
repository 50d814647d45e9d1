import LossmapCore
import LossmapSpec

extension ConfigDecoder {
    /// `view` and the [camera] table. A [camera] table needs a view with the surface in it;
    /// the surface is drawn for a map figure only, one map per figure (no grid layout).
    mutating func decodeView(_ document: TOMLTable, _ top: TableReader, isMap: Bool, layout: MapLayout)
        -> (view: FigureView, camera: CameraSpec) {
        var view = FigureView.map
        if let (name, value) = attempt({ () throws(Diagnostic) in try top.choice("view", among: FigureView.allCases.map(\.rawValue)) }),
           let chosen = FigureView(rawValue: name) {
            if chosen.showsSurface, !isMap {
                report(top.error(value.span.lowerBound, "view = \"\(name)\" draws a map's surface; a \(kindNoun) has none",
                                 note: "remove `view`, or draw a map (kind = \"map\")"))
            } else if chosen.showsSurface, layout == .grid {
                report(top.error(value.span.lowerBound, "view = \"\(name)\" draws one surface with every run on it; layout = \"grid\" draws a map per run",
                                 note: "use layout = \"overlay\" with view = \"\(name)\", or view = \"map\" with the grid"))
            } else {
                view = chosen
            }
        }
        var camera = CameraSpec()
        guard let value = document["camera"] else { return (view, camera) }
        guard let reader = attempt({ () throws(Diagnostic) in try Self.table(value, key: "camera", of: CameraKeys.table, in: top) }) else {
            return (view, camera)
        }
        report(reader.unknownKeys())
        camera.site = SpecSite(file: file, offset: value.span.lowerBound)
        camera.azimuth = attempt { () throws(Diagnostic) in try reader.number("azimuth", in: CameraKeys.azimuthRange, unit: "degrees") } ?? camera.azimuth
        camera.elevation = attempt { () throws(Diagnostic) in try reader.number("elevation", in: CameraKeys.elevationRange, unit: "degrees") }
            ?? camera.elevation
        if let (name, _) = attempt({ () throws(Diagnostic) in try reader.choice("z_scale", among: CameraKeys.heightScaleNames) }) {
            camera.heightScale = CameraSpec.HeightScale(rawValue: name)
        }
        camera.cut = attempt { () throws(Diagnostic) -> Double? in
            guard let (x, value) = try reader.number("z_max") else { return nil }
            guard x.isFinite else { throw reader.error(value.span.lowerBound, "`z_max` must be a finite loss, found \(reader.written(value))") }
            return x
        } ?? camera.cut
        if camera.cut != nil, let value = reader.table["z_max"] {
            camera.cutSite = SpecSite(file: file, offset: value.span.lowerBound)
        }
        camera.resolution = attempt { () throws(Diagnostic) in try reader.integer("resolution", in: CameraKeys.resolutionRange) }
            ?? camera.resolution
        camera.orbit = attempt { () throws(Diagnostic) in try reader.number("orbit", in: CameraKeys.orbitRange, unit: "degrees") } ?? camera.orbit
        camera.isolines = attempt { () throws(Diagnostic) in try reader.boolean("isolines")?.0 } ?? camera.isolines
        if let lines = reader.table["mesh_lines"] {
            switch lines.kind {
            case .boolean(false): camera.meshLines = nil
            case .integer:
                if let k = attempt({ () throws(Diagnostic) in try reader.integer("mesh_lines", in: CameraKeys.meshLinesRange) }) {
                    camera.meshLines = k
                }
            default:
                report(reader.error(lines.span.lowerBound, "`mesh_lines` must be a number of cells between mesh lines, or false for none, found \(reader.written(lines))"))
            }
        }
        // Said only when the view written (or left out) is the map: a surface view refused
        // above has its own error already.
        var written = "map"
        if let value = document["view"], case .string(let text) = value.kind { written = text }
        if !view.showsSurface, written == "map" {
            report(reader.error(value.span.lowerBound, "[camera] applies to the 3-D surface; this figure shows the map only",
                                note: "add view = \"surface\" (the mountain) or view = \"both\" (map and mountain side by side) at the top level"))
        }
        return (view, camera)
    }
}
