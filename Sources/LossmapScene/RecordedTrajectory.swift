import LossmapCore
import LossmapSpec

/// A recorded run's path as a trajectory: its points as recorded, its losses as recorded or
/// read off the surface, no gradients (nothing is stepped from them: arrows and callouts are
/// for walked runs), and the outcome "recorded".
enum RecordedTrajectory {
    static func trajectory(_ source: RecordedSource, on surface: any LossSurface) throws(DiagnosticList) -> Trajectory {
        let path: RecordedPath
        switch source {
        case .given(let given):
            path = given
        case .file(let file):
            let bytes = try DataFileLoading.bytes(of: file, key: "path")
            do {
                // A path of n steps has n + 1 points, as a walked run's.
                path = try RecordedPath.parseCSV(utf8: bytes, maxRows: ConfigLimits.maxStepsPerRun + 1)
            } catch {
                throw DiagnosticList(DataFileLoading.problem(error, in: file, bytes: bytes))
            }
            // Reading a loss off a surface over data is a pass over the data a point.
            if path.losses == nil, let data = surface as? any PointwiseLoss,
               Double(path.points.count) * Double(data.pointCount) > Double(ConfigLimits.maxPerceptronDescentWork) {
                throw DiagnosticList(file.site.error(
                    "reading the loss of this path's \(ConfigLimits.grouped(path.points.count)) points off a surface of \(ConfigLimits.grouped(data.pointCount)) data points costs more than the \(ConfigLimits.grouped(ConfigLimits.maxPerceptronDescentWork)) row visits allowed",
                    note: "give the loss as a third column (w1, w2, loss), or record fewer points"))
            }
        }
        let losses = path.losses ?? path.points.map { surface.value(at: $0) }
        return Trajectory(points: path.points, losses: losses, outcome: .recorded)
    }
}
