import Foundation
import Testing
import LossmapCanvas
import LossmapCore
@testable import LossmapRender

/// A small height field on a mesh, with what the tests need to know about it.
private struct TestMesh {
    var xs: [Double]
    var ys: [Double]
    var zs: [Double]

    init(xs: [Double], ys: [Double], holes: [(Int, Int)] = [], _ f: (Double, Double) -> Double) {
        self.xs = xs
        self.ys = ys
        zs = ys.flatMap { y in xs.map { x in f(x, y) } }
        for (i, j) in holes { zs[j * xs.count + i] = .nan }
    }

    var zRange: ClosedRange<Double> {
        let finite = zs.filter(\.isFinite)
        return finite.min()!...finite.max()!
    }

    /// The cells touching an undefined node.
    var undefinedCells: Set<SurfaceCell> {
        var cells: Set<SurfaceCell> = []
        for j in ys.indices {
            for i in xs.indices where !zs[j * xs.count + i].isFinite {
                for (c, r) in [(i - 1, j - 1), (i, j - 1), (i - 1, j), (i, j)]
                where c >= 0 && r >= 0 && c < xs.count - 1 && r < ys.count - 1 {
                    cells.insert(SurfaceCell(column: c, row: r))
                }
            }
        }
        return cells
    }

    func cell(at x: Double, _ y: Double) -> SurfaceCell {
        SurfaceCell(column: xs.lastIndex { $0 <= x }!.clamped(to: 0...(xs.count - 2)),
                    row: ys.lastIndex { $0 <= y }!.clamped(to: 0...(ys.count - 2)))
    }

    func projection(_ camera: SurfaceCamera, rect: CanvasRect = CanvasRect(x: 0, y: 0, width: 200, height: 150)) -> SurfaceProjection {
        SurfaceProjection(w1: xs.first!...xs.last!, w2: ys.first!...ys.last!, z: zRange, camera: camera, rect: rect)
    }
}

private extension Int {
    func clamped(to range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

private func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
}

// MARK: An independent brute-force z-buffer

/// Crossing-number point-in-polygon, written again here so the tests do not lean on the code
/// under test.
private func inside(_ polygon: [CanvasPoint], _ p: CanvasPoint) -> Bool {
    var result = false
    for k in polygon.indices {
        let a = polygon[k], b = polygon[(k + 1) % polygon.count]
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) { result.toggle() }
    }
    return result
}

private func distance(_ p: CanvasPoint, _ a: CanvasPoint, _ b: CanvasPoint) -> Double {
    let dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy
    let t = l2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0), 1) : 0
    return hypot(p.x - a.x - t * dx, p.y - a.y - t * dy)
}

private func nearEdge(_ polygon: [CanvasPoint], _ p: CanvasPoint, within d: Double) -> Bool {
    polygon.indices.contains { distance(p, polygon[$0], polygon[($0 + 1) % polygon.count]) < d }
}

/// A face seen on the canvas: its polygon, and its depth at any canvas point from the plane
/// through its projected corners (Newell's normal, in (x, y, depth) space).
private struct CanvasFace {
    let item: Int
    let face: SurfaceFace
    let polygon: [CanvasPoint]
    let minX: Double, maxX: Double, minY: Double, maxY: Double
    let centre: SIMD3<Double>
    let normal: SIMD3<Double>

    init(item: Int, face: SurfaceFace, projection: SurfaceProjection) {
        self.item = item
        self.face = face
        polygon = face.polygon
        minX = polygon.map(\.x).min()!; maxX = polygon.map(\.x).max()!
        minY = polygon.map(\.y).min()!; maxY = polygon.map(\.y).max()!
        let points = face.corners.map { c -> SIMD3<Double> in
            let (p, d) = projection.project(c)
            return SIMD3(p.x, p.y, d)
        }
        var n = SIMD3<Double>(0, 0, 0)
        for k in points.indices {
            let a = points[k], b = points[(k + 1) % points.count]
            n += SIMD3((a.y - b.y) * (a.z + b.z), (a.z - b.z) * (a.x + b.x), (a.x - b.x) * (a.y + b.y))
        }
        normal = n
        centre = points.reduce(SIMD3(0, 0, 0), +) / Double(points.count)
    }

    /// Nil for a face seen edge on.
    func depth(at p: CanvasPoint) -> Double? {
        guard abs(normal.z) > 1e-9 * (normal * normal).sum().squareRoot() else { return nil }
        return centre.z - (normal.x * (p.x - centre.x) + normal.y * (p.y - centre.y)) / normal.z
    }

    func isNearEdge(_ p: CanvasPoint) -> Bool {
        p.x >= minX - 1 && p.x <= maxX + 1 && p.y >= minY - 1 && p.y <= maxY + 1 && nearEdge(polygon, p, within: 1)
    }

    func covers(_ p: CanvasPoint) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY && inside(polygon, p)
    }
}

private struct DepthComparison {
    var comparedPixels = 0
    /// Pixels where two faces or more overlap (a fold of the surface): where order matters.
    var overlappedPixels = 0
    var pixelMismatches = 0
    var comparedSamples = 0
    var hiddenSamples = 0
    var sampleMismatches = 0
    /// Path samples whose own face is not behind them in depth (the lift is missing).
    var unliftedSamples = 0
    /// Path segments that do not follow a face of their cell.
    var misplacedSegments = 0
}

/// Renders the geometry at the rectangle's pixel centres twice, by the painter's order (the
/// last face drawn that covers the pixel) and by a z-buffer (the face nearest at the pixel), and
/// counts where they disagree, ignoring pixels within 1 px of any face's edge. Path segments are
/// sampled every half pixel along their length: hidden for the painter when a face drawn after
/// them covers the sample, for the z-buffer when a face covering it is nearer.
private func compareWithZBuffer(_ geometry: SurfaceGeometry, _ projection: SurfaceProjection) -> DepthComparison {
    var result = DepthComparison()
    let rect = projection.rect
    let width = Int(rect.width.rounded(.up)), height = Int(rect.height.rounded(.up))
    let faces = geometry.items.enumerated().compactMap { k, item -> CanvasFace? in
        if case .face(let face) = item { CanvasFace(item: k, face: face, projection: projection) } else { nil }
    }
    var painter = [Int](repeating: -1, count: width * height)
    var nearest = [Int](repeating: -1, count: width * height)
    var nearestDepth = [Double](repeating: .infinity, count: width * height)
    var coverCount = [Int](repeating: 0, count: width * height)
    var excluded = [Bool](repeating: false, count: width * height)
    for face in faces {
        let x0 = max(Int((face.minX - rect.minX - 1.5).rounded(.down)), 0), x1 = min(Int((face.maxX - rect.minX + 1.5).rounded(.up)), width - 1)
        let y0 = max(Int((face.minY - rect.minY - 1.5).rounded(.down)), 0), y1 = min(Int((face.maxY - rect.minY + 1.5).rounded(.up)), height - 1)
        guard x0 <= x1, y0 <= y1 else { continue }
        for py in y0...y1 {
            for px in x0...x1 {
                let p = CanvasPoint(rect.minX + Double(px) + 0.5, rect.minY + Double(py) + 0.5), k = py * width + px
                if nearEdge(face.polygon, p, within: 1) { excluded[k] = true; continue }
                guard inside(face.polygon, p) else { continue }
                coverCount[k] += 1
                painter[k] = face.item
                if let d = face.depth(at: p), d < nearestDepth[k] { nearestDepth[k] = d; nearest[k] = face.item }
            }
        }
    }
    for k in painter.indices where !excluded[k] && painter[k] >= 0 {
        result.comparedPixels += 1
        if coverCount[k] > 1 { result.overlappedPixels += 1 }
        if painter[k] != nearest[k] { result.pixelMismatches += 1 }
    }

    for (k, item) in geometry.items.enumerated() {
        guard case .segment(let segment) = item else { continue }
        guard let own = ownFace(of: k, in: geometry, faces) else { result.misplacedSegments += 1; continue }
        let (a, da) = projection.project(segment.start), (b, db) = projection.project(segment.end)
        let length = hypot(b.x - a.x, b.y - a.y)
        let count = max(Int(length / 0.5), 1)
        for s in 0...count {
            let t = Double(s) / Double(count)
            let p = CanvasPoint(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)), depth = da + t * (db - da)
            guard !faces.contains(where: { $0.isNearEdge(p) }) else { continue }
            result.comparedSamples += 1
            if own.covers(p), let d = own.depth(at: p), (own.face.isUnderside ? depth - d : d - depth) < 1e-6 {
                result.unliftedSamples += 1
            }
            let paintedOver = faces.contains { $0.item > k && $0.covers(p) }
            let behind = faces.contains { $0.covers(p) && ($0.depth(at: p) ?? .infinity) < depth }
            if paintedOver { result.hiddenSamples += 1 }
            if paintedOver != behind { result.sampleMismatches += 1 }
        }
    }
    return result
}

/// The face a path segment lies on: the face of its cell and part (read off its midpoint) that
/// it follows, with only segments and cut lines between, or, for a face seen from below, that
/// it precedes with only segments between; nil if there is none.
private func ownFace(of k: Int, in geometry: SurfaceGeometry, _ faces: [CanvasFace]) -> CanvasFace? {
    guard case .segment(let segment) = geometry.items[k] else { return nil }
    let mid = (segment.start + segment.end) / 2
    func isOwn(_ face: SurfaceFace) -> Bool {
        guard face.cell == segment.cell else { return false }
        // The footprint: inside the face's corners in (w1, w2) (convex, counter-clockwise).
        let c = face.corners
        return c.indices.allSatisfy { i in
            let a = c[i], b = c[(i + 1) % c.count]
            return (b.x - a.x) * (mid.y - a.y) - (b.y - a.y) * (mid.x - a.x) >= -1e-12
        }
    }
    var i = k - 1
    while i >= 0 {
        if case .face(let face) = geometry.items[i] {
            if isOwn(face) && !face.isUnderside { return faces.first { $0.item == i } }
            break
        }
        i -= 1
    }
    i = k + 1
    while i < geometry.items.count {
        switch geometry.items[i] {
        case .face(let face): return isOwn(face) && face.isUnderside ? faces.first { $0.item == i } : nil
        case .segment: i += 1
        case .cut: return nil
        }
    }
    return nil
}

private func segments(_ geometry: SurfaceGeometry, run: Int? = nil) -> [SurfacePathSegment] {
    geometry.items.compactMap { if case .segment(let s) = $0, run == nil || s.run == run { s } else { nil } }
}

private func faces(_ geometry: SurfaceGeometry) -> [SurfaceFace] {
    geometry.items.compactMap { if case .face(let f) = $0 { f } else { nil } }
}

// MARK: Tests

@Suite("The mountain's 3-D view: projection, painter's order, draped paths, cut and box")
struct SurfaceGeometryTests {
    static let mapRect = CanvasRect(x: 10, y: 20, width: 200, height: 150)

    @Test("seen from straight above (elevation 90, azimuth −90) the projection is the map: w1 to the right, w2 up")
    func mapFromAbove() {
        // The unit cube (w1 and w2 each 1 wide, z 0.6 high) fits 200 × 150 as a 150-px square,
        // centred: x from 35 to 185, y from 20 to 170; z = 1 is 0.3 · 150 px nearer than the centre.
        let projection = SurfaceProjection(w1: 0...2, w2: 0...1, z: 0...1, camera: SurfaceCamera(azimuth: -90, elevation: 90),
                                           rect: Self.mapRect)
        let expected: [(SIMD3<Double>, CanvasPoint, Double)] = [
            (SIMD3(0, 0, 0), CanvasPoint(35, 170), 45), (SIMD3(2, 0, 0), CanvasPoint(185, 170), 45),
            (SIMD3(0, 1, 1), CanvasPoint(35, 20), -45), (SIMD3(2, 1, 1), CanvasPoint(185, 20), -45),
            (SIMD3(1, 0.5, 0.5), CanvasPoint(110, 95), 0),
        ]
        for (p, point, depth) in expected {
            let got = projection.project(p)
            #expect(abs(got.point.x - point.x) < 1e-9 && abs(got.point.y - point.y) < 1e-9, "\(p) → \(got.point)")
            #expect(abs(got.depth - depth) < 1e-9)
        }
        #expect(projection.scale == 150)
    }

    @Test("from straight above at azimuth 0, w2 runs to the right and w1 down the canvas")
    func azimuthZeroFromAbove() {
        let projection = SurfaceProjection(w1: 0...1, w2: 0...1, z: 0...1, camera: SurfaceCamera(azimuth: 0, elevation: 90),
                                           rect: CanvasRect(x: 0, y: 0, width: 100, height: 100))
        let origin = projection.project(w1: 0, w2: 0, z: 0).point
        let alongW1 = projection.project(w1: 1, w2: 0, z: 0).point
        let alongW2 = projection.project(w1: 0, w2: 1, z: 0).point
        #expect(abs(origin.x) < 1e-9 && abs(origin.y) < 1e-9)
        #expect(abs(alongW1.x) < 1e-9 && abs(alongW1.y - 100) < 1e-9)
        #expect(abs(alongW2.x - 100) < 1e-9 && abs(alongW2.y) < 1e-9)
    }

    @Test("in mplot3d's default view the box's corner at high w1, low w2, high z is nearest and its opposite farthest")
    func defaultViewDepth() {
        let projection = SurfaceProjection(w1: -1...1, w2: -1...1, z: 0...5, camera: .matplotlibDefault, rect: Self.mapRect)
        let corners = (0..<8).map { k in SIMD3<Double>(k & 1 == 0 ? -1 : 1, k & 2 == 0 ? -1 : 1, k & 4 == 0 ? 0 : 5) }
        let depths = corners.map { projection.project($0).depth }
        #expect(corners[depths.indices.min { depths[$0] < depths[$1] }!] == SIMD3(1, -1, 5))
        #expect(corners[depths.indices.max { depths[$0] < depths[$1] }!] == SIMD3(-1, 1, 0))
        // Depth grows along the view direction, one pixel per pixel: the projection is a rotation
        // and a uniform scale, so lengths in the normalised box are kept (canvas² + depth²).
        let p = SIMD3<Double>(0.3, -0.2, 1.7), q = SIMD3<Double>(-0.6, 0.9, 4.2)
        let (pp, pd) = projection.project(p), (qp, qd) = projection.project(q)
        let dn = projection.normalized(q) - projection.normalized(p)
        let shown = (qp.x - pp.x) * (qp.x - pp.x) + (qp.y - pp.y) * (qp.y - pp.y) + (qd - pd) * (qd - pd)
        #expect(abs(shown - projection.scale * projection.scale * (dn * dn).sum()) < 1e-6)
        // A step of 0.1 into the scene in the normalised box, back in data units (spans 2, 2, 5).
        let farther = p + 0.1 * projection.viewDirection * SIMD3(2, 2, 5) / projection.aspect
        let (fp, fd) = projection.project(farther)
        #expect(abs(fd - pd - 0.1 * projection.scale) < 1e-9)
        #expect(abs(fp.x - pp.x) < 1e-9 && abs(fp.y - pp.y) < 1e-9)
    }

    @Test("the eight corners fit the rectangle and touch it on two sides, from every side", arguments: [
        (-60.0, 30.0), (30, 20), (135, 80), (-170, 45), (0, 90), (45, 5),
    ])
    func cornersFit(azimuth: Double, elevation: Double) {
        let projection = SurfaceProjection(w1: 3...7, w2: -2...0, z: 1...1000, camera: SurfaceCamera(azimuth: azimuth, elevation: elevation),
                                           rect: Self.mapRect)
        let points = (0..<8).map { k in
            projection.project(w1: k & 1 == 0 ? 3 : 7, w2: k & 2 == 0 ? -2 : 0, z: k & 4 == 0 ? 1 : 1000).point
        }
        let r = Self.mapRect, e = 1e-9
        #expect(points.allSatisfy { $0.x >= r.minX - e && $0.x <= r.maxX + e && $0.y >= r.minY - e && $0.y <= r.maxY + e })
        let touchesX = points.contains { abs($0.x - r.minX) < e } && points.contains { abs($0.x - r.maxX) < e }
        let touchesY = points.contains { abs($0.y - r.minY) < e } && points.contains { abs($0.y - r.maxY) < e }
        #expect(touchesX || touchesY)
        // Centred: the corners' extent is symmetric about the rectangle's middle.
        #expect(abs((points.map(\.x).min()! + points.map(\.x).max()!) / 2 - r.midX) < 1e-9)
        #expect(abs((points.map(\.y).min()! + points.map(\.y).max()!) / 2 - r.midY) < 1e-9)
    }

    fileprivate static let meshes: [(String, TestMesh)] = {
        // Uneven columns, so cells are long in the normalised box and a triangle order read off
        // centroids would go wrong.
        let xs = [-1, -0.75, -0.3, 0.1, 0.55, 1.0], ys = linspace(-1, 1, 6)
        return [
            ("bowl", TestMesh(xs: xs, ys: ys, holes: [(2, 3)]) { x, y in x * x + y * y }),
            ("saddle", TestMesh(xs: xs, ys: ys, holes: [(4, 1)]) { x, y in x * y }),
            ("ridge", TestMesh(xs: xs, ys: ys, holes: [(1, 4), (3, 0)]) { x, y in sin(3 * x) * y }),
            // A cliff in a narrow column, steeper than a line of sight 80° down: the surface folds
            // over itself even seen from nearly straight above.
            ("cliff", TestMesh(xs: [-1, -0.6, -0.2, -0.15, 0.3, 1], ys: ys, holes: [(4, 4)]) { x, y in
                (1 + 0.3 * y) / (1 + exp(-60 * (x + 0.175))) + 0.2 * x * x
            }),
        ]
    }()

    static let paths: [[Weights]] = [
        (0..<60).map { k in
            let t = Double(k) / 59, a = 5 * t
            return Weights((0.95 - 0.8 * t) * cos(a), (0.95 - 0.8 * t) * sin(a))
        },
        linspace(-0.97, 0.93, 12).map { Weights($0, -0.6 * $0 + 0.1) },
    ]

    @Test("at every pixel centre the painter's order shows the face a z-buffer shows, and path pieces are hidden where a nearer face is",
          arguments: [20.0, 45, 80])
    func painterMatchesZBuffer(elevation: Double) {
        var overlapped = 0, hidden = 0
        for (name, mesh) in Self.meshes {
            for azimuth in [-150.0, -120, -90, -60, -30, 0, 30, 45, 60, 90, 120, 150, 180] {
                let projection = mesh.projection(SurfaceCamera(azimuth: azimuth, elevation: elevation))
                for zMax in [nil, mesh.zRange.lowerBound + 0.7 * (mesh.zRange.upperBound - mesh.zRange.lowerBound)] {
                    let geometry = SurfaceGeometry.build(xs: mesh.xs, ys: mesh.ys, zs: mesh.zs, paths: Self.paths, zMax: zMax,
                                                         projection: projection)
                    let result = compareWithZBuffer(geometry, projection)
                    let label = "\(name), azimuth \(azimuth), elevation \(elevation), cut \(zMax.map { "\($0)" } ?? "none")"
                    #expect(result.pixelMismatches == 0, "\(label): \(result.pixelMismatches) of \(result.comparedPixels) pixels")
                    #expect(result.sampleMismatches == 0, "\(label): \(result.sampleMismatches) of \(result.comparedSamples) path samples")
                    #expect(result.misplacedSegments == 0, "\(label): segments not right after a face of their cell")
                    #expect(result.unliftedSamples == 0, "\(label): path samples not in front of their own face")
                    #expect(result.comparedPixels > 2_000 && result.comparedSamples > 100, "\(label): \(result.comparedPixels) pixels, \(result.comparedSamples) samples")
                    overlapped += result.overlappedPixels
                    hidden += result.hiddenSamples
                }
            }
        }
        // Folds and hidden path pieces occur, so the order is really put to the test.
        #expect(overlapped > 50, "\(overlapped) pixels where faces overlap")
        #expect(hidden > 0, "\(hidden) hidden path samples")
    }

    @Test("each face's polygon is its corners projected, and a bent cell is split into triangles while a flat one stays whole")
    func facesAreProjectedCorners() {
        let (_, saddle) = Self.meshes[1], (_, bowl) = Self.meshes[0]
        let projection = saddle.projection(.matplotlibDefault)
        let geometry = SurfaceGeometry.build(xs: saddle.xs, ys: saddle.ys, zs: saddle.zs, paths: [], zMax: nil, projection: projection)
        for face in faces(geometry) {
            #expect(face.polygon == face.corners.map { projection.project($0).point })
            #expect(face.part != .whole)    // x·y twists every cell
            #expect(face.shade >= 0.55 && face.shade <= 1)
            #expect(abs(face.value - face.corners.map(\.z).reduce(0, +) / Double(face.corners.count)) < 1e-12)
        }
        // x² + y² is a sum of a function of x and one of y: every cell's corners are coplanar.
        let flat = SurfaceGeometry.build(xs: bowl.xs, ys: bowl.ys, zs: bowl.zs, paths: [], zMax: nil,
                                         projection: bowl.projection(.matplotlibDefault))
        #expect(faces(flat).allSatisfy { $0.part == .whole && $0.corners.count == 4 })
    }

    @Test("Lambert shading: a face square to the light is at full brightness, a level one at 0.55 + 0.45 cos of the light's angle")
    func lambertShade() {
        let projection = SurfaceProjection(w1: -1...1, w2: -1...1, z: -1...1, camera: .matplotlibDefault, rect: Self.mapRect)
        let l = projection.lightDirection
        #expect(abs((l * l).sum() - 1) < 1e-12)
        // Over the viewer's left shoulder: toward the viewer, up and to the left on the screen.
        let (right, up, toward) = projection.camera.basis
        #expect((l * toward).sum() > 0.5 && (l * up).sum() > 0 && (l * right).sum() < 0)
        func shade(_ f: @escaping (Double, Double) -> Double) -> Double {
            let mesh = TestMesh(xs: linspace(-1, 1, 3), ys: linspace(-1, 1, 3), f)
            return faces(SurfaceGeometry.build(xs: mesh.xs, ys: mesh.ys, zs: mesh.zs, paths: [], zMax: nil, projection: projection))[0].shade
        }
        // The plane whose normal is l in the normalised box (w: 0.5 per unit, z: 0.3 per unit).
        let a = -l.x / l.z * 0.5 / 0.3, b = -l.y / l.z * 0.5 / 0.3
        #expect(abs(shade { x, y in a * x + b * y } - 1) < 1e-12)
        #expect(abs(shade { _, _ in 0 } - (0.55 + 0.45 * l.z)) < 1e-12)
        // Facing away from the light: no Lambert term left, the floor.
        #expect(abs(shade { x, y in -4 * a * x - 4 * b * y } - 0.55) < 1e-12)
    }

    fileprivate static let ridge = TestMesh(xs: linspace(-1, 1, 21), ys: linspace(-1, 1, 21)) { x, _ in 3 * exp(-x * x / 0.1) }

    @Test("a path behind a ridge is hidden by the ridge's faces, one in front of it is not")
    func pathBehindRidge() {
        // Looking from the −w1 side (azimuth 180), low: the ridge along w2 at w1 = 0 stands
        // between the viewer and the path at w1 = 0.85, on the flat behind it. (Nearer the ridge,
        // at 0.65, the ground still falls away about as steeply as the line of sight: its faces
        // are seen edge on, and every sample lies within a pixel of an edge.)
        let mesh = Self.ridge
        let projection = mesh.projection(SurfaceCamera(azimuth: 180, elevation: 20), rect: CanvasRect(x: 0, y: 0, width: 400, height: 300))
        let behind = linspace(-0.8, 0.8, 9).map { Weights(0.85, $0) }, front = linspace(-0.8, 0.8, 9).map { Weights(-0.85, $0) }
        let geometry = SurfaceGeometry.build(xs: mesh.xs, ys: mesh.ys, zs: mesh.zs, paths: [behind, front],
                                             marks: [Weights(0.85, 0.05), Weights(-0.85, 0.05)], zMax: nil, projection: projection)
        let faceList = geometry.items.enumerated().compactMap { k, item -> CanvasFace? in
            if case .face(let face) = item { CanvasFace(item: k, face: face, projection: projection) } else { nil }
        }
        var counts = [0, 0], coveredCounts = [0, 0], nearerCounts = [0, 0]
        for (k, item) in geometry.items.enumerated() {
            guard case .segment(let segment) = item else { continue }
            let (a, da) = projection.project(segment.start), (b, db) = projection.project(segment.end)
            for t in stride(from: 0.0, through: 1, by: 0.1) {
                let p = CanvasPoint(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)), depth = da + t * (db - da)
                guard !faceList.contains(where: { $0.isNearEdge(p) }) else { continue }
                counts[segment.run] += 1
                if faceList.contains(where: { $0.item > k && $0.covers(p) }) { coveredCounts[segment.run] += 1 }
                if faceList.contains(where: { $0.covers(p) && ($0.depth(at: p) ?? .infinity) < depth }) { nearerCounts[segment.run] += 1 }
            }
        }
        #expect(counts[0] > 20 && counts[1] > 20, "\(counts) \(coveredCounts) \(nearerCounts)")
        #expect(coveredCounts[0] == counts[0] && nearerCounts[0] == counts[0])
        #expect(coveredCounts[1] == 0 && nearerCounts[1] == 0)
        #expect(geometry.marks[0]?.isHidden == true)
        #expect(geometry.marks[1]?.isHidden == false)
    }

    @Test("draped pieces lie on their face, lifted by the lift, and split at every grid line they cross")
    func drapedOnFaces() {
        let (_, mesh) = Self.meshes[2]
        let projection = mesh.projection(SurfaceCamera(azimuth: 30, elevation: 45))
        let geometry = SurfaceGeometry.build(xs: mesh.xs, ys: mesh.ys, zs: mesh.zs, paths: Self.paths, zMax: nil, projection: projection)
        let span = mesh.zRange.upperBound - mesh.zRange.lowerBound
        #expect(abs(geometry.lift - SurfaceGeometry.liftFraction * span) < 1e-12 && geometry.lift > 0)
        let faceList = geometry.items.enumerated().compactMap { k, item -> CanvasFace? in
            if case .face(let face) = item { CanvasFace(item: k, face: face, projection: projection) } else { nil }
        }
        for (k, item) in geometry.items.enumerated() {
            guard case .segment(let segment) = item else { continue }
            let face = ownFace(of: k, in: geometry, faceList)?.face
            #expect(face != nil)
            guard let face else { continue }
            for end in [segment.start, segment.end] {
                // On the face: its plane for a triangle, the bilinear patch of a quad; lift above.
                let c = face.corners
                let surfaceZ: Double
                if face.part == .whole {
                    let fx = (end.x - c[0].x) / (c[1].x - c[0].x), fy = (end.y - c[0].y) / (c[3].y - c[0].y)
                    surfaceZ = c[0].z * (1 - fx) * (1 - fy) + c[1].z * fx * (1 - fy) + c[3].z * (1 - fx) * fy + c[2].z * fx * fy
                } else {
                    let n = SurfaceMesh.cross(c[1] - c[0], c[2] - c[0])
                    surfaceZ = c[0].z - (n.x * (end.x - c[0].x) + n.y * (end.y - c[0].y)) / n.z
                }
                #expect(abs(end.z - surfaceZ - geometry.lift) < 1e-9)
                // Inside the face's cell (the pieces were split at its lines).
                let cell = segment.cell
                #expect(end.x >= mesh.xs[cell.column] - 1e-12 && end.x <= mesh.xs[cell.column + 1] + 1e-12)
                #expect(end.y >= mesh.ys[cell.row] - 1e-12 && end.y <= mesh.ys[cell.row + 1] + 1e-12)
            }
            #expect(segment.from == projection.project(segment.start).point && segment.to == projection.project(segment.end).point)
        }
        #expect(segments(geometry).count > 40)
    }

    @Test("cut at a height: cells above are gone, the cut's edges lie at the cut, and a path climbing through it reports where")
    func cutAtHeight() {
        let mesh = TestMesh(xs: linspace(-1, 1, 11), ys: linspace(-1, 1, 11)) { x, y in x * x + y * y }
        let projection = mesh.projection(.matplotlibDefault)
        let climb = linspace(0, 0.95, 20).map { Weights($0, $0) }
        let zMax = 1.0
        let geometry = SurfaceGeometry.build(xs: mesh.xs, ys: mesh.ys, zs: mesh.zs, paths: [climb], marks: [Weights(0.9, 0.9), Weights(0.1, 0.2)],
                                             zMax: zMax, projection: projection)
        let drawn = Set(faces(geometry).map(\.cell))
        for j in 0..<10 {
            for i in 0..<10 {
                let zs = [(i, j), (i + 1, j), (i, j + 1), (i + 1, j + 1)].map { mesh.zs[$0.1 * 11 + $0.0] }
                let cell = SurfaceCell(column: i, row: j)
                if zs.allSatisfy({ $0 > zMax }) { #expect(!drawn.contains(cell)) }
                if zs.allSatisfy({ $0 <= zMax }) { #expect(drawn.contains(cell)) }
            }
        }
        #expect(faces(geometry).allSatisfy { face in face.corners.allSatisfy { $0.z <= zMax + 1e-12 } })
        // The bilinear (here planar) surface at (x, y), from the test's own mesh.
        func surface(_ x: Double, _ y: Double) -> Double {
            let c = mesh.cell(at: x, y)
            let x0 = mesh.xs[c.column], x1 = mesh.xs[c.column + 1], y0 = mesh.ys[c.row], y1 = mesh.ys[c.row + 1]
            let fx = (x - x0) / (x1 - x0), fy = (y - y0) / (y1 - y0)
            let z = { (i: Int, j: Int) in mesh.zs[(c.row + j) * 11 + c.column + i] }
            return z(0, 0) * (1 - fx) * (1 - fy) + z(1, 0) * fx * (1 - fy) + z(0, 1) * (1 - fx) * fy + z(1, 1) * fx * fy
        }
        let cuts = geometry.cutEdges
        #expect(cuts.count >= 20)
        for edge in cuts {
            for end in [edge.start, edge.end] {
                #expect(end.z == zMax)
                #expect(abs(surface(end.x, end.y) - zMax) < 1e-9)
            }
            #expect(edge.from == projection.project(edge.start).point && edge.to == projection.project(edge.end).point)
        }
        // The cut's edges join into lines: every end meets another edge's end (or the mesh's
        // border); where the cut passes through a node, up to four cells' edges meet there.
        let ends = cuts.flatMap { [$0.start, $0.end] }
        for end in ends {
            let onBorder = abs(abs(end.x) - 1) < 1e-12 || abs(abs(end.y) - 1) < 1e-12
            let meeting = ends.filter { (($0 - end) * ($0 - end)).sum() < 1e-18 }.count
            #expect(onBorder || (meeting >= 2 && meeting % 2 == 0), "\(end)")
        }
        // The path along w1 = w2 crosses z = 1 near (0.707, 0.707), between its points 14 and 15.
        let exit = geometry.cutExits[0]
        #expect(exit?.step == 14)
        if let exit {
            #expect(exit.position.z == zMax && abs(exit.position.x - exit.position.y) < 1e-12)
            #expect(abs(surface(exit.position.x, exit.position.y) - zMax) < 1e-9)
            #expect(abs(exit.position.x - 0.5.squareRoot()) < 0.02)
            #expect(exit.point == projection.project(exit.position).point)
        }
        let climbed = segments(geometry, run: 0)
        #expect(!climbed.isEmpty && climbed.allSatisfy { $0.step <= 14 && max($0.start.z, $0.end.z) <= zMax + geometry.lift + 1e-12 })
        #expect(geometry.marks[0] == nil && geometry.marks[1] != nil)
    }

    @Test("undefined cells are left out, and no path piece is drawn over them")
    func undefinedCells() {
        var holed = TestMesh(xs: linspace(-1, 1, 6), ys: linspace(-1, 1, 6), holes: [(2, 2)]) { x, y in x * x + 2 * y * y }
        holed.zs[1 * 6 + 4] = .infinity
        let undefined = holed.undefinedCells
        #expect(undefined.count == 8)
        let through = linspace(-0.95, 0.95, 40).map { Weights($0, 0.3 * $0 - 0.2) }
        let geometry = SurfaceGeometry.build(xs: holed.xs, ys: holed.ys, zs: holed.zs, paths: [through],
                                             marks: [Weights(-0.3, -0.3), Weights(0.9, 0.9)], zMax: nil,
                                             projection: holed.projection(SurfaceCamera(azimuth: -120, elevation: 35)))
        let drawn = Set(faces(geometry).map(\.cell))
        #expect(drawn.isDisjoint(with: undefined))
        #expect(drawn.count == 25 - 8)
        let pieces = segments(geometry)
        #expect(!pieces.isEmpty)
        for piece in pieces {
            #expect(!undefined.contains(piece.cell))
            let mid = (piece.start + piece.end) / 2
            #expect(!undefined.contains(holed.cell(at: mid.x, mid.y)))
        }
        // The path does cross the hole: some of its steps have no piece.
        #expect(Set(pieces.map(\.step)).count < through.count - 1)
        #expect(geometry.marks[0] == nil && geometry.marks[1] != nil)
    }

    @Test("pieces of a path off the mesh are dropped; a step from far away is clipped to the mesh")
    func offTheMesh() {
        let mesh = TestMesh(xs: linspace(0, 1, 5), ys: linspace(0, 1, 5)) { x, y in x + y }
        let projection = mesh.projection(.matplotlibDefault)
        let path = [Weights(0.5, 0.5), Weights(1e150, 0.5), Weights(.nan, 0.2), Weights(0.2, 0.2)]
        let geometry = SurfaceGeometry.build(xs: mesh.xs, ys: mesh.ys, zs: mesh.zs, paths: [path], zMax: nil, projection: projection)
        let pieces = segments(geometry)
        #expect(pieces.count == 2 && pieces.allSatisfy { $0.step == 0 })
        #expect(pieces.allSatisfy { $0.start.x <= 1 && $0.end.x <= 1 })
        #expect(pieces.contains { $0.end.x == 1 })
    }

    @Test("the box: seen from above its axes are the map's, below and left, ticks pointing out")
    func boxFromAbove() {
        let projection = SurfaceProjection(w1: 0...2, w2: 0...1, z: 0...1, camera: SurfaceCamera(azimuth: -90, elevation: 90),
                                           rect: Self.mapRect)
        let box = SurfaceBox.build(projection: projection, w1: 0...2, w2: 0...1, z: 0...1)
        #expect(box.edges.count == 12)
        func close(_ a: CanvasPoint, _ b: CanvasPoint) -> Bool { abs(a.x - b.x) < 1e-9 && abs(a.y - b.y) < 1e-9 }
        #expect(close(box.w1Axis.start, CanvasPoint(35, 170)) && close(box.w1Axis.end, CanvasPoint(185, 170)))
        #expect(close(box.w1Axis.outward, CanvasPoint(0, 1)))
        #expect(close(box.w2Axis.start, CanvasPoint(35, 170)) && close(box.w2Axis.end, CanvasPoint(35, 20)))
        #expect(close(box.w2Axis.outward, CanvasPoint(-1, 0)))
        #expect(close(box.w1Axis.point(at: 0.5), CanvasPoint(72.5, 170)))
        #expect(close(box.zAxis.start, box.zAxis.end))
        // Looking down, only the top face is in front: its edges are the outline, the rest behind.
        #expect(box.edges.filter { $0.placement == .outline }.count == 4)
        #expect(box.edges.filter { $0.placement == .front }.isEmpty)
    }

    @Test("the box in mplot3d's default view: back edges meet at the farthest corner, front ones at the nearest, axes in front")
    func boxDefaultView() {
        let projection = SurfaceProjection(w1: -1...1, w2: -1...1, z: 0...5, camera: .matplotlibDefault, rect: Self.mapRect)
        let box = SurfaceBox.build(projection: projection, w1: -1...1, w2: -1...1, z: 0...5)
        func point(_ w1: Double, _ w2: Double, _ z: Double) -> CanvasPoint { projection.project(w1: w1, w2: w2, z: z).point }
        func close(_ a: CanvasPoint, _ b: CanvasPoint) -> Bool { abs(a.x - b.x) < 1e-9 && abs(a.y - b.y) < 1e-9 }
        let farthest = point(-1, 1, 0), nearest = point(1, -1, 5)
        let back = box.edges.filter { $0.placement == .back }, front = box.edges.filter { $0.placement == .front }
        #expect(back.count == 3 && back.allSatisfy { close($0.from, farthest) || close($0.to, farthest) })
        #expect(front.count == 3 && front.allSatisfy { close($0.from, nearest) || close($0.to, nearest) })
        #expect(box.edges.filter { $0.placement == .outline }.count == 6)
        // The viewer is at +w1, −w2: w1's axis runs along w2 = −1, w2's along w1 = +1, both at the bottom.
        #expect(close(box.w1Axis.start, point(-1, -1, 0)) && close(box.w1Axis.end, point(1, -1, 0)))
        #expect(close(box.w2Axis.start, point(1, -1, 0)) && close(box.w2Axis.end, point(1, 1, 0)))
        // z on the left silhouette: the corner (−1, −1) is leftmost on the canvas.
        #expect(close(box.zAxis.start, point(-1, -1, 0)) && close(box.zAxis.end, point(-1, -1, 5)))
        #expect(box.zAxis.outward.x < -0.99)
        let centre = point(0, 0, 2.5)
        for axis in [box.w1Axis, box.w2Axis, box.zAxis] {
            let mid = axis.point(at: (axis.range.lowerBound + axis.range.upperBound) / 2)
            #expect(abs(hypot(axis.outward.x, axis.outward.y) - 1) < 1e-12)
            #expect(axis.outward.x * (mid.x - centre.x) + axis.outward.y * (mid.y - centre.y) > 0)
            #expect(abs(axis.outward.x * (axis.end.x - axis.start.x) + axis.outward.y * (axis.end.y - axis.start.y)) < 1e-9)
        }
        // The axes' edges are on the outline, never behind the surface.
        for axis in [box.w1Axis, box.w2Axis, box.zAxis] {
            #expect(box.edges.contains { $0.placement == .outline && close($0.from, axis.start) && close($0.to, axis.end) })
        }
    }
}
