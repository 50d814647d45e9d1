import Foundation
import LossmapCanvas
import LossmapCore

/// One cell of the mesh: column i spans xs[i]...xs[i+1], row j spans ys[j]...ys[j+1].
public struct SurfaceCell: Sendable, Hashable {
    public var column: Int
    public var row: Int
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}

/// A flat piece of the mountain, ready to fill.
public struct SurfaceFace: Sendable, Equatable {
    /// Which part of its cell: the whole quad when its corners lie on one plane (within a
    /// quarter of a pixel), else one of the two triangles either side of the diagonal from
    /// (xs[i], ys[j]) to (xs[i+1], ys[j+1]): a bent quad drawn whole would be no surface at all.
    public enum Part: Sendable, Equatable {
        case whole
        /// Corners (i, j), (i+1, j), (i+1, j+1): below the diagonal in (w1, w2).
        case lowerTriangle
        /// Corners (i, j), (i+1, j+1), (i, j+1).
        case upperTriangle
    }
    public var cell: SurfaceCell
    public var part: Part
    /// The face on the canvas, one point per corner.
    public var polygon: [CanvasPoint]
    /// Its corners in data coordinates (w1, w2, z), counter-clockwise seen from above, cut at
    /// the height limit if there is one.
    public var corners: [SIMD3<Double>]
    /// The mean z of the corners, for the colormap.
    public var value: Double
    /// Brightness to multiply the face's colour by: 0.55 + 0.45 · max(0, n · l) (Lambert, with
    /// the upward normal n and `SurfaceProjection.lightDirection` l), so no face goes black.
    public var shade: Double
    /// The viewer sees the face from below: a slope falling away more steeply than the line of
    /// sight, visible only through the box's open sides, a hole or the cut. Unlit (n · l < 0
    /// mostly), and the paths on its top side are hidden by it.
    public var isUnderside: Bool
}

/// A piece of a run's path draped on one face, lifted `SurfaceGeometry.lift` above it.
public struct SurfacePathSegment: Sendable, Equatable {
    /// Index of the run in the `paths` given to `build`.
    public var run: Int
    /// The piece lies on the run's step from point `step` to point `step + 1`.
    public var step: Int
    public var cell: SurfaceCell
    public var from: CanvasPoint
    public var to: CanvasPoint
    /// The ends in data coordinates, lift included.
    public var start: SIMD3<Double>
    public var end: SIMD3<Double>
}

/// Where the height limit cut a face: a piece of the cut's line, at z = zMax.
public struct SurfaceCutEdge: Sendable, Equatable {
    public var cell: SurfaceCell
    public var from: CanvasPoint
    public var to: CanvasPoint
    public var start: SIMD3<Double>
    public var end: SIMD3<Double>
}

/// What to draw, one at a time, in `SurfaceGeometry.items`' order.
public enum SurfaceItem: Sendable, Equatable {
    case face(SurfaceFace)
    /// The cut's line across the face just drawn.
    case cut(SurfaceCutEdge)
    case segment(SurfacePathSegment)
}

/// The first point where a run rises above the height limit: its path ends there on the
/// mountain, as a diverging run's ends at the map's frame.
public struct SurfacePathExit: Sendable, Equatable {
    /// Between the run's points `step` and `step + 1`.
    public var step: Int
    /// In data coordinates, on the cut (z = zMax).
    public var position: SIMD3<Double>
    public var point: CanvasPoint
}

/// A marker's place on the mountain (start ring, minimum, the walker's ball).
public struct SurfaceMark: Sendable, Equatable {
    /// On the drawn surface, lift included, in data coordinates.
    public var position: SIMD3<Double>
    public var point: CanvasPoint
    /// Whether a face nearer the viewer covers the marker's centre: markers are drawn after the
    /// surface (a symbol is not a 3-D object, and the next face would clip its lower half), so
    /// the caller leaves hidden ones out or dims them.
    public var isHidden: Bool
}

/// The mountain's 3-D view as data: its faces back to front, with every path draped on the
/// faces it crosses and drawn right after each (right before one seen from below), so that what
/// passes behind a ridge is hidden by the ridge's faces drawn later.
public struct SurfaceGeometry: Sendable, Equatable {
    /// Faces, cut lines and path pieces in painter's order, back to front: drawn in this order,
    /// each over the ones before, the nearest surface shows at every point.
    public var items: [SurfaceItem]
    /// By run: where it first rises above the height limit.
    public var cutExits: [Int: SurfacePathExit]
    /// By marker given to `build`: its place, or nil off the mesh, over an undefined cell or
    /// above the cut.
    public var marks: [SurfaceMark?]
    /// How far paths are lifted above the faces, in z: `liftFraction` of the z range, enough for
    /// the path to lie in front of its face (no z-fighting in any depth test) and far less than a
    /// line's width on the canvas.
    public var lift: Double

    public static let liftFraction = 0.002
    /// A quad is drawn whole when its two triangulations differ by at most this many pixels.
    public static let planarTolerance = 0.25

    /// The cut's line, face by face, in painter's order.
    public var cutEdges: [SurfaceCutEdge] {
        items.compactMap { if case .cut(let edge) = $0 { edge } else { nil } }
    }

    /// Builds the view of a height field.
    /// - Parameters:
    ///   - xs, ys: the mesh's w1 and w2, increasing.
    ///   - zs: row-major heights, zs[j * xs.count + i] at (xs[i], ys[j]), already transformed
    ///     (log10 of the loss for a log scale); NaN or ±inf is undefined, and every cell touching
    ///     it is left out.
    ///   - paths: per run its points (w1, w2). Heights are read off the mesh as drawn, not off
    ///     the loss: on a coarse mesh the faces are chords, and a path at its true loss would
    ///     sink under them in a valley and float over them on a ridge.
    ///   - marks: points to place on the surface (`marks` of the result, same order).
    ///   - zMax: the height limit, in transformed z; faces are cut there, paths end there.
    public static func build(xs: [Double], ys: [Double], zs: [Double], paths: [[Weights]], marks: [Weights] = [],
                             zMax: Double?, projection: SurfaceProjection) -> SurfaceGeometry {
        let zSpan = projection.z.upperBound - projection.z.lowerBound
        let lift = liftFraction * (zSpan > 0 && zSpan.isFinite ? zSpan : 1)
        var geometry = SurfaceGeometry(items: [], cutExits: [:], marks: Array(repeating: nil, count: marks.count), lift: lift)
        guard xs.count >= 2, ys.count >= 2, zs.count == xs.count * ys.count else { return geometry }
        let mesh = SurfaceMesh(xs: xs, ys: ys, zs: zs, projection: projection)

        // Faces, per cell in the order of their parts, cut at the height limit.
        var faces: [[(face: SurfaceFace, cuts: [SurfaceCutEdge])]] = Array(repeating: [], count: mesh.cellCount)
        for index in 0..<mesh.cellCount where mesh.kinds[index] != .undefined {
            for part in mesh.parts(of: index) {
                if let face = mesh.face(index, part, zMax: zMax) { faces[index].append(face) }
            }
        }

        // Path pieces, per face.
        var pieces: [FaceKey: [SurfacePathSegment]] = [:]
        for (run, points) in paths.enumerated() {
            var exit: SurfacePathExit?
            for step in 0..<max(points.count - 1, 0) {
                for piece in mesh.pieces(from: points[step], to: points[step + 1]) {
                    var a = piece.start, b = piece.end
                    if let zMax {
                        if a.z > zMax || b.z > zMax, exit == nil {
                            // Where the drape crosses the cut, or the piece's start if it is above already.
                            let t = a.z > zMax ? 0 : (zMax - a.z) / (b.z - a.z)
                            var crossing = a + t * (b - a)
                            crossing.z = zMax
                            exit = SurfacePathExit(step: step, position: crossing, point: projection.project(crossing).point)
                        }
                        if a.z > zMax && b.z > zMax { continue }
                        // The drape is straight on a face, so the part below the cut is one piece.
                        if a.z > zMax { a = a + (zMax - a.z) / (b.z - a.z) * (b - a); a.z = zMax }
                        if b.z > zMax { b = a + (zMax - a.z) / (b.z - a.z) * (b - a); b.z = zMax }
                    }
                    a.z += lift
                    b.z += lift
                    pieces[piece.key, default: []].append(SurfacePathSegment(
                        run: run, step: step, cell: mesh.cell(piece.key.cell), from: projection.project(a).point,
                        to: projection.project(b).point, start: a, end: b))
                }
            }
            if let exit { geometry.cutExits[run] = exit }
        }

        // Painter's order. In an orthographic view every line of sight, seen from above, runs over
        // the ground plane along one straight line, away from the viewer; a height field has one
        // point over each ground point, so whatever the line meets first (nearer) lies over a
        // nearer point of that line, whatever the heights. Two cells it meets in turn are in grid
        // order along it (columns and rows never go back), so the farther one has the farther
        // footprint centre: sorting the cells by the depth of their footprint centres draws the far
        // before the near. This is the property of projected grid surfaces that Anderson's
        // hidden-line method rests on ("Hidden line elimination in projected grid surfaces", ACM
        // TOG 1(4), 1982). Inside a cell the same holds for its two triangles across the diagonal
        // (`SurfaceMesh.parts`), and for a path piece against its own face (above it: after it).
        var order: [(index: Int, depth: Double)] = []
        for index in 0..<mesh.cellCount where mesh.kinds[index] != .undefined {
            order.append((index, mesh.centreDepth(index)))
        }
        order.sort { (a: (index: Int, depth: Double), b: (index: Int, depth: Double)) -> Bool in
            a.depth != b.depth ? a.depth > b.depth : a.index < b.index
        }
        var faceItems: [FaceKey: Int] = [:]
        for (index, _) in order {
            for (face, cuts) in faces[index] {
                // A path lies on the face's top side: in front of it, drawn after it, unless the
                // face is seen from below, when it is behind it, drawn before it.
                let key = FaceKey(cell: index, part: face.part)
                let onTop = (pieces[key] ?? []).map(SurfaceItem.segment)
                if face.isUnderside { geometry.items += onTop }
                faceItems[key] = geometry.items.count
                geometry.items.append(.face(face))
                geometry.items += cuts.map(SurfaceItem.cut)
                if !face.isUnderside { geometry.items += onTop }
            }
        }

        // Markers: placed like a path's point, hidden if a later (nearer) face covers them.
        for (k, w) in marks.enumerated() {
            guard let (key, height) = mesh.locate(w), zMax.map({ height <= $0 }) ?? true,
                  let itemIndex = faceItems[key] else { continue }
            let position = SIMD3(w.x, w.y, height + lift)
            let point = projection.project(position).point
            guard case .face(let own) = geometry.items[itemIndex] else { continue }
            let hidden = own.isUnderside || geometry.items[(itemIndex + 1)...].contains {
                if case .face(let face) = $0 { polygon(face.polygon, contains: point) } else { false }
            }
            geometry.marks[k] = SurfaceMark(position: position, point: point, isHidden: hidden)
        }
        return geometry
    }

    /// Even-odd point-in-polygon test (the crossing-number rule).
    static func polygon(_ polygon: [CanvasPoint], contains p: CanvasPoint) -> Bool {
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], b = polygon[j]
            if (a.y > p.y) != (b.y > p.y), p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) { inside.toggle() }
            j = i
        }
        return inside
    }
}

/// A face of the mesh: its cell's index and its part.
struct FaceKey: Hashable {
    var cell: Int
    var part: SurfaceFace.Part
}

/// The height field as drawn: which cells are defined, which are split into triangles, and
/// the piecewise planar (or near-planar, for whole quads) surface over them.
struct SurfaceMesh {
    enum Kind: Equatable { case undefined, whole, triangles }

    let xs: [Double], ys: [Double], zs: [Double]
    let projection: SurfaceProjection
    let columns: Int, rows: Int
    /// Per cell (index row * columns + column).
    let kinds: [Kind]
    var cellCount: Int { columns * rows }

    init(xs: [Double], ys: [Double], zs: [Double], projection: SurfaceProjection) {
        self.xs = xs
        self.ys = ys
        self.zs = zs
        self.projection = projection
        columns = xs.count - 1
        rows = ys.count - 1
        let nx = xs.count, tolerance = SurfaceGeometry.planarTolerance / projection.pixelsPerZ
        var kinds = [Kind](repeating: .undefined, count: columns * rows)
        for j in 0..<rows {
            for i in 0..<columns {
                let z00 = zs[j * nx + i], z10 = zs[j * nx + i + 1], z01 = zs[(j + 1) * nx + i], z11 = zs[(j + 1) * nx + i + 1]
                guard z00.isFinite, z10.isFinite, z01.isFinite, z11.isFinite else { continue }
                // The two triangulations differ at the centre by the gap between the diagonals'
                // midpoints: zero exactly when the corners are coplanar.
                let twist = abs((z00 + z11) - (z10 + z01)) / 2
                kinds[j * columns + i] = twist <= tolerance ? .whole : .triangles
            }
        }
        self.kinds = kinds
    }

    func cell(_ index: Int) -> SurfaceCell { SurfaceCell(column: index % columns, row: index / columns) }

    func corner(_ i: Int, _ j: Int) -> SIMD3<Double> { SIMD3(xs[i], ys[j], zs[j * xs.count + i]) }

    func centreDepth(_ index: Int) -> Double {
        let i = index % columns, j = index / columns
        return projection.groundDepth(w1: (xs[i] + xs[i + 1]) / 2, w2: (ys[j] + ys[j + 1]) / 2)
    }

    /// The cell's faces, far before near. A line of sight crossing the diagonal goes from one
    /// triangle's footprint into the other's; it meets the one it leaves first, which is nearer.
    /// The side is read from the diagonal's normal in the normalised box (where the view
    /// direction lives): not from the triangles' centroids, whose order differs in long cells.
    func parts(of index: Int) -> [SurfaceFace.Part] {
        guard kinds[index] == .triangles else { return [.whole] }
        let i = index % columns, j = index / columns
        let stretch = projection.stretch, view = projection.viewDirection
        let diagonal = SIMD2(stretch.x * (xs[i + 1] - xs[i]), stretch.y * (ys[j + 1] - ys[j]))
        let towardUpper = SIMD2(-diagonal.y, diagonal.x)
        return view.x * towardUpper.x + view.y * towardUpper.y > 0 ? [.upperTriangle, .lowerTriangle] : [.lowerTriangle, .upperTriangle]
    }

    /// The face's corners, counter-clockwise seen from above.
    func corners(_ index: Int, _ part: SurfaceFace.Part) -> [SIMD3<Double>] {
        let i = index % columns, j = index / columns
        switch part {
        case .whole: return [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)]
        case .lowerTriangle: return [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1)]
        case .upperTriangle: return [corner(i, j), corner(i + 1, j + 1), corner(i, j + 1)]
        }
    }

    /// The face cut at the height limit, with its cut lines; nil when nothing is left below.
    func face(_ index: Int, _ part: SurfaceFace.Part, zMax: Double?) -> (face: SurfaceFace, cuts: [SurfaceCutEdge])? {
        let full = corners(index, part)
        var kept = full, cutPairs: [(SIMD3<Double>, SIMD3<Double>)] = []
        if let zMax {
            (kept, cutPairs) = Self.clip(full, below: zMax)
            guard kept.count >= 3 else { return nil }
        }
        // Upward normal in the normalised box (as shown); a quad's from its diagonals.
        let n = full.map(projection.normalized)
        let normal = full.count == 4 ? Self.cross(n[2] - n[0], n[3] - n[1]) : Self.cross(n[1] - n[0], n[2] - n[0])
        let length = (normal * normal).sum().squareRoot()
        let lambert = length > 0 ? max(0, (normal * projection.lightDirection).sum() / length) : 0
        let c = cell(index)
        let face = SurfaceFace(cell: c, part: part, polygon: kept.map { projection.project($0).point }, corners: kept,
                               value: kept.reduce(0) { $0 + $1.z } / Double(kept.count), shade: 0.55 + 0.45 * lambert,
                               isUnderside: (normal * projection.viewDirection).sum() > 0)
        // Where the cut grazes a node, rounding leaves edges a few ulps long: nothing to draw.
        let cuts = cutPairs.map { SurfaceCutEdge(cell: c, from: projection.project($0.0).point, to: projection.project($0.1).point,
                                                 start: $0.0, end: $0.1) }
            .filter { hypot($0.to.x - $0.from.x, $0.to.y - $0.from.y) > 1e-9 }
        return (face, cuts)
    }

    /// Sutherland & Hodgman's reentrant polygon clipping ("Reentrant polygon clipping", CACM
    /// 1974) against the one plane z = zMax, keeping z ≤ zMax. The edges it adds, from where the
    /// outline leaves the kept side to where it comes back, are the cut's line.
    static func clip(_ polygon: [SIMD3<Double>], below zMax: Double) -> ([SIMD3<Double>], [(SIMD3<Double>, SIMD3<Double>)]) {
        var kept: [SIMD3<Double>] = []
        var events: [(leaving: Bool, point: SIMD3<Double>)] = []
        func add(_ p: SIMD3<Double>) { if kept.last != p { kept.append(p) } }
        for k in polygon.indices {
            let a = polygon[k], b = polygon[(k + 1) % polygon.count]
            let aIn = a.z <= zMax, bIn = b.z <= zMax
            if aIn { add(a) }
            if aIn != bIn {
                var p = a + (zMax - a.z) / (b.z - a.z) * (b - a)
                p.z = zMax
                add(p)
                events.append((leaving: aIn, point: p))
            }
        }
        if kept.count > 1, kept.first == kept.last { kept.removeLast() }
        var cuts: [(SIMD3<Double>, SIMD3<Double>)] = []
        for (k, event) in events.enumerated() where event.leaving {
            let next = events[(k + 1) % events.count]
            if !next.leaving, next.point != event.point { cuts.append((event.point, next.point)) }
        }
        return (kept, cuts)
    }

    static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }

    /// The face under (w1, w2) and the height of the drawn surface there; nil off the mesh or
    /// over an undefined cell.
    func locate(_ w: Weights) -> (FaceKey, Double)? {
        guard w.x >= xs[0], w.x <= xs[columns], w.y >= ys[0], w.y <= ys[rows],
              let i = Self.interval(xs, w.x), let j = Self.interval(ys, w.y) else { return nil }
        let index = j * columns + i
        guard kinds[index] != .undefined else { return nil }
        let part = self.part(index, at: w)
        return (FaceKey(cell: index, part: part), height(index, part, at: w))
    }

    func part(_ index: Int, at w: Weights) -> SurfaceFace.Part {
        guard kinds[index] == .triangles else { return .whole }
        let (fx, fy) = fractions(index, w)
        return fx >= fy ? .lowerTriangle : .upperTriangle
    }

    func fractions(_ index: Int, _ w: Weights) -> (Double, Double) {
        let i = index % columns, j = index / columns
        return ((w.x - xs[i]) / (xs[i + 1] - xs[i]), (w.y - ys[j]) / (ys[j + 1] - ys[j]))
    }

    /// Height of the face at (w1, w2): the triangle's plane, or the quad's bilinear patch (within
    /// `planarTolerance` of its plane, and continuous with its neighbours along shared edges).
    func height(_ index: Int, _ part: SurfaceFace.Part, at w: Weights) -> Double {
        let i = index % columns, j = index / columns, nx = xs.count
        let z00 = zs[j * nx + i], z10 = zs[j * nx + i + 1], z01 = zs[(j + 1) * nx + i], z11 = zs[(j + 1) * nx + i + 1]
        let (fx, fy) = fractions(index, w)
        switch part {
        case .whole: return z00 * (1 - fx) * (1 - fy) + z10 * fx * (1 - fy) + z01 * (1 - fx) * fy + z11 * fx * fy
        case .lowerTriangle: return z00 + fx * (z10 - z00) + fy * (z11 - z10)
        case .upperTriangle: return z00 + fy * (z01 - z00) + fx * (z11 - z01)
        }
    }

    /// The index i with values[i] ≤ v < values[i + 1], the last interval for v at the end.
    static func interval(_ values: [Double], _ v: Double) -> Int? {
        guard v >= values[0], v <= values[values.count - 1] else { return nil }
        var lo = 0, hi = values.count - 1   // values[lo] ≤ v, and v < values[hi] or hi is the end
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if values[mid] <= v { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The step from a to b cut into pieces that each lie on one face: clipped to the mesh's
    /// rectangle (Liang–Barsky), split where it crosses a grid line or a cell's diagonal, pieces
    /// over undefined cells dropped. Heights are the drawn surface's, not yet lifted.
    func pieces(from a: Weights, to b: Weights) -> [(key: FaceKey, start: SIMD3<Double>, end: SIMD3<Double>)] {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite, a != b,
              let (t0, t1) = Self.clip(a, b, x: xs[0]...xs[columns], y: ys[0]...ys[rows]) else { return [] }
        let d = b - a
        var ts = [t0, t1]
        func crossings(_ lines: ArraySlice<Double>, _ from: Double, _ delta: Double) {
            guard delta != 0 else { return }
            for line in lines {
                let t = (line - from) / delta
                if t > t0 && t < t1 { ts.append(t) }
            }
        }
        crossings(Self.between(xs, a.x, b.x), a.x, d.x)
        crossings(Self.between(ys, a.y, b.y), a.y, d.y)
        ts.sort()
        var result: [(key: FaceKey, start: SIMD3<Double>, end: SIMD3<Double>)] = []
        // Rounding can put a + t d a hair outside the mesh (a step from 1e150 away): clamp.
        let lower = SIMD2(xs[0], ys[0]), upper = SIMD2(xs[columns], ys[rows])
        func at(_ t: Double) -> Weights { (a + t * d).clamped(lowerBound: lower, upperBound: upper) }
        for (ta, tb) in zip(ts, ts.dropFirst()) where tb > ta {
            let mid = at((ta + tb) / 2)
            guard let i = Self.interval(xs, mid.x), let j = Self.interval(ys, mid.y) else { continue }
            let index = j * columns + i
            guard kinds[index] != .undefined else { continue }
            var spans = [(ta, tb)]
            if kinds[index] == .triangles {
                // s = fx − fy is linear along the step; it changes sign on the diagonal.
                let (fa, ga) = fractions(index, at(ta)), (fb, gb) = fractions(index, at(tb))
                let sa = fa - ga, sb = fb - gb
                if (sa > 0 && sb < 0) || (sa < 0 && sb > 0) {
                    let tm = ta + (tb - ta) * sa / (sa - sb)
                    spans = [(ta, tm), (tm, tb)]
                }
            }
            for (sa, sb) in spans where sb > sa {
                let p = at(sa), q = at(sb)
                let part = self.part(index, at: at((sa + sb) / 2))
                result.append((FaceKey(cell: index, part: part),
                               SIMD3(p.x, p.y, height(index, part, at: p)), SIMD3(q.x, q.y, height(index, part, at: q))))
            }
        }
        return result
    }

    /// The grid lines strictly between two values (either order), found by bisection so that a
    /// diverging run's long step costs no more than the lines it crosses.
    static func between(_ values: [Double], _ u: Double, _ v: Double) -> ArraySlice<Double> {
        let lo = min(u, v), hi = max(u, v)
        let first = values.partitioningIndex { $0 > lo }
        let end = values.partitioningIndex { $0 >= hi }
        return first < end ? values[first..<end] : []
    }

    /// Liang & Barsky's parametric clipping ("A new concept and method for line clipping", ACM
    /// TOG 1984) of a + t (b − a), t in [0, 1], to a rectangle: the t range inside, or nil.
    static func clip(_ a: Weights, _ b: Weights, x: ClosedRange<Double>, y: ClosedRange<Double>) -> (Double, Double)? {
        let d = b - a
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-d.x, a.x - x.lowerBound), (d.x, x.upperBound - a.x), (-d.y, a.y - y.lowerBound), (d.y, y.upperBound - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else if p < 0 {
                t0 = max(t0, q / p)
            } else {
                t1 = min(t1, q / p)
            }
        }
        return t0 < t1 ? (t0, t1) : nil
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate false then true.
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
