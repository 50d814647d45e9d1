// Turning oriented rings into polygons with holes.

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
    static func polygons(from rings: [[Point2D]]) -> [ContourPolygon] {
        var polygons: [ContourPolygon] = []
        var exteriorAreas: [Double] = []
        var exteriorBounds: [Bounds] = []
        var holes: [[Point2D]] = []
        for ring in rings {
            let area = ContourPolygon.signedArea(ring)
            if area > 0 {
                polygons.append(ContourPolygon(exterior: ring))
                exteriorAreas.append(area)
                exteriorBounds.append(Bounds(ring))
            } else if area < 0 {
                holes.append(ring)
            }
        }
        for hole in holes {
            let bounds = Bounds(hole)
            var best: Int?
            for k in polygons.indices where exteriorBounds[k].contains(bounds) {
                if let best, exteriorAreas[best] <= exteriorAreas[k] { continue }
                if isInside(hole, polygons[k].exterior) { best = k }
            }
            // Every hole of a superlevel set lies in some exterior (the padding guarantees it); one that
            // does not would be a degenerate sliver, and is dropped as d3-contour drops it.
            if let best { polygons[best].holes.append(hole) }
        }
        return polygons
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
