import Foundation
import LossmapCanvas

/// The orthographic projection of the data box w1 × w2 × z onto the canvas: the box is first
/// normalised to a cube of sides `aspect` (so the mountain's height does not depend on the
/// loss's units), turned by the camera, then scaled uniformly and centred so that its eight
/// corners fit the rectangle. z is already transformed (log10 of the loss for a log scale);
/// this type only sees plain numbers.
///
/// Orthographic, as mplot3d's `proj_type = "ortho"`: parallel edges stay parallel, so the
/// box's axes can carry evenly spaced ticks, and the painter's order of a height field
/// (`SurfaceGeometry`) depends only on the direction of view.
public struct SurfaceProjection: Sendable, Equatable {
    /// w1 : w2 : z of the normalised box. mplot3d's default is 4 : 4 : 3; a lower mountain keeps
    /// the paths on its slopes from being foreshortened into vertical streaks.
    public static let defaultAspect = SIMD3<Double>(1, 1, 0.6)

    public let w1: ClosedRange<Double>
    public let w2: ClosedRange<Double>
    public let z: ClosedRange<Double>
    public let camera: SurfaceCamera
    public let rect: CanvasRect
    public let aspect: SIMD3<Double>
    /// Pixels per unit of the normalised box (the same on the screen and in depth).
    public let scale: Double
    /// Unit vector from the viewer into the scene, in the normalised box.
    public let viewDirection: SIMD3<Double>
    /// Unit vector toward the light, in the normalised box: fixed to the camera, over the
    /// viewer's left shoulder, (right, up, toward the viewer) ∝ (−1, 1, 2). Light from the
    /// upper left is relief shading's convention (Imhof, "Cartographic Relief Presentation",
    /// 1982): lit from below, relief reads inverted. Tied to the camera rather than to the data
    /// so that every view, and a camera orbit over an animation's frames, is lit the same way.
    public let lightDirection: SIMD3<Double>

    /// Canvas x, canvas y and depth as affine functions of (w1, w2, z, 1).
    let rowX: SIMD4<Double>
    let rowY: SIMD4<Double>
    let rowDepth: SIMD4<Double>
    /// Normalised coordinates as n = p · stretch + shift (per component).
    let stretch: SIMD3<Double>
    let shift: SIMD3<Double>

    /// A degenerate range (a flat loss, a single w) is taken as one unit wide, so nothing
    /// divides by zero; `camera.elevation` is meant to be in (0, 90].
    public init(w1: ClosedRange<Double>, w2: ClosedRange<Double>, z: ClosedRange<Double>,
                camera: SurfaceCamera, rect: CanvasRect, aspect: SIMD3<Double> = SurfaceProjection.defaultAspect) {
        self.w1 = w1
        self.w2 = w2
        self.z = z
        self.camera = camera
        self.rect = rect
        self.aspect = aspect
        func span(_ r: ClosedRange<Double>) -> Double {
            let s = r.upperBound - r.lowerBound
            return s > 0 && s.isFinite ? s : 1
        }
        let lower = SIMD3(w1.lowerBound, w2.lowerBound, z.lowerBound)
        let stretch = aspect / SIMD3(span(w1), span(w2), span(z))
        let shift = -lower * stretch - aspect / 2
        self.stretch = stretch
        self.shift = shift

        let (right, up, toward) = camera.basis
        viewDirection = -toward
        let light = -right + up + 2 * toward
        lightDirection = light / (light * light).sum().squareRoot()

        // Fit: the bounding box of the eight projected corners, scaled to the rectangle.
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for k in 0..<8 {
            let corner = SIMD3<Double>(k & 1 == 0 ? -0.5 : 0.5, k & 2 == 0 ? -0.5 : 0.5, k & 4 == 0 ? -0.5 : 0.5) * aspect
            let x = (corner * right).sum(), y = (corner * up).sum()
            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
        }
        let s = min(rect.width / max(maxX - minX, 1e-12), rect.height / max(maxY - minY, 1e-12))
        scale = s
        let centreX = rect.midX - s * (minX + maxX) / 2
        let centreY = rect.midY + s * (minY + maxY) / 2

        // Each output is c0 + s · (axis · n) with n = p · stretch + shift; fold into one row.
        func row(_ axis: SIMD3<Double>, sign: Double, constant: Double) -> SIMD4<Double> {
            let a = sign * s * axis
            let linear = a * stretch
            return SIMD4(linear.x, linear.y, linear.z, constant + (a * shift).sum())
        }
        rowX = row(right, sign: 1, constant: centreX)
        rowY = row(up, sign: -1, constant: centreY)      // canvas y points down
        rowDepth = row(toward, sign: -1, constant: 0)    // larger depth = farther away
    }

    /// The canvas point of (w1, w2, z) and its depth: pixels along the line of sight from the
    /// box's centre, larger is farther from the viewer.
    public func project(w1: Double, w2: Double, z: Double) -> (point: CanvasPoint, depth: Double) {
        let p = SIMD4(w1, w2, z, 1)
        return (CanvasPoint((rowX * p).sum(), (rowY * p).sum()), (rowDepth * p).sum())
    }

    public func project(_ p: SIMD3<Double>) -> (point: CanvasPoint, depth: Double) {
        project(w1: p.x, w2: p.y, z: p.z)
    }

    /// The point in the normalised box (centred on the origin, sides `aspect`), where lengths
    /// and angles are the ones shown on the screen.
    public func normalized(_ p: SIMD3<Double>) -> SIMD3<Double> { p * stretch + shift }

    /// The depth of a point of the ground plane's footprint (w1, w2), without its height: the
    /// key of the painter's order.
    func groundDepth(w1: Double, w2: Double) -> Double { rowDepth.x * w1 + rowDepth.y * w2 }

    /// Pixels on the canvas per unit of z at most (a vertical seen side-on).
    var pixelsPerZ: Double { scale * stretch.z }
}
