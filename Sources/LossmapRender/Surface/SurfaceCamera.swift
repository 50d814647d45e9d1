import Foundation

/// Where the mountain is seen from, in degrees, as matplotlib's mplot3d `view_init(elev, azim)`
/// has it: the viewer sits at bearing `azimuth` (counter-clockwise from the +w1 axis, seen
/// from above) and `elevation` above the (w1, w2) plane, looking at the box's centre, with z
/// up on the screen (mplot3d's roll 0). mplot3d's default view is azimuth −60, elevation 30;
/// elevation 90, azimuth −90 looks straight down and shows the map (w1 to the right, w2 up).
public struct SurfaceCamera: Sendable, Equatable {
    /// Degrees counter-clockwise from the +w1 axis to the viewer's bearing, seen from above.
    public var azimuth: Double
    /// Degrees above the (w1, w2) plane, in (0, 90]: the height field is seen from above.
    public var elevation: Double

    public init(azimuth: Double = -60, elevation: Double = 30) {
        self.azimuth = azimuth
        self.elevation = elevation
    }

    /// mplot3d's default view (azim = −60, elev = 30).
    public static let matplotlibDefault = SurfaceCamera(azimuth: -60, elevation: 30)

    /// The view's orthonormal basis in the normalised box (right and up on the screen, and
    /// toward the viewer): mplot3d's `_view_axes` with roll 0, where the eye sits at
    /// (cos e cos a, cos e sin a, sin e), `right` = z × eye and `up` = eye × right, written out
    /// so that it stays defined at elevation 90, where z × eye vanishes.
    var basis: (right: SIMD3<Double>, up: SIMD3<Double>, towardViewer: SIMD3<Double>) {
        let (sa, ca) = Self.sincos(degrees: azimuth)
        let (se, ce) = Self.sincos(degrees: elevation)
        return (right: SIMD3(-sa, ca, 0),
                up: SIMD3(-se * ca, -se * sa, ce),
                towardViewer: SIMD3(ce * ca, ce * sa, se))
    }

    /// Sine and cosine of an angle in degrees, exact at multiples of 90°: straight down must be
    /// exactly the map, and a cos(90°) of 6e-17 would tilt it and break the box's ties by noise.
    static func sincos(degrees: Double) -> (sin: Double, cos: Double) {
        let reduced = degrees.remainder(dividingBy: 360)
        let quadrant = (reduced / 90).rounded()
        let rest = (reduced - 90 * quadrant) * .pi / 180
        let s = sin(rest), c = cos(rest)
        switch Int(quadrant) {
        case 1: return (c, -s)
        case -1: return (-c, s)
        case 2, -2: return (-s, -c)
        default: return (s, c)
        }
    }
}
