// Turning oriented rings into polygons with holes.

import Foundation

/// Sorts rings into exteriors and holes by signed area and gives each hole to the polygon that contains it.
///
/// After d3-contour (src/contours.js `contour`, src/area.js, src/contains.js): counter-clockwise rings
/// (positive area, y up) are exteriors, clockwise ones holes, and zero-area rings are dropped. Rings of one
/// surface never cross, so a single hole vertex that is not on an exterior's boundary tells whether the hole
/// is inside it. Departure: among the exteriors containing a hole we take the smallest (the innermost),
/// where d3 takes the first; with nested rings the first may be an outer one.
enum PolygonAssembly {
    /// Axis-aligned bounds, to skip most containment tests.
    struct Bounds {
        var minX = Double.infinity, minY = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity

        init(_ ring: [Point2D]) {
            for p in ring {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }

        func contains(_ other: Bounds) -> Bool {
            minX <= other.minX && other.maxX <= maxX && minY <= other.minY && other.maxY <= maxY
        }
    }

    /// Polygons from rings oriented with the filled region on their left. O(exteriors × holes) bounds
    /// checks, plus a point-in-ring test for each candidate that passes them.
    ///
    /// Areas and containment are judged on `wellScaled` copies of the rings, so that windows near the
    /// ends of the doubles ([0, 1e308] or [0, 1e-200]) are assembled as [0, 1] is; the polygons keep
    /// the rings as given.
    static func polygons(from rings: [[Point2D]]) -> [ContourPolygon] {
        let judged = wellScaled(rings)
        var polygons: [ContourPolygon] = []
        var exteriors: [[Point2D]] = []
        var exteriorAreas: [Double] = []
        var exteriorBounds: [Bounds] = []
        var holes: [(ring: [Point2D], judged: [Point2D])] = []
        for (ring, scaled) in zip(rings, judged) {
            let area = ContourPolygon.signedArea(scaled)
            if area > 0 {
                polygons.append(ContourPolygon(exterior: ring))
                exteriors.append(scaled)
                exteriorAreas.append(area)
                exteriorBounds.append(Bounds(scaled))
            } else if area < 0 {
                holes.append((ring, scaled))
            }
        }
        for hole in holes {
            let bounds = Bounds(hole.judged)
            var best: Int?
            for k in polygons.indices where exteriorBounds[k].contains(bounds) {
                if let best, exteriorAreas[best] <= exteriorAreas[k] { continue }
                if isInside(hole.judged, exteriors[k]) { best = k }
            }
            // Every hole of a superlevel set lies in some exterior (the padding guarantees it); one that
            // does not would be a degenerate sliver, and is dropped as d3-contour drops it.
            if let best { polygons[best].holes.append(hole.ring) }
        }
        return polygons
    }

    /// Coordinates whose products neither overflow nor underflow: the shoelace formula and the
    /// ray cast multiply two coordinates, so beyond about 1e154 (1e154² is inf) an area is NaN
    /// and below about 1e-154 it is 0, and either way the ring was dropped (a map of [0, 1e-200]
    /// came out blank, one of [0, 1e308] lost its holes).
    static let comfortable: ClosedRange<Double> = 1e-100...1e100

    /// The rings with each axis scaled by a power of two that brings its largest coordinate into
    /// [1, 2) when it is outside `comfortable`; the rings as they are otherwise. A positive
    /// scale of each axis keeps every area's sign, the order of areas and which ring contains
    /// which, and a power of two changes no digit, so points that were equal stay equal.
    static func wellScaled(_ rings: [[Point2D]]) -> [[Point2D]] {
        var largestX = 0.0, largestY = 0.0
        for ring in rings {
            for p in ring {
                largestX = max(largestX, abs(p.x))
                largestY = max(largestY, abs(p.y))
            }
        }
        func exponent(_ largest: Double) -> Int32 {
            largest.isFinite && largest > 0 && !comfortable.contains(largest) ? -Int32(largest.exponent) : 0
        }
        let ex = exponent(largestX), ey = exponent(largestY)
        guard ex != 0 || ey != 0 else { return rings }
        return rings.map { ring in ring.map { Point2D(x: Foundation.scalbn($0.x, ex), y: Foundation.scalbn($0.y, ey)) } }
    }

    /// True if `hole` lies inside `exterior`, judged at the first hole vertex not on the exterior's boundary.
    static func isInside(_ hole: [Point2D], _ exterior: [Point2D]) -> Bool {
        for point in hole {
            switch ContourPolygon.locate(point, in: exterior) {
            case .inside: return true
            case .outside: return false
            case .onBoundary: continue
            }
        }
        // Every vertex on the boundary: the hole retraces the exterior, so it is inside it.
        return true
    }
}
